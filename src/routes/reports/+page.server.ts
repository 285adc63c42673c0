import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { buildReport, yearToDateReport } from '$server/reports/monthlyReport';
import { parsePeriod } from '$lib/server/reportPeriod';
import { agencyStackedChart, outcomeBarChart } from '#shared/format/reportChart';
import { figuresSentence, dueSentence, cancelledSentence, otherGroupSentences } from '#shared/format/reportText';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	if (locals.user!.role === 'agency') error(403, { message: 'Báo cáo tổng hợp dành cho Văn phòng và lãnh đạo.' });
	const p = parsePeriod(url.searchParams);
	const { db } = getAppContext();
	const report = buildReport(db, { from: p.period.from, to: p.period.to, label: p.period.label });
	// A month comes with the year to its end, as seed 001 reports "tháng 9" then "9 tháng".
	const toDate = yearToDateReport(db, p.period);
	const t = report.totals.counts;
	return {
		query: url.search,
		kind: p.kind,
		year: p.year,
		index: p.index,
		error: p.error ?? null,
		report,
		sentences: [
			figuresSentence(report),
			dueSentence(report),
			toDate && figuresSentence(toDate),
			...otherGroupSentences(report),
			cancelledSentence(report)
		].filter((s): s is string => !!s),
		charts: {
			outcomes: outcomeBarChart({ doneOnTime: t.doneOnTime, doneLate: t.doneLate, within: t.within, overdue: t.overdue }),
			agencies: agencyStackedChart(report.byAgency.map((a) => ({ agency: a.agency, counts: a.counts })))
		}
	};
};
