import { addDays, DUE_SOON_DAYS, type IsoDay, type StatusKey } from '#shared/tracker/status';

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

/**
 * A WHERE condition selecting rows whose status is `key`, written as ranges over plain columns so
 * SQLite can use the tasks_open_due and tasks_status_cols indexes (STATUS_SQL in a WHERE clause
 * would be evaluated row by row). Same parameters as STATUS_SQL.
 */
export function statusCondition(key: StatusKey): string {
	const open = 't.cancelled_on IS NULL AND t.completed_on IS NULL AND t.reported_done_on IS NULL';
	switch (key) {
		case 'cancelled':
			return 't.cancelled_on IS NOT NULL';
		case 'done-on-time':
			return 't.cancelled_on IS NULL AND t.completed_on IS NOT NULL AND (t.due_original IS NULL OR t.completed_on <= t.due_original)';
		case 'done-late':
			return 't.cancelled_on IS NULL AND t.completed_on IS NOT NULL AND t.completed_on > t.due_original';
		case 'awaiting':
			return 't.cancelled_on IS NULL AND t.completed_on IS NULL AND t.reported_done_on IS NOT NULL';
		case 'no-deadline':
			return `${open} AND t.due_working IS NULL`;
		case 'overdue':
			return `${open} AND t.due_working < @today`;
		case 'due-soon':
			return `${open} AND t.due_working >= @today AND t.due_working <= @soon`;
		case 'within':
			return `${open} AND t.due_working > @soon`;
		default:
			return assertNever(key);
	}
}

function assertNever(x: never): never {
	throw new Error(`unexpected status ${String(x)}`);
}
