/**
 * Short forms a notice uses for a party it has named in full, read over the whole notice before
 * its blocks are read (by the text import and the editor alike, in `extractSequence`):
 *
 * - declared ones, [P11] "Công ty Cổ phần Đầu tư X (sau đây gọi là Nhà đầu tư)";
 * - implied ones, [P11] a letter to one company names it in full ("Kính gửi: Công ty cổ phần
 *   Khai thác … Thủ Đô") and then calls it by its head alone ("đề nghị Công ty thực hiện …").
 *
 * Either way the short form is then read as a party wherever it is written (`BlockContext.declaredParties`).
 */
import { findParties } from '../agencies/matcher';
import type { AgencyDirectory } from '../agencies/types';
import { COMPANY_LEGAL_FORMS, SHORT_FORM_HEADS, capitalised, wordsAlt } from './lexicon';

const DECLARED_RE = /\(\s*(?:sau đây\s+)?(?:được\s+)?(?:gọi tắt là|gọi là|viết tắt là|gọi chung là)\s+([^()]{2,40}?)\s*\)/gu;

/**
 * Short forms the notice declares for an organisation ("Công ty Cổ phần Đầu tư X (sau đây gọi là
 * Nhà đầu tư)"): the words before the parenthesis must end with a party name, and the short form
 * must be a capitalised phrase the directory does not already read as a party.
 */
export function declaredParties(text: string, directory?: AgencyDirectory): string[] {
	if (!text.includes('gọi') && !text.includes('viết tắt')) return [];
	const out: string[] = [];
	const opts = directory ? { directory } : {};
	for (let m = DECLARED_RE.exec(text); m; m = DECLARED_RE.exec(text)) {
		const short = (m[1] ?? '').replace(/\s+/gu, ' ').trim();
		if (!/^\p{Lu}[\p{L}\p{M} ]+$/u.test(short) || short.split(' ').length > 6 || out.includes(short)) continue;
		const before = text.slice(Math.max(0, m.index - 160), m.index).replace(/\s+$/u, '');
		const last = findParties(before, opts).at(-1);
		if (!last || last.end !== before.length || last.kind === 'authority' || last.kind === 'leader') continue;
		const self = findParties(short, opts)[0];
		if (self && self.start === 0 && self.end === short.length) continue;
		out.push(short);
	}
	return out;
}

/** A head as it opens a name ("Công ty"), case-sensitive: "công ty" in running text is a common noun. */
const HEAD_RE = new RegExp(`(?<![\\p{L}\\p{M}])(${wordsAlt(capitalised(SHORT_FORM_HEADS))})(?![\\p{L}\\p{M}])`, 'gu');
/** A legal form goes on a name after its head ("Công ty cổ phần …"), written in either case. */
const LEGAL_FORM_RE = new RegExp(`^\\s+(?:${wordsAlt(COMPANY_LEGAL_FORMS)})(?![\\p{L}\\p{M}])`, 'iu');
/** So does a capitalised word or a number ("Công ty Điện lực", "Công ty 36"), as written. */
const CAPITAL_OR_DIGIT_RE = /^[^\S\n]+[\p{Lu}\d]/u;

/**
 * Heads used alone ("Công ty") in a notice that names exactly one organisation of that head in
 * full: the head then refers to it. Two companies named in full make "Công ty" ambiguous, and
 * none is read (the same name cut short or read on counts once, {@link oneOrganisation}). A head the directory reads as a party on its own is left to the directory.
 */
export function impliedShortForms(text: string, directory?: AgencyDirectory): string[] {
	// Heads written alone first (regex tests only): most notices have none, and then no name is read.
	const fullAt = new Map<string, number[]>();
	const bare = new Set<string>();
	for (const m of text.matchAll(HEAD_RE)) {
		const head = m[1] as string;
		const at = (m.index ?? 0) + head.length;
		const after = text.slice(at, at + 40);
		if (!LEGAL_FORM_RE.test(after) && !CAPITAL_OR_DIGIT_RE.test(after)) bare.add(head);
		else if (fullAt.has(head)) fullAt.get(head)?.push(m.index ?? 0);
		else fullAt.set(head, [m.index ?? 0]);
	}
	const out: string[] = [];
	const opts = directory ? { directory } : {};
	for (const head of bare) {
		const names = new Set<string>();
		for (const i of fullAt.get(head) ?? []) {
			const found = findParties(text.slice(i, i + 160), opts)[0];
			if (found && found.start === 0 && found.name.length > head.length) names.add(found.name.toLocaleLowerCase('vi'));
		}
		if (!oneOrganisation(names)) continue;
		const self = findParties(head, opts)[0];
		if (self && self.start === 0 && self.end === head.length) continue;
		out.push(head);
	}
	return out;
}

/**
 * True when the full names are one organisation's: each a start of the next longer one (a name
 * cut by a PDF line break, "… và Chế"; one read on into the verb, "… Thủ Đô nghiêm túc").
 */
function oneOrganisation(names: ReadonlySet<string> | undefined): boolean {
	if (!names?.size) return false;
	const sorted = [...names].sort((a, b) => a.length - b.length);
	return sorted.every((n, i) => i === 0 || n.startsWith(sorted[i - 1] as string));
}

/** Every short form of the notice, declared first. */
export function shortFormsOf(text: string, directory?: AgencyDirectory): string[] {
	const out = declaredParties(text, directory);
	for (const s of impliedShortForms(text, directory)) if (!out.includes(s)) out.push(s);
	return out;
}
