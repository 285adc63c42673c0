import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { parseTrackerFilter } from '$lib/server/trackerFilter';
import { allRows, taskListWorkbook, EXPORT_MAX_ROWS } from '$server/tracker/taskListXlsx';
import { vnDay } from '#shared/tracker/status';
import { shortDate } from '#shared/format/vnDate';
import type { RequestHandler } from './$types';

/**
 * GET /tasks/export.xlsx?<the list's filters> — every task of the filtered list the caller may see
 * (an agency: only its own), as an Excel workbook. Same query as /tasks; `page` and `limit` ignored.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const { filter, errors } = parseTrackerFilter(url.searchParams);
	if (errors.length) error(400, { message: errors.join(' ') });
	delete filter.limit;
	delete filter.offset;
	const { rows, total } = allRows(getAppContext().tracker, locals.user!, filter);
	const today = vnDay(Date.now());
	const more = total > rows.length ? ` — ${rows.length}/${total} dòng đầu (tối đa ${EXPORT_MAX_ROWS})` : '';
	const body = await taskListWorkbook(rows, `Danh sách nhiệm vụ (${total} nhiệm vụ), xuất ngày ${shortDate(today)}${more}`);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="nhiem-vu-${today}.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
