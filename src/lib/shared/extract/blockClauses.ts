/**
 * Segmentation inside a block: sentences and the clause starts within a sentence, and the small
 * text helpers the other stages share.
 */
import type { Span } from './types';

/**
 * Matches of a global regex that start in `[from, to)`, with indices into `text`. The regex runs
 * on that window only, so a search never scans the rest of a long paragraph.
 */
export function matchesIn(re: RegExp, text: string, from: number, to: number): RegExpExecArray[] {
	const out: RegExpExecArray[] = [];
	if (to <= from) return out;
	// A little look-ahead past `to` lets a match that starts inside the window finish.
	const window = text.slice(from, Math.min(text.length, to + 40));
	re.lastIndex = 0;
	for (let m = re.exec(window); m && m.index < to - from; m = re.exec(window)) {
		m.index += from;
		out.push(m);
		if (m[0] === '') re.lastIndex++;
	}
	return out;
}

export const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\d]/u.test(c);

/** Per-code-unit memo of `/\s/u`: 0 unknown, 1 a space, 2 not. */
const spaceMemo = new Uint8Array(65536);

const SPACE_RE = /\s/u;

export function skipSpaces(text: string, p: number): number {
	while (p < text.length) {
		const c = text.charCodeAt(p);
		let v = spaceMemo[c] as number;
		if (v === 0) spaceMemo[c] = v = SPACE_RE.test(text[p] as string) ? 1 : 2;
		if (v !== 1) break;
		p++;
	}
	return p;
}

// UTF-16 code units of the punctuation the scanners below look at.
export const OPEN_PAREN = 40;

export const CLOSE_PAREN = 41;

const OPEN_BRACKET = 91;

const CLOSE_BRACKET = 93;

const PERIOD = 46;

const EXCLAMATION = 33;

const QUESTION = 63;

export const SEMICOLON = 59;

export const COLON = 58;

export const COMMA = 44;

const SPACE = 32;

const LETTER_T = 116;

/** Sentence spans in `text`: a period (or ! ?) followed by a capital letter starts a new one. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
	const out: Span[] = [];
	let start = skipSpaces(text, from);
	let depth = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
		else if ((c === CLOSE_PAREN || c === CLOSE_BRACKET) && depth > 0) depth--;
		else if ((c === PERIOD || c === EXCLAMATION || c === QUESTION) && depth === 0) {
			let j = i + 1;
			while (j < to && (text[j] === '.' || text[j] === '/')) j++;
			const k = skipSpaces(text, j);
			if (k >= to) continue;
			if (k === j) continue;
			if (!/[\p{Lu}“"(]/u.test(text[k] ?? '')) continue;
			// Abbreviations ("TP. Hồ Chí Minh", "v.v. Các …") do not end a sentence.
			const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(from, i - 6), i))?.[1] ?? '';
			if (/^(?:TP|Tp|TX|TT|ThS|TS|PGS|GS|St|v\.v|Q|P)$/u.test(word)) continue;
			out.push({ start, end: j });
			start = k;
			i = k - 1;
		}
	}
	const end = to;
	let e = end;
	while (e > start && /\s/u.test(text[e - 1] ?? '')) e--;
	if (e > start) out.push({ start, end: e });
	return out;
}

interface ClauseStart {
	pos: number;
	comma: boolean;
}

/** Candidate clause starts in `[from, to)`: the start, after ; : and "thì", and after commas. */
export function clauseStarts(text: string, from: number, to: number): ClauseStart[] {
	const out: ClauseStart[] = [{ pos: from, comma: false }];
	let depth = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN) depth++;
		else if (c === CLOSE_PAREN && depth > 0) depth--;
		else if (depth > 0) continue;
		else if (c === SEMICOLON || c === COLON) out.push({ pos: skipSpaces(text, i + 1), comma: false });
		else if (c === COMMA) out.push({ pos: skipSpaces(text, i + 1), comma: true });
		else if (c === SPACE && text.charCodeAt(i + 1) === LETTER_T && text.startsWith(' thì ', i)) out.push({ pos: i + 5, comma: false });
	}
	return out.filter((s) => s.pos < to);
}
