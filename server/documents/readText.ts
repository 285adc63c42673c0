/**
 * Plain text of a notice (pasted from a PDF, a .txt file, the seed notices) as paragraphs for the
 * recogniser: the extractor's own segmentation joins the lines a PDF broke, drops page numbers and
 * footnotes and keeps list markers, so an imported body reads exactly as a pasted one. Markdown
 * emphasis (`**đậm**`, `*nghiêng*`), which the seed texts carry, becomes bold and italic runs.
 */
import { segmentNotice, runOffset, type SourceBlock } from '#shared/extract/text';
import type { RichRun } from '#shared/doc/noticeDoc';
import type { SourceLine } from './types';

/** The paragraphs of a plain-text notice, marker written at the start of each list item. */
export function textLines(text: string): SourceLine[] {
	const nfc = text
		.normalize('NFC')
		.replace(/^\uFEFF/u, '')
		.replace(/\r\n?/gu, '\n');
	return segmentNotice(nfc).map((b) => {
		const runs = emphasisRuns(nfc, b);
		if (b.marker) runs.unshift({ text: `${b.marker} ` });
		return { text: b.marker ? `${b.marker} ${b.text}` : b.text, runs, raw: nfc.slice(b.start, b.end).split('\n') };
	});
}

/**
 * The block's text cut into runs by the markdown emphasis of its source. Markers are paired within
 * the block; an unpaired one (a literal "*", a footnote sign) emphasises nothing.
 */
function emphasisRuns(nfc: string, b: SourceBlock): RichRun[] {
	const bold: number[] = [];
	const italic: number[] = [];
	const re = /\*+/gu;
	// The block's span starts at its first and ends at its last kept character: the markers around
	// them ("**TL. CHỦ TỊCH", "…30/01/2024.*") lie just outside, on the same lines.
	const from = nfc.lastIndexOf('\n', b.start - 1) + 1;
	const nl = nfc.indexOf('\n', b.end);
	const src = nfc.slice(from, nl < 0 ? nfc.length : nl);
	for (let m = re.exec(src); m; m = re.exec(src)) {
		const at = from + m.index;
		if (m[0].length >= 2) bold.push(at);
		if (m[0].length !== 2) italic.push(at);
	}
	if (bold.length % 2) bold.pop();
	if (italic.length % 2) italic.pop();
	const inside = (toggles: number[], x: number) => {
		let n = 0;
		for (const t of toggles) if (t < x) n++;
		return n % 2 === 1;
	};
	const runs: RichRun[] = [];
	const add = (ch: string, x: number) => {
		const isBold = bold.length > 0 && inside(bold, x);
		const isItalic = italic.length > 0 && inside(italic, x);
		const last = runs[runs.length - 1];
		if (last && !!last.bold === isBold && !!last.italic === isItalic) last.text += ch;
		else runs.push({ text: ch, ...(isBold ? { bold: true } : {}), ...(isItalic ? { italic: true } : {}) });
	};
	for (let i = 0; i < b.text.length; i++) {
		const x = runOffset(b.runs, i);
		add(b.text[i]!, x);
		// Segmentation drops superscript digits as footnote signs; after a unit ("1.700m²") they
		// are the unit's power, so they are put back.
		if (b.text[i] === 'm' && (nfc[x + 1] === '²' || nfc[x + 1] === '³') && runOffset(b.runs, i + 1) !== x + 1) add(nfc[x + 1]!, x + 1);
	}
	return runs;
}
