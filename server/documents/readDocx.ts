/**
 * A Word .docx as paragraphs for the recogniser, read with mammoth's document model (not its
 * HTML): runs keep bold and italic, Word's automatic numbering gives the list kind, heading styles
 * give headings, and tables (the Decree 30 header and signature tables) are read row by row, cell
 * by cell. Page headers and footers (page numbers) are not part of the model, footnote references
 * are dropped.
 */
import mammoth from 'mammoth';
import type { RichRun } from '#shared/doc/noticeDoc';
import { splitCells, tableHeader } from '#shared/extract/table';
import { runOffset, segmentNotice } from '#shared/extract/text';
import { ImportError, type SourceLine } from './types';

/** The parts of mammoth's document model this reader uses. */
interface MammothNode {
	type: string;
	children?: MammothNode[];
	value?: string;
	isBold?: boolean;
	isItalic?: boolean;
	verticalAlignment?: string;
	styleName?: string | null;
	numbering?: { isOrdered: boolean } | null;
}

/** Reads the paragraphs of a .docx; throws ImportError('corrupt') when it is not a readable Word file. */
export async function docxLines(bytes: Uint8Array): Promise<SourceLine[]> {
	let model: MammothNode | undefined;
	try {
		await mammoth.convertToHtml(
			{ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
			{
				transformDocument: (doc: MammothNode) => {
					model = doc;
					return doc;
				}
			}
		);
	} catch (e) {
		const detail = e instanceof Error ? e.message : String(e);
		// mammoth says "Could not find main document part" for a zip that is not a Word document,
		// and reports zip errors ("end of central directory", "corrupted zip") for damaged files.
		if (/main document part|word\/document/iu.test(detail))
			throw new ImportError('corrupt', 'Tệp là tệp nén nhưng không phải văn bản Word (.docx). Hãy mở bằng Word và lưu lại dưới dạng .docx.');
		throw new ImportError('corrupt', 'Tệp .docx bị hỏng, không đọc được. Hãy mở bằng Word, lưu lại rồi thử lại.');
	}
	if (!model) throw new ImportError('corrupt', 'Tệp .docx bị hỏng, không đọc được.');
	const out: Paragraph[] = [];
	walk(model, out, false);
	return joinBrokenLines(out);
}

/** A paragraph as read, and whether it sat in a table cell. */
interface Paragraph {
	line: SourceLine;
	inTable: boolean;
}

function walk(node: MammothNode, out: Paragraph[], inTable: boolean): void {
	for (const child of node.children ?? []) {
		if (child.type === 'paragraph') {
			const line = paragraph(child);
			if (line) out.push({ line, inTable });
		} else if (child.type === 'table' && taskTable(child, out)) continue;
		else walk(child, out, inTable || child.type === 'table');
	}
}

/**
 * A table of tasks ("Phụ lục", "Biểu": Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn)
 * becomes one line per row, its cells separated by tabs, as Word pastes a table into plain text:
 * the extractor reads such rows by their header (table.ts), one row one task, in the editor as in
 * a pasted text. Any other table (the Decree 30 header, the signature) is read cell by cell.
 */
function taskTable(table: MammothNode, out: Paragraph[]): boolean {
	const rows = (table.children ?? []).filter((r) => r.type === 'tableRow');
	const cellsOf = (row: MammothNode): SourceLine[] =>
		(row.children ?? [])
			.filter((c) => c.type === 'tableCell')
			.map((cell) => {
				const lines = (cell.children ?? []).flatMap((p) => (p.type === 'paragraph' ? [paragraph(p)] : [])).filter((l): l is SourceLine => !!l);
				const runs = lines.flatMap((l, k) => [...(k ? [{ text: ' ' }] : []), ...l.runs.map((r) => ({ ...r, text: r.text.replace(/[\t\n]+/gu, ' ') }))]);
				return { text: runs.map((r) => r.text).join(''), runs };
			});
	const grid = rows.map(cellsOf);
	const header = splitCells((grid[0] ?? []).map((c) => c.text.trim()).join('\t'));
	if (!header || !tableHeader(header)) return false;
	for (const cells of grid) {
		if (!cells.some((c) => c.text.trim())) continue;
		const runs = cells.flatMap((c, k) => [...(k ? [{ text: '\t' }] : []), ...c.runs]);
		const text = runs.map((r) => r.text).join('');
		out.push({ line: { text, runs, raw: [text] }, inTable: true });
	}
	return true;
}

/**
 * Layout normalisation, as for pasted or .txt text: a .docx converted from a PDF has one paragraph
 * per printed line, and each would become a block (a fragment task per line). Runs of plain
 * paragraphs (not in a table, no Word numbering or heading style) go through the extractor's own
 * segmentation (`segmentNotice`: PDF wraps joined, a list number alone on its line joined to its
 * text, page numbers dropped), keeping each character's bold and italic. A Word document whose
 * paragraphs are real paragraphs comes out unchanged: they end sentences, or are too long to be
 * page-width lines.
 */
function joinBrokenLines(paragraphs: readonly Paragraph[]): SourceLine[] {
	const out: SourceLine[] = [];
	let run: SourceLine[] = [];
	const flush = () => {
		if (run.length) out.push(...segmentRun(run));
		run = [];
	};
	for (const { line, inTable } of paragraphs) {
		if (inTable || line.list || line.heading) {
			flush();
			out.push(line);
		} else run.push(line);
	}
	flush();
	return out;
}

const SUPERSCRIPT_RE = /[*\u00B2\u00B3\u00B9\u2070-\u209F]/u;

/** Plain paragraphs as lines of one text, segmented into blocks with their runs' styles. */
function segmentRun(lines: readonly SourceLine[]): SourceLine[] {
	if (lines.length === 1) return [...lines];
	let src = '';
	const style: RichRun[] = []; // per source character: the run it came from
	lines.forEach((line, k) => {
		if (k > 0) {
			src += '\n';
			style.push({ text: '' });
		}
		for (const r of line.runs) {
			// Tabs and breaks inside a paragraph read as spaces, one for one (offsets stay aligned).
			src += r.text.replace(/[\t\n]/gu, ' ');
			for (let i = 0; i < r.text.length; i++) style.push(r);
		}
	});
	return segmentNotice(src).map((b) => {
		const runs: RichRun[] = [];
		const add = (text: string, from: RichRun | undefined) => {
			const bold = !!from?.bold;
			const italic = !!from?.italic;
			const last = runs[runs.length - 1];
			if (last && !!last.bold === bold && !!last.italic === italic) last.text += text;
			else runs.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
		};
		if (b.marker) add(`${b.marker} `, style[b.start]);
		for (let i = 0; i < b.text.length; i++) {
			const x = runOffset(b.runs, i);
			add(b.text[i]!, style[x]);
			// Segmentation drops superscripts as footnote signs; a Word file has none left (the
			// reader drops footnote references), so one here is text ("1.700m²"): put it back.
			const next = i + 1 < b.text.length ? runOffset(b.runs, i + 1) : b.end;
			for (let k = x + 1; k < next; k++) if (SUPERSCRIPT_RE.test(src[k]!)) add(src[k]!, style[k]);
		}
		const text = runs.map((r) => r.text).join('');
		return { text, runs, raw: src.slice(b.start, b.end).split('\n') };
	});
}

function paragraph(p: MammothNode): SourceLine | null {
	const runs: RichRun[] = [];
	const add = (text: string, bold: boolean, italic: boolean) => {
		const last = runs[runs.length - 1];
		if (last && !!last.bold === bold && !!last.italic === italic) last.text += text;
		else runs.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
	};
	const visit = (n: MammothNode, bold: boolean, italic: boolean): void => {
		switch (n.type) {
			case 'text':
				add((n.value ?? '').normalize('NFC'), bold, italic);
				return;
			case 'tab':
				add('\t', bold, italic);
				return;
			case 'break':
				add('\n', bold, italic);
				return;
			case 'run':
				// A superscript number is a footnote sign ("tỉnh¹"), not text.
				if (n.verticalAlignment === 'superscript' && /^\s*[\d*]+\s*$/u.test(textOf(n))) return;
				for (const c of n.children ?? []) visit(c, !!n.isBold, !!n.isItalic);
				return;
			default:
				for (const c of n.children ?? []) visit(c, bold, italic);
		}
	};
	visit(p, false, false);
	const text = runs.map((r) => r.text).join('');
	if (!text.trim()) return null;
	const line: SourceLine = { text: text.replace(/[\t\n]+/gu, ' '), runs, raw: text.split('\n') };
	if (p.numbering) line.list = p.numbering.isOrdered ? 'ordered' : 'bullet';
	const level = /^(?:Heading|Tiêu đề)\s*([1-3])$/iu.exec(p.styleName ?? '')?.[1];
	if (level) line.heading = Number(level) as 1 | 2 | 3;
	return line;
}

function textOf(n: MammothNode): string {
	return n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(textOf).join('');
}
