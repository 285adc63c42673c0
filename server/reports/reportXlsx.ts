/**
 * The task report as an .xlsx workbook (exceljs): "Tổng hợp" (summary), "Theo cơ quan" (by lead
 * agency) and "Theo nguồn" (by source). Numbers stay numbers with Excel formats (#,##0 and
 * 0.0%), so Excel shows them with the reader's separators ("62,6%" on a Vietnamese system) and
 * the office can keep computing with them.
 */
import ExcelJS from 'exceljs';
import type { OutcomeGroup, TaskReport } from '#shared/format/reportTypes';
import { shortDate } from '#shared/format/vnDate';
import { figuresSentence, dueSentence, otherGroupSentences } from '#shared/format/reportText';

const INT = '#,##0';
const PCT = '0.0%';

/** Column headers of the count columns, shared by the agency and source sheets. */
export const COUNT_HEADERS = [
	'Tổng số (kể cả thôi thực hiện)',
	'Thôi thực hiện',
	'Số nhiệm vụ giao',
	'Hoàn thành đúng hạn',
	'Hoàn thành quá hạn',
	'Đang thực hiện trong hạn',
	'Quá hạn chưa hoàn thành',
	'Tỷ lệ hoàn thành',
	'Tỷ lệ quá hạn',
	'Số nhiệm vụ đã đến hạn',
	'Tỷ lệ hoàn thành đúng hạn / đã đến hạn'
] as const;

/** A ratio for a percent-formatted cell (Excel wants 0.626 for 62,6%), or null (blank). */
const ratio = (v: number | null) => (v === null ? null : v / 100);

function countValues(g: OutcomeGroup): (number | null)[] {
	const c = g.counts;
	return [
		c.total,
		c.cancelled,
		c.assigned,
		c.doneOnTime,
		c.doneLate,
		c.within,
		c.overdue,
		ratio(g.ofAssigned.done),
		ratio(g.ofAssigned.overdue),
		c.due.total,
		ratio(g.ofDue.doneOnTime)
	];
}

/** Formats the count columns starting at `first` (1-based) and styles the header row. */
function styleSheet(ws: ExcelJS.Worksheet, first: number): void {
	const header = ws.getRow(1);
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
	header.height = 45;
	ws.views = [{ state: 'frozen', ySplit: 1 }];
	COUNT_HEADERS.forEach((h, i) => {
		const col = ws.getColumn(first + i);
		col.width = 14;
		col.numFmt = h.startsWith('Tỷ lệ') ? PCT : INT;
	});
}

/** The report as .xlsx bytes. */
export async function reportXlsx(report: TaskReport): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Kết Luận — Văn phòng UBND tỉnh';
	wb.created = new Date(`${report.evaluatedOn}T00:00:00+07:00`);

	const sum = wb.addWorksheet('Tổng hợp');
	sum.columns = [
		{ header: 'Chỉ tiêu', key: 'k', width: 48 },
		{ header: 'Số nhiệm vụ', key: 'n', width: 14, style: { numFmt: INT } },
		{ header: 'Tỷ lệ / số nhiệm vụ giao', key: 'a', width: 16, style: { numFmt: PCT } },
		{ header: 'Tỷ lệ / số nhiệm vụ đã đến hạn', key: 'd', width: 18, style: { numFmt: PCT } }
	];
	const c = report.totals.counts;
	const a = report.totals.ofAssigned;
	const d = report.totals.ofDue;
	sum.addRows([
		['Kỳ báo cáo', report.period.label],
		['Từ ngày', shortDate(report.period.from)],
		['Đến ngày', shortDate(report.period.to)],
		['Số liệu tính đến ngày', shortDate(report.evaluatedOn)],
		[],
		['Tổng số nhiệm vụ ban hành trong kỳ', c.total],
		['Thôi thực hiện (không tính vào số giao)', c.cancelled],
		['Số nhiệm vụ giao', c.assigned, c.assigned > 0 ? 1 : null, null],
		['Đã hoàn thành', c.done, ratio(a.done), ratio(d.done)],
		['  – Hoàn thành đúng hạn', c.doneOnTime, ratio(a.doneOnTime), ratio(d.doneOnTime)],
		['  – Hoàn thành quá hạn', c.doneLate, ratio(a.doneLate), ratio(d.doneLate)],
		['Đang thực hiện trong hạn', c.within, ratio(a.within), ratio(d.within)],
		['  – Còn trong hạn', c.withinParts.inTime],
		['  – Sắp đến hạn (3 ngày)', c.withinParts.dueSoon],
		['  – Không thời hạn', c.withinParts.noDeadline],
		['  – Chờ xác nhận hoàn thành', c.withinParts.awaiting],
		['Quá hạn chưa hoàn thành', c.overdue, ratio(a.overdue), ratio(d.overdue)],
		['Số nhiệm vụ đã đến hạn', c.due.total],
		[],
		[figuresSentence(report)],
		[dueSentence(report) ?? ''],
		...otherGroupSentences(report).map((t) => [t])
	]);
	sum.getRow(1).font = { bold: true };
	sum.views = [{ state: 'frozen', ySplit: 1 }];

	const ag = wb.addWorksheet('Theo cơ quan');
	ag.addRow(['Xếp hạng', 'Cơ quan chủ trì', ...COUNT_HEADERS]);
	for (const r of report.byAgency) ag.addRow([r.rank, r.agency, ...countValues(r)]);
	ag.getColumn(1).width = 9;
	ag.getColumn(2).width = 42;
	styleSheet(ag, 3);

	const src = wb.addWorksheet('Theo nguồn');
	src.addRow(['TT', 'Nguồn giao nhiệm vụ', ...COUNT_HEADERS]);
	report.bySource.forEach((s, i) => src.addRow([i + 1, s.label, ...countValues(s)]));
	const total = src.addRow(['', 'Tổng cộng', ...countValues(report.totals)]);
	total.font = { bold: true };
	src.getColumn(1).width = 5;
	src.getColumn(2).width = 40;
	styleSheet(src, 3);

	return Buffer.from(await wb.xlsx.writeBuffer());
}
