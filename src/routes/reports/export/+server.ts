import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { buildReport, yearToDateReport } from '$server/reports/monthlyReport';
import { reportDocx } from '$server/reports/reportDocx';
import { narrativeKey } from '$server/reports/ReportNarrative';
import { reportXlsx } from '$server/reports/reportXlsx';
import { parsePeriod } from '$lib/server/reportPeriod';
import { foldVietnamese } from '#shared/text/fold';
import type { RequestHandler } from './$types';

/** GET /reports/export?format=docx|xlsx&kind=…: the report as a Decree 30 "Báo cáo" or a workbook. */
export const GET: RequestHandler = async ({ url, locals }) => {
	if (locals.user!.role === 'agency') error(403, { message: 'Báo cáo tổng hợp dành cho Văn phòng và lãnh đạo.' });
	const p = parsePeriod(url.searchParams);
	if (p.error) error(400, { message: p.error });
	const { db, office } = getAppContext();
	const report = buildReport(db, { from: p.period.from, to: p.period.to, label: p.period.label });
	const format = url.searchParams.get('format');
	const base = `bao-cao-${foldVietnamese(p.period.label).replace(/[^a-z0-9]+/g, '-')}`;
	// The office's own header, place and signer (administration, "Thông tin cơ quan").
	if (format === 'docx')
		return file(
			await reportDocx(report, { ...office.get(), yearToDate: yearToDateReport(db, p.period), narrative: narrativeOf(p) }),
			`${base}.docx`,
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
	if (format === 'xlsx') return file(await reportXlsx(report), `${base}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	error(400, { message: 'Định dạng phải là docx hoặc xlsx.' });
};

/** The office's written paragraphs for a regular period (sections 1, 2 and 3.1), else none. */
function narrativeOf(p: ReturnType<typeof parsePeriod>) {
	const key = p.kind === 'custom' ? null : narrativeKey(p.kind, p.year, p.index);
	return key ? getAppContext().narratives.get(key).sections : null;
}

function file(body: Buffer, name: string, type: string): Response {
	return new Response(new Uint8Array(body), { headers: { 'content-type': type, 'content-disposition': `attachment; filename="${name}"` } });
}
