import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import JSZip from 'jszip';
import { NoticeDoc, type RichBlock } from '#shared/doc/noticeDoc';
import { buildNoticeDoc, importNoticeFile, importSeedNotices, seedNoticeFiles, readNoticeFile, readNoticeText } from './importNotice';
import { extractNotice } from '#shared/extract/notice';
import { ImportError, MAX_DOCX_BYTES, MAX_TEXT_BYTES, type ImportedNotice } from './types';
import { openImportWorld, type ImportWorld } from './testWorld';

/** The sample notices shipped beside the app (../shared/seeds), or SEEDS_DIR. */
const SEEDS = process.env.SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
const haveSeeds = existsSync(SEEDS);
if (!haveSeeds) console.warn(`[documents] ${SEEDS} không có: bỏ qua các phép thử trên thông báo mẫu.`);
const seed = (prefix: string) => {
	const name = readdirSync(SEEDS).find((n) => n.startsWith(prefix) && n.endsWith('.txt'))!;
	return readFileSync(path.join(SEEDS, name), 'utf8');
};
const texts = (n: ImportedNotice) => n.body.map((b) => b.runs.map((r) => r.text).join(''));
const recipients = (n: ImportedNotice) => (n.meta.recipients ?? '').split('\n');

describe.skipIf(!haveSeeds)('text import of the seed notices', () => {
	it('reads seed 004: number and symbol, place, title, recipients, a "TL." signer, and infers UBND tỉnh as issuer', () => {
		const n = readNoticeText(seed('004'));
		expect(n.meta.number).toBeUndefined();
		expect(n.meta).toMatchObject({
			symbol: 'TB-UBND',
			place: 'Bắc Giang',
			issuingParent: '',
			issuingBody: 'UBND TỈNH BẮC GIANG',
			signerAuthority: 'TL. CHỦ TỊCH',
			signerTitle: 'CHÁNH VĂN PHÒNG',
			signerName: 'Lê Tuấn Phú',
			meetingDate: '2023-12-27'
		});
		expect(n.fields).toMatchObject({ symbol: 'read', place: 'read', title: 'read', signerName: 'read', issuingBody: 'inferred' });
		expect(n.meta.title).toBe(
			'Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban về kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2023; kế hoạch phát triển kinh tế - xã hội năm 2024 và một số nội dung cần quan tâm'
		);
		// The draft has no day yet ("ngày   tháng 12 năm 2023"): the date stays blank, with a warning.
		expect(n.meta.date).toBeUndefined();
		expect(n.warnings.join(' ')).toContain('ngày');
		expect(recipients(n)).toHaveLength(10);
		expect(recipients(n)[0]).toBe('TT Tỉnh ủy, TT HĐND tỉnh (b/c)');
		expect(recipients(n).at(-1)).toBe('Lưu: VT, TH');
	});

	it('keeps the numbered items of seed 004 in order, with their markers, bold deadlines and italic requests', () => {
		const n = readNoticeText(seed('004'));
		const t = texts(n);
		const markers = t.map((s) => /^(\(\d+\)|\d+(?:\.\d+)*\.?)\s/.exec(s)?.[1]).filter(Boolean);
		expect(markers.slice(0, 9)).toEqual(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)']);
		expect(markers).toContain('2.25.');
		expect(markers.indexOf('2.1.')).toBeLessThan(markers.indexOf('2.25.'));
		const item1 = n.body.find((b) => b.runs[0]?.text.startsWith('(1)'))!;
		expect(item1.runs.find((r) => r.bold)?.text).toBe('15/01/2024');
		const item217 = n.body.find((b) => b.runs[0]?.text.startsWith('2.17.'))!;
		expect(item217.runs[0]).toEqual({ text: '2.17. ' });
		expect(item217.runs[1]).toMatchObject({ italic: true });
		expect(item217.runs[1]!.text).toMatch(/^Kiến nghị của UBND huyện Lục Nam/);
		// No markdown left in the text, no header or signature line in the body.
		expect(t.join('\n')).not.toContain('*');
		expect(t.some((s) => /^(?:Nơi nhận|Lê Tuấn Phú|THÔNG BÁO|Số:)/.test(s))).toBe(false);
		// "1.700m²": the square sign is a unit, not a footnote mark.
		expect(t.join('\n')).toContain('1.700m²');
	});

	it('joins the lines a page break split in seed 004 ("doanh" / "nghiệp")', () => {
		const t = texts(readNoticeText(seed('004')));
		expect(t.some((s) => s.includes('một số doanh nghiệp gặp nhiều khó khăn'))).toBe(true);
	});

	it('reads seed 000 (PDF text, a line break every line): title over two lines, numbered items, signer, Office as issuer', () => {
		const n = readNoticeText(seed('000'));
		expect(n.meta.title).toBe('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban Thường trực UBND tỉnh ngày 14/03/2022');
		expect(n.meta).toMatchObject({
			issuingParent: 'UBND TỈNH',
			issuingBody: 'VĂN PHÒNG',
			symbol: 'TB-VP',
			signerTitle: 'CHÁNH VĂN PHÒNG',
			signerName: 'Phan Quốc Nghĩa',
			meetingDate: '2022-03-14'
		});
		expect(n.fields.issuingBody).toBe('inferred');
		expect(recipients(n)).toEqual([
			'TT UBND tỉnh',
			'Các sở, ban ngành thuộc tỉnh',
			'UBND các huyện, thị xã, thành phố',
			'Lãnh đạo Văn phòng',
			'Lưu: VT, Các CV, TH3'
		]);
		const t = texts(n);
		expect(t.filter((s) => /^\d\. /.test(s)).map((s) => s.slice(0, 2))).toEqual(['1.', '2.', '3.']);
		expect(t.filter((s) => s.startsWith('- '))).toHaveLength(2);
		expect(t[0]).toContain('Thường trực UBND tỉnh tổ chức cuộc họp giao ban; đồng chí Trịnh Xuân Trường - Chủ tịch UBND tỉnh chủ trì cuộc họp.');
	});

	it('reads seed 001 (a report without header): signer and recipients, a recipient broken over two lines joined', () => {
		const n = readNoticeText(seed('001'));
		expect(n.meta.title).toBeUndefined();
		expect(n.meta.signerName).toBe('Trịnh Sỹ Tài');
		expect(recipients(n)).toContain('VP UBND tỉnh: LĐVP, CVTMTH, Cổng thông tin điện tử tỉnh');
		expect(texts(n)[0]).toBe('1. Công tác chỉ đạo điều hành tháng 9 năm 2022 của UBND tỉnh, Chủ tịch UBND tỉnh');
		expect(texts(n).some((s) => s.startsWith('3.2. '))).toBe(true);
	});

	it('reads seed 002: a "TL. CHỦ TỊCH" signer, numbered items, and drops the footnote inside item 4', () => {
		const n = readNoticeText(seed('002'));
		expect(n.meta).toMatchObject({
			signerAuthority: 'TL. CHỦ TỊCH',
			signerTitle: 'CHÁNH VĂN PHÒNG',
			signerName: 'Nguyễn Quốc Việt',
			meetingDate: '2026-01-06'
		});
		expect(n.meta.title).toMatch(/^Kết luận của đồng chí Trần Phước Hiền, Phó Chủ tịch UBND tỉnh/);
		const t = texts(n);
		expect(t.filter((s) => /^\d\. /.test(s)).map((s) => s[0])).toEqual(['1', '2', '3', '4', '5']);
		expect(t.some((s) => s.includes('kịp thời tham mưu tháo gỡ khó khăn, vướng mắc thuộc chức năng, nhiệm vụ của Văn phòng'))).toBe(true);
		expect(t.some((s) => s.startsWith('Báo cáo số 01/BC-VP'))).toBe(false);
	});

	it('reads seed 003: symbol TB-VPUBND, place Lào Cai, Office of UBND tỉnh Lào Cai as issuer, bold deadline', () => {
		const n = readNoticeText(seed('003'));
		expect(n.meta).toMatchObject({
			symbol: 'TB-VPUBND',
			place: 'Lào Cai',
			issuingParent: 'UBND TỈNH LÀO CAI',
			issuingBody: 'VĂN PHÒNG',
			signerName: 'Phan Quốc Nghĩa'
		});
		expect(n.meta.title).toBe('Kết luận của Thường trực UBND tỉnh tại cuộc họp giao ban ngày 02/8/2021');
		expect(n.body.flatMap((b) => b.runs).find((r) => r.bold)?.text).toBe('trong Quý III/2021');
	});

	it('stores every seed as a notice whose tasks are extracted at once', async () => {
		const world = await openImportWorld();
		try {
			const { found, ids } = await importSeedNotices(world, world.user, SEEDS);
			expect(found).toBe(true);
			// Every .txt but the monthly report (001, a Báo cáo) is a notice.
			const files = seedNoticeFiles(SEEDS);
			expect(files).toEqual(
				readdirSync(SEEDS)
					.filter((n) => n.endsWith('.txt') && !n.startsWith('001'))
					.sort()
			);
			expect(ids).toHaveLength(files.length);
			expect(world.noticeCount()).toBe(ids.length);
			const seed004 = ids[files.findIndex((n) => n.startsWith('004'))]!;
			expect(world.taskCount(seed004)).toBeGreaterThan(30);
			expect(world.notices.summary(seed004)?.title).toMatch(/^Kết luận của Chủ tịch UBND tỉnh tại hội nghị giao ban/);
		} finally {
			await world.close();
		}
	});
});

describe('text import of a two-column header pasted from a PDF', () => {
	const pasted = [
		'UBND TỈNH BẮC GIANG            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'VĂN PHÒNG                      Độc lập - Tự do - Hạnh phúc',
		'Số: 12/TB-VP                   Bắc Giang, ngày 05 tháng 01 năm 2024',
		'',
		'THÔNG BÁO',
		'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp',
		'về tiến độ giải ngân vốn đầu tư công',
		'',
		'Ngày 04/01/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2023. Sau khi nghe',
		'Sở Tài chính báo cáo, Chủ tịch UBND tỉnh kết luận như sau:',
		'1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát các dự án chậm giải ngân, báo cáo UBND tỉnh trước',
		'ngày 20/01/2024.',
		'2. Yêu cầu UBND các huyện, thành phố đẩy nhanh công tác giải phóng mặt bằng.',
		'',
		'2',
		'',
		'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
		'Nơi nhận:                                   KT. CHÁNH VĂN PHÒNG',
		'- Chủ tịch UBND tỉnh (b/c);                 PHÓ CHÁNH VĂN PHÒNG',
		'- Sở Tài chính, Sở Xây dựng;',
		'- UBND các huyện, thành phố;',
		'- Lưu: VT, TH.                              Nguyễn Văn Bình'
	].join('\n');

	it('reads each column: issuing parent and body, number, place and full date, signer', () => {
		const n = readNoticeText(pasted);
		expect(n.meta).toMatchObject({
			issuingParent: 'UBND TỈNH BẮC GIANG',
			issuingBody: 'VĂN PHÒNG',
			number: '12',
			symbol: 'TB-VP',
			place: 'Bắc Giang',
			date: '2024-01-05',
			title: 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công',
			signerAuthority: 'KT. CHÁNH VĂN PHÒNG',
			signerTitle: 'PHÓ CHÁNH VĂN PHÒNG',
			signerName: 'Nguyễn Văn Bình',
			meetingDate: '2024-01-04',
			recipients: 'Chủ tịch UBND tỉnh (b/c)\nSở Tài chính, Sở Xây dựng\nUBND các huyện, thành phố\nLưu: VT, TH'
		});
		expect(n.warnings).toEqual([]);
	});

	it('joins broken lines, drops the page number and keeps the numbered items', () => {
		expect(texts(readNoticeText(pasted))).toEqual([
			'Ngày 04/01/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp về tiến độ giải ngân vốn đầu tư công năm 2023. Sau khi nghe Sở Tài chính báo cáo, Chủ tịch UBND tỉnh kết luận như sau:',
			'1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát các dự án chậm giải ngân, báo cáo UBND tỉnh trước ngày 20/01/2024.',
			'2. Yêu cầu UBND các huyện, thành phố đẩy nhanh công tác giải phóng mặt bằng.',
			'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.'
		]);
	});

	it('builds a doc the editor reads back unchanged (readBody gives what setBody wrote)', () => {
		const n = readNoticeText(pasted);
		const doc = buildNoticeDoc(n, '2024-01-06');
		const notice = new NoticeDoc(doc);
		expect(notice.readBody()).toEqual(n.body);
		expect(notice.readMeta()).toMatchObject({ number: '12', date: '2024-01-05', state: 'draft' });
		expect(new Set(notice.blocks().map((b) => b.id)).size).toBe(n.body.length);
	});
});

/** A Word file made with the docx library: a heading, bold and italic runs, an automatic numbered list. */
async function wordFile(): Promise<Buffer> {
	const doc = new Document({
		numbering: { config: [{ reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
		sections: [
			{
				children: [
					new Paragraph({ children: [new TextRun('UBND TỈNH BẮC GIANG')] }),
					new Paragraph({ children: [new TextRun({ text: 'VĂN PHÒNG', bold: true })] }),
					new Paragraph({ children: [new TextRun('Số: 7/TB-VP')] }),
					new Paragraph({ children: [new TextRun({ text: 'Bắc Giang, ngày 15 tháng 3 năm 2024', italics: true })] }),
					new Paragraph({ children: [new TextRun({ text: 'THÔNG BÁO', bold: true })] }),
					new Paragraph({ children: [new TextRun({ text: 'Kết luận của Chánh Văn phòng tại cuộc họp giao ban tháng 3', bold: true })] }),
					new Paragraph({ children: [new TextRun('Ngày 14/3/2024, Chánh Văn phòng chủ trì cuộc họp giao ban. Chánh Văn phòng kết luận:')] }),
					new Paragraph({
						numbering: { reference: 'items', level: 0 },
						children: [
							new TextRun('Giao '),
							new TextRun({ text: 'Phòng Tổng hợp', bold: true }),
							new TextRun(' tham mưu báo cáo '),
							new TextRun({ text: 'trước ngày 20/3/2024', italics: true }),
							new TextRun('.')
						]
					}),
					new Paragraph({ numbering: { reference: 'items', level: 0 }, children: [new TextRun('Yêu cầu Phòng Hành chính - Tổ chức rà soát hồ sơ.')] }),
					new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true })] }),
					new Paragraph({ children: [new TextRun('- Lãnh đạo Văn phòng;')] }),
					new Paragraph({ children: [new TextRun('- Lưu: VT, TH.')] }),
					new Paragraph({ children: [new TextRun({ text: 'CHÁNH VĂN PHÒNG', bold: true })] }),
					new Paragraph({ children: [new TextRun({ text: 'Nguyễn Văn An', bold: true })] })
				]
			}
		]
	});
	return Packer.toBuffer(doc);
}

/** A .docx with one paragraph per line of `text`, as a PDF-to-Word converter writes it. */
async function onePerLine(text: string): Promise<Buffer> {
	const lines = text.replace(/\r\n?/gu, '\n').split('\n');
	return Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
}

/** The body's tasks as the extractor reads them: lead, support and deadline of each. */
const bodyTasks = (n: ImportedNotice) =>
	extractNotice(texts(n).join('\n'), { noticeDate: n.meta.date }).assignments.map((a) => [
		a.lead.map((l) => l.name).join(' + '),
		a.support.map((l) => l.name).join(' + '),
		a.deadline?.text ?? ''
	]);

describe.skipIf(!haveSeeds)('layout normalisation of a .docx converted from a PDF', () => {
	it('[L3] reads a Word file of one paragraph per printed line (seed 000, a real PDF text) as the same body and tasks as the text', async () => {
		const text = seed('000');
		const fromText = readNoticeText(text);
		const fromWord = await readNoticeFile('tu-pdf.docx', await onePerLine(text));
		expect(texts(fromWord)).toEqual(texts(fromText));
		expect(bodyTasks(fromText).length).toBeGreaterThanOrEqual(4);
		expect(bodyTasks(fromWord)).toEqual(bodyTasks(fromText));
	});

	it('does the same for a real Government Office notice from the real corpus', async () => {
		const file = path.resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'extract', 'real', 'dev', 'ra_11_vpcp-cv-2020-thuy-san-han-man.txt');
		// The provenance line is ours, not the document's.
		const text = readFileSync(file, 'utf8').replace(/^# Nguồn:.*\n/u, '');
		const fromText = readNoticeText(text);
		const fromWord = await readNoticeFile('tu-pdf.docx', await onePerLine(text));
		expect(texts(fromWord)).toEqual(texts(fromText));
		expect(bodyTasks(fromWord)).toEqual(bodyTasks(fromText));
	});
});

/** A .docx of `text` where each run of tab-separated lines is a Word table (one row a line). */
async function withTables(text: string): Promise<Buffer> {
	const children: (Paragraph | Table)[] = [];
	let rows: string[][] = [];
	const flush = () => {
		if (rows.length)
			children.push(
				new Table({
					rows: rows.map((cells) => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun(c)] })] })) }))
				})
			);
		rows = [];
	};
	for (const line of text.replace(/\r\n?/gu, '\n').split('\n')) {
		if (line.includes('\t')) rows.push(line.split('\t'));
		else {
			flush();
			children.push(new Paragraph({ children: [new TextRun(line)] }));
		}
	}
	flush();
	return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe('a .docx with a table of tasks', () => {
	it('[L7] reads one task per row, by the columns its header names, as the same text pasted (tab-separated rows) gives', async () => {
		// A notice with a task table ("Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành").
		const text = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'tests', 'fixtures', 'extract', 'heldout', 'e_bang_va_doi_voi.txt'), 'utf8');
		const rows = text.split('\n').filter((l) => l.includes('\t')).length - 1;
		const fromText = readNoticeText(text);
		const fromWord = await readNoticeFile('bang-nhiem-vu.docx', await withTables(text));
		expect(rows).toBeGreaterThanOrEqual(5);
		expect(texts(fromWord)).toEqual(texts(fromText));
		const tasks = bodyTasks(fromWord);
		expect(tasks).toEqual(bodyTasks(fromText));
		// Every row is a task with its lead, and the deadline from the "Thời hạn" column.
		const rowTasks = tasks.filter(([, , deadline]) => /^(?:Quý|Tháng|Trước|Hằng)/iu.test(deadline ?? ''));
		expect(rowTasks.length).toBeGreaterThanOrEqual(rows - 1);
	});
});

describe('.docx import', () => {
	it('recognises the header, keeps bold and italic runs and reads Word numbering as an ordered list', async () => {
		const n = await readNoticeFile('thong-bao.docx', await wordFile());
		expect(n.meta).toMatchObject({
			issuingParent: 'UBND TỈNH BẮC GIANG',
			issuingBody: 'VĂN PHÒNG',
			number: '7',
			symbol: 'TB-VP',
			place: 'Bắc Giang',
			date: '2024-03-15',
			title: 'Kết luận của Chánh Văn phòng tại cuộc họp giao ban tháng 3',
			recipients: 'Lãnh đạo Văn phòng\nLưu: VT, TH',
			signerTitle: 'CHÁNH VĂN PHÒNG',
			signerName: 'Nguyễn Văn An',
			meetingDate: '2024-03-14'
		});
		expect(n.body).toEqual<RichBlock[]>([
			{ type: 'paragraph', runs: [{ text: 'Ngày 14/3/2024, Chánh Văn phòng chủ trì cuộc họp giao ban. Chánh Văn phòng kết luận:' }] },
			{
				type: 'paragraph',
				list: 'ordered',
				runs: [
					{ text: 'Giao ' },
					{ text: 'Phòng Tổng hợp', bold: true },
					{ text: ' tham mưu báo cáo ' },
					{ text: 'trước ngày 20/3/2024', italic: true },
					{ text: '.' }
				]
			},
			{ type: 'paragraph', list: 'ordered', runs: [{ text: 'Yêu cầu Phòng Hành chính - Tổ chức rà soát hồ sơ.' }] }
		]);
	});
});

describe('refused files', () => {
	let world: ImportWorld;
	beforeEach(async () => {
		world = await openImportWorld();
	});
	afterEach(async () => {
		await world.close();
	});

	async function refused(name: string, bytes: Uint8Array): Promise<ImportError> {
		const error = await importNoticeFile(world, world.user, name, bytes).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ImportError);
		expect(world.noticeCount()).toBe(0);
		return error as ImportError;
	}

	it('refuses random bytes named .docx as a damaged Word file, creating nothing', async () => {
		const e = await refused('hong.docx', randomBytes(4096));
		expect(e.reason).toBe('corrupt');
		expect(e.message).toMatch(/không phải văn bản Word|bị hỏng/);
	});

	it('refuses a zip that is not a Word document', async () => {
		const zip = new JSZip();
		zip.file('hello.txt', 'xin chào');
		const e = await refused('nen.docx', await zip.generateAsync({ type: 'uint8array' }));
		expect(e.reason).toBe('corrupt');
		expect(e.message).toContain('không phải văn bản Word');
	});

	it('refuses a truncated .docx', async () => {
		const whole = await wordFile();
		expect((await refused('cut.docx', whole.subarray(0, whole.length >> 1))).reason).toBe('corrupt');
	});

	it('refuses an empty file', async () => {
		const e = await refused('rong.txt', new Uint8Array());
		expect(e.reason).toBe('empty');
		expect(e.message).toContain('rỗng');
	});

	it('refuses binary data, a PDF and an old .doc with a message saying what to do', async () => {
		expect((await refused('anh.txt', randomBytes(2048))).reason).toBe('unsupported');
		expect((await refused('van-ban.pdf', Buffer.from('%PDF-1.7\n…'))).message).toContain('sao chép rồi dán');
		expect((await refused('cu.doc', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).message).toContain('.docx');
	});

	it('refuses a text with a header but no body', async () => {
		expect((await refused('dau.txt', Buffer.from('Số: 12/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh'))).reason).toBe('no-content');
	});

	it(`refuses a .docx above ${MAX_DOCX_BYTES / 1048576} MB and a text above ${MAX_TEXT_BYTES / 1048576} MB`, async () => {
		const big = Buffer.alloc(MAX_DOCX_BYTES + 1);
		big.set([0x50, 0x4b, 0x03, 0x04]);
		const e = await refused('lon.docx', big);
		expect(e.reason).toBe('too-large');
		expect(e.message).toContain('10 MB');
		const text = Buffer.alloc(MAX_TEXT_BYTES + 1, 'a');
		expect((await refused('lon.txt', text)).reason).toBe('too-large');
		expect(() => readNoticeText('a'.repeat(MAX_TEXT_BYTES + 1))).toThrow(/2 MB/);
	});

	it('stores nothing for an import that fails and everything for one that succeeds', async () => {
		await refused('hong.docx', randomBytes(100));
		const { id } = await importNoticeFile(world, world.user, 'thong-bao.docx', await wordFile());
		expect(world.noticeCount()).toBe(1);
		const doc = await world.notices.loadDoc(id);
		expect(new NoticeDoc(doc).readMeta().title).toBe('Kết luận của Chánh Văn phòng tại cuộc họp giao ban tháng 3');
		expect(world.taskCount(id)).toBeGreaterThan(0);
		doc.destroy();
	});
});

describe('the motto beside the issuer', () => {
	it('[L5] is taken out of a two-column header line in either spelling ("CỘNG HÒA", "CỘNG HOÀ"), leaving the issuer', () => {
		for (const motto of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Cộng hoà xã hội chủ nghĩa Việt Nam']) {
			const n = readNoticeText(
				[
					`ỦY BAN NHÂN DÂN TỈNH LÀO CAI      ${motto}`,
					'Số: 12/TB-UBND      Độc lập - Tự do - Hạnh phúc',
					'THÔNG BÁO',
					'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về nguồn vốn',
					'Ngày 10/11/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp.',
					'Giao Sở Tài chính rà soát nguồn vốn.'
				].join('\n')
			);
			expect(n.meta.issuingBody ?? '', motto).not.toMatch(/CỘNG|Cộng/u);
			expect(`${n.meta.issuingParent ?? ''} ${n.meta.issuingBody ?? ''}`, motto).toMatch(/LÀO CAI|Lào Cai/u);
		}
	});
});
