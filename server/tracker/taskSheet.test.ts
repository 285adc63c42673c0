import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import type { User } from '../auth/types';
import { insertIssued, openTestDb } from '../reports/testWorld';
import { buildReport } from '../reports/monthlyReport';
import { checkRows, guessMapping, mappingErrors, readAgencies, readDay, readTaskSheet, type CellValue } from './taskSheet';
import { mappingFor, migrateTaskImport, priorImportOf, priorRows, pseudoNoticeHeader, rememberMapping, writeImport } from './taskImport';
import { taskListWorkbook } from './taskListXlsx';
import type { TrackerRow } from './TrackerService';

/** A workbook of one sheet whose rows are `rows` (a title line first when `title`). */
async function workbook(rows: CellValue[][], sheetName = 'Theo dõi'): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet(sheetName);
	for (const r of rows) ws.addRow(r);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

const HEADER = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời hạn', 'Số thông báo', 'Ngày văn bản', 'Trạng thái', 'Ghi chú'];
const ctx = { directory: DEFAULT_DIRECTORY, today: '2026-12-04' };

describe('reading a task sheet', () => {
	it('finds the header under a title line, skips the numbering row, and guesses every field from the headers', async () => {
		const sheet = await readTaskSheet(
			await workbook([
				['BẢNG THEO DÕI NHIỆM VỤ NĂM 2026'],
				HEADER,
				[1, 2, 3, 4, 5, 6, 7, 8, 9],
				[1, 'Rà soát vốn đầu tư công', 'Sở Tài chính', 'Sở Xây dựng', new Date('2026-12-20T00:00:00Z'), '45/TB-VP', '20/11/2026', 'Đang thực hiện', '']
			])
		);
		expect(sheet).toMatchObject({ sheets: ['Theo dõi'], sheet: 'Theo dõi', headerRow: 2, headerGuessed: false });
		expect(sheet.rows.map((r) => r.row)).toEqual([4]);
		expect(guessMapping(sheet.columns)).toEqual({ action: 2, lead: 3, support: 4, due: 5, document: 6, documentDate: 7, status: 8, note: 9 });
	});

	it('guesses folded headers written without diacritics or in other words', () => {
		const cols = ['Noi dung cong viec', 'Đơn vị thực hiện', 'Đơn vị phối hợp', 'Hạn hoàn thành', 'Số, ký hiệu', 'Tình trạng', 'Ngày hoàn thành'].map(
			(label, i) => ({
				index: i + 1,
				letter: '',
				label
			})
		);
		expect(guessMapping(cols)).toEqual({ action: 1, lead: 2, support: 3, due: 4, document: 5, status: 6, completedOn: 7 });
	});

	it("reads its own export's columns back (round trip)", async () => {
		const row = {
			noticeId: 'n',
			noticeTitle: 'Kết luận về giải ngân',
			noticeNumber: '45/TB-VP',
			taskId: 't',
			state: 'official',
			lead: ['Sở Tài chính'],
			support: ['Sở Văn hóa, Thể thao và Du lịch', 'Sở Xây dựng'],
			officials: [],
			action: 'Rà soát, báo cáo tiến độ giải ngân',
			deadline: null,
			dueOriginal: '2026-12-20',
			dueWorking: '2026-12-20',
			sourceType: 'UBND',
			status: { kind: 'done', onTime: true, onTimeWorking: true, completedOn: '2026-12-01' },
			statusKey: 'done-on-time',
			progressPercent: 100,
			lastProgressAt: null
		} as unknown as TrackerRow;
		const sheet = await readTaskSheet(new Uint8Array(await taskListWorkbook([row], 'Danh sách nhiệm vụ')));
		expect(sheet.headerRow).toBe(2);
		const mapping = guessMapping(sheet.columns);
		expect(mapping).toMatchObject({ action: 4, lead: 5, support: 6, due: 8, document: 2, status: 12 });
		const { rows, counts } = checkRows(sheet, mapping, ctx);
		expect(counts).toEqual({ rows: 1, good: 1, bad: 0, already: 0 });
		expect(rows[0]).toMatchObject({
			action: 'Rà soát, báo cáo tiến độ giải ngân',
			lead: ['Sở Tài chính'],
			support: ['Sở Văn hóa, Thể thao và Du lịch', 'Sở Xây dựng'],
			due: '2026-12-20',
			document: '45/TB-VP',
			outcome: 'done',
			// Done on time without a completion day: the deadline (not after today) is taken.
			outcomeOn: '2026-12-04'
		});
	});

	it('chooses another sheet by name, and refuses what is not an .xlsx with a Vietnamese message', async () => {
		const wb = new ExcelJS.Workbook();
		wb.addWorksheet('Ghi chú').addRow(['không có gì']);
		wb.addWorksheet('Năm 2025').addRows([HEADER, [1, 'Việc A', 'Sở Y tế']]);
		const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const second = await readTaskSheet(bytes, 'Năm 2025');
		expect(second).toMatchObject({ sheets: ['Ghi chú', 'Năm 2025'], sheet: 'Năm 2025', headerRow: 1 });
		expect((await readTaskSheet(bytes)).headerGuessed).toBe(true);
		await expect(readTaskSheet(bytes, 'Không có')).rejects.toThrow('Tệp không có trang tính “Không có”.');
		await expect(readTaskSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).rejects.toThrow(/\.xls/);
		await expect(readTaskSheet(new TextEncoder().encode('a;b;c'))).rejects.toThrow('Tệp không phải bảng tính Excel (.xlsx).');
		await expect(readTaskSheet(new Uint8Array([0x50, 0x4b, 0, 0]))).rejects.toThrow(/Không đọc được tệp Excel/);
	});
});

describe('dates and agencies of a row', () => {
	it('reads Excel date cells, serials and dd/mm/yyyy text; refuses what is not a date', () => {
		expect(readDay(new Date('2026-06-30T00:00:00Z'))).toEqual({ day: '2026-06-30' });
		expect(readDay(new Date('2026-06-29T23:59:59.999Z'))).toEqual({ day: '2026-06-30' });
		expect(readDay(46203)).toEqual({ day: '2026-06-30' });
		expect(readDay('30/6/2026')).toEqual({ day: '2026-06-30' });
		expect(readDay('30-06-2026')).toEqual({ day: '2026-06-30' });
		expect(readDay('2026-06-30')).toEqual({ day: '2026-06-30' });
		expect(readDay('Trước ngày 30/6/2026')).toEqual({ day: '2026-06-30' });
		expect(readDay(null)).toEqual({ day: null });
		expect(readDay('Thường xuyên', true)).toEqual({ day: null });
		expect(readDay('Thường xuyên')).toHaveProperty('error');
		expect(readDay('31/02/2026')).toHaveProperty('error');
		expect(readDay('quý IV')).toHaveProperty('error');
		expect(readDay('30/6/2026 hoặc 30/9/2026')).toHaveProperty('error');
		expect(readDay(12)).toHaveProperty('error');
	});

	it('splits agencies on ";" and lines, keeps a name with commas whole, and names what the directory does not know', () => {
		expect(readAgencies('Sở Tài chính; Sở Xây dựng\nSở Y tế', DEFAULT_DIRECTORY).names).toEqual(['Sở Tài chính', 'Sở Xây dựng', 'Sở Y tế']);
		expect(readAgencies('Sở Văn hóa, Thể thao và Du lịch', DEFAULT_DIRECTORY).names).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
		expect(readAgencies('Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch', DEFAULT_DIRECTORY).names).toEqual(['Sở Tài chính', 'Sở Văn hóa, Thể thao và Du lịch']);
		expect(readAgencies('Sở Tài chính và Sở Xây dựng', DEFAULT_DIRECTORY).names).toEqual(['Sở Tài chính', 'Sở Xây dựng']);
		expect(readAgencies('sở tài chính', DEFAULT_DIRECTORY).names).toEqual(['Sở Tài chính']);
		expect(readAgencies('Sở Tài chính; Công ty Ánh Dương', DEFAULT_DIRECTORY)).toMatchObject({ names: ['Sở Tài chính'], unknown: ['Công ty Ánh Dương'] });
		expect(readAgencies('Sở Tài chính, Ban Quản lý chợ Xanh', DEFAULT_DIRECTORY)).toMatchObject({ names: ['Sở Tài chính'], unknown: ['Ban Quản lý chợ Xanh'] });
	});
});

describe('checking the rows', () => {
	it('gives each bad row its reasons, and skips the same task twice', async () => {
		const sheet = await readTaskSheet(
			await workbook([
				HEADER,
				[1, 'Rà soát vốn', 'Sở Tài chính', '', '20/12/2026', '', '', '', ''],
				[2, '', 'Sở Tài chính', '', '', '', '', '', ''],
				[3, 'Kiểm tra chợ', 'Công ty Ánh Dương', '', 'quý IV', '', '', '', ''],
				[4, 'Rà soát vốn', 'Sở Tài chính', '', '20/12/2026', '', '', '', ''],
				[5, 'Báo cáo', '', '', '', '', '01/01/2099', '', ''],
				[6, 'Tổng kết', 'Sở Y tế', '', '', '', '', 'Đã hoàn thành', ''],
				[7, 'Khảo sát', 'Sở Y tế', '', '', '', '', 'Thôi thực hiện', '']
			])
		);
		const { rows, counts } = checkRows(sheet, guessMapping(sheet.columns), ctx);
		expect(counts).toEqual({ rows: 7, good: 3, bad: 4, already: 0 });
		expect(rows.map((r) => [r.row, r.errors])).toEqual([
			[2, []],
			[3, ['Thiếu nội dung nhiệm vụ.']],
			[
				4,
				[
					'Cơ quan chủ trì “Công ty Ánh Dương” không có trong danh mục cơ quan.',
					'Thời hạn “quý IV” không phải ngày (ghi dd/mm/yyyy hoặc dùng ô ngày của Excel).'
				]
			],
			[5, ['Trùng với dòng 2.']],
			[6, ['Thiếu cơ quan chủ trì.', 'Ngày văn bản 01/01/2099 sau hôm nay.']],
			[7, []],
			[8, []]
		]);
		expect(rows[5]).toMatchObject({ outcome: 'done', outcomeOn: '2026-12-04' });
		expect(rows[6]).toMatchObject({ outcome: 'cancelled' });
	});

	it('refuses a mapping without the required columns, or one column for two fields', async () => {
		const sheet = await readTaskSheet(await workbook([HEADER]));
		expect(mappingErrors(sheet, { action: 2 })).toEqual(['Hãy chọn cột cho “Cơ quan chủ trì”.']);
		expect(mappingErrors(sheet, { action: 2, lead: 2 })).toEqual(['Cột B được chọn cho nhiều mục: “Nội dung nhiệm vụ”, “Cơ quan chủ trì”.']);
		expect(mappingErrors(sheet, { action: 2, lead: 40 })).toEqual(['Cột đã chọn cho “Cơ quan chủ trì” không có trong trang tính.']);
	});
});

describe('storing an import', () => {
	let world: ReturnType<typeof openTestDb> | undefined;
	afterEach(() => world?.close());
	const office: User = { id: 'u-office', username: 'cv', displayName: 'Chuyên viên', role: 'office', agency: null, createdAt: 0 };
	const agency: User = { id: 'u-tc', username: 'tc', displayName: 'Sở TC', role: 'agency', agency: 'Sở Tài chính', createdAt: 0 };

	it('writes official migrated tasks the list, search, agency view and report see, once', async () => {
		world = openTestDb(() => Date.parse('2026-12-04T03:00:00Z'));
		const { db, tracker } = world;
		migrateTaskImport(db);
		const sheet = await readTaskSheet(
			await workbook([
				HEADER,
				[1, 'Rà soát giải ngân vốn', 'Sở Tài chính', 'Sở Xây dựng', '20/12/2026', '45/TB-VP', '20/11/2026', '', 'Ưu tiên'],
				[2, 'Tổng kết năm', 'Sở Y tế', '', '', '45/TB-VP', '20/11/2026', 'Đã hoàn thành ngày 01/12/2026', '']
			])
		);
		const mapping = guessMapping(sheet.columns);
		const checked = checkRows(sheet, mapping, { ...ctx, prior: priorRows(db) });
		const header = pseudoNoticeHeader(checked.rows, 'cu.xlsx', '2026-12-04');
		expect(header).toEqual({ title: 'Nhiệm vụ chuyển từ bảng theo dõi (cu.xlsx, 04/12/2026)', number: '45', symbol: 'TB-VP', date: '2026-11-20' });
		insertIssued(db, { id: 'P', issuedAt: 0, source: null, state: 'draft' }, []);
		const ids = writeImport(db, {
			noticeId: 'P',
			header,
			fileName: 'cu.xlsx',
			fileHash: 'h1',
			sheet: sheet.sheet,
			rows: checked.rows,
			skipped: 0,
			user: office,
			now: Date.parse('2026-12-04T03:00:00Z')
		});
		expect(ids).toHaveLength(2);

		const own = tracker.list(agency);
		expect(own.rows.map((r) => [r.action, r.sourceType, r.noticeNumber, r.dueWorking])).toEqual([
			['Rà soát giải ngân vốn', 'migrated', '45/TB-VP', '2026-12-20']
		]);
		expect(tracker.list(office, { q: 'giai ngan' }).total).toBe(1);
		expect(tracker.list(office, { source: 'migrated' }).total).toBe(2);
		expect(tracker.list(office, { agency: 'so xay dung', agencyRole: 'support' }).total).toBe(1);
		const done = tracker.list(office, { status: ['done-on-time', 'done-late'] }).rows;
		expect(done.map((r) => r.action)).toEqual(['Tổng kết năm']);
		// The day the status names is the completion day.
		expect(done[0]!.status).toMatchObject({ kind: 'done', completedOn: '2026-12-01' });
		const detail = tracker.detail(office, { noticeId: 'P', taskId: ids[0]! });
		expect(detail.events).toMatchObject([{ kind: 'imported', text: expect.stringContaining('Tệp “cu.xlsx”, trang “Theo dõi”, dòng 2') }]);
		expect(detail.events[0]!.text).toContain('Ghi chú: Ưu tiên');
		const november = buildReport(db, { from: '2026-11-01', to: '2026-11-30', today: '2026-12-04' });
		expect(november.groups.find((g) => g.key === 'OTHER')?.counts.total).toBe(2);

		// Again: the file is known, every row is found as imported, and a forced write stores nothing.
		expect(priorImportOf(db, 'h1')).toMatchObject({ fileName: 'cu.xlsx', imported: 2, noticeId: 'P' });
		const again = checkRows(sheet, mapping, { ...ctx, prior: priorRows(db) });
		expect(again.counts).toEqual({ rows: 2, good: 0, bad: 2, already: 2 });
		expect(again.rows[0]!.errors).toEqual(['Đã nhập trước đây (tệp “cu.xlsx”, dòng 2).']);
		expect(() =>
			writeImport(db, { noticeId: 'P', header, fileName: 'cu.xlsx', fileHash: 'h2', sheet: 'x', rows: checked.rows, skipped: 0, user: office, now: 1 })
		).toThrow(/vừa được nhập/);
		expect(tracker.list(office).total).toBe(2);
	});

	it('remembers the mapping chosen for a layout', async () => {
		world = openTestDb();
		migrateTaskImport(world.db);
		const sheet = await readTaskSheet(await workbook([['Việc', 'Ai làm', 'Khi nào']]));
		expect(mappingFor(world.db, sheet.columns)).toEqual({ mapping: {}, remembered: false });
		rememberMapping(world.db, sheet.columns, { action: 1, lead: 2, due: 3 }, 1);
		expect(mappingFor(world.db, sheet.columns)).toEqual({ mapping: { action: 1, lead: 2, due: 3 }, remembered: true });
	});
});
