/**
 * Issue 10, finding 3: projecting a notice's tasks must cost the same on a database of 20 000 tasks
 * as on an empty one. The old `DELETE FROM task_search WHERE notice_id = ? AND task_id = ?` read the
 * whole FTS5 table for every task (12.8 ms a task at 62 000 rows; 2 000 lines froze the server 24 s).
 *
 * The cost is checked deterministically: every statement the projection prepares is planned by
 * SQLite against the filled database, and none may read a whole table (FTS5's plan names the
 * constraint it uses — `=` for a rowid, `M` for a match — and names none for a full scan). The real
 * server then projects, edits and deletes lines on such a database and the search rows follow.
 */
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db';
import { TaskStore } from '../../server/tasks/TaskStore';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import {
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	removeDataDir,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestClient,
	type TestUser
} from '../integration/harness';
import { addParagraph, bodyText, deleteInParagraph, typeInParagraph } from '../integration/noticeEdits';
import { NoticeRegistry } from '../../server/notices/NoticeRegistry';
import { openMemoryDocStore } from '../../server/store/MemoryDocStore';

const FILLER_ROWS = 20_000;

/** Fills the task tables with `count` draft tasks of another notice, straight through SQL. */
function fill(db: Db, count: number): void {
	const task = db.prepare(
		`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action, updated_at)
		 VALUES ('filler', ?, ?, ?, 'draft', '["Sở Tài chính"]', '[]', '[]', 'so tai chinh', ?, ?, 0) RETURNING rowid`
	);
	const search = db.prepare(`INSERT INTO task_search (rowid, notice_id, task_id, text) VALUES (?, 'filler', ?, ?)`);
	db.transaction(() => {
		for (let i = 0; i < count; i++) {
			const action = `ra soat ho so du an so ${i}`;
			const { rowid } = task.get(`t${i}`, `b${i}`, i, action, action) as { rowid: number };
			search.run(rowid, `t${i}`, `so tai chinh ${action}`);
		}
	})();
}

/** SQLite's plan of `sql` (parameters bound to dummies), one line per step. */
function planOf(db: Db, sql: string): string[] {
	const named = [...sql.matchAll(/@(\w+)/g)].map((m) => m[1]!);
	const positional = (sql.replace(/'[^']*'/g, '').match(/\?/g) ?? []).length;
	const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
	const args: unknown[] = Array.from({ length: positional }, () => 'x');
	if (named.length) args.unshift(Object.fromEntries(named.map((n) => [n, 'x'])));
	return (stmt.all(...args) as { detail: string }[]).map((r) => r.detail);
}

/** A plan step that reads a whole table (or a whole FTS5 table) rather than looking rows up. */
function isFullScan(detail: string): boolean {
	const fts = /VIRTUAL TABLE INDEX \d+:(.*)$/.exec(detail);
	if (fts) return fts[1] === '';
	return /^SCAN /.test(detail);
}

/** Search rows of a notice that disagree with its task rows (missing, extra or under another rowid). */
function searchMismatches(db: Db | Database.Database, noticeId: string): unknown[] {
	return db
		.prepare(
			`SELECT t.task_id, s.rowid AS search_rowid FROM tasks t LEFT JOIN task_search s ON s.rowid = t.rowid WHERE t.notice_id = ? AND s.rowid IS NULL
			 UNION ALL
			 SELECT s.task_id, s.rowid FROM task_search s LEFT JOIN tasks t ON t.rowid = s.rowid WHERE s.notice_id = ? AND (t.rowid IS NULL OR t.task_id != s.task_id)`
		)
		.all(noticeId, noticeId);
}

/** Replaces the text of the paragraph that reads `from`. */
function replaceLine(doc: Y.Doc, from: string, to: string): void {
	const index = bodyText(doc).split('\n').indexOf(from);
	expect(index).toBeGreaterThanOrEqual(0);
	deleteInParagraph(doc, index, from.length);
	typeInParagraph(doc, index, to);
}

const line = (i: number, word = 'nguon von'): string => `Giao Sở Tài chính chủ trì rà soát ${word} dự án mã x${i}x, xong trước ngày 30/01/2027.`;

describe('task projection on a database of 20 000 tasks (issue 10, finding 3)', () => {
	let dataDir: string;
	let db: Db;
	const prepared = new Set<string>();

	beforeAll(() => {
		dataDir = makeDataDir();
		db = openDatabase(dataDir);
		const prepare = db.prepare.bind(db);
		// Records every statement the store prepares, to have SQLite plan each one below.
		db.prepare = ((sql: string) => {
			prepared.add(sql);
			return prepare(sql);
		}) as typeof db.prepare;
		new NoticeRegistry(db, openMemoryDocStore());
		const store = new TaskStore(db, () => DEFAULT_DIRECTORY);
		fill(db, FILLER_ROWS);
		db.exec('ANALYZE');
		const doc = new Y.Doc();
		const notice = new NoticeDoc(doc);
		let k = 0;
		notice.setBodyParagraphs([line(1), line(2), line(3)], () => `blk-${k++}`);
		store.project('n1', doc);
		// Edit one line and drop another: the update and the delete paths run too.
		notice.setBodyParagraphs([line(1, 'ngân sách'), line(2)], () => `blk-${k++}`);
		store.project('n1', doc);
	});

	afterAll(() => {
		db?.close();
		removeDataDir(dataDir);
	});

	it('plans no statement of the projection as a full scan of any table', () => {
		const statements = [...prepared].filter((sql) => /\b(tasks|task_search|task_agencies|task_officials)\b/.test(sql));
		expect(statements.some((sql) => /task_search/.test(sql) && /DELETE/.test(sql))).toBe(true);
		const scans = statements.flatMap((sql) =>
			planOf(db, sql)
				.filter(isFullScan)
				.map((step) => `${step}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 120)}`)
		);
		expect(scans).toEqual([]);
	});

	it('keeps one search row per task, under the task’s rowid, and leaves the other notice’s rows alone', () => {
		expect(searchMismatches(db, 'n1')).toEqual([]);
		expect(db.prepare(`SELECT count(*) FROM task_search WHERE notice_id = 'n1'`).pluck().get()).toBe(2);
		expect(db.prepare(`SELECT count(*) FROM task_search`).pluck().get()).toBe(FILLER_ROWS + 2);
		expect(db.prepare(`SELECT task_id FROM task_search WHERE task_search MATCH '"ngan sach"'`).pluck().all()).toHaveLength(1);
	});
});

describe('the real server projecting, editing and deleting lines on a filled database', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let noticeId: string;
	let client: TestClient;

	const search = async (q: string): Promise<string[]> => {
		const res = await fetch(`${server.url}/api/tasks?notice=${noticeId}&q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${office.token}` } });
		const body = (await res.json()) as { tasks: { taskId: string }[] };
		return body.tasks.map((t) => t.taskId);
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban');
		const db = openDatabase(dataDir);
		new TaskStore(db, () => DEFAULT_DIRECTORY);
		fill(db, FILLER_ROWS);
		db.close();
		server = await startServer(dataDir);
		client = connectClient(server, noticeId, office.token);
		await waitSynced(client);
	});

	afterAll(async () => {
		client?.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('finds each typed line, follows an edit and forgets a deleted line', async () => {
		for (let i = 0; i < 20; i++) addParagraph(client.doc, line(i));
		await waitFor(async () => (await search('du an ma')).length === 20, 20_000, '20 tasks searchable');
		// Line 5 now says "ngân sách" instead of "nguồn vốn".
		replaceLine(client.doc, line(5), line(5, 'ngân sách'));
		await waitFor(async () => (await search('ngan sach')).length === 1, 20_000, 'edited line searchable');
		expect(await search('nguon von du an ma x5x')).toEqual([]);
		// Line 7 stops being an assignment.
		replaceLine(client.doc, line(7), 'Hội nghị diễn ra thành công tốt đẹp.');
		await waitFor(async () => (await search('du an ma')).length === 19, 20_000, 'deleted line gone');
		expect(await search('x7x')).toEqual([]);
		const db = new Database(`${dataDir}/ketluan.db`, { readonly: true });
		try {
			expect(searchMismatches(db, noticeId)).toEqual([]);
			expect(db.prepare(`SELECT count(*) FROM task_search WHERE notice_id = 'filler'`).pluck().get()).toBe(FILLER_ROWS);
		} finally {
			db.close();
		}
	});
});
