import { addDays, DUE_SOON_DAYS, type IsoDay } from '#shared/tracker/status';

/**
 * The SQL twin of computeStatus (src/lib/shared/tracker/status.ts) over a `tasks` row aliased `t`,
 * so the tracker filters and counts by status in the database. Parameters: @today, @soon.
 * tracker.test.ts checks that both agree on every state.
 */
export const STATUS_SQL = `CASE
	WHEN t.cancelled_on IS NOT NULL THEN 'cancelled'
	WHEN t.completed_on IS NOT NULL THEN CASE WHEN t.due_original IS NULL OR t.completed_on <= t.due_original THEN 'done-on-time' ELSE 'done-late' END
	WHEN t.reported_done_on IS NOT NULL THEN 'awaiting'
	WHEN t.due_working IS NULL THEN 'no-deadline'
	WHEN t.due_working < @today THEN 'overdue'
	WHEN t.due_working <= @soon THEN 'due-soon'
	ELSE 'within'
END`;

/** The parameters STATUS_SQL needs for `today`. */
export function statusParams(today: IsoDay): { today: IsoDay; soon: IsoDay } {
	return { today, soon: addDays(today, DUE_SOON_DAYS) };
}
