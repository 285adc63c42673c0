/**
 * Occurrences of recurring tasks (issue 9 [2]): a task whose deadline recurs ("trước ngày 20 hằng
 * tháng") has one due day per occurrence, made when its notice is issued
 * (#shared/tracker/recurrence). Each progress report of its lead or the office closes the oldest
 * open occurrence — on time when it came by that occurrence's due day — and the task's working
 * deadline moves to the next open one, so the task is "due soon", "overdue" and reminded like any
 * other, once per occurrence.
 */
import type { Db } from '../db';
import { occurrences } from '#shared/tracker/recurrence';
import type { Deadline } from '#shared/extract/types';
import type { IsoDay } from '#shared/tracker/status';

/** One occurrence of a recurring task, as its page shows it. */
export interface Occurrence {
	due: IsoDay;
	/** The day the report that closed it came, or null while open. */
	doneOn: IsoDay | null;
	onTime: boolean | null;
}

/** Creates the table (idempotent). */
export function migrateOccurrences(db: Db): void {
	db.exec(`
		CREATE TABLE IF NOT EXISTS task_occurrences (
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			due TEXT NOT NULL,
			done_on TEXT,
			report_id TEXT,
			PRIMARY KEY (notice_id, task_id, due)
		);
	`);
}

/**
 * Makes the occurrences of every recurring task of a notice being issued on `noticeDate`, and
 * sets each such task's deadlines to its first occurrence. Inside the issuing transaction.
 */
export function makeOccurrences(db: Db, noticeId: string, noticeDate: IsoDay): void {
	const rows = db.prepare(`SELECT task_id, deadline_json FROM tasks WHERE notice_id = ? AND deadline_json LIKE '%"recurring"%'`).all(noticeId) as {
		task_id: string;
		deadline_json: string;
	}[];
	const insert = db.prepare(`INSERT OR IGNORE INTO task_occurrences (notice_id, task_id, due) VALUES (?, ?, ?)`);
	const setDue = db.prepare(`UPDATE tasks SET due_original = ?, due_working = ? WHERE notice_id = ? AND task_id = ?`);
	for (const r of rows) {
		const d = JSON.parse(r.deadline_json) as Deadline;
		if (d.kind !== 'recurring') continue;
		const days = occurrences(d.frequency, d.text, noticeDate);
		if (!days.length) continue;
		for (const day of days) insert.run(noticeId, r.task_id, day);
		setDue.run(days[0], days[0], noticeId, r.task_id);
	}
}

/**
 * A report of a recurring task came on `today`: closes its oldest open occurrence and moves the
 * task's working deadline to the next open one. Does nothing for a task without occurrences.
 * Inside the report's transaction.
 */
export function closeOccurrence(db: Db, ref: { noticeId: string; taskId: string }, today: IsoDay, reportId: string): void {
	const open = db
		.prepare(`SELECT due FROM task_occurrences WHERE notice_id = ? AND task_id = ? AND done_on IS NULL ORDER BY due LIMIT 2`)
		.all(ref.noticeId, ref.taskId) as { due: string }[];
	if (!open.length) return;
	db.prepare(`UPDATE task_occurrences SET done_on = ?, report_id = ? WHERE notice_id = ? AND task_id = ? AND due = ?`).run(
		today,
		reportId,
		ref.noticeId,
		ref.taskId,
		open[0]!.due
	);
	if (open[1]) db.prepare(`UPDATE tasks SET due_working = ? WHERE notice_id = ? AND task_id = ?`).run(open[1].due, ref.noticeId, ref.taskId);
}

/** A task's occurrences in order (none for a task that does not recur). */
export function occurrencesOf(db: Db, ref: { noticeId: string; taskId: string }): Occurrence[] {
	return (
		db.prepare(`SELECT due, done_on FROM task_occurrences WHERE notice_id = ? AND task_id = ? ORDER BY due`).all(ref.noticeId, ref.taskId) as {
			due: string;
			done_on: string | null;
		}[]
	).map((o) => ({ due: o.due, doneOn: o.done_on, onTime: o.done_on === null ? null : o.done_on <= o.due }));
}
