/**
 * Issue 9 [7]: the filtered task list as an Excel workbook, from the real server — every row of the
 * filter (past the list's page of 2 000), an agency only its own tasks, a bad filter a 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../server/db';
import { NoticeRegistry } from '../../server/notices/NoticeRegistry';
import { TaskStore } from '../../server/tasks/TaskStore';
import { TrackerService } from '../../server/tracker/TrackerService';
import { openMemoryDocStore } from '../../server/store/MemoryDocStore';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { foldVietnamese } from '#shared/text/fold';
import { createUser, makeDataDir, removeDataDir, startServer, type ServerProcess, type TestUser } from './harness';

const COUNT = 2_150;

describe('exporting the filtered task list to Excel (issue 9 [7])', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		agency = await createUser(dataDir, 'sotc', 'agency'); // Sở Tài chính
		// An issued notice with many official tasks, written straight into the database (the
		// tables as the server makes them): every other one led by Sở Tài chính.
		const db = openDatabase(dataDir);
		new NoticeRegistry(db, openMemoryDocStore());
		new TaskStore(db, () => DEFAULT_DIRECTORY);
		new TrackerService(db);
		db.prepare(
			`INSERT INTO notices (id, title, number, symbol, date, state, created_by, created_at, updated_at) VALUES ('n1', 'Kết luận về đầu tư công', '45', 'TB-VP', '2026-11-20', 'issued', 'x', 0, 0)`
		).run();
		const task = db.prepare(
			`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action, due_original, due_working, source_type, notice_date, updated_at)
			 VALUES ('n1', ?, ?, ?, 'official', ?, '[]', '[]', ?, ?, ?, '2099-12-31', '2099-12-31', 'UBND', '2026-11-20', 0)`
		);
		const role = db.prepare(`INSERT INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES ('n1', ?, 'lead', ?, ?)`);
		db.transaction(() => {
			for (let i = 0; i < COUNT; i++) {
				const lead = i % 2 ? 'Sở Y tế' : 'Sở Tài chính';
				task.run(`t${i}`, `b${i}`, i, JSON.stringify([lead]), foldVietnamese(lead), `viec ${i}`, `Việc số ${i}`);
				role.run(`t${i}`, lead, foldVietnamese(lead));
			}
		})();
		db.close();
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	const sheet = async (user: TestUser, query: string) => {
		const res = await fetch(`${server.url}/tasks/export.xlsx?${query}`, { headers: { authorization: `Bearer ${user.token}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('spreadsheetml');
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(await res.arrayBuffer());
		const ws = wb.getWorksheet('Nhiệm vụ')!;
		const rows: string[] = [];
		for (let r = 3; r <= ws.rowCount; r++) rows.push(String(ws.getRow(r).getCell(4).value));
		return { title: String(ws.getRow(1).getCell(1).value), rows, lead: String(ws.getRow(3).getCell(5).value) };
	};

	it('writes every row of the filter, in the list order, past one page', async () => {
		const all = await sheet(office, 'sort=notice');
		expect(all.rows).toHaveLength(COUNT);
		expect(new Set(all.rows).size).toBe(COUNT);
		expect(all.title).toMatch(/^Danh sách nhiệm vụ \(2150 nhiệm vụ\), xuất ngày \d\d\/\d\d\/\d{4}$/);
		const filtered = await sheet(office, 'agency=so+y+te&role=lead&page=3&limit=10');
		expect(filtered.rows).toHaveLength(COUNT / 2);
		expect(filtered.lead).toBe('Sở Y tế');
	});

	it('gives an agency only its own tasks, and refuses a bad filter with a Vietnamese reason', async () => {
		const own = await sheet(agency, '');
		expect(own.rows).toHaveLength(Math.ceil(COUNT / 2));
		expect(own.lead).toBe('Sở Tài chính');
		const bad = await fetch(`${server.url}/tasks/export.xlsx?from=hôm-qua`, { headers: { authorization: `Bearer ${office.token}`, accept: 'text/html' } });
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('Tham số from phải là ngày dạng YYYY-MM-DD.');
	});
});
