/**
 * The layout of an administrative document under Decree 30/2020/NĐ-CP (Nghị định về công tác văn
 * thư, Phụ lục I), shared by every .docx the app writes: the BÁO CÁO of the task report and the
 * THÔNG BÁO of a notice ("Tải .docx"). Callers pass plain data; this module owns page setup,
 * fonts, the header table, the place-and-date line, the title, body blocks, the recipients and
 * signer table and page numbers.
 *
 * Measures are in twips (1/1440 inch; 1 mm ≈ 56.7 twips) and half-points for font sizes.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Header,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	Table,
	TableBorders,
	TableCell,
	TableRow,
	TextRun,
	VerticalAlign,
	WidthType,
	type IBorderOptions
} from 'docx';
import { placeDateLine, type IsoDay } from '#shared/format/vnDate';

/** The font Decree 30 prescribes (Vietnamese Unicode, TCVN 6909:2001). */
export const DECREE30_FONT = 'Times New Roman';

/** A4 portrait in twips (210 × 297 mm). */
export const A4 = { width: 11906, height: 16838 } as const;

/**
 * Margins in twips, inside Decree 30's ranges (top and bottom 20–25 mm, left 30–35 mm, right
 * 15–20 mm): 20 / 20 / 30 / 15 mm, the values most provincial offices use.
 */
export const DECREE30_MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 851 } as const;

/** Width of the text block between the margins. */
export const TEXT_WIDTH = A4.width - DECREE30_MARGINS.left - DECREE30_MARGINS.right;

/** First-line indent of body paragraphs: 1.27 cm (Decree 30 allows 1–1.27 cm). */
export const FIRST_LINE_INDENT = 720;

/** Kinds of document this module lays out (tên loại văn bản). */
export type DocType = 'THÔNG BÁO' | 'BÁO CÁO';

/** A run of body text with its emphasis (a notice's bold and italic words). */
export interface BodyRun {
	text: string;
	bold?: boolean;
	italic?: boolean;
}

/** A body block: a paragraph, a heading line, or a table. */
export type BodyBlock =
	/** `runs`, when given, replace `text` (which then only serves as the plain form). */
	| { kind: 'paragraph'; text: string; bold?: boolean; italic?: boolean; runs?: BodyRun[] }
	/** A numbered section heading ("1. Kết quả chung"): bold, same indent as paragraphs. */
	| { kind: 'heading'; text: string; runs?: BodyRun[] }
	| { kind: 'table'; columns: TableColumn[]; rows: string[][]; caption?: string; boldLastRow?: boolean };

/** One column of a body table. */
export interface TableColumn {
	header: string;
	/** Relative width (weights are scaled to the text width). */
	weight?: number;
	align?: 'left' | 'center' | 'right';
}

/** Everything a Decree 30 document needs, as plain data. */
export interface Decree30Data {
	/** Cơ quan chủ quản, e.g. "UBND TỈNH BẮC GIANG" (written in capitals, not bold). */
	issuingParent: string;
	/** Cơ quan ban hành, e.g. "VĂN PHÒNG" (capitals, bold, a short rule under it). */
	issuingBody: string;
	/** "Số: 12/BC-VP" (or "Số:      /BC-VP" for a draft). */
	numberLine: string;
	/** Place of the place-and-date line ("Bắc Giang"). */
	place: string;
	/** Date of the document, or '' for a draft whose day the clerk writes in when it is issued. */
	date: IsoDay | '';
	docType: DocType;
	/** Trích yếu, the summary line under the title. */
	summary: string;
	/** Body: plain paragraphs (strings) or blocks. */
	body: (string | BodyBlock)[];
	/** Nơi nhận, one per line without "- " and ";" ("Lưu: VT, TH" is added when absent). */
	recipients: string[];
	/**
	 * "TL. CHỦ TỊCH", "KT. CHÁNH VĂN PHÒNG"…, or '' when the head signs in their own name; several
	 * lines ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH") are separated by "\n".
	 */
	signerAuthority: string;
	/** "CHÁNH VĂN PHÒNG". */
	signerTitle: string;
	signerName: string;
	/** Body font size in points (13 or 14; default 14). */
	bodySize?: 13 | 14;
	/**
	 * A draft (not issued): "DỰ THẢO" stands at the top of its first page, so that a number its
	 * writers put in the header is never taken for an official one (only issuing makes it so).
	 */
	draft?: boolean;
}

const pt = (n: number) => n * 2;

/** What a draft's first page says at its top ({@link Decree30Data.draft}). */
export const DRAFT_MARK = 'DỰ THẢO';
const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');
const NONE: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

function run(text: string, size: number, opts: { bold?: boolean; italic?: boolean } = {}): TextRun {
	const nfc = text.normalize('NFC');
	// A hard line break inside a block (Shift+Enter in the editor) is a <w:br/>, not a "\n" in the text.
	if (nfc.includes('\n'))
		return new TextRun({
			children: nfc.split('\n').flatMap((part, i) => (i ? [new TextRun({ break: 1 }), part] : [part])),
			font: DECREE30_FONT,
			size: pt(size),
			bold: opts.bold,
			italics: opts.italic
		});
	return new TextRun({ text: nfc, font: DECREE30_FONT, size: pt(size), bold: opts.bold, italics: opts.italic });
}

/**
 * A centred line of the header or the signature. Spaced 1.15 lines: at single spacing the marks
 * stacked on Vietnamese capitals ("CHỦ TỊCH" over "CHÁNH VĂN PHÒNG") touch the line above.
 */
function centred(text: string, size: number, opts: { bold?: boolean; italic?: boolean } = {}): Paragraph {
	return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0, line: 276 }, children: [run(text, size, opts)] });
}

/**
 * A short horizontal rule of `width` twips centred in a column of `column` twips: an empty
 * paragraph with a bottom border, shortened by equal indents (a drawn line would float and move
 * in LibreOffice; a border stays put under the text).
 */
function rule(width: number, column: number): Paragraph {
	const side = Math.max(0, Math.round((column - width) / 2));
	return new Paragraph({ indent: { left: side, right: side }, spacing: { after: 0, line: 120 }, border: { bottom: LINE }, children: [] });
}

/** Twips a string takes in Times New Roman bold at `size` pt (≈ 0.5 em a letter; for rule lengths only). */
function approxWidth(text: string, size: number): number {
	return Math.round(text.length * size * 0.5 * 20);
}

/** Left column of the header: 3/8 of the text width, as the Phụ lục I sample lays it out. */
const LEFT_COL = Math.round(TEXT_WIDTH * 0.38);
const RIGHT_COL = TEXT_WIDTH - LEFT_COL;

/** The national motto (Quốc hiệu và Tiêu ngữ). */
export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
/** The motto under the national name. */
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The two-column header table: issuing parent (capitals) and issuing body (bold) over a short
 * rule, then the number line | national name (bold 13) and motto (bold 14) over a rule as long
 * as the motto, then the place-and-date line in italics.
 */
export function headerTable(d: Pick<Decree30Data, 'issuingParent' | 'issuingBody' | 'numberLine' | 'place' | 'date'>): Table {
	const body = upper(d.issuingBody);
	const left = new TableCell({
		width: { size: LEFT_COL, type: WidthType.DXA },
		borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
		children: [
			// A body with no managing parent (UBND tỉnh itself) has only its own name, in bold.
			...(d.issuingParent.trim() ? [centred(upper(d.issuingParent), 13)] : []),
			...body.split('\n').map((line) => centred(line, 13, { bold: true })),
			// Decree 30: a rule 1/3 to 1/2 as long as the line above it.
			rule(Math.min(LEFT_COL, Math.max(720, Math.round(approxWidth(body, 13) * 0.45))), LEFT_COL),
			new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0 }, children: [run(d.numberLine, 13)] })
		]
	});
	const right = new TableCell({
		width: { size: RIGHT_COL, type: WidthType.DXA },
		borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
		children: [
			centred(NATIONAL_NAME, 13, { bold: true }),
			centred(MOTTO, 14, { bold: true }),
			rule(Math.min(RIGHT_COL, approxWidth(MOTTO, 14)), RIGHT_COL),
			new Paragraph({
				alignment: AlignmentType.CENTER,
				spacing: { before: 120, after: 0 },
				children: [run(placeDateLine(d.place, d.date), 14, { italic: true })]
			})
		]
	});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: [LEFT_COL, RIGHT_COL],
		borders: TableBorders.NONE,
		rows: [new TableRow({ children: [left, right] })]
	});
}

/** The title (tên loại, bold) and the summary (trích yếu, bold) under it, with a short rule. */
export function titleBlock(docType: DocType, summary: string): Paragraph[] {
	const out = [
		new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 360, after: 0 }, children: [run(docType, 14, { bold: true })] }),
		...summary
			.split('\n')
			.filter((l) => l.trim())
			.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [run(l.trim(), 14, { bold: true })] }))
	];
	out.push(rule(1800, TEXT_WIDTH), new Paragraph({ spacing: { after: 120 }, children: [] }));
	return out;
}

/**
 * A body paragraph: justified, first line indented 1.27 cm, 6 pt after, spaced 1.2 lines (Decree 30
 * allows single to 1.5; below 1.2 the marks of Vietnamese letters crowd the line above). `text`
 * may be a list of runs, each with its own emphasis (on top of `opts`).
 */
export function bodyParagraph(text: string | BodyRun[], size: number, opts: { bold?: boolean; italic?: boolean; keepNext?: boolean } = {}): Paragraph {
	const runs = typeof text === 'string' ? [{ text }] : text.filter((r) => r.text);
	return new Paragraph({
		alignment: AlignmentType.JUSTIFIED,
		keepNext: opts.keepNext,
		indent: { firstLine: FIRST_LINE_INDENT },
		spacing: { before: 0, after: 120, line: 288 },
		children: runs.map((r) => run(r.text, size, { bold: opts.bold || r.bold, italic: opts.italic || r.italic }))
	});
}

/** A body table with thin borders, a bold header row and 12 pt text (tables may be smaller than the body). */
export function bodyTable(columns: TableColumn[], rows: string[][], opts: { boldLastRow?: boolean } = {}): Table {
	const total = columns.reduce((s, c) => s + (c.weight ?? 1), 0);
	const widths = columns.map((c) => Math.floor((TEXT_WIDTH * (c.weight ?? 1)) / total));
	const align = (a: TableColumn['align']) => (a === 'right' ? AlignmentType.RIGHT : a === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT);
	const cell = (text: string, i: number, bold: boolean, header: boolean) =>
		new TableCell({
			width: { size: widths[i]!, type: WidthType.DXA },
			verticalAlign: VerticalAlign.CENTER,
			margins: { left: 60, right: 60, top: 30, bottom: 30 },
			children: [
				new Paragraph({ alignment: header ? AlignmentType.CENTER : align(columns[i]?.align), spacing: { after: 0 }, children: [run(text, 12, { bold })] })
			]
		});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: widths,
		borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
		rows: [
			new TableRow({ tableHeader: true, children: columns.map((c, i) => cell(c.header, i, true, true)) }),
			...rows.map((r, ri) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, !!opts.boldLastRow && ri === rows.length - 1, false)) }))
		]
	});
}

/**
 * The recipients as Decree 30 lists them: "- …;" on each line and "- Lưu: VT, …." last. Entries
 * are trimmed of a leading "-" and trailing ";" / "." so typed lists are accepted as they are.
 */
export function recipientLines(recipients: string[]): string[] {
	const clean = recipients
		.map((r) =>
			r
				.normalize('NFC')
				.trim()
				.replace(/^[-–•]\s*/, '')
				.replace(/[;.,\s]+$/, '')
		)
		.filter(Boolean);
	const keep = clean.filter((r) => !/^Lưu\b/i.test(r));
	const archive = clean.find((r) => /^Lưu\b/i.test(r)) ?? 'Lưu: VT';
	return [...keep.map((r) => `- ${r};`), `- ${archive}.`];
}

/** The bottom table: "Nơi nhận:" (bold italic 12, list in 11) | signer (bold capitals, name bold). */
export function recipientsAndSigner(d: Pick<Decree30Data, 'recipients' | 'signerAuthority' | 'signerTitle' | 'signerName'>): Table {
	const left = new TableCell({
		width: { size: LEFT_COL, type: WidthType.DXA },
		borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
		children: [
			new Paragraph({ spacing: { after: 0 }, children: [run('Nơi nhận:', 12, { bold: true, italic: true })] }),
			...recipientLines(d.recipients).map((l) => new Paragraph({ spacing: { after: 0 }, children: [run(l, 11)] }))
		]
	});
	const signer: Paragraph[] = [];
	for (const line of d.signerAuthority.split('\n')) if (line.trim()) signer.push(centred(upper(line.trim()), 14, { bold: true }));
	signer.push(centred(upper(d.signerTitle), 14, { bold: true }));
	// Room for the handwritten signature and the seal.
	for (let i = 0; i < 4; i++) signer.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
	signer.push(centred(d.signerName, 14, { bold: true }));
	const right = new TableCell({
		width: { size: RIGHT_COL, type: WidthType.DXA },
		borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
		children: signer
	});
	return new Table({
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: [LEFT_COL, RIGHT_COL],
		borders: TableBorders.NONE,
		rows: [new TableRow({ cantSplit: true, children: [left, right] })]
	});
}

/**
 * The body blocks as docx elements. The last paragraph ("Trên đây là …./.") is kept with the
 * signature table, so that the signer never stands alone at the top of a page.
 */
function bodyElements(blocks: (string | BodyBlock)[], size: number): (Paragraph | Table)[] {
	const out: (Paragraph | Table)[] = [];
	for (const [i, b] of blocks.entries()) {
		const block: BodyBlock = typeof b === 'string' ? { kind: 'paragraph', text: b } : b;
		const keepNext = i === blocks.length - 1;
		switch (block.kind) {
			case 'paragraph':
				out.push(bodyParagraph(block.runs ?? block.text, size, { ...block, keepNext }));
				break;
			case 'heading':
				out.push(bodyParagraph(block.runs ?? block.text, size, { bold: true, keepNext }));
				break;
			case 'table':
				if (block.caption) out.push(bodyParagraph(block.caption, size, { italic: true }));
				out.push(bodyTable(block.columns, block.rows, block));
				// Word merges a table with what follows unless a paragraph separates them.
				out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
				break;
			default:
				assertNever(block);
		}
	}
	return out;
}

/**
 * A complete Decree 30 document: A4 portrait, Decree 30 margins, Times New Roman, header table,
 * title and summary, body, recipients and signer; page numbers centred at the top from page 2.
 */
export function decree30Document(d: Decree30Data): Document {
	const size = d.bodySize ?? 14;
	return new Document({
		creator: d.issuingBody.normalize('NFC'),
		title: `${d.docType} ${d.summary}`.normalize('NFC'),
		styles: { default: { document: { run: { font: DECREE30_FONT, size: pt(size) } } } },
		sections: [
			{
				properties: {
					// Decree 30: the page number is shown from the second page, so the first page gets its own (empty) header.
					titlePage: true,
					page: {
						size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
						margin: { ...DECREE30_MARGINS, header: 567, footer: 567 }
					}
				},
				headers: {
					first: new Header({
						children: [
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: d.draft ? [new TextRun({ text: DRAFT_MARK, bold: true, font: DECREE30_FONT, size: pt(14) })] : []
							})
						]
					}),
					default: new Header({
						children: [
							new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: DECREE30_FONT, size: pt(13) })] })
						]
					})
				},
				children: [
					headerTable(d),
					...titleBlock(d.docType, d.summary),
					...bodyElements(d.body, size),
					new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [] }),
					recipientsAndSigner(d)
				]
			}
		]
	});
}

/** {@link decree30Document} packed as .docx bytes. */
export async function decree30Docx(d: Decree30Data): Promise<Buffer> {
	return Packer.toBuffer(decree30Document(d));
}

function assertNever(x: never): never {
	throw new Error(`unexpected block ${JSON.stringify(x)}`);
}
