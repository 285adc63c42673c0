import { customPeriodLabel, periodOf, PERIOD_KINDS, type Period, type PeriodKind } from '#shared/format/period';
import { isIsoDate } from '#shared/doc/metaRules';
import { vnToday } from '#shared/tracker/status';

/** Reads the report period from the query: kind (month|quarter|half|nine-months|year|custom), year, index, from, to. */
export function parsePeriod(q: URLSearchParams): { period: Period; kind: PeriodKind | 'custom'; year: number; index: number; error?: string } {
	const today = vnToday();
	// "nine" is the API's short name of the nine-month period ("9 tháng" beside the month in seed 001).
	const kindRaw = q.get('kind') === 'nine' ? 'nine-months' : (q.get('kind') ?? 'month');
	const year = Number(q.get('year') ?? today.slice(0, 4));
	const index = Number(q.get('index') ?? (kindRaw === 'month' ? Number(today.slice(5, 7)) : 1));
	if (kindRaw === 'custom') {
		const from = q.get('from') ?? '';
		const to = q.get('to') ?? '';
		if (!isIsoDate(from) || !isIsoDate(to) || from > to)
			return {
				period: periodOf('month', Number(today.slice(0, 4)), Number(today.slice(5, 7))),
				kind: 'custom',
				year,
				index,
				error: 'Khoảng thời gian không hợp lệ: chọn “từ ngày” trước “đến ngày”.'
			};
		return { period: { from, to, label: customPeriodLabel(from, to) }, kind: 'custom', year, index };
	}
	const kind = (PERIOD_KINDS as readonly string[]).includes(kindRaw) ? (kindRaw as PeriodKind) : 'month';
	if (!Number.isInteger(year) || year < 2000 || year > 2100 || !Number.isInteger(index) || index < 1 || index > 12)
		return { period: periodOf('month', Number(today.slice(0, 4)), Number(today.slice(5, 7))), kind, year, index, error: 'Năm hoặc kỳ báo cáo không hợp lệ.' };
	return {
		period: periodOf(kind, year, kind === 'month' ? index : kind === 'quarter' ? Math.min(index, 4) : kind === 'half' ? Math.min(index, 2) : 1),
		kind,
		year,
		index
	};
}
