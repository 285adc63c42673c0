import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { TaskDeriver, type DraftTask } from '#shared/tasks/draftTasks';
import { foldVietnamese } from '#shared/text/fold';
import type { Deadline } from '#shared/extract/types';
import type { Db } from '../db';
import { migrateTracker } from '../tracker/schema';
import type { AgencyDirectory } from '#shared/agencies/types';

function span(d: Deadline | null): [string | null, string | null] {
	if (!d) return [null, null];
	switch (d.kind) {
		case 'date':
			return [d.date, d.date];
		case 'period':
			return [d.from, d.to];
		case 'recurring':
		case 'event':
			return [null, null];
	}
}

/**
 * The tracker's task table: one row per assignment of every notice, projected from the notice's
 * doc with the same extraction the editor runs, so the tracker and the editor always agree.
 * Draft rows follow the text; dismissed lines have no row.
 */
export class TaskStore {
	readonly #derivers = new Map<string, TaskDeriver>();
	/** What was last written per notice and task (a signature of the row), to skip rewriting it. */
	readonly #written = new Map<string, Map<string, string>>();
	#stmts: ReturnType<TaskStore['prepare']> | undefined;

	private prepare() {
		return {
			upsert: this.db.prepare(`
				INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action, deadline_json, deadline_from, deadline_to, due_original, due_working, corrected, updated_at)
				VALUES (@notice_id, @task_id, @block_id, @ord, 'draft', @lead_json, @support_json, @officials_json, @agencies_folded, @search_folded, @action, @deadline_json, @deadline_from, @deadline_to, @deadline_to, @deadline_to, @corrected, @updated_at)
				ON CONFLICT(notice_id, task_id) DO UPDATE SET
					block_id = excluded.block_id, ord = excluded.ord, lead_json = excluded.lead_json, support_json = excluded.support_json,
					officials_json = excluded.officials_json, agencies_folded = excluded.agencies_folded, search_folded = excluded.search_folded, action = excluded.action,
					deadline_json = excluded.deadline_json, deadline_from = excluded.deadline_from, deadline_to = excluded.deadline_to,
					due_original = excluded.due_original, due_working = excluded.due_working,
					corrected = excluded.corrected, updated_at = excluded.updated_at
				WHERE tasks.state = 'draft'
				RETURNING rowid`),
			clearAgencies: this.db.prepare(`DELETE FROM task_agencies WHERE notice_id = ? AND task_id = ?`),
			addAgency: this.db.prepare(`INSERT OR IGNORE INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`),
			clearOfficials: this.db.prepare(`DELETE FROM task_officials WHERE notice_id = ? AND task_id = ?`),
			addOfficial: this.db.prepare(`INSERT OR IGNORE INTO task_officials (notice_id, task_id, official) VALUES (?, ?, ?)`),
			// By rowid (the task's rowid in \`tasks\`), the one lookup FTS5 indexes: a condition on its
			// UNINDEXED columns reads the whole table (12.8 ms a task at 62 000 rows, issue 10).
			clearSearch: this.db.prepare(`DELETE FROM task_search WHERE rowid = ?`),
			addSearch: this.db.prepare(`INSERT INTO task_search (rowid, notice_id, task_id, text) VALUES (?, ?, ?, ?)`),
			isOfficial: this.db.prepare(`SELECT 1 FROM tasks WHERE notice_id = ? AND task_id = ? AND state = 'official'`),
			deleteDraft: this.db.prepare(`DELETE FROM tasks WHERE notice_id = ? AND task_id = ? AND state = 'draft' RETURNING rowid`),
			drafts: this.db.prepare(`SELECT task_id FROM tasks WHERE notice_id = ? AND state = 'draft'`)
		};
	}

	#statements() {
		return (this.#stmts ??= this.prepare());
	}

	/** After a restart: the draft rows in the database are what was written (signatures unknown). */
	#loadWritten(noticeId: string): Map<string, string> {
		const m = new Map<string, string>();
		for (const r of this.#statements().drafts.all(noticeId) as { task_id: string }[]) m.set(r.task_id, '');
		this.#written.set(noticeId, m);
		if (this.#written.size > 500) this.#written.delete(this.#written.keys().next().value as string);
		return m;
	}

	constructor(
		private readonly db: Db,
		private readonly directory: () => AgencyDirectory
	) {
		db.exec(`
			CREATE TABLE IF NOT EXISTS tasks (
				notice_id TEXT NOT NULL,
				task_id TEXT NOT NULL,
				block_id TEXT NOT NULL,
				ord INTEGER NOT NULL,
				state TEXT NOT NULL DEFAULT 'draft',
				lead_json TEXT NOT NULL,
				support_json TEXT NOT NULL,
				officials_json TEXT NOT NULL,
				agencies_folded TEXT NOT NULL,
				action TEXT NOT NULL,
				deadline_json TEXT,
				deadline_from TEXT,
				deadline_to TEXT,
				corrected INTEGER NOT NULL DEFAULT 0,
				updated_at INTEGER NOT NULL,
				PRIMARY KEY (notice_id, task_id)
			);
			CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks(deadline_to);
		`);
		migrateTracker(db);
	}

	/** Re-projects one notice's tasks from its doc (called after every change, throttled). */
	project(noticeId: string, doc: Y.Doc): DraftTask[] {
		const notice = new NoticeDoc(doc);
		let deriver = this.#derivers.get(noticeId);
		if (!deriver) {
			deriver = new TaskDeriver(this.directory());
			this.#derivers.set(noticeId, deriver);
			// Keep the caches of the notices being written, not of every notice ever opened.
			if (this.#derivers.size > 200) this.#derivers.delete(this.#derivers.keys().next().value as string);
		}
		deriver.setDirectory(this.directory());
		const tasks = deriver.derive(notice.blocks(), notice.readMeta(), notice.readCorrections()).filter((t) => !t.dismissed);
		const st = this.#statements();
		const written = this.#written.get(noticeId) ?? this.#loadWritten(noticeId);
		const now = Date.now();
		// Most edits change no task (or one): rows whose content is unchanged are not written again,
		// so typing costs the tracker almost nothing.
		const changes: { t: DraftTask; sig: string; row: Record<string, unknown> }[] = [];
		const keep = new Set<string>();
		for (const t of tasks) {
			keep.add(t.id);
			const [from, to] = span(t.deadline);
			const lead = t.lead.map((a) => a.name);
			const support = t.support.map((a) => a.name);
			const row = {
				notice_id: noticeId,
				task_id: t.id,
				block_id: t.blockId,
				ord: t.order,
				lead_json: JSON.stringify(lead),
				support_json: JSON.stringify(support),
				officials_json: JSON.stringify(t.officials.map((a) => a.name)),
				agencies_folded: foldVietnamese([...lead, ...support, ...t.lead.map((a) => a.text), ...t.support.map((a) => a.text)].join(' | ')),
				// Words to search by; the first few hundred characters of an action are plenty, and the
				// trigram index costs in proportion to the text.
				search_folded: foldVietnamese(`${t.officials.map((a) => a.name).join(' ')} ${t.action.slice(0, 400)}`),
				action: t.action,
				deadline_json: t.deadline ? JSON.stringify(t.deadline) : null,
				deadline_from: from,
				deadline_to: to,
				corrected: t.corrected ? 1 : 0
			};
			const sig = JSON.stringify(row);
			if (written.get(t.id) !== sig) changes.push({ t, sig, row });
		}
		const gone = [...written.keys()].filter((id) => !keep.has(id));
		if (changes.length === 0 && gone.length === 0) return tasks;
		this.db.transaction(() => {
			for (const { t, sig, row } of changes) {
				written.set(t.id, sig);
				// An official task is the tracker's record now: the text no longer changes it.
				if (st.isOfficial.get(noticeId, t.id)) continue;
				const upserted = st.upsert.get({ ...row, updated_at: now }) as { rowid: number } | undefined;
				if (!upserted) continue; // made official since the check
				st.clearAgencies.run(noticeId, t.id);
				for (const a of t.lead) st.addAgency.run(noticeId, t.id, 'lead', a.name, foldVietnamese(a.name));
				for (const a of t.support) st.addAgency.run(noticeId, t.id, 'support', a.name, foldVietnamese(a.name));
				st.clearOfficials.run(noticeId, t.id);
				for (const a of t.officials) st.addOfficial.run(noticeId, t.id, a.name);
				st.clearSearch.run(upserted.rowid);
				st.addSearch.run(upserted.rowid, noticeId, t.id, `${row.agencies_folded} ${row.search_folded}`);
			}
			// A deleted draft line takes its draft task with it; an official task keeps its record.
			for (const id of gone) {
				written.delete(id);
				const deleted = st.deleteDraft.get(noticeId, id) as { rowid: number } | undefined;
				if (deleted) {
					st.clearAgencies.run(noticeId, id);
					st.clearOfficials.run(noticeId, id);
					st.clearSearch.run(deleted.rowid);
				}
			}
		})();
		return tasks;
	}
}
