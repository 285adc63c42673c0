/**
 * Test support: reads the WordprocessingML of a .docx into a small structure (top-level paragraphs
 * and tables, each paragraph with its alignment, indent, spacing and runs) so that tests can check
 * the Decree 30 layout element by element. Only for tests (it imports jszip).
 */
import JSZip from 'jszip';

/** One run of a paragraph. */
export interface XmlRun {
	text: string;
	bold: boolean;
	italic: boolean;
	/** Size in half-points (28 = 14 pt); undefined when the run inherits it. */
	size?: number;
	font?: string;
}

/** One paragraph. */
export interface XmlParagraph {
	kind: 'p';
	text: string;
	jc?: string;
	firstLine?: number;
	after?: number;
	runs: XmlRun[];
}

/** One table: its cells, row by row, each a list of paragraphs. */
export interface XmlTable {
	kind: 'tbl';
	cells: XmlParagraph[][];
}

/** What a .docx holds, as tests read it. */
export interface DocxStructure {
	/** The XML parts by name. */
	files: Record<string, string>;
	/** The body's top-level elements in order. */
	body: (XmlParagraph | XmlTable)[];
	pageSize: { w: number; h: number; orient?: string };
	/** Margins in twips. */
	margins: { top: number; bottom: number; left: number; right: number };
	/** True when the first page has its own header (page numbers from page 2). */
	titlePage: boolean;
}

const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');
const num = (re: RegExp, s: string) => {
	const m = re.exec(s);
	return m ? Number(m[1]) : undefined;
};

function paragraph(xml: string): XmlParagraph {
	const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
	const runs: XmlRun[] = [];
	for (const m of xml.matchAll(/<w:r(?: [^>]*)?>([\s\S]*?)<\/w:r>/g)) {
		const body = m[1]!;
		const rPr = /<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '';
		let text = '';
		for (const t of body.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g)) text += t[0] === '<w:br/>' ? '\n' : unescape(t[1] ?? '');
		runs.push({
			text,
			bold: /<w:b\/>|<w:b w:val="(?:true|1|on)"\/>/.test(rPr),
			italic: /<w:i\/>|<w:i w:val="(?:true|1|on)"\/>/.test(rPr),
			size: num(/<w:sz w:val="(\d+)"/, rPr),
			font: /w:ascii="([^"]+)"/.exec(rPr)?.[1]
		});
	}
	return {
		kind: 'p',
		text: runs.map((r) => r.text).join(''),
		jc: /<w:jc w:val="(\w+)"/.exec(pPr)?.[1],
		firstLine: num(/w:firstLine="(\d+)"/, pPr),
		after: num(/w:after="(\d+)"/, pPr),
		runs
	};
}

/** Unzips and reads a .docx. */
export async function readDocxStructure(bytes: Uint8Array): Promise<DocxStructure> {
	const zip = await JSZip.loadAsync(bytes);
	const files: Record<string, string> = {};
	for (const name of Object.keys(zip.files)) if (name.endsWith('.xml') || name.endsWith('.rels')) files[name] = await zip.file(name)!.async('string');
	const doc = files['word/document.xml'] ?? '';
	const bodyXml = /<w:body>([\s\S]*)<\/w:body>/.exec(doc)?.[1] ?? '';
	const body: (XmlParagraph | XmlTable)[] = [];
	for (const m of bodyXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)) {
		if (m[0].startsWith('<w:tbl>')) {
			const cells = [...m[0].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) =>
				[...c[1]!.matchAll(/<w:p(?: [^>]*)?>[\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => paragraph(p[0]))
			);
			body.push({ kind: 'tbl', cells });
		} else body.push(paragraph(m[0]));
	}
	const sz = /<w:pgSz ([^>]*)\/>/.exec(doc)?.[1] ?? '';
	const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)?.[1] ?? '';
	const attr = (s: string, k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(s)?.[1] ?? NaN);
	return {
		files,
		body,
		pageSize: { w: attr(sz, 'w'), h: attr(sz, 'h'), orient: /w:orient="(\w+)"/.exec(sz)?.[1] },
		margins: { top: attr(mar, 'top'), bottom: attr(mar, 'bottom'), left: attr(mar, 'left'), right: attr(mar, 'right') },
		titlePage: /<w:titlePg\/>|<w:titlePg w:val="(?:true|1)"\/>/.test(doc)
	};
}

/** Twips to millimetres. */
export const mm = (twips: number) => (twips / 1440) * 25.4;
