/**
 * The task report of a period (báo cáo kết quả thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh
 * giao): tasks ASSIGNED in the period — official tasks whose notice is dated (the date of the
 * document, as seed 001 counts them, not the moment someone pressed "Ban hành") between `from`
 * and `to` — and how they stood at the end of the period.
 *
 * Everything is counted in SQL (GROUP BY over a status evaluated at the evaluation day), so a
 * year of a 100 000-task database is one index range scan and a few hundred result rows.
 */
import { SOURCE_LABELS, SOURCE_TYPES, isSourceType, type SourceType } from '#shared/tracker/sourceTypes';
import { addDays, DUE_SOON_DAYS, vnToday, type IsoDay, type StatusKey } from '#shared/tracker/status';
import { percentOf } from '#shared/format/vnNumber';
import { customPeriodLabel, periodOf } from '#shared/format/period';
import type {
	AgencyReportRow,
	OutcomeCounts,
	OutcomeGroup,
	OutcomeRates,
	SourceGroupKey,
	SourceGroupRow,
	SourceReportRow,
	TaskReport
} from '#shared/format/reportTypes';
import type { Db } from '../db';
import { migrateTracker } from '../tracker/schema';
import { ensureReportIndexes } from './indexes';

export { periodOf, PERIOD_KINDS, type Period, type PeriodKind } from '#shared/format/period';
export type { AgencyReportRow, OutcomeCounts, OutcomeGroup, OutcomeRates, SourceGroupRow, SourceReportRow, TaskReport } from '#shared/format/reportTypes';

/** Options of {@link buildReport}. */
export interface ReportOptions {
	/** First day of the period (inclusive). */
	from: IsoDay;
	/** Last day of the period (inclusive). */
	to: IsoDay;
	/** Today in Asia/Ho_Chi_Minh (injected by tests); statuses are taken at min(today, to). */
	today?: IsoDay;
	/** Period label for titles ("tháng 01/2024"); a "từ … đến …" label when absent. */
	label?: string;
}

/** A report input that cannot be used, with a stable reason. */
export class ReportError extends Error {
	constructor(
		readonly reason: 'invalid-input',
		message: string
	) {
		super(message);
		this.name = 'ReportError';
	}
}

/** The start of an Asia/Ho_Chi_Minh day as ms since the epoch (UTC+7 all year, no DST). */
export function vnDayStartMs(day: IsoDay): number {
	return Date.parse(`${day}T00:00:00+07:00`);
}

/**
 * The deadline in force on the evaluation day. Approved extensions (gia hạn) move `due_working`
 * for good, so for a report of an earlier period the deadline is rebuilt from the extensions
 * decided before the end of the evaluation day. The subquery runs only for the few extended
 * tasks: for the rest `due_working IS due_original` short-circuits it.
 */
const DUE_AT_SQL = `CASE WHEN t.due_working IS t.due_original THEN t.due_working
	ELSE COALESCE((SELECT MAX(e.requested_due) FROM extensions e
		WHERE e.notice_id = t.notice_id AND e.task_id = t.task_id AND e.state = 'approved' AND e.decided_at < @evalEndMs), t.due_original)
END`;

/**
 * STATUS_SQL (server/tracker/statusSql.ts) as it stood at the end of @eval: events dated after
 * the evaluation day have not happened yet. Same keys and same order of precedence, so with no
 * later events it agrees with the tracker's status (monthlyReport.test.ts checks it).
 */
const STATUS_AT_SQL = `CASE
	WHEN s.cancelled_on IS NOT NULL AND s.cancelled_on <= @eval THEN 'cancelled'
	WHEN s.completed_on IS NOT NULL AND s.completed_on <= @eval THEN
		CASE WHEN s.due_original IS NULL OR s.completed_on <= s.due_original THEN 'done-on-time' ELSE 'done-late' END
	WHEN s.reported_done_on IS NOT NULL AND s.reported_done_on <= @eval THEN 'awaiting'
	WHEN s.due_at IS NULL THEN 'no-deadline'
	WHEN s.due_at < @eval THEN 'overdue'
	WHEN s.due_at <= @soon THEN 'due-soon'
	ELSE 'within'
END`;

/**
 * The period's tasks with their deadline at the evaluation day. MATERIALIZED so the extension
 * subquery runs once per row, not once per reference in the CASE above.
 */
const PERIOD_CTE = `WITH s AS MATERIALIZED (
	SELECT t.notice_id, t.task_id, t.source_type, t.due_original, t.completed_on, t.reported_done_on, t.cancelled_on, ${DUE_AT_SQL} AS due_at
	FROM tasks t
	WHERE t.state = 'official' AND t.notice_date >= @from AND t.notice_date <= @until
), k AS (
	SELECT s.notice_id, s.task_id, s.source_type, ${STATUS_AT_SQL} AS status, (s.due_at IS NOT NULL AND s.due_at <= @eval) AS is_due FROM s
)`;

interface Cell {
	status: StatusKey;
	is_due: 0 | 1;
	n: number;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function emptyCounts(): OutcomeCounts {
	return {
		total: 0,
		cancelled: 0,
		assigned: 0,
		done: 0,
		doneOnTime: 0,
		doneLate: 0,
		within: 0,
		overdue: 0,
		withinParts: { inTime: 0, dueSoon: 0, noDeadline: 0, awaiting: 0 },
		due: { total: 0, done: 0, doneOnTime: 0, doneLate: 0, within: 0, overdue: 0 }
	};
}

/** Adds `n` tasks of one status (and due-ness) to a group's counts. */
function add(c: OutcomeCounts, status: StatusKey, isDue: boolean, n: number): void {
	c.total += n;
	if (status === 'cancelled') {
		c.cancelled += n;
		return;
	}
	c.assigned += n;
	if (isDue) c.due.total += n;
	switch (status) {
		case 'done-on-time':
		case 'done-late': {
			const key = status === 'done-on-time' ? 'doneOnTime' : 'doneLate';
			c.done += n;
			c[key] += n;
			if (isDue) {
				c.due.done += n;
				c.due[key] += n;
			}
			return;
		}
		case 'overdue':
			c.overdue += n;
			if (isDue) c.due.overdue += n;
			return;
		case 'within':
		case 'due-soon':
		case 'no-deadline':
		case 'awaiting':
			// Awaiting confirmation counts as not done yet, within the deadline: the office has not
			// accepted the work, and the agency reported it (seed 000's rule) — it is not late.
			c.within += n;
			c.withinParts[({ within: 'inTime', 'due-soon': 'dueSoon', 'no-deadline': 'noDeadline', awaiting: 'awaiting' } as const)[status]] += n;
			if (isDue) c.due.within += n;
			return;
		default:
			return assertNever(status);
	}
}

/** The source groups of seed 001, in its order. */
const SOURCE_GROUPS: { key: SourceGroupKey; label: string; sources: SourceType[] }[] = [
	{ key: 'UBND', label: 'UBND tỉnh, Chủ tịch UBND tỉnh', sources: ['UBND', 'CT_UBND'] },
	{ key: 'TU', label: 'Tỉnh ủy, Ban Thường vụ Tỉnh ủy', sources: ['TU'] },
	{ key: 'HDND', label: 'HĐND tỉnh', sources: ['HDND'] },
	{ key: 'CP', label: 'Chính phủ, Thủ tướng Chính phủ', sources: ['CP'] }
];

/** Adds every count of `b` to `a`. */
function addCounts(a: OutcomeCounts, b: OutcomeCounts): void {
	for (const k of ['total', 'cancelled', 'assigned', 'done', 'doneOnTime', 'doneLate', 'within', 'overdue'] as const) a[k] += b[k];
	for (const k of ['inTime', 'dueSoon', 'noDeadline', 'awaiting'] as const) a.withinParts[k] += b.withinParts[k];
	for (const k of ['total', 'done', 'doneOnTime', 'doneLate', 'within', 'overdue'] as const) a.due[k] += b.due[k];
}

function rates(part: { done: number; doneOnTime: number; doneLate: number; within: number; overdue: number }, base: number): OutcomeRates {
	return {
		done: percentOf(part.done, base),
		doneOnTime: percentOf(part.doneOnTime, base),
		doneLate: percentOf(part.doneLate, base),
		within: percentOf(part.within, base),
		overdue: percentOf(part.overdue, base)
	};
}

/** Counts with their rates over both bases. */
export function toGroup(counts: OutcomeCounts): OutcomeGroup {
	return { counts, ofAssigned: rates(counts, counts.assigned), ofDue: rates(counts.due, counts.due.total) };
}

/**
 * Builds the task report of [from, to]. Statuses are taken at the end of min(today, to): a
 * report of last month written today shows how last month's tasks stood on its last day.
 * Throws ReportError('invalid-input') on malformed or reversed days.
 */
export function buildReport(db: Db, options: ReportOptions): TaskReport {
	const { from, to } = options;
	if (!ISO_DAY.test(from) || !ISO_DAY.test(to) || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to)))
		throw new ReportError('invalid-input', 'Ngày của kỳ báo cáo không hợp lệ.');
	if (from > to) throw new ReportError('invalid-input', 'Ngày bắt đầu kỳ báo cáo phải trước ngày kết thúc.');
	const today = options.today ?? vnToday();
	const evaluatedOn = today < to ? today : to;
	// Idempotent: a report can be asked of a database no tracker has opened yet.
	migrateTracker(db);
	ensureReportIndexes(db);
	const params = {
		from,
		// Up to the evaluation day, not the end of the period: a report "as of" a day cannot
		// count notices dated after it.
		until: evaluatedOn,
		eval: evaluatedOn,
		evalEndMs: vnDayStartMs(addDays(evaluatedOn, 1)),
		soon: addDays(evaluatedOn, DUE_SOON_DAYS)
	};

	// One statement: the MATERIALIZED period rows are computed once and grouped twice, by source
	// (which also gives the totals: every task has exactly one source) and by lead agency (a task
	// with two leads counts for each, so totals cannot come from this half).
	const cells = db
		.prepare(
			`${PERIOD_CTE}
			 SELECT 'source' AS grp, k.source_type AS key, k.status AS status, k.is_due AS is_due, COUNT(*) AS n FROM k GROUP BY k.source_type, k.status, k.is_due
			 UNION ALL
			 SELECT 'agency', a.agency, k.status, k.is_due, COUNT(*)
			 FROM k LEFT JOIN task_agencies a ON a.notice_id = k.notice_id AND a.task_id = k.task_id AND a.role = 'lead'
			 GROUP BY a.agency, k.status, k.is_due`
		)
		.all(params) as (Cell & { grp: 'source' | 'agency'; key: string | null })[];
	const bySourceCells = cells.filter((c) => c.grp === 'source');
	const byAgencyCells = cells.filter((c) => c.grp === 'agency');

	const totals = emptyCounts();
	const sources = new Map<SourceType | null, OutcomeCounts>(SOURCE_TYPES.map((s) => [s, emptyCounts()]));
	for (const cell of bySourceCells) {
		add(totals, cell.status, cell.is_due === 1, cell.n);
		const key = isSourceType(cell.key) ? cell.key : null;
		let c = sources.get(key);
		if (!c) sources.set(key, (c = emptyCounts()));
		add(c, cell.status, cell.is_due === 1, cell.n);
	}

	const agencies = new Map<string, OutcomeCounts>();
	const withoutLead = emptyCounts();
	for (const cell of byAgencyCells) {
		let c = withoutLead;
		if (cell.key !== null) {
			c = agencies.get(cell.key) ?? emptyCounts();
			agencies.set(cell.key, c);
		}
		add(c, cell.status, cell.is_due === 1, cell.n);
	}

	const collator = new Intl.Collator('vi');
	const byAgency: AgencyReportRow[] = [...agencies]
		.map(([agency, counts]) => ({ agency, rank: 0, ...toGroup(counts) }))
		.sort((a, b) => (b.ofAssigned.done ?? -1) - (a.ofAssigned.done ?? -1) || b.counts.assigned - a.counts.assigned || collator.compare(a.agency, b.agency));
	// Equal rate and equal count share a rank (1, 2, 2, 4), as ranking tables in reports do.
	byAgency.forEach((row, i) => {
		const prev = byAgency[i - 1];
		row.rank = prev && prev.ofAssigned.done === row.ofAssigned.done && prev.counts.assigned === row.counts.assigned ? prev.rank : i + 1;
	});

	const groups: SourceGroupRow[] = SOURCE_GROUPS.map(({ key, label, sources: members }) => {
		const counts = emptyCounts();
		for (const m of members) addCounts(counts, sources.get(m) ?? emptyCounts());
		return { key, label, ...toGroup(counts) };
	});
	// Every task outside the four groups (no source, or carried over from the old tracking sheet)
	// is counted in OTHER, so the groups always add up to the totals.
	const grouped = new Set<SourceType | null>(SOURCE_GROUPS.flatMap((g) => g.sources));
	const outside = [...sources].filter(([source, c]) => !grouped.has(source) && c.total > 0);
	if (outside.length) {
		const counts = emptyCounts();
		for (const [, c] of outside) addCounts(counts, c);
		const label = outside.map(([source]) => (source ? SOURCE_LABELS[source] : 'Chưa xác định nguồn')).join('; ');
		groups.push({ key: 'OTHER', label, ...toGroup(counts) });
	}

	const bySource: SourceReportRow[] = [...sources]
		.filter(([source, c]) => source !== null || c.total > 0)
		.map(([source, counts]) => ({ source, label: source ? SOURCE_LABELS[source] : 'Chưa xác định nguồn', ...toGroup(counts) }));

	return {
		period: { from, to, label: options.label ?? customPeriodLabel(from, to) },
		evaluatedOn,
		partial: evaluatedOn < to,
		totals: toGroup(totals),
		byAgency,
		withoutLead,
		bySource,
		groups
	};
}

function assertNever(x: never): never {
	throw new Error(`unexpected status ${String(x)}`);
}

/**
 * The year to the end of a month, as seed 001 sets it beside the month ("Trong 9 tháng đầu năm
 * 2022, …"): null for January (the same figures) and for any period that is not one month.
 */
export function yearToDateReport(db: Db, period: { from: IsoDay; to: IsoDay }, today?: IsoDay): TaskReport | null {
	const [y, m] = [period.from.slice(0, 4), Number(period.from.slice(5, 7))];
	const month = periodOf('month', Number(y), m);
	if (month.from !== period.from || month.to !== period.to || m === 1) return null;
	return buildReport(db, { from: `${y}-01-01`, to: period.to, label: `${m} tháng đầu năm ${y}`, ...(today ? { today } : {}) });
}
