/**
 * The support stage of the block reader: parties that co-operate (phối hợp, cùng, hỗ trợ) and the
 * provincial leaders in charge (RULES.md U, officials).
 */
import { foldKey } from '../agencies/fold';
import { NAME_STOPS } from '../agencies/matcher';
import type { AgencyRef } from './types';
import { isWordChar, matchesIn, skipSpaces } from './blockClauses';
import { readParties, toRef, type Parse } from './blockParties';
import { DIRECTING_RE } from './blockWords';

/** Supporting parties in `[from, to)`: after "phối hợp (với|cùng)", "cùng với", "hỗ trợ". */
export function findSupport(parse: Parse, from: number, to: number): AgencyRef[] {
	const { text, at } = parse;
	const out: AgencyRef[] = [];
	const re = /(phối hợp|Phối hợp|cùng với|Cùng với|hỗ trợ)(?![\p{L}\p{M}])/gu;
	for (const m of matchesIn(re, text, from, to)) {
		// "đôn đốc các chủ đầu tư phối hợp với …": the directed party co-operates, not the lead.
		// Only the same ";"-clause, and at most a few hundred characters back, is looked at: the
		// scan must stay linear on a paragraph without punctuation.
		let clauseStart = m.index;
		const floor = Math.max(from, m.index - 400);
		while (clauseStart > floor && text[clauseStart - 1] !== ';') clauseStart--;
		const window = text.slice(clauseStart, m.index);
		DIRECTING_RE.lastIndex = 0;
		let directed = false;
		for (let d = DIRECTING_RE.exec(window); d; d = DIRECTING_RE.exec(window)) {
			// "lãnh đạo" is the verb after a Party body ("Đảng đoàn X lãnh đạo Y phối hợp …"), the
			// noun after a preposition or determiner ("làm việc với lãnh đạo Sở …").
			if (d[0].startsWith('lãnh đạo') && /(?:với|của|các|và|cùng|đồng chí|đại diện)\s+$/u.test(window.slice(Math.max(0, d.index - 12), d.index))) continue;
			if (!isWordChar(window[d.index - 1]) && (d.index > 0 || !isWordChar(text[clauseStart - 1]))) directed = true;
		}
		if (directed) continue;
		const trigger = (m[1] ?? '').toLowerCase();
		let p = m.index + trigger.length;
		if (trigger === 'phối hợp') {
			const adv = /^(?:\s+(?:chặt chẽ|tốt|thường xuyên|với|cùng))*/u.exec(text.slice(p, p + 40));
			const hadPrep = /với|cùng/u.test(adv?.[0] ?? '');
			p += adv?.[0].length ?? 0;
			if (!hadPrep && !at.get(skipSpaces(text, p))) continue;
		}
		p = skipSpaces(text, p);
		for (;;) {
			const mention = at.get(p);
			let end: number;
			let ref: AgencyRef | null = null;
			if (mention) {
				end = mention.end;
				ref = toRef(mention);
				if (mention.kind === 'generic') {
					// "các chủ đầu tư hạ tầng cụm công nghiệp": extend a collective to its qualifiers.
					const ext = text[end] === ' ' ? readPlainNoun(text, end + 1, to) : end;
					if (ext > end + 1) {
						ref = { ...ref, text: text.slice(mention.start, ext), name: text.slice(mention.start, ext), span: { start: mention.start, end: ext } };
						end = ext;
					}
				}
			} else {
				if (trigger === 'hỗ trợ' || trigger === 'cùng với') break;
				end = readPlainNoun(text, p, to);
				if (end <= p) break;
				const words = text.slice(p, end);
				ref = { name: words, text: words, kind: 'unknown', known: false, span: { start: p, end } };
			}
			const generic = ref.kind === 'generic' && /liên quan/u.test(ref.text);
			if (ref.kind !== 'authority' && !(ref.kind === 'leader' && trigger === 'hỗ trợ') && !generic) out.push(ref);
			const sep = /^(?:\s*,\s*|\s+và\s+)/u.exec(text.slice(end, end + 6));
			if (!sep) break;
			const nxt = end + sep[0].length;
			if (!at.get(nxt) && !/^(?:các|những)\s/u.test(text.slice(nxt, nxt + 6))) break;
			p = nxt;
		}
	}
	return out;
}

/** Reads a plain noun phrase up to the predicate (for parties the directory cannot know). */
function readPlainNoun(text: string, p: number, to: number): number {
	let end = p;
	let q = p;
	for (let words = 0; words < 8 && q < to; words++) {
		const w = /^[\p{L}\p{M}\d]+/u.exec(text.slice(q, q + 20))?.[0];
		if (!w) break;
		const wk = foldKey(w);
		const pair = /^([\p{L}\p{M}]+)\s+([\p{L}\p{M}]+)/u.exec(foldKey(text.slice(q, q + 30)));
		if (NAME_STOPS.has(wk) || (pair && NAME_STOPS.has(`${pair[1]} ${pair[2]}`))) break;
		end = q + w.length;
		if (text[end] !== ' ') break;
		q = end + 1;
	}
	return end;
}

/** Leaders who direct or handle the matter: objects of "tham mưu", signers of the document. */
export function findOfficials(parse: Parse, from: number, to: number): AgencyRef[] {
	const { text, at } = parse;
	const out: AgencyRef[] = [];
	const re = /tham mưu\s+(?:cho\s+)?/gu;
	for (const m of matchesIn(re, text, from, to)) {
		const p = m.index + m[0].length;
		const list = readParties(parse, p);
		if (list) {
			for (const x of list.mentions) if (x.kind === 'leader') out.push(toRef(x));
			continue;
		}
		// "tham mưu văn bản của Chủ tịch UBND tỉnh giao …": the leader signs the directing document.
		const doc = /^(?:văn bản|công văn|quyết định|kế hoạch|chỉ thị|công điện|dự thảo)[^,;.]{0,30}?của\s+/iu.exec(text.slice(p, p + 60));
		if (doc) {
			const signer = at.get(p + doc[0].length);
			if (signer?.kind === 'leader') out.push(toRef(signer));
		}
	}
	const sign = /trình\s+/gu;
	for (const m of matchesIn(sign, text, from, to)) {
		const x = at.get(m.index + m[0].length);
		if (x?.kind === 'leader' && /^\s+(?:ký|ban hành)/u.test(text.slice(x.end, x.end + 12))) out.push(toRef(x));
	}
	return out;
}
