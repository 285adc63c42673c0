/**
 * Turns the plain text of a notice into blocks (paragraphs and list items), re-joining the
 * lines a PDF or .docx export broke, dropping page numbers and footnotes, and keeping for every
 * character of a block the offset it came from in the NFC text of the original file.
 */

/** List marker families, from the outermost to the innermost as Vietnamese notices nest them. */
export type MarkerType = 'roman' | 'decimal' | 'paren' | 'alpha' | 'dash' | 'plus' | 'none';

/** One block of a notice. */
export interface SourceBlock {
	/** Cleaned text: one line, single spaces, markdown `*` and footnote numbers removed, no list marker. */
	text: string;
	/** `map[i]` is the offset in the NFC source of `text[i]`. */
	map: number[];
	/** The list marker as written ("2.1.", "(3)", "-"), or "". */
	marker: string;
	/** Marker family. */
	markerType: MarkerType;
	/** Nesting rank: smaller is outer (I. = 1, 1. = 2, 1.1. = 3, a) / (1) = 5, - = 7, + = 8). */
	rank: number;
	/** Span of the whole block (marker included) in the NFC source. */
	start: number;
	/** End of the block in the NFC source (exclusive). */
	end: number;
	/** True when the source line(s) ended without sentence punctuation (a heading shape). */
	openEnded: boolean;
}

interface Line {
	start: number;
	end: number;
	text: string;
}

const MARKER_RE =
	/^(?:(?<roman>[IVX]{1,5})\.(?=\s)|(?<dec>\d{1,2}(?:\.\d{1,2}){1,3})\.?(?=\s)|(?<dec1>\d{1,2})\.(?=\s)|\((?<paren>\d{1,2}|[a-zđ])\)(?=\s)|(?<alpha>[a-zđ])\)(?=\s)|(?<dash>[-–—•])(?=\s)|(?<plus>\+)(?=\s))\s*/u;

/** Reads a list marker at the start of `text`. */
export function readMarker(text: string): { marker: string; type: MarkerType; rank: number; length: number } {
	const m = MARKER_RE.exec(text);
	if (!m?.groups) return { marker: '', type: 'none', rank: 99, length: 0 };
	const g = m.groups;
	const marker = m[0].trim();
	if (g.roman) return { marker, type: 'roman', rank: 1, length: m[0].length };
	if (g.dec) return { marker, type: 'decimal', rank: 2 + (g.dec.split('.').length - 1), length: m[0].length };
	if (g.dec1) return { marker, type: 'decimal', rank: 2, length: m[0].length };
	if (g.paren) return { marker, type: 'paren', rank: /\d/u.test(g.paren) ? 5 : 6, length: m[0].length };
	if (g.alpha) return { marker, type: 'alpha', rank: 5, length: m[0].length };
	if (g.plus) return { marker, type: 'plus', rank: 8, length: m[0].length };
	return { marker, type: 'dash', rank: 7, length: m[0].length };
}

function splitLines(text: string): Line[] {
	const out: Line[] = [];
	let s = 0;
	for (let i = 0; i <= text.length; i++) {
		if (i === text.length || text[i] === '\n') {
			const e = i > s && text[i - 1] === '\r' ? i - 1 : i;
			out.push({ start: s, end: e, text: text.slice(s, e) });
			s = i + 1;
		}
	}
	return out;
}

const FOOTNOTE_MARK_RE = /^\s*(?:⁽[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)(?=\s+(?:Báo cáo|Văn bản|Quyết định|Công văn|Thông báo|Kế hoạch|Tờ trình)))/u;
const TERMINAL_RE = /(?:[.:;!?]|\.\/\.)["”’)*\s]*$/u;

/** Drops page numbers and footnote text; returns the content lines. */
function contentLines(lines: Line[]): Line[] {
	const out: Line[] = [];
	let inFootnote = false;
	// A long run of spaces is the rule a PDF draws above its footnotes; the footnote area starts
	// only if a numbered note follows it.
	let afterRule = false;
	for (const line of lines) {
		const t = line.text.trim();
		if (!t) {
			if (line.text.length >= 20) afterRule = true;
			continue;
		}
		if (/^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang\s+\d+/u.test(t)) continue;
		// Decorative rules under a title ("_____________") are not content.
		if (/^[_\-–—.=]{5,}$/u.test(t)) continue;
		const numbered = FOOTNOTE_MARK_RE.test(t) || (afterRule && /^\d{1,2}\s+\p{Lu}/u.test(t));
		afterRule = false;
		if (numbered) {
			inFootnote = !TERMINAL_RE.test(t);
			continue;
		}
		if (inFootnote) {
			// Continuation of a footnote until it ends with sentence punctuation.
			if (/^\p{Ll}/u.test(t) || readMarker(t).type === 'none') {
				inFootnote = !TERMINAL_RE.test(t);
				continue;
			}
			inFootnote = false;
		}
		out.push(line);
	}
	return out;
}

/** Superscript digits and parentheses that mark footnotes (¹ ² ³ ⁰ ⁴–⁹ ⁽ ⁾). */
const isSuperscript = (c: number) => c === 0xb9 || c === 0xb2 || c === 0xb3 || (c >= 0x2070 && c <= 0x207e);
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 0xa0;

/** Removes `*`, superscript footnote marks and footnote numbers glued to words ("như1:"). */
function cleanBlock(chars: string[], map: number[]): { text: string; map: number[] } {
	const out: string[] = [];
	const outMap: number[] = [];
	let lastSpace = true;
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i] as string;
		const code = c.charCodeAt(0);
		if (code === 42 || isSuperscript(code)) continue;
		if (isSpace(code)) {
			if (!lastSpace) {
				out.push(' ');
				outMap.push(map[i] as number);
				lastSpace = true;
			}
			continue;
		}
		lastSpace = false;
		out.push(c);
		outMap.push(map[i] as number);
	}
	const text = out.join('');
	if (!/\p{Ll}\d/u.test(text)) {
		let e = text.length;
		while (e > 0 && text[e - 1] === ' ') e--;
		return { text: text.slice(0, e), map: e === outMap.length ? outMap : outMap.slice(0, e) };
	}
	// "tỉnh3." / "như1:" — a footnote number glued to a lower-case word of two or more letters.
	const glued = /(?<![\p{L}\p{M}\d])(\p{Ll}[\p{Ll}\p{M}]+)(\d{1,2})(?=[\s.,:;)]|$)/gu;
	let result = '';
	let resultMap: number[] = [];
	let last = 0;
	for (let m = glued.exec(text); m; m = glued.exec(text)) {
		const cut = m.index + (m[1]?.length ?? 0);
		result += text.slice(last, cut);
		resultMap = resultMap.concat(outMap.slice(last, cut));
		last = cut + (m[2]?.length ?? 0);
	}
	if (last === 0) {
		result = text;
		resultMap = outMap;
	} else {
		result += text.slice(last);
		resultMap = resultMap.concat(outMap.slice(last));
	}
	let e = result.length;
	while (e > 0 && result[e - 1] === ' ') e--;
	return { text: result.slice(0, e), map: e === resultMap.length ? resultMap : resultMap.slice(0, e) };
}

function percentile(values: number[], p: number): number {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/**
 * Splits a notice (already NFC) into blocks. A line continues the previous one when that one did
 * not end a sentence and either this line starts in lower case or the previous line filled the
 * page width (a PDF wrap); list markers always start a block.
 */
export function segmentNotice(nfc: string): SourceBlock[] {
	const lines = contentLines(splitLines(nfc));
	const width = percentile(
		lines.map((l) => l.text.trim().length),
		0.9
	);
	const groups: Line[][] = [];
	for (const line of lines) {
		const t = line.text.trim();
		const prevGroup = groups[groups.length - 1];
		const prev = prevGroup?.[prevGroup.length - 1];
		const marker = readMarker(t).type !== 'none';
		let join = false;
		if (prev && !marker) {
			const pt = prev.text.trim();
			const lower = /^[\p{Ll}(]/u.test(t);
			const pdf = width >= 40 && width <= 120;
			const wrapped = pdf && pt.length >= 0.6 * width;
			// In a page-width-wrapped text a colon at the end of a full line usually announces a
			// list of names or a clause that goes on ("… Phó Chủ tịch UBND tỉnh: Hoàng Quốc Khánh").
			const terminal = TERMINAL_RE.test(pt) && !(wrapped && /:["”’)*\s]*$/u.test(pt));
			join = !terminal && (lower || wrapped);
		}
		if (join && prevGroup) prevGroup.push(line);
		else groups.push([line]);
	}
	const blocks: SourceBlock[] = [];
	for (const group of groups) {
		const chars: string[] = [];
		const map: number[] = [];
		group.forEach((line, k) => {
			if (k > 0) {
				chars.push(' ');
				map.push(line.start);
			}
			for (let i = line.start; i < line.end; i++) {
				chars.push(nfc[i] as string);
				map.push(i);
			}
		});
		const cleaned = cleanBlock(chars, map);
		const lead = cleaned.text.length - cleaned.text.trimStart().length;
		const body = cleaned.text.slice(lead);
		const mk = readMarker(body);
		const text = body.slice(mk.length);
		const bmap = cleaned.map.slice(lead + mk.length);
		if (!text && !mk.marker) continue;
		const first = group[0] as Line;
		const lastLine = group[group.length - 1] as Line;
		blocks.push({
			text,
			map: bmap,
			marker: mk.marker,
			markerType: mk.type,
			rank: mk.rank,
			start: cleaned.map[lead] ?? first.start,
			end: (cleaned.map[cleaned.map.length - 1] ?? lastLine.end - 1) + 1,
			openEnded: !TERMINAL_RE.test(text)
		});
	}
	return blocks;
}

/** Maps a span of a block's cleaned text back to NFC source offsets. */
export function toSourceSpan(block: SourceBlock, start: number, end: number): { start: number; end: number } {
	const s = block.map[Math.max(0, Math.min(start, block.map.length - 1))] ?? block.start;
	const e = (block.map[Math.max(0, Math.min(end - 1, block.map.length - 1))] ?? block.end - 1) + 1;
	return { start: s, end: Math.max(e, s) };
}
