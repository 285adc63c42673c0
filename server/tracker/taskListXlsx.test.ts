import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { taskListWorkbook } from './taskListXlsx';
import type { TrackerRow } from './TrackerService';
import { computeStatus } from '#shared/tracker/status';

const row = (over: Partial<TrackerRow>): TrackerRow => ({
	noticeId: 'n1',
	noticeTitle: 'Kết luận của Chủ tịch UBND tỉnh',
	noticeNumber: '45/TB-VP',
	taskId: 't1',
	state: 'official',
	lead: ['Sở Văn hóa, Thể thao và Du lịch'],
	support: ['Sở Tài chính', 'UBND các huyện, thành phố'],
	officials: [],
	action: 'Tổ chức lễ hội',
	deadline: null,
	dueOriginal: '2026-12-20',
	dueWorking: '2027-01-15',
	sourceType: 'CT_UBND',
	status: computeStatus(
		{ originalDue: '2026-12-20', workingDue: '2027-01-15', reportedDoneOn: null, completedOn: null, cancelledOn: null, cancelReason: null },
		'2026-12-04'
	),
	statusKey: 'within',
	progressPercent: 40,
	lastProgressAt: null,
	...over
});

describe('taskListWorkbook', () => {
	it('writes one row per task with whole agency names, Excel dates and numbers', async () => {
		const buf = await taskListWorkbook(
			[row({}), row({ taskId: 't2', state: 'draft', noticeNumber: '', dueWorking: null, dueOriginal: null, progressPercent: 0 })],
			'Danh sách'
		);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(buf as unknown as ArrayBuffer);
		const ws = wb.getWorksheet('Nhiệm vụ')!;
		expect(ws.getRow(1).getCell(1).value).toBe('Danh sách');
		expect(ws.getRow(2).getCell(4).value).toBe('Nội dung nhiệm vụ');
		const r = ws.getRow(3);
		expect(r.getCell(2).value).toBe('45/TB-VP');
		expect(r.getCell(5).value).toBe('Sở Văn hóa, Thể thao và Du lịch');
		expect(r.getCell(6).value).toBe('Sở Tài chính; UBND các huyện, thành phố');
		expect((r.getCell(8).value as Date).toISOString().slice(0, 10)).toBe('2027-01-15');
		expect(r.getCell(8).numFmt).toBe('dd/mm/yyyy');
		expect((r.getCell(9).value as Date).toISOString().slice(0, 10)).toBe('2026-12-20');
		expect(r.getCell(11).value).toBe('Chủ tịch, các Phó Chủ tịch UBND tỉnh');
		expect(r.getCell(13).value).toBe(40);
		const d = ws.getRow(4);
		expect([d.getCell(2).value, d.getCell(8).value, d.getCell(12).value]).toEqual(['(dự thảo)', null, 'Dự thảo']);
		expect(r.getCell(12).value).toMatch(/^Đang thực hiện/);
		expect(ws.rowCount).toBe(4);
	});
});
