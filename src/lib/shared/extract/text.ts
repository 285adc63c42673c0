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
	/** Where each character of `text` came from in the NFC source (see {@link runOffset}). */
	runs: OffsetRuns;
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

/** [L16] A Markdown heading mark ("### ") before a list marker ("### II. VỀ CÁC KIẾN NGHỊ …"). */
const ATX_BEFORE_MARKER_RE = /^#{1,6}[ \t]+(?=(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})\.\s|\(?[a-zđ\d]{1,2}\)\s)/u;

/** Reads a list marker at the start of `text`. */
export function readMarker(text: string): { marker: string; type: MarkerType; rank: number; length: number } {
	// [L16] A Markdown heading mark before the marker is markup: the marker is read after it.
	const atx = text.charCodeAt(0) === 35 ? ATX_BEFORE_MARKER_RE.exec(text) : null;
	if (atx) {
		const inner = readMarker(text.slice(atx[0].length));
		return inner.type === 'none' ? inner : { ...inner, length: inner.length + atx[0].length };
	}
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
		if (i === text.length || text.charCodeAt(i) === 10) {
			const e = i > s && text[i - 1] === '\r' ? i - 1 : i;
			out.push({ start: s, end: e, text: text.slice(s, e) });
			s = i + 1;
		}
	}
	return out;
}

const FOOTNOTE_MARK_RE = /^\s*(?:⁽[\d¹²³⁴⁵⁶⁷⁸⁹⁰]+⁾|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)(?=\s+(?:Báo cáo|Văn bản|Quyết định|Công văn|Thông báo|Kế hoạch|Tờ trình)))/u;
/** Closing quotes, brackets and stars that may follow a sentence's last punctuation. */
const TRAILING_CLOSERS_RE = /["”’)*\s]/u;
/**
 * True when `t` ends a sentence: ". : ; ! ?" (or "./."), then only closing quotes, brackets, stars
 * and spaces. A backward scan: a `…$` regex is tried at every position of the line.
 */
const TERMINAL_RE = {
	test(t: string): boolean {
		let e = t.length;
		while (e > 0 && TRAILING_CLOSERS_RE.test(t[e - 1] as string)) e--;
		const c = t.charCodeAt(e - 1);
		return c === 46 || c === 58 || c === 59 || c === 33 || c === 63;
	}
};

/** Two columns of a header set side by side with spaces. */
const COLUMNS_RE = /\S {4,}\S/u;
/** A line in capitals ("THÔNG BÁO", "UBND TỈNH HÀ TĨNH"), at least two capital letters long. */
const isCaps = (t: string) => t.length >= 6 && /\p{Lu}.*\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t);

/**
 * [L10] Footnote references glued to a word in the body ("… thiết kế mỏ1 .", "… pháp luật2."): the
 * numbers, each with where it is written, in reading order.
 */
function gluedFootnoteRefs(nfc: string): Array<{ n: number; at: number }> {
	const refs: Array<{ n: number; at: number }> = [];
	for (const m of nfc.matchAll(/(?<![\p{L}\p{M}\d])\p{Ll}[\p{Ll}\p{M}]+(\d{1,2})(?=[\s.,:;)]|$)/gu)) refs.push({ n: Number(m[1]), at: m.index + m[0].length });
	return refs;
}

/** [L16] A line of YAML front matter: a key ("title: …", "tags:"), a list item or a continuation. */
const YAML_LINE_RE = /^(?:[\p{L}_][\p{L}\p{M}\d_-]*\s*:(?:\s|$)|\s+\S)/u;

/**
 * [L16] Where the front matter that opens at `lines[i]` ends (the index after its closing "---"),
 * or -1: a Markdown page saved from a site ("---", "layout: van-ban", "title: …", "tags:", "  - …",
 * "---") carries its metadata first, which is no part of the notice.
 */
function frontMatterEnd(lines: Line[], i: number): number {
	if (lines[i]?.text.trim() !== '---' || !/^[\p{L}_][\p{L}\p{M}\d_-]*\s*:(?:\s|$)/u.test(lines[i + 1]?.text ?? '')) return -1;
	for (let j = i + 1; j < lines.length && j < i + 200; j++) {
		const t = lines[j]?.text ?? '';
		if (t.trim() === '---') return j + 1;
		if (t.trim() && !YAML_LINE_RE.test(t)) return -1;
	}
	return -1;
}

/** Drops page numbers and footnote text; returns the content lines. */
function contentLines(lines: Line[], nfc = ''): Line[] {
	const out: Line[] = [];
	let inFootnote = false;
	/** Glued footnote references (read once, when a line looks like a note), and the notes read. */
	let refs: Array<{ n: number; at: number }> | null = null;
	const notesRead = new Set<number>();
	// A long run of spaces is the rule a PDF draws above its footnotes; the footnote area starts
	// only if a numbered note follows it.
	let afterRule = false;
	let zone = false;
	for (let li = 0; li < lines.length; li++) {
		const line = lines[li] as Line;
		const t = line.text.trim();
		if (!t) {
			if (line.text.length >= 20) afterRule = true;
			continue;
		}
		// [L16] The front matter of a Markdown page (before any content) is metadata.
		if (!out.some((l) => !/^#/u.test(l.text.trim()))) {
			const end = frontMatterEnd(lines, li);
			if (end > 0) {
				li = end - 1;
				continue;
			}
		}
		// [L14] An OCR page separator ("===== Trang 2 =====") is a page number too.
		if (/^(?:-\s*)?\d{1,3}(?:\s*-)?$|^Trang\s+\d+|^[=*#\-–—]{2,}\s*Trang\s+\d+\s*[=*#\-–—]*$/u.test(t)) {
			// The page number closes the foot of its page: the text after it is the next page's body.
			inFootnote = false;
			zone = false;
			continue;
		}
		// Decorative rules under a title ("_____________") are not content; a PDF draws the same
		// rule above the footnotes of a page, which start only if a numbered note follows it.
		// [L16] So is a Markdown thematic break ("---", "***").
		if (/^(?:[_\-–—.=]{5,}|-{3,}|\*{3,})$/u.test(t)) {
			afterRule = true;
			continue;
		}
		const c0 = t.charCodeAt(0);
		const note = c0 >= 48 && c0 <= 57 ? /^(\d{1,2})\s+\p{Lu}/u.exec(t) : null;
		let numbered = FOOTNOTE_MARK_RE.test(t) || ((afterRule || zone) && !!note);
		// [L10] "1 Nội dung thiết kế mỏ được quy định tại …" under a body line that ends "… thiết kế
		// mỏ1 .": a line that opens with the number of a reference glued to a word above it, not yet
		// read, is that footnote, even with no rule drawn above it.
		if (!numbered && note) {
			const n = Number(note[1]);
			refs ??= gluedFootnoteRefs(nfc);
			if (!notesRead.has(n) && refs.some((r) => r.n === n && r.at <= line.start)) numbered = true;
		}
		if (numbered && note) notesRead.add(Number(note[1]));
		afterRule = false;
		if (numbered) {
			// Footnotes follow one another at the foot of the page until the text resumes.
			zone = true;
			inFootnote = !TERMINAL_RE.test(t);
			continue;
		}
		if (!inFootnote) zone = false;
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

/**
 * An offset map stored as runs: `[textStart, sourceStart, length]` triples, in order. Blocks are
 * mostly copied verbatim, so a handful of runs replaces one number per character.
 */
export type OffsetRuns = number[];

class RunBuilder {
	readonly parts: string[] = [];
	readonly runs: OffsetRuns = [];
	length = 0;
	private lastSpace = true;
	/** Appends `src.slice(from, to)` (no spaces inside that need collapsing). */
	copy(src: string, from: number, to: number): void {
		if (to <= from) return;
		this.parts.push(src.slice(from, to));
		const n = this.runs.length;
		if (
			n &&
			(this.runs[n - 3] as number) + (this.runs[n - 1] as number) === this.length &&
			(this.runs[n - 2] as number) + (this.runs[n - 1] as number) === from
		)
			this.runs[n - 1] = (this.runs[n - 1] as number) + (to - from);
		else this.runs.push(this.length, from, to - from);
		this.length += to - from;
		this.lastSpace = src.charCodeAt(to - 1) === 32;
	}
	/** Appends the tab at `at` (a cell boundary of a table row). */
	tab(src: string, at: number): void {
		this.copy(src, at, at + 1);
		this.lastSpace = true;
	}
	/** Appends one space mapped to `at`, unless the text already ends with one. */
	space(src: string, at: number): void {
		if (this.lastSpace) return;
		if (src.charCodeAt(at) === 32) this.copy(src, at, at + 1);
		else {
			this.parts.push(' ');
			this.runs.push(this.length, at, 1);
			this.length += 1;
		}
		this.lastSpace = true;
	}
}

/** Looks up the source offset of text index `i` in `runs`. */
export function runOffset(runs: OffsetRuns, i: number): number {
	let lo = 0;
	let hi = runs.length / 3 - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if ((runs[mid * 3] as number) <= i) lo = mid;
		else hi = mid - 1;
	}
	return (runs[lo * 3 + 1] as number) + (i - (runs[lo * 3] as number));
}

/** A table row pasted or imported as text: three cells or more, separated by tabs. */
export const isTabRow = (text: string): boolean => text.split('\t').length >= 3;

const LOWER_RE = /\p{Ll}/u;
/**
 * `/\p{Ll}\d|[WPgUTDV]\d/u.test(text)`, looked for from the digits only (few in a text): a
 * lower-case letter or an issuer-code capital right before a digit.
 */
function hasGluedDigit(text: string): boolean {
	for (let i = 1; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 48 || c > 57) continue;
		const p = text.charCodeAt(i - 1);
		// A letter outside the BMP (a surrogate pair) is a code point: let the regex judge.
		if (p >= 0xd800 && p <= 0xdfff) return /\p{Ll}\d|[WPgUTDV]\d/u.test(text);
		if (p === 87 || p === 80 || p === 103 || p === 85 || p === 84 || p === 68 || p === 86) return true;
		if (p >= 97 && p <= 122) return true;
		if (p >= 128 && LOWER_RE.test(text[i - 1] as string)) return true;
	}
	return false;
}

/**
 * Builds a block's clean text from its source lines: `*` and superscript footnote marks removed,
 * whitespace collapsed, lines joined by one space, footnote numbers glued to words ("như1:")
 * removed.
 */
function buildBlock(src: string, lines: Line[]): { text: string; runs: OffsetRuns } {
	const b = new RunBuilder();
	// A table row keeps its tabs, empty cells too: the columns are read by position (table.ts).
	const first = lines[0];
	const row = lines.length === 1 && !!first && isTabRow(src.slice(first.start, first.end));
	lines.forEach((line, k) => {
		if (k > 0) b.space(src, line.start);
		let from = line.start;
		for (let i = line.start; i < line.end; i++) {
			const c = src.charCodeAt(i);
			if (c === 42 || isSuperscript(c)) {
				b.copy(src, from, i);
				from = i + 1;
			} else if (row && c === 9) {
				b.copy(src, from, i);
				b.tab(src, i);
				from = i + 1;
			} else if (isSpace(c) && (c !== 32 || isSpace(src.charCodeAt(i + 1)) || i + 1 === line.end || i === from)) {
				b.copy(src, from, i);
				b.space(src, i);
				from = i + 1;
			}
		}
		b.copy(src, from, line.end);
	});
	let text = b.parts.join('');
	let runs = b.runs;
	if (hasGluedDigit(text)) {
		// "tỉnh3." / "như1:" — a footnote number glued to a lower-case word of two or more letters;
		// "Nghị quyết số 18-NQ/TW1 ngày …" — or to a document number whose issuer code never takes
		// digits (Trung ương, Chính phủ, Thủ tướng, a Party committee, a People's Committee).
		const glued =
			/(?<![\p{L}\p{M}\d])(?:(\p{Ll}[\p{Ll}\p{M}]+)|(\d{1,4}[-/](?:[\p{L}\d]{1,8}[-/]){0,3}(?:TW|TƯ|CP|TTg|TU|HU|ĐU|BCT|BTV|BCĐ|UBND|HĐND|VPCP|VPUBND)))(\d{1,2})(?=[\s.,:;)]|$)/gu;
		const out = new RunBuilder();
		let last = 0;
		const copyText = (from: number, to: number) => {
			for (let i = from; i < to;) {
				const at = runOffset(runs, i);
				let j = i + 1;
				while (j < to && runOffset(runs, j) === at + (j - i)) j++;
				out.parts.push(text.slice(i, j));
				out.runs.push(out.length, at, j - i);
				out.length += j - i;
				i = j;
			}
		};
		for (let m = glued.exec(text); m; m = glued.exec(text)) {
			const cut = m.index + (m[1] ?? m[2] ?? '').length;
			copyText(last, cut);
			last = cut + (m[3]?.length ?? 0);
		}
		copyText(last, text.length);
		text = out.parts.join('');
		runs = out.runs;
	}
	return { text, runs };
}

function percentile(values: number[], p: number): number {
	if (!values.length) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** A line that is nothing but a list marker ("1.", "II.", "a)", "-"). */
function isBareMarker(t: string): boolean {
	if (t.length > 8) return false;
	const m = readMarker(`${t} `);
	return m.type !== 'none' && m.length >= t.length;
}

/**
 * Splits a notice (already NFC) into blocks. A line continues the previous one when that one did
 * not end a sentence and either this line starts in lower case or the previous line filled the
 * page width (a PDF wrap); list markers always start a block, and a marker alone on its line takes
 * the next line as its text.
 */
/** A line that ends with a word that needs a number after it ("tại Khoản", "Điều", "số", "ngày"). */
const NEEDS_NUMBER_RE = /(?<![\p{L}\p{M}])(?:[Kk]hoản|[Đđ]iều|[Đđ]iểm|[Mm]ục|[Cc]hương|số|ngày|tháng|năm)$/u;

/** The line that opens the recipient list. */
const RECIPIENTS_LINE_RE = /^Nơi nhận(?![\p{L}\p{M}])/iu;

/** A line that is a single parenthesised aside, with no parenthesis inside. */
const WHOLE_ASIDE_RE = /^\([^()]+\)$/u;

export function segmentNotice(nfc: string): SourceBlock[] {
	const lines = contentLines(splitLines(nfc), nfc);
	const width = percentile(
		lines.map((l) => l.text.trim().length),
		0.9
	);
	// [L15] pdftotext -layout indents the first line of a paragraph and starts its wrapped lines at
	// the margin: in such a text a line at the margin after ";" goes on with an indented paragraph.
	const indentOf = (l: Line) => l.text.length - l.text.trimStart().length;
	const indented = lines.filter((l) => indentOf(l) >= 4).length;
	const layout = lines.length >= 10 && indented >= 0.15 * lines.length && indented <= 0.85 * lines.length;
	const groups: Line[][] = [];
	for (const line of lines) {
		const t = line.text.trim();
		const prevGroup = groups[groups.length - 1];
		const prev = prevGroup?.[prevGroup.length - 1];
		const marker = readMarker(t).type !== 'none' || isBareMarker(t);
		let join = false;
		// A list number printed alone on its line ("1." then "Về công tác …"): the line after it is
		// its text, whatever it looks like.
		if (prev && prevGroup.length === 1 && isBareMarker(prev.text.trim()) && readMarker(t).type === 'none' && !isBareMarker(t)) {
			prevGroup.push(line);
			continue;
		}
		// [L8] "… theo quy định tại Khoản" / "3 - Điều 61 Luật …": a number right after a word that
		// needs one goes on with the sentence; it is no list number.
		if (prev && /^\d/u.test(t) && NEEDS_NUMBER_RE.test(prev.text.trimEnd())) {
			prevGroup?.push(line);
			continue;
		}
		if (prev && !marker) {
			const pt = prev.text.trim();
			const lower = /^[\p{Ll}(]/u.test(t);
			const pdf = width >= 40 && width <= 120;
			const wrapped = pdf && pt.length >= 0.6 * width;
			// In a page-width-wrapped text a colon at the end of a full line usually announces a
			// list of names or a clause that goes on ("… Phó Chủ tịch UBND tỉnh: Hoàng Quốc Khánh").
			// [L9] A line that is one aside in parentheses ("(Địa chỉ: Khu công nghiệp …)" under
			// "Kính gửi:") is complete: a capitalised line after it starts the next paragraph.
			const terminal = (TERMINAL_RE.test(pt) && !(wrapped && /:["”’)*\s]*$/u.test(pt))) || (!lower && WHOLE_ASIDE_RE.test(pt));
			// A clause that goes on after ";" on the next line of a PDF ("…các dự án trọng điểm;" /
			// "hoàn thành trong tháng 10/2023.") starts in lower case: same paragraph.
			const clauseGoesOn = pdf && lower && /[;,]["”’)*\s]*$/u.test(pt) && !/^\(/u.test(t);
			join = (!terminal && (lower || wrapped)) || clauseGoesOn;
			// [L15] "      - Báo cáo 6 tháng: … trước ngày 05/7;" / "Sở Tài chính tổng hợp … trước ngày 10/7".
			if (!join && layout && /;["”’)*\s]*$/u.test(pt) && indentOf(line) === 0 && prevGroup && indentOf(prevGroup[0] as Line) >= 4) join = true;
			// Header lines do not run on: a two-column layout pasted as one line ("UBND TỈNH HÀ TĨNH
			// ⎵⎵⎵⎵ CỘNG HÒA …"), a line in capitals next to one that is not, and the opening
			// "Ngày 08/9/2023, …" of the body after a title that ends without punctuation.
			if (
				join &&
				(line.text.includes('\t') ||
					prev.text.includes('\t') ||
					COLUMNS_RE.test(prev.text.trim()) ||
					COLUMNS_RE.test(t) ||
					isCaps(pt) !== isCaps(t) ||
					/^Ngày\s+\d/u.test(t))
			)
				join = false;
		}
		// [L12] The recipient list ("Nơi nhận:") starts a block of its own, even after an OCR line
		// that ends in noise ("… của Quý Cơ quan. l").
		if (join && RECIPIENTS_LINE_RE.test(t)) join = false;
		if (join && prevGroup) prevGroup.push(line);
		else groups.push([line]);
	}
	const blocks: SourceBlock[] = [];
	for (const group of groups) {
		const built = buildBlock(nfc, group);
		const whole = built.text;
		const lead = whole.length - whole.trimStart().length;
		const trimmed = whole.trimEnd();
		const mk = readMarker(whole.slice(lead));
		const from = lead + mk.length;
		const text = trimmed.slice(from);
		if (!text && !mk.marker) continue;
		// Re-base the runs on the block text (marker and leading spaces cut off).
		const runs: OffsetRuns = [];
		for (let r = 0; r < built.runs.length; r += 3) {
			const ts = built.runs[r] as number;
			const ss = built.runs[r + 1] as number;
			const len = built.runs[r + 2] as number;
			const a = Math.max(ts, from);
			const e = Math.min(ts + len, trimmed.length);
			if (e > a) runs.push(a - from, ss + (a - ts), e - a);
		}
		const first = group[0] as Line;
		const lastLine = group[group.length - 1] as Line;
		const start = trimmed.length > lead ? runOffset(built.runs, lead) : first.start;
		const end = trimmed.length > lead ? runOffset(built.runs, trimmed.length - 1) + 1 : lastLine.end;
		blocks.push({
			text,
			runs: runs.length ? runs : [0, start, 0],
			marker: mk.marker,
			markerType: mk.type,
			rank: mk.rank,
			start,
			end,
			openEnded: !TERMINAL_RE.test(text)
		});
	}
	return blocks;
}

/**
 * [L11] Letters a PDF's legacy font encoding puts for Vietnamese ones ("Thƣơng", "đƣợc": U+01A3 "ƣ"
 * for "ư"), one for one: the repaired text keeps every offset.
 */
const LEGACY_LETTERS: ReadonlyMap<string, string> = new Map([
	['\u01a3', '\u01b0'],
	['\u01a2', '\u01af']
]);
const LEGACY_LETTERS_RE = /[\u01a2\u01a3]/gu;
const LEGACY_LETTER_RE = /[\u01a2\u01a3]/u;

/** The text with {@link LEGACY_LETTERS} repaired (same length, same offsets). */
export function repairLegacyLetters(text: string): string {
	return LEGACY_LETTER_RE.test(text) ? text.replace(LEGACY_LETTERS_RE, (c) => LEGACY_LETTERS.get(c) ?? c) : text;
}

/** Maps a span of a block's cleaned text back to NFC source offsets. */
export function toSourceSpan(block: SourceBlock, start: number, end: number): { start: number; end: number } {
	const n = block.text.length;
	if (!n) return { start: block.start, end: block.start };
	const s = runOffset(block.runs, Math.max(0, Math.min(start, n - 1)));
	const e = runOffset(block.runs, Math.max(0, Math.min(end - 1, n - 1))) + 1;
	return { start: s, end: Math.max(e, s) };
}
