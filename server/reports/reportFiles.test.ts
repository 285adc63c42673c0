import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { figuresSentence } from '#shared/format/reportText';
import { decree30Docx, recipientLines } from '../documents/decree30';
import { buildReport, periodOf } from './monthlyReport';
import { reportDocx } from './reportDocx';
import { reportXlsx } from './reportXlsx';
import { openTestDb, seedJanuary } from './testWorld';

let world: ReturnType<typeof openTestDb> | undefined;
afterEach(() => {
	world?.close();
	world = undefined;
});

function januaryReport() {
	world = openTestDb();
	seedJanuary(world.db);
	return buildReport(world.db, { ...periodOf('month', 2024, 1), today: '2024-03-10' });
}

async function unzip(buf: Buffer): Promise<Record<string, string>> {
	const zip = await JSZip.loadAsync(buf);
	const out: Record<string, string> = {};
	for (const name of Object.keys(zip.files)) if (name.endsWith('.xml')) out[name] = await zip.file(name)!.async('string');
	return out;
}

describe('report as a Decree 30 .docx', () => {
	it('is A4 portrait with Decree 30 margins and Times New Roman', async () => {
		const files = await unzip(await reportDocx(januaryReport(), { date: '2024-02-05', number: '15' }));
		const doc = files['word/document.xml']!;
		expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
		const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)![1]!;
		const attr = (k: string) => Number(new RegExp(`w:${k}="(\\d+)"`).exec(mar)![1]);
		const mm = (tw: number) => (tw / 1440) * 25.4;
		expect(mm(attr('top'))).toBeGreaterThanOrEqual(19.9);
		expect(mm(attr('top'))).toBeLessThanOrEqual(25.1);
		expect(mm(attr('bottom'))).toBeGreaterThanOrEqual(19.9);
		expect(mm(attr('left'))).toBeGreaterThanOrEqual(29.9);
		expect(mm(attr('left'))).toBeLessThanOrEqual(35.1);
		expect(mm(attr('right'))).toBeGreaterThanOrEqual(14.9);
		expect(mm(attr('right'))).toBeLessThanOrEqual(20.1);
		expect(files['word/styles.xml']).toContain('w:ascii="Times New Roman"');
		expect(doc).not.toMatch(/w:ascii="(?!Times New Roman)/);
	});
	it('has the two-column header of the office (its profile), the number, the italic place-and-date line, the bold title and the signer', async () => {
		const office = {
			issuingParent: 'UBND TỈNH BẮC GIANG',
			issuingBody: 'VĂN PHÒNG',
			place: 'Bắc Giang',
			signerAuthority: 'KT. CHÁNH VĂN PHÒNG',
			signerTitle: 'PHÓ CHÁNH VĂN PHÒNG',
			signerName: 'Nguyễn Văn Bình'
		};
		const doc = (await unzip(await reportDocx(januaryReport(), { date: '2024-02-05', number: '15', ...office })))['word/document.xml']!;
		expect(doc).toContain('Nguyễn Văn Bình');
		expect(doc).toContain('KT. CHÁNH VĂN PHÒNG');
		const firstTable = doc.slice(doc.indexOf('<w:tbl>'), doc.indexOf('</w:tbl>'));
		expect(firstTable.match(/<w:tc>/g)).toHaveLength(2);
		expect(firstTable).toContain('UBND TỈNH BẮC GIANG');
		expect(firstTable).toMatch(/<w:b\/>.*?<w:t xml:space="preserve">VĂN PHÒNG<\/w:t>/s);
		expect(firstTable).toMatch(/<w:b\/><w:bCs\/><w:sz w:val="26"\/>.*?CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/s);
		expect(firstTable).toMatch(/<w:b\/><w:bCs\/><w:sz w:val="28"\/>.*?Độc lập - Tự do - Hạnh phúc/s);
		expect(firstTable.match(/<w:bottom w:val="single"/g)!.length).toBeGreaterThanOrEqual(2);
		expect(firstTable).toContain('Số: 15/BC-VP');
		expect(firstTable).toMatch(/<w:i\/>.*?Bắc Giang, ngày 05 tháng 02 năm 2024/s);
		expect(doc).toMatch(/<w:jc w:val="center"\/>.*?<w:b\/>.*?>BÁO CÁO</s);
	});
	it('writes the figures sentence in justified 14 pt paragraphs with a 1.27 cm first-line indent', async () => {
		const report = januaryReport();
		const doc = (await unzip(await reportDocx(report, { date: '2024-02-05' })))['word/document.xml']!;
		const sentence = figuresSentence(report);
		const para = doc.split('</w:p>').find((p) => p.includes(sentence.slice(0, 40)))!;
		expect(para).toBeDefined();
		expect(para).toContain('<w:jc w:val="both"/>');
		expect(para).toContain('w:firstLine="720"');
		expect(para).toMatch(/w:after="(\d+)"/);
		expect(Number(/w:after="(\d+)"/.exec(para)![1])).toBeGreaterThanOrEqual(120);
		expect(para).toContain('<w:sz w:val="28"/>');
		const text = (await mammoth.extractRawText({ buffer: await reportDocx(report, { date: '2024-02-05' }) })).value;
		expect(text).toContain(sentence);
		expect(text).toContain('Sở Tài chính');
		expect(text).toContain('Tỉnh ủy, Ban Thường vụ Tỉnh ủy');
		expect(text).toContain('80%');
	});
	it('ends with "Nơi nhận:" in bold italic 12, the list in 11 and "- Lưu: VT, …." last, and the signer in capitals', async () => {
		const doc = (
			await unzip(
				await reportDocx(januaryReport(), {
					date: '2024-02-05',
					signerAuthority: 'KT. Chánh văn phòng',
					signerTitle: 'Phó Chánh văn phòng',
					signerName: 'Trịnh Sỹ Tài'
				})
			)
		)['word/document.xml']!;
		expect(doc).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/><w:sz w:val="24"\/>.*?>Nơi nhận:</s);
		expect(doc).toMatch(/<w:sz w:val="22"\/>.*?>- Chủ tịch, các PCT UBND tỉnh;</s);
		expect(doc).toContain('>- Lưu: VT, TH.<');
		expect(doc).toContain('>KT. CHÁNH VĂN PHÒNG<');
		expect(doc).toContain('>PHÓ CHÁNH VĂN PHÒNG<');
		expect(doc).toContain('>Trịnh Sỹ Tài<');
	});
	it('numbers pages at the top centre from page 2 only', async () => {
		const files = await unzip(await reportDocx(januaryReport(), { date: '2024-02-05' }));
		expect(files['word/document.xml']).toContain('<w:titlePg/>');
		const headers = Object.entries(files).filter(([n]) => /^word\/header\d+\.xml$/.test(n));
		const withPage = headers.filter(([, x]) => x.includes('PAGE'));
		expect(withPage).toHaveLength(1);
		expect(withPage[0]![1]).toContain('<w:jc w:val="center"/>');
		expect(headers.some(([, x]) => !x.includes('PAGE'))).toBe(true);
	});
	it('serves a THÔNG BÁO with the same layout', async () => {
		const buf = await decree30Docx({
			issuingParent: 'UBND tỉnh Bắc Giang',
			issuingBody: 'Văn phòng',
			numberLine: 'Số: 12/TB-VP',
			place: 'Bắc Giang',
			date: '2024-10-20',
			docType: 'THÔNG BÁO',
			summary: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải phóng mặt bằng',
			body: ['Ngày 18/10/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp.', { kind: 'heading', text: '1. Giao Sở Tài chính' }],
			recipients: ['- Sở Tài chính;', 'Lưu: VT, KT.'],
			signerAuthority: 'TL. Chủ tịch',
			signerTitle: 'Chánh văn phòng',
			signerName: 'Trịnh Sỹ Tài'
		});
		const text = (await mammoth.extractRawText({ buffer: buf })).value;
		expect(text).toContain('THÔNG BÁO');
		expect(text).toContain('Bắc Giang, ngày 20 tháng 10 năm 2024');
		expect(text).toContain('UBND TỈNH BẮC GIANG');
		expect(text).toContain('TL. CHỦ TỊCH');
	});
	it('normalises typed recipients into "- …;" lines with the archive entry last', () => {
		expect(recipientLines(['Lưu: VT', ' - Sở Tài chính; ', 'UBND các huyện.'])).toEqual(['- Sở Tài chính;', '- UBND các huyện;', '- Lưu: VT.']);
		expect(recipientLines([])).toEqual(['- Lưu: VT.']);
	});
});

describe('report as .xlsx', () => {
	it('reads back with a summary sheet, a sheet by agency and a sheet by source, numbers kept as numbers', async () => {
		const report = januaryReport();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await reportXlsx(report)) as unknown as ArrayBuffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Theo cơ quan', 'Theo nguồn']);

		const sum = wb.getWorksheet('Tổng hợp')!;
		const rowOf = (label: string) => sum.getSheetValues().find((r) => Array.isArray(r) && r[1] === label) as unknown[];
		expect(rowOf('Kỳ báo cáo')[2]).toBe('tháng 01/2024');
		expect(rowOf('Số nhiệm vụ giao')[2]).toBe(14);
		expect(rowOf('Đã hoàn thành')[2]).toBe(4);
		expect(rowOf('Đã hoàn thành')[3]).toBeCloseTo(4 / 14, 10);
		expect(rowOf('Quá hạn chưa hoàn thành')[4]).toBeCloseTo(4 / 9, 10);
		expect(sum.getColumn(3).numFmt).toBe('0.0%');

		const ag = wb.getWorksheet('Theo cơ quan')!;
		expect(ag.getRow(1).getCell(2).value).toBe('Cơ quan chủ trì');
		expect(ag.getRow(2).values).toEqual(expect.arrayContaining([1, 'Sở Tài chính']));
		expect(ag.getRow(2).getCell(5).value).toBe(5);
		expect(ag.getRow(2).getCell(5).numFmt).toBe('#,##0');
		expect(ag.getRow(2).getCell(10).value).toBeCloseTo(0.8, 10);
		expect(ag.getRow(2).getCell(10).numFmt).toBe('0.0%');
		expect(ag.rowCount).toBe(4);

		const src = wb.getWorksheet('Theo nguồn')!;
		expect(src.getRow(2).getCell(2).value).toBe('Tỉnh ủy, Ban Thường vụ Tỉnh ủy');
		expect(src.getRow(src.rowCount).getCell(2).value).toBe('Tổng cộng');
		expect(src.getRow(src.rowCount).getCell(3).value).toBe(15);
	});
});
