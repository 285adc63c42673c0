import { existsSync, readdirSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeDoc, type NoticeMeta } from '#shared/doc/noticeDoc';
import { recipientLines } from './decree30';
import { importNoticeFile, readNoticeFile } from './importNotice';
import { attachmentHeader, noticeBodyBlocks, noticeDocx, noticeFileName } from './noticeDocx';
import { mm, readDocxStructure, type DocxStructure, type XmlParagraph, type XmlTable } from './testDocx';
import { DATED_NOTICE, openImportWorld, type ImportWorld } from './testWorld';

const SEEDS = process.env.SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const seedNames = existsSync(SEEDS)
	? readdirSync(SEEDS)
			.filter((n) => n.endsWith('.txt'))
			.sort()
	: [];
if (!seedNames.length) console.warn(`[documents] ${SEEDS} không có: bỏ qua phép thử khứ hồi trên thông báo mẫu.`);

interface Exported {
	name: string;
	meta: NoticeMeta;
	/** The body paragraphs as the export writes them (numbers of ordered items in the text). */
	bodyTexts: string[];
	docx: Buffer;
	xml: DocxStructure;
}

let world: ImportWorld;
const exported: Exported[] = [];

beforeAll(async () => {
	world = await openImportWorld();
	const sources: [string, Buffer][] = [
		['dated.txt', Buffer.from(DATED_NOTICE)],
		...seedNames.map((n) => [n, readFileSync(path.join(SEEDS, n))] as [string, Buffer])
	];
	for (const [name, bytes] of sources) {
		const { id } = await importNoticeFile(world, world.user, name, bytes);
		const doc = await world.notices.loadDoc(id);
		const notice = new NoticeDoc(doc);
		const docx = await noticeDocx(doc);
		exported.push({
			name,
			meta: notice.readMeta(),
			bodyTexts: noticeBodyBlocks(notice.readBody()).map((b) => (b.kind === 'table' ? '' : b.text)),
			docx,
			xml: await readDocxStructure(docx)
		});
		doc.destroy();
	}
});
afterAll(async () => {
	await world.close();
});

const paragraphs = (x: DocxStructure) => x.body.filter((e): e is XmlParagraph => e.kind === 'p');
const nonEmpty = (ps: XmlParagraph[]) => ps.filter((p) => p.text.trim());
const halfPoints = (p: XmlParagraph) => [...new Set(p.runs.filter((r) => r.text.trim()).map((r) => r.size))];

describe('a notice exported to .docx in the Decree 30/2020 "Thông báo" layout (import → export → read back)', () => {
	it('is A4 portrait with margins inside Decree 30 ranges, page numbers from page 2, Times New Roman only', () => {
		for (const e of exported) {
			const { pageSize, margins, titlePage, files } = e.xml;
			expect(pageSize, e.name).toEqual({ w: 11906, h: 16838, orient: 'portrait' });
			expect(mm(margins.top)).toBeGreaterThanOrEqual(19.9);
			expect(mm(margins.top)).toBeLessThanOrEqual(25.1);
			expect(mm(margins.bottom)).toBeGreaterThanOrEqual(19.9);
			expect(mm(margins.bottom)).toBeLessThanOrEqual(25.1);
			expect(mm(margins.left)).toBeGreaterThanOrEqual(29.9);
			expect(mm(margins.left)).toBeLessThanOrEqual(35.1);
			expect(mm(margins.right)).toBeGreaterThanOrEqual(14.9);
			expect(mm(margins.right)).toBeLessThanOrEqual(20.1);
			// The first page has its own header without a number; the others a centred PAGE field.
			expect(titlePage).toBe(true);
			const doc = files['word/document.xml']!;
			const rels = files['word/_rels/document.xml.rels']!;
			const headerOf = (type: string) => {
				const rid = new RegExp(`<w:headerReference w:type="${type}" r:id="(\\w+)"`).exec(doc)![1];
				return files[`word/${new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1]}`]!;
			};
			expect(headerOf('first')).not.toContain('PAGE');
			expect(headerOf('default')).toMatch(/<w:jc w:val="center"\/>[\s\S]*PAGE/);
			expect(files['word/styles.xml']).toContain('w:ascii="Times New Roman"');
			for (const f of Object.values(files)) expect(f).not.toMatch(/w:ascii="(?!Times New Roman)/);
		}
	});

	it('opens with the two-column header table: issuer in capitals, bold body, number in 13 pt | national name 13, motto 14, italic place and date', () => {
		for (const e of exported) {
			const header = e.xml.body[0] as XmlTable;
			expect(header.kind, e.name).toBe('tbl');
			expect(header.cells).toHaveLength(2);
			const [left, right] = header.cells.map(nonEmpty) as [XmlParagraph[], XmlParagraph[]];
			const bodyLines = left.filter((p) => p.runs.some((r) => r.bold));
			expect(bodyLines.map((p) => p.text).join(' ')).toBe(e.meta.issuingBody);
			for (const p of bodyLines) expect(halfPoints(p)).toEqual([26]);
			if (e.meta.issuingParent) expect(left[0]).toMatchObject({ text: e.meta.issuingParent, jc: 'center' });
			const number = left.at(-1)!;
			expect(number.text.replace(/\u00a0+/g, ' ')).toBe(`Số: ${e.meta.number || ' '}/${e.meta.symbol}`);
			expect(halfPoints(number)).toEqual([26]);
			expect(right[0]).toMatchObject({ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', jc: 'center' });
			expect(right[0]!.runs[0]).toMatchObject({ bold: true, size: 26 });
			expect(right[1]).toMatchObject({ text: 'Độc lập - Tự do - Hạnh phúc' });
			expect(right[1]!.runs[0]).toMatchObject({ bold: true, size: 28 });
			// A short rule under the issuing body and under the motto: bottom-bordered empty paragraphs.
			expect(e.xml.files['word/document.xml']!.split('</w:tbl>')[0]!.match(/<w:bottom w:val="single"/g)).toHaveLength(2);
			const placeDate = right.at(-1)!;
			expect(placeDate.runs[0]).toMatchObject({ italic: true, size: 28 });
			if (e.meta.date) expect(placeDate.text).toMatch(new RegExp(`^${e.meta.place}, ngày \\d{2} tháng \\d{1,2} năm \\d{4}$`));
			else expect(placeDate.text).toMatch(/[Nn]gày\s+tháng\s+năm/);
		}
		const dated = exported.find((e) => e.name === 'dated.txt')!;
		// Decree 30: days below 10 and the months January and February take a leading zero.
		expect(nonEmpty((dated.xml.body[0] as XmlTable).cells[1]!).at(-1)!.text).toBe('Bắc Giang, ngày 05 tháng 01 năm 2024');
		expect(nonEmpty((dated.xml.body[0] as XmlTable).cells[0]!).at(-1)!.text).toBe('Số: 12/TB-VP');
	});

	it('writes "THÔNG BÁO" and the summary centred in bold 14 pt, then every body paragraph in order, justified with a first-line indent and 6 pt after', () => {
		for (const e of exported) {
			const ps = nonEmpty(paragraphs(e.xml));
			expect(ps[0], e.name).toMatchObject({ text: 'THÔNG BÁO', jc: 'center' });
			expect(ps[0]!.runs[0]).toMatchObject({ bold: true, size: 28 });
			const summary = e.meta.title ? ps.slice(1, 1 + ps.slice(1).findIndex((p) => p.jc !== 'center')) : [];
			expect(summary.map((p) => p.text).join(' ')).toBe(e.meta.title);
			for (const p of summary) expect(p.runs.every((r) => r.bold && r.size === 28)).toBe(true);
			const body = ps.slice(1 + summary.length);
			expect(body.map((p) => p.text)).toEqual(e.bodyTexts);
			for (const p of body) {
				expect(p.jc).toBe('both');
				expect(p.firstLine).toBeGreaterThanOrEqual(567);
				expect(p.firstLine).toBeLessThanOrEqual(720);
				expect(p.after).toBeGreaterThanOrEqual(120);
				for (const s of halfPoints(p)) expect([26, 28]).toContain(s);
			}
		}
	});

	it('keeps emphasis and numbering: bold and italic runs survive, Word numbering is written as "1. ", "2. "', () => {
		const dated = nonEmpty(paragraphs(exported.find((e) => e.name === 'dated.txt')!.xml));
		const item = dated.find((p) => p.text.startsWith('1. Giao'))!;
		expect(item.runs.find((r) => r.text === 'Sở Tài chính')).toMatchObject({ bold: true });
		expect(item.runs.find((r) => r.text === 'trước ngày 20/01/2024')).toMatchObject({ italic: true, bold: false });
		const e004 = exported.find((e) => e.name.startsWith('004'));
		if (e004) {
			const p = nonEmpty(paragraphs(e004.xml)).find((x) => x.text.startsWith('2.17. '))!;
			expect(p.runs.find((r) => r.text.startsWith('Kiến nghị của UBND huyện Lục Nam'))).toMatchObject({ italic: true });
		}
	});

	it('ends with "Nơi nhận:" in bold italic 12, "- …;" lines in 11 with "- Lưu: …." last, and the signer in bold capitals with the name bold', () => {
		for (const e of exported) {
			const last = e.xml.body.at(-1) as XmlTable;
			expect(last.kind, e.name).toBe('tbl');
			const [left, right] = last.cells.map(nonEmpty) as [XmlParagraph[], XmlParagraph[]];
			expect(left[0]!.text).toBe('Nơi nhận:');
			expect(left[0]!.runs[0]).toMatchObject({ bold: true, italic: true, size: 24 });
			const lines = left.slice(1);
			expect(lines.map((p) => p.text)).toEqual(recipientLines(e.meta.recipients.split('\n')));
			for (const p of lines) expect(halfPoints(p)).toEqual([22]);
			expect(lines.at(-1)!.text).toMatch(/^- Lưu\b.*\.$/);
			expect(lines.slice(0, -1).every((p) => /^- .*;$/.test(p.text))).toBe(true);
			const signer = [...e.meta.signerAuthority.split('\n'), e.meta.signerTitle, e.meta.signerName].filter(Boolean);
			expect(right.map((p) => p.text)).toEqual(signer);
			for (const p of right) expect(p.runs.every((r) => r.bold && r.size === 28)).toBe(true);
			for (const p of right.slice(0, -1)) expect(p.text).toBe(p.text.toLocaleUpperCase('vi'));
		}
	});

	it('imports back to the same header, recipients, signer and body (mammoth reads the exported file)', async () => {
		for (const e of exported) {
			const back = await readNoticeFile(`${e.name}.docx`, e.docx);
			for (const key of [
				'issuingParent',
				'issuingBody',
				'number',
				'symbol',
				'place',
				'date',
				'title',
				'recipients',
				'signerAuthority',
				'signerTitle',
				'signerName'
			] as const)
				expect(back.meta[key] ?? '', `${e.name}: ${key}`).toBe(e.meta[key]);
			expect(back.body.map((b) => b.runs.map((r) => r.text).join(''))).toEqual(e.bodyTexts);
		}
	});

	it('marks a draft "DỰ THẢO" at the top of its first page, so a number written in its header is not taken for an official one; an issued notice has no mark', async () => {
		const e = exported[0]!;
		expect(e.meta.state).toBe('draft');
		const zip = await JSZip.loadAsync(e.docx);
		const headers = await Promise.all(
			Object.keys(zip.files)
				.filter((f) => /^word\/header\d+\.xml$/.test(f))
				.map((f) => zip.file(f)!.async('string'))
		);
		expect(headers.filter((x) => x.includes('DỰ THẢO'))).toHaveLength(1);
		const doc = await world.notices.loadDoc((await importNoticeFile(world, world.user, 'issued.txt', Buffer.from(DATED_NOTICE))).id);
		new NoticeDoc(doc).writeMeta({ state: 'issued' });
		const issued = await JSZip.loadAsync(await noticeDocx(doc));
		doc.destroy();
		const issuedHeaders = await Promise.all(
			Object.keys(issued.files)
				.filter((f) => /^word\/header\d+\.xml$/.test(f))
				.map((f) => issued.file(f)!.async('string'))
		);
		expect(issuedHeaders.some((x) => x.includes('DỰ THẢO'))).toBe(false);
	});

	it('names the download after the number and the summary, in ASCII and in UTF-8 (RFC 5987)', () => {
		const dated = exported.find((e) => e.name === 'dated.txt')!;
		const name = noticeFileName(dated.meta);
		expect(name.ascii).toMatch(/^thong-bao-12-tb-vp-ket-luan-cua-chu-tich-ubnd-tinh[a-z0-9-]*\.docx$/);
		expect(name.utf8).toMatch(/^Thông báo 12-TB-VP Kết luận của Chủ tịch UBND tỉnh/);
		const header = attachmentHeader(name);
		expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
		expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(name.utf8);
	});
});
