/**
 * A small hand-made tracker database for the report tests: a real SQLite file in a temp dir with
 * the real schema, and official rows inserted the way TrackerService leaves them after issuing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { foldVietnamese } from '#shared/text/fold';
import type { SourceType } from '#shared/tracker/sourceTypes';
import { vnDay, type IsoDay } from '#shared/tracker/status';
import { openDatabase, type Db } from '../db';
import { NoticeRegistry } from '../notices/NoticeRegistry';
import { openSqliteDocStore } from '../store/SqliteDocStore';
import { TaskStore } from '../tasks/TaskStore';
import { TrackerService } from '../tracker/TrackerService';

/** One official task of the test world. */
export interface TestTask {
	id: string;
	lead: string[];
	support?: string[];
	due?: string | null;
	dueWorking?: string | null;
	reportedDoneOn?: string | null;
	completedOn?: string | null;
	cancelledOn?: string | null;
	/** An extension decided at this instant (ms), moving the deadline to `dueWorking`. */
	extensionDecidedAt?: number;
}

/** A temp database with the real schema; `close()` removes it. */
export function openTestDb(now: () => number = Date.now): { db: Db; dir: string; tracker: TrackerService; close: () => void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'kl-report-'));
	const db = openDatabase(dir);
	new NoticeRegistry(db, openSqliteDocStore(db));
	new TaskStore(db, () => DEFAULT_DIRECTORY);
	const tracker = new TrackerService(db, now);
	return {
		db,
		dir,
		tracker,
		close: () => {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Inserts an issued notice and its official tasks, as TaskStore.project then TrackerService.issue would leave them. */
export function insertIssued(
	db: Db,
	notice: { id: string; issuedAt: number; source: SourceType | null; state?: 'official' | 'draft'; date?: IsoDay },
	tasks: TestTask[]
): void {
	const state = notice.state ?? 'official';
	// The notice's own date: the day it was issued unless the test dates it otherwise.
	const date = notice.date ?? vnDay(notice.issuedAt);
	db.prepare(
		`INSERT INTO notices (id, title, number, symbol, date, state, search_text, created_by, created_at, updated_at, source_type, issued_at, issued_by)
		 VALUES (?, ?, '1', 'TB-VP', ?, ?, '', 'u', ?, ?, ?, ?, 'u')`
	).run(
		notice.id,
		`Thông báo ${notice.id}`,
		date,
		state === 'official' ? 'issued' : 'draft',
		notice.issuedAt,
		notice.issuedAt,
		notice.source,
		state === 'official' ? notice.issuedAt : null
	);
	const insTask = db.prepare(
		`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, action, deadline_json, deadline_from, deadline_to,
		   corrected, updated_at, source_type, due_original, due_working, reported_done_on, completed_on, cancelled_on, issued_at, notice_date)
		 VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?, 'Thực hiện', ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insAgency = db.prepare(`INSERT INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`);
	const insExt = db.prepare(
		`INSERT INTO extensions (id, notice_id, task_id, requested_due, reason, state, requested_by, requested_at, decided_by, decided_at) VALUES (?, ?, ?, ?, 'Lý do', 'approved', 'u', ?, 'u', ?)`
	);
	tasks.forEach((t, ord) => {
		const due = t.due ?? null;
		const support = t.support ?? [];
		const deadlineJson = due ? JSON.stringify({ kind: 'date', date: due, inclusive: false, text: due, span: { start: 0, end: 0 } }) : null;
		insTask.run(
			notice.id,
			t.id,
			t.id,
			ord,
			state,
			JSON.stringify(t.lead),
			JSON.stringify(support),
			foldVietnamese([...t.lead, ...support].join(' | ')),
			deadlineJson,
			due,
			due,
			notice.issuedAt,
			state === 'official' ? notice.source : null,
			due,
			t.dueWorking ?? due,
			t.reportedDoneOn ?? t.completedOn ?? null,
			t.completedOn ?? null,
			t.cancelledOn ?? null,
			state === 'official' ? notice.issuedAt : null,
			state === 'official' ? date : null
		);
		for (const a of t.lead) insAgency.run(notice.id, t.id, 'lead', a, foldVietnamese(a));
		for (const a of support) insAgency.run(notice.id, t.id, 'support', a, foldVietnamese(a));
		if (t.extensionDecidedAt !== undefined)
			insExt.run(`${notice.id}-${t.id}`, notice.id, t.id, t.dueWorking, t.extensionDecidedAt - 86_400_000, t.extensionDecidedAt);
	});
}

/** An instant given as Asia/Ho_Chi_Minh wall time ("2024-01-01T00:00:00"). */
export const vnInstant = (local: string) => Date.parse(`${local}+07:00`);

const TC = 'Sở Tài chính';
const YT = 'Sở Y tế';
const XD = 'Sở Xây dựng';

/**
 * The January 2024 world (hand-computed figures in monthlyReport.test.ts): notice A (Chủ tịch
 * UBND tỉnh) issued at the first instant of January, B (Tỉnh ủy) at the last; C and D one
 * millisecond outside; E a draft.
 */
export function seedJanuary(db: Db): void {
	insertIssued(db, { id: 'A', issuedAt: vnInstant('2024-01-01T00:00:00'), source: 'CT_UBND' }, [
		{ id: 't1', lead: [TC], due: '2024-01-20', completedOn: '2024-01-18' },
		{ id: 't2', lead: [TC], due: '2024-01-20', completedOn: '2024-01-25' },
		{ id: 't3', lead: [YT], support: [TC], due: '2024-01-20' },
		{ id: 't4', lead: [YT], due: '2024-02-15' },
		{ id: 't5', lead: [YT], due: '2024-02-02' },
		{ id: 't6', lead: [XD], due: null },
		{ id: 't7', lead: [XD], due: '2024-01-25', reportedDoneOn: '2024-01-24' },
		{ id: 't8', lead: [TC], due: '2024-01-30', cancelledOn: '2024-01-15' },
		{ id: 't9', lead: [XD], due: '2024-01-10', cancelledOn: '2024-02-10' },
		{ id: 't10', lead: [TC], due: '2024-01-28', completedOn: '2024-02-05' },
		{ id: 't11', lead: [YT], due: '2024-01-20', dueWorking: '2024-02-20', extensionDecidedAt: vnInstant('2024-01-19T10:00:00') },
		{ id: 't12', lead: [YT], due: '2024-01-20', dueWorking: '2024-03-01', extensionDecidedAt: vnInstant('2024-02-05T10:00:00') },
		{ id: 't15', lead: [TC, YT], due: '2024-03-01', completedOn: '2024-01-10' }
	]);
	insertIssued(db, { id: 'B', issuedAt: vnInstant('2024-01-31T23:59:59.999'), source: 'TU' }, [
		{ id: 't13', lead: [TC], due: '2024-01-31', completedOn: '2024-01-31' },
		{ id: 't14', lead: [], due: '2024-01-31' }
	]);
	insertIssued(db, { id: 'C', issuedAt: vnInstant('2023-12-31T23:59:59.999'), source: 'UBND' }, [{ id: 'c1', lead: [TC], due: '2024-01-05' }]);
	insertIssued(db, { id: 'D', issuedAt: vnInstant('2024-02-01T00:00:00'), source: 'HDND' }, [
		{ id: 'd1', lead: [YT], due: '2024-02-05', completedOn: '2024-02-04' }
	]);
	insertIssued(db, { id: 'E', issuedAt: vnInstant('2024-01-15T09:00:00'), source: 'UBND', state: 'draft' }, [{ id: 'e1', lead: [TC], due: '2024-01-20' }]);
}
