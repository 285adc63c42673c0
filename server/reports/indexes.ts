import type { Db } from '../db';

/**
 * Indexes the reports and the tracker's heavier filters need, created by the report code itself
 * (CREATE INDEX IF NOT EXISTS, so it is cheap to call every time). Each should move into
 * server/tracker/schema.ts (migrateTracker) once the lead accepts it.
 */
export function ensureReportIndexes(db: Db): void {
	db.exec(`
		-- A period report is a range of tasks.issued_at filtered to official rows: state first keeps
		-- the drafts (never issued) out of the range scan.
		CREATE INDEX IF NOT EXISTS tasks_state_issued ON tasks(state, issued_at);
	`);
}
