import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { buildReport, yearToDateReport } from '$server/reports/monthlyReport';
import { narrativeKey, ReportNarrativeError } from '$server/reports/ReportNarrative';
import { parsePeriod } from '$lib/server/reportPeriod';
import { agencyStackedChart, outcomeBarChart } from '#shared/format/reportChart';
import { figuresSentence, dueSentence, cancelledSentence, otherGroupSentences } from '#shared/format/reportText';
import { NARRATIVE_SECTIONS, narrativeTitles } from '#shared/format/reportNarrative';
import type { Actions, PageServerLoad } from './$types';

/** Who writes the report's paragraphs: the office (leaders read them). */
const mayWrite = (user: App.Locals['user']) => user?.role === 'admin' || user?.role === 'office';

export const load: PageServerLoad = ({ url, locals }) => {
	if (locals.user!.role === 'agency') error(403, { message: 'Báo cáo tổng hợp dành cho Văn phòng và lãnh đạo.' });
	const p = parsePeriod(url.searchParams);
	const { db, narratives } = getAppContext();
	const report = buildReport(db, { from: p.period.from, to: p.period.to, label: p.period.label });
	// A month comes with the year to its end, as seed 001 reports "tháng 9" then "9 tháng".
	const toDate = yearToDateReport(db, p.period);
	const t = report.totals.counts;
	// The written paragraphs of a regular period (none for a custom one, nor a refused query).
	const key = p.error || p.kind === 'custom' ? null : narrativeKey(p.kind, p.year, p.index);
	return {
		query: url.search,
		kind: p.kind,
		year: p.year,
		index: p.index,
		error: p.error ?? null,
		report,
		narrative: key ? { key, ...narratives.get(key), titles: narrativeTitles(report.period.label), mayWrite: mayWrite(locals.user) } : null,
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

export const actions: Actions = {
	/** Saves the period's written paragraphs (sections 1, 2 and 3.1), all at once. */
	narrative: async ({ request, locals }) => {
		if (!mayWrite(locals.user)) error(403, { message: 'Chỉ Văn phòng được viết nội dung báo cáo.' });
		const form = await request.formData();
		const values = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, String(form.get(s) ?? '')]));
		const key = narrativeKey(String(form.get('kind') ?? ''), Number(form.get('year')), Number(form.get('index')));
		if (!key) return fail(400, { narrativeError: 'Kỳ báo cáo không hợp lệ: nội dung chỉ ghi cho kỳ tháng, quý, 6 tháng, 9 tháng hoặc năm.', values });
		try {
			getAppContext().narratives.set(key, values, locals.user!.displayName);
		} catch (e) {
			// Named by the error class's name too: the SvelteKit bundle may hold its own copy of it.
			if (e instanceof ReportNarrativeError || (e instanceof Error && e.name === 'ReportNarrativeError'))
				return fail(400, { narrativeError: e.message, values });
			throw e;
		}
		return { narrativeSaved: true };
	}
};
