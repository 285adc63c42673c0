/**
 * A filtered task list as an .xlsx workbook (issue 9 [7]): the rows the tracker shows for the same
 * filter, all of them (not one page), one sheet "Nhiệm vụ" with the columns the office's own
 * sheet keeps. Dates are Excel dates (dd/mm/yyyy), progress a number, so the office can sort,
 * filter and compute in Excel.
 */
import ExcelJS from 'exceljs';
import { SOURCE_LABELS } from '#shared/tracker/sourceTypes';
import { statusLabel } from '#shared/tracker/status';
import { deadlineLabel } from '#shared/tasks/draftTasks';
import type { User } from '../auth/types';
import type { TrackerFilter, TrackerRow, TrackerService } from './TrackerService';

/** At most this many rows in one workbook (a province's whole tracker is a few tens of thousands). */
export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 2000;

/** Every row `user` may see under `filter`, page after page, in the list's order. */
export function allRows(tracker: TrackerService, user: User, filter: TrackerFilter): { rows: TrackerRow[]; total: number } {
	const rows: TrackerRow[] = [];
	let total = 0;
	for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += PAGE) {
		const page = tracker.list(user, { ...filter, withCounts: false, limit: PAGE, offset });
		total = page.total;
		rows.push(...page.rows);
		if (page.rows.length < PAGE || rows.length >= total) break;
	}
	return { rows: rows.slice(0, EXPORT_MAX_ROWS), total };
}

/** An ISO day as an Excel date cell value (UTC midnight, shown as dd/mm/yyyy), or null. */
const day = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

/** The workbook of `rows`; `title` goes in the first line (what was filtered, when). */
export async function taskListWorkbook(rows: readonly TrackerRow[], title: string): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Kết Luận';
	const ws = wb.addWorksheet('Nhiệm vụ');
	ws.columns = [
		{ key: 'no', width: 6 },
		{ key: 'notice', width: 14 },
		{ key: 'noticeTitle', width: 40 },
		{ key: 'action', width: 60 },
		{ key: 'lead', width: 30 },
		{ key: 'support', width: 30 },
		{ key: 'officials', width: 24 },
		{ key: 'due', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
		{ key: 'dueOriginal', width: 12, style: { numFmt: 'dd/mm/yyyy' } },
		{ key: 'deadline', width: 24 },
		{ key: 'source', width: 18 },
		{ key: 'status', width: 26 },
		{ key: 'progress', width: 10 },
		{ key: 'lastProgress', width: 18, style: { numFmt: 'dd/mm/yyyy hh:mm' } }
	];
	ws.addRow([title]).font = { bold: true };
	const header = ws.addRow([
		'STT',
		'Số thông báo',
		'Trích yếu thông báo',
		'Nội dung nhiệm vụ',
		'Cơ quan chủ trì',
		'Cơ quan phối hợp',
		'Lãnh đạo chỉ đạo',
		'Thời hạn',
		'Hạn gốc',
		'Thời hạn ghi trong văn bản',
		'Nguồn',
		'Trạng thái',
		'Tiến độ (%)',
		'Cập nhật lần cuối'
	]);
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'middle' };
	ws.views = [{ state: 'frozen', ySplit: 2 }];
	rows.forEach((r, i) => {
		const row = ws.addRow({
			no: i + 1,
			notice: r.noticeNumber || '(dự thảo)',
			noticeTitle: r.noticeTitle,
			action: r.action,
			lead: r.lead.join('; '),
			support: r.support.join('; '),
			officials: r.officials.join('; '),
			due: day(r.dueWorking),
			dueOriginal: r.dueOriginal !== r.dueWorking ? day(r.dueOriginal) : null,
			deadline: deadlineLabel(r.deadline),
			source: r.sourceType ? SOURCE_LABELS[r.sourceType] : '',
			status: r.state === 'draft' ? 'Dự thảo' : statusLabel(r.status),
			progress: r.progressPercent,
			// Excel has no time zones: the moment as Hà Nội reads it (UTC+7).
			lastProgress: r.lastProgressAt === null ? null : new Date(r.lastProgressAt + 7 * 3_600_000)
		});
		row.alignment = { wrapText: true, vertical: 'top' };
	});
	ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: 14 } };
	return Buffer.from(await wb.xlsx.writeBuffer());
}
