/**
 * A Word .docx as paragraphs for the recogniser, read with mammoth's document model (not its
 * HTML): runs keep bold and italic, Word's automatic numbering gives the list kind, heading styles
 * give headings, and tables (the Decree 30 header and signature tables) are read row by row, cell
 * by cell. Page headers and footers (page numbers) are not part of the model, footnote references
 * are dropped.
 */
import mammoth from 'mammoth';
import type { RichRun } from '#shared/doc/noticeDoc';
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
	const out: SourceLine[] = [];
	walk(model, out);
	return out;
}

function walk(node: MammothNode, out: SourceLine[]): void {
	for (const child of node.children ?? []) {
		if (child.type === 'paragraph') {
			const line = paragraph(child);
			if (line) out.push(line);
		} else walk(child, out);
	}
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
