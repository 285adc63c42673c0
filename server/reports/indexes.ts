import type { Db } from '../db';

/**
 * Indexes the period report and the tracker list need at 100 000 tasks (measured by
 * bench/tracker.ts), created by the report code and the bench (CREATE INDEX IF NOT EXISTS: cheap
 * to call every time; ~0.7 s once on 100 000 tasks). They belong in server/tracker/schema.ts
 * (migrateTracker) once the lead accepts them; the names are chosen so moving them is a no-op.
 */
export function ensureReportIndexes(db: Db): void {
	db.exec(`
		-- The period report: a range of issued_at over official rows only.
		CREATE INDEX IF NOT EXISTS tasks_state_issued ON tasks(state, issued_at);
		-- The list's default order (due day, none last, then notice and order): with it the first
		-- page is read in index order and LIMIT stops early, instead of sorting 100 000 rows.
		CREATE INDEX IF NOT EXISTS tasks_list_due ON tasks((due_working IS NULL), due_working, notice_id, ord);
	`);
}
