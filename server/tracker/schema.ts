import type { Db } from '../db';

/**
 * The tracker's relational schema (theo dõi nhiệm vụ). `tasks` rows are created by the projection
 * of each notice (server/tasks/TaskStore.ts, state 'draft'); issuing the notice (ban hành) makes
 * them 'official' and fills the columns below. Status is never stored: it is computed from these
 * dates (src/lib/shared/tracker/status.ts and its SQL twin in statusSql.ts).
 *
 * Columns are added with ALTER TABLE when missing, so a database made by an older version opens.
 */
export function migrateTracker(db: Db): void {
	db.exec(`
		CREATE TABLE IF NOT EXISTS task_agencies (
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			role TEXT NOT NULL CHECK (role IN ('lead', 'support')),
			agency TEXT NOT NULL,
			agency_folded TEXT NOT NULL,
			PRIMARY KEY (notice_id, task_id, role, agency)
		);
		CREATE INDEX IF NOT EXISTS task_agencies_agency ON task_agencies(agency_folded, role);

		-- Provincial leaders in charge of a task (officials), for the leader filter.
		CREATE TABLE IF NOT EXISTS task_officials (
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			official TEXT NOT NULL,
			PRIMARY KEY (notice_id, task_id, official)
		);
		CREATE INDEX IF NOT EXISTS task_officials_name ON task_officials(official);

		-- Search without diacritics: folded agencies and action, trigram-indexed so that a
		-- substring ("tai chinh", "giai ngan") is found without reading every task. A row's rowid
		-- is its task's rowid in \`tasks\`.
		CREATE VIRTUAL TABLE IF NOT EXISTS task_search USING fts5(notice_id UNINDEXED, task_id UNINDEXED, text, tokenize = 'trigram');

		CREATE TABLE IF NOT EXISTS task_events (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			at INTEGER NOT NULL,
			actor_id TEXT,
			actor_name TEXT NOT NULL,
			kind TEXT NOT NULL,
			text TEXT NOT NULL DEFAULT '',
			data_json TEXT
		);
		CREATE INDEX IF NOT EXISTS task_events_task ON task_events(notice_id, task_id, at);

		CREATE TABLE IF NOT EXISTS progress_reports (
			id TEXT PRIMARY KEY,
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			at INTEGER NOT NULL,
			author_id TEXT NOT NULL,
			author_name TEXT NOT NULL,
			agency TEXT,
			text TEXT NOT NULL,
			percent INTEGER NOT NULL,
			attachments_json TEXT NOT NULL DEFAULT '[]'
		);
		CREATE INDEX IF NOT EXISTS progress_task ON progress_reports(notice_id, task_id, at);
		CREATE INDEX IF NOT EXISTS progress_agency ON progress_reports(agency, at);

		CREATE TABLE IF NOT EXISTS extensions (
			id TEXT PRIMARY KEY,
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			requested_due TEXT NOT NULL,
			reason TEXT NOT NULL,
			state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'refused')),
			requested_by TEXT NOT NULL,
			requested_at INTEGER NOT NULL,
			decided_by TEXT,
			decided_at INTEGER,
			decision_note TEXT
		);
		CREATE INDEX IF NOT EXISTS extensions_task ON extensions(notice_id, task_id);
		-- The office inbox counts the pending requests on every page it opens (officeInboxCount).
		CREATE INDEX IF NOT EXISTS extensions_pending ON extensions(state) WHERE state = 'pending';

		CREATE TABLE IF NOT EXISTS reminders (
			id TEXT PRIMARY KEY,
			agency TEXT NOT NULL,
			notice_id TEXT,
			task_id TEXT,
			text TEXT NOT NULL,
			at INTEGER NOT NULL,
			by_id TEXT NOT NULL,
			by_name TEXT NOT NULL,
			read_at INTEGER
		);
		CREATE INDEX IF NOT EXISTS reminders_agency ON reminders(agency, at);

		CREATE TABLE IF NOT EXISTS notice_snapshots (
			notice_id TEXT PRIMARY KEY,
			at INTEGER NOT NULL,
			doc_update BLOB NOT NULL,
			body_text TEXT NOT NULL,
			meta_json TEXT NOT NULL
		);
	`);
	addColumns(db, 'tasks', {
		source_type: 'TEXT',
		due_original: 'TEXT',
		due_working: 'TEXT',
		reported_done_on: 'TEXT',
		completed_on: 'TEXT',
		cancelled_on: 'TEXT',
		cancel_reason: 'TEXT',
		progress_percent: 'INTEGER NOT NULL DEFAULT 0',
		last_progress_at: 'INTEGER',
		issued_at: 'INTEGER',
		// The date of the notice (ISO day, set at issue): reports count a task in the period of
		// its notice's date, as seed 001 does, not in the period someone pressed "Ban hành".
		notice_date: 'TEXT',
		// Folded action words, for search without diacritics ("giai ngan" finds "giải ngân").
		search_folded: 'TEXT'
	});
	addColumns(db, 'notices', { source_type: 'TEXT', issued_at: 'INTEGER', issued_by: 'TEXT' });
	// Notifications beside the office's reminders: what the row is about, and a key that makes an
	// event of a task reach an agency once (a retried issue does not announce the task twice).
	addColumns(db, 'reminders', { kind: "TEXT NOT NULL DEFAULT 'remind'", event_key: 'TEXT' });
	db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS reminders_event ON reminders(agency, notice_id, task_id, event_key) WHERE event_key IS NOT NULL`);
	db.exec(`
		-- The list's default order (due day, none last, then notice and order): the first page is
		-- read in index order and LIMIT stops early instead of sorting every row.
		CREATE INDEX IF NOT EXISTS tasks_list_due ON tasks((due_working IS NULL), due_working, notice_id, ord);
		-- Unfinished tasks by due day: within / due soon / overdue / no deadline are ranges here.
		CREATE INDEX IF NOT EXISTS tasks_open_due ON tasks(due_working) WHERE cancelled_on IS NULL AND completed_on IS NULL AND reported_done_on IS NULL;
		-- Counting by status reads this index only, not the rows.
		CREATE INDEX IF NOT EXISTS tasks_status_cols ON tasks(cancelled_on, completed_on, reported_done_on, due_working, due_original);
		-- The period report: a range of issue times over official rows.
		CREATE INDEX IF NOT EXISTS tasks_state_issued ON tasks(state, issued_at);
		CREATE INDEX IF NOT EXISTS task_agencies_task ON task_agencies(notice_id, task_id, role);
		CREATE INDEX IF NOT EXISTS tasks_state_due ON tasks(state, due_working);
		CREATE INDEX IF NOT EXISTS tasks_source ON tasks(source_type);
		CREATE INDEX IF NOT EXISTS tasks_issued ON tasks(issued_at);
		-- The period report: a range of notice dates over official rows.
		CREATE INDEX IF NOT EXISTS tasks_state_notice_date ON tasks(state, notice_date);
	`);
	// Tasks issued before notice_date existed take their notice's date (once: later issues set it).
	db.exec(`UPDATE tasks SET notice_date = (SELECT n.date FROM notices n WHERE n.id = tasks.notice_id)
		WHERE state = 'official' AND notice_date IS NULL AND EXISTS (SELECT 1 FROM notices n WHERE n.id = tasks.notice_id AND n.date <> '')`);
}

/** Adds each column that `table` lacks. */
function addColumns(db: Db, table: string, columns: Record<string, string>): void {
	const have = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
	for (const [name, def] of Object.entries(columns)) if (!have.has(name)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${def}`);
}
