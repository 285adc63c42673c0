import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { buildReport } from '$server/reports/monthlyReport';
import { narrativeKey, type ReportNarrative } from '$server/reports/ReportNarrative';
import { parsePeriod } from '$lib/server/reportPeriod';
import { periodOf } from '#shared/format/period';
import type { OutcomeGroup, SourceGroupKey, TaskReport } from '#shared/format/reportTypes';
import type { RequestHandler } from './$types';

/** The figures of one group, named as the API documents them (README, "Báo cáo"). */
function figures(g: OutcomeGroup) {
	const c = g.counts;
	return {
		assigned: c.assigned,
		cancelled: c.cancelled,
		done: c.done,
		doneOnTime: c.doneOnTime,
		doneLate: c.doneLate,
		inProgressWithin: c.within,
		overdue: c.overdue,
		withinParts: c.withinParts,
		due: c.due,
		rates: { ofAssigned: g.ofAssigned, ofDue: g.ofDue }
	};
}

const GROUP_KEYS: readonly SourceGroupKey[] = ['UBND', 'TU', 'HDND', 'CP', 'OTHER'];

/** A report as JSON: every source group apart (seed 001), and their total. */
function body(report: TaskReport, only: SourceGroupKey | null) {
	const groups = report.groups.filter((g) => !only || g.key === only);
	return {
		period: { ...report.period, evaluatedOn: report.evaluatedOn, partial: report.partial },
		sources: Object.fromEntries(groups.map((g) => [g.key, { label: g.label, ...figures(g) }])),
		total: figures(report.totals)
	};
}

/**
 * GET /api/reports?kind=month|quarter|half|nine|year|custom&year=2026&index=11[&from&to][&source=UBND]
 * → {period, sources: {UBND: {assigned, doneOnTime, doneLate, inProgressWithin, overdue, …}, …}, total,
 * narrative, yearToDate?}: the figures of the report page, and the paragraphs written for the
 * period (`narrative.sections`: direction, central, programme; null for a custom period). Tasks count in the period of their notice's date;
 * a month or a quarter comes with the year to its end beside it ("tháng 9 và 9 tháng"), as seed 001
 * reports them. For the office and leaders; an agency is refused.
 */
export const GET: RequestHandler = ({ url, locals }) => {
	if (locals.user!.role === 'agency') return json({ message: 'Báo cáo tổng hợp dành cho Văn phòng và lãnh đạo.' }, { status: 403 });
	const source = url.searchParams.get('source');
	if (source !== null && !(GROUP_KEYS as readonly string[]).includes(source))
		return json({ message: `Nguồn “${source}” không có: dùng một trong ${GROUP_KEYS.join(', ')}.` }, { status: 400 });
	const p = parsePeriod(url.searchParams);
	if (p.error) return json({ message: p.error }, { status: 400 });
	const { db, narratives } = getAppContext();
	const only = source as SourceGroupKey | null;
	const report = buildReport(db, { from: p.period.from, to: p.period.to, label: p.period.label });
	// The paragraphs the office wrote for the period (sections 1, 2 and 3.1 of seed 001); a
	// custom period has none.
	const key = p.kind === 'custom' ? null : narrativeKey(p.kind, p.year, p.index);
	const result: ReturnType<typeof body> & { narrative: ReportNarrative | null; yearToDate?: ReturnType<typeof body> } = {
		...body(report, only),
		narrative: key ? narratives.get(key) : null
	};
	if (p.kind === 'month' || p.kind === 'quarter') {
		const year = periodOf('year', p.year);
		result.yearToDate = body(buildReport(db, { from: year.from, to: p.period.to, label: `từ đầu năm ${p.year} đến hết ${p.period.label}` }), only);
	}
	return json(result);
};
