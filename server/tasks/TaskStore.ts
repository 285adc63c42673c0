import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { TaskDeriver, type DraftTask } from '#shared/tasks/draftTasks';
import { foldVietnamese } from '#shared/text/fold';
import type { Deadline } from '#shared/extract/types';
import type { Db } from '../db';
import type { User } from '../auth/types';
import { migrateTracker } from '../tracker/schema';
import type { AgencyDirectory } from '#shared/agencies/types';

/** A task row as the tracker and the API return it. */
export interface TaskRow {
	noticeId: string;
	noticeTitle: string;
	taskId: string;
	blockId: string;
	order: number;
	state: 'draft' | 'official';
	lead: string[];
	support: string[];
	officials: string[];
	action: string;
	deadline: Deadline | null;
	/** First and last day the deadline covers (equal for a day), for range filters. */
	deadlineFrom: string | null;
	deadlineTo: string | null;
	corrected: boolean;
	updatedAt: number;
}

/** Filters of the task list; every field is optional. */
export interface TaskFilter {
	/** Agency named as lead or support, matched without diacritics ("so tai chinh"). */
	agency?: string;
	/** Only tasks whose deadline ends on or after this day (ISO). */
	from?: string;
	/** Only tasks whose deadline ends on or before this day (ISO). */
	to?: string;
	noticeId?: string;
	limit?: number;
}

interface Row {
	notice_id: string;
	title: string;
	task_id: string;
	block_id: string;
	ord: number;
	state: string;
	lead_json: string;
	support_json: string;
	officials_json: string;
	action: string;
	deadline_json: string | null;
	deadline_from: string | null;
	deadline_to: string | null;
	corrected: number;
	updated_at: number;
}

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
		const now = Date.now();
		const upsert = this.db.prepare(`
			INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, action, deadline_json, deadline_from, deadline_to, due_original, due_working, corrected, updated_at)
			VALUES (@notice_id, @task_id, @block_id, @ord, 'draft', @lead_json, @support_json, @officials_json, @agencies_folded, @action, @deadline_json, @deadline_from, @deadline_to, @deadline_to, @deadline_to, @corrected, @updated_at)
			ON CONFLICT(notice_id, task_id) DO UPDATE SET
				block_id = excluded.block_id, ord = excluded.ord, lead_json = excluded.lead_json, support_json = excluded.support_json,
				officials_json = excluded.officials_json, agencies_folded = excluded.agencies_folded, action = excluded.action,
				deadline_json = excluded.deadline_json, deadline_from = excluded.deadline_from, deadline_to = excluded.deadline_to,
				due_original = excluded.due_original, due_working = excluded.due_working,
				corrected = excluded.corrected, updated_at = excluded.updated_at
			WHERE tasks.state = 'draft'`);
		const clearAgencies = this.db.prepare(`DELETE FROM task_agencies WHERE notice_id = ? AND task_id = ?`);
		const addAgency = this.db.prepare(
			`INSERT OR IGNORE INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`
		);
		const isOfficial = this.db.prepare(`SELECT 1 FROM tasks WHERE notice_id = ? AND task_id = ? AND state = 'official'`);
		this.db.transaction(() => {
			const keep = new Set<string>();
			for (const t of tasks) {
				keep.add(t.id);
				// An official task is the tracker's record now: the text no longer changes it.
				if (isOfficial.get(noticeId, t.id)) continue;
				const [from, to] = span(t.deadline);
				const lead = t.lead.map((a) => a.name);
				const support = t.support.map((a) => a.name);
				upsert.run({
					notice_id: noticeId,
					task_id: t.id,
					block_id: t.blockId,
					ord: t.order,
					lead_json: JSON.stringify(lead),
					support_json: JSON.stringify(support),
					officials_json: JSON.stringify(t.officials.map((a) => a.name)),
					agencies_folded: foldVietnamese([...lead, ...support, ...t.lead.map((a) => a.text), ...t.support.map((a) => a.text)].join(' | ')),
					action: t.action,
					deadline_json: t.deadline ? JSON.stringify(t.deadline) : null,
					deadline_from: from,
					deadline_to: to,
					corrected: t.corrected ? 1 : 0,
					updated_at: now
				});
				clearAgencies.run(noticeId, t.id);
				for (const a of t.lead) addAgency.run(noticeId, t.id, 'lead', a.name, foldVietnamese(a.name));
				for (const a of t.support) addAgency.run(noticeId, t.id, 'support', a.name, foldVietnamese(a.name));
			}
			// A deleted draft line takes its draft task with it; an official task keeps its record.
			const existing = this.db.prepare(`SELECT task_id FROM tasks WHERE notice_id = ? AND state = 'draft'`).all(noticeId) as { task_id: string }[];
			const del = this.db.prepare('DELETE FROM tasks WHERE notice_id = ? AND task_id = ?');
			for (const r of existing)
				if (!keep.has(r.task_id)) {
					del.run(noticeId, r.task_id);
					clearAgencies.run(noticeId, r.task_id);
				}
		})();
		return tasks;
	}

	/** Lists tasks `user` may see, filtered; sorted by deadline (none last), then notice and order. */
	list(user: User, filter: TaskFilter = {}): TaskRow[] {
		const where: string[] = [];
		const params: Record<string, unknown> = {};
		if (filter.agency) {
			where.push(`t.agencies_folded LIKE @agency ESCAPE '\\'`);
			params.agency = `%${foldVietnamese(filter.agency).replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		}
		if (filter.from) {
			where.push('t.deadline_to >= @from');
			params.from = filter.from;
		}
		if (filter.to) {
			where.push('t.deadline_to <= @to');
			params.to = filter.to;
		}
		if (filter.noticeId) {
			where.push('t.notice_id = @notice');
			params.notice = filter.noticeId;
		}
		// Agency users see only what names their agency (issue: visibility of official tasks).
		if (user.role === 'agency') {
			if (!user.agency) return [];
			where.push(`t.agencies_folded LIKE @own ESCAPE '\\'`);
			params.own = `%${foldVietnamese(user.agency).replace(/[\\%_]/g, (c) => '\\' + c)}%`;
		}
		params.limit = Math.min(Math.max(filter.limit ?? 500, 1), 5000);
		const rows = this.db
			.prepare(
				`SELECT t.*, n.title FROM tasks t JOIN notices n ON n.id = t.notice_id
				 ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
				 ORDER BY t.deadline_to IS NULL, t.deadline_to, n.created_at DESC, t.ord LIMIT @limit`
			)
			.all(params) as Row[];
		return rows.map((r) => ({
			noticeId: r.notice_id,
			noticeTitle: r.title,
			taskId: r.task_id,
			blockId: r.block_id,
			order: r.ord,
			state: r.state === 'official' ? 'official' : 'draft',
			lead: JSON.parse(r.lead_json) as string[],
			support: JSON.parse(r.support_json) as string[],
			officials: JSON.parse(r.officials_json) as string[],
			action: r.action,
			deadline: r.deadline_json ? (JSON.parse(r.deadline_json) as Deadline) : null,
			deadlineFrom: r.deadline_from,
			deadlineTo: r.deadline_to,
			corrected: r.corrected === 1,
			updatedAt: r.updated_at
		}));
	}
}
