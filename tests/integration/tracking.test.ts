import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { vnToday } from '#shared/tracker/status';

import {
	cli,
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	removeDataDir,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestUser
} from './harness';
import { addParagraph, bodyText, typeInParagraph } from './noticeEdits';

/** Issue dates: the server refuses a date after today or before the meeting (a new notice's meeting day is the day it was created). */
const TODAY = vnToday();

describe('issued notices and agency permissions over the API', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let sotc: TestUser;
	let soyt: TestUser;
	let noticeId: string;
	let taskId: string;

	const call = async (user: TestUser | null, method: string, path: string, body?: unknown) => {
		const res = await fetch(server.url + path, {
			method,
			headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {})
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		sotc = await createUser(dataDir, 'sotc', 'agency'); // agency Sở Tài chính
		await cli(dataDir, 'user', 'add', '--username', 'soyt', '--name', 'Sở Y tế', '--password', 'secret-123', '--role', 'agency', '--agency', 'Sở Y tế');
		soyt = { username: 'soyt', token: await cli(dataDir, 'token', 'create', '--username', 'soyt') };
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban');
		server = await startServer(dataDir);
		const writer = connectClient(server, noticeId, office.token);
		await waitSynced(writer);
		addParagraph(writer.doc, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
		await waitFor(async () => ((await call(office, 'GET', `/api/tasks?notice=${noticeId}`)).body.tasks as unknown[]).length === 1, 15_000, 'task projected');
		taskId = ((await call(office, 'GET', `/api/tasks?notice=${noticeId}`)).body.tasks as { taskId: string }[])[0]!.taskId;
		writer.destroy();
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('refuses to let an agency issue a notice', async () => {
		const r = await call(sotc, 'POST', `/api/notices/${noticeId}/issue`, { sourceType: 'UBND' });
		expect(r.status).toBe(403);
		expect(r.body.message).toMatch(/ban hành/);
	});

	it('issues a notice with the next number and then keeps every later change out of it [P11]', async () => {
		const editor = connectClient(server, noticeId, office.token);
		await waitSynced(editor);
		const r = await call(office, 'POST', `/api/notices/${noticeId}/issue`, { sourceType: 'UBND', date: TODAY });
		expect(r).toEqual({ status: 201, body: { number: '1' } });
		// The open editor receives the number; its next change is kept in an amendment draft, not here.
		await waitFor(() => new NoticeDoc(editor.doc).readMeta().state === 'issued', 15_000, 'issued state synced');
		expect(new NoticeDoc(editor.doc).readMeta()).toMatchObject({ number: '1', date: TODAY });
		const before = bodyText(editor.doc);
		typeInParagraph(editor.doc, 0, ' Sửa sau khi ban hành.');
		const drafts = async () =>
			((await call(office, 'GET', '/api/tasks?state=draft&limit=100')).body.tasks as { noticeTitle: string }[]).map((t) => t.noticeTitle);
		await waitFor(async () => (await drafts()).some((t) => t.startsWith('Bổ sung, đính chính: ')), 15_000, 'amendment draft');
		editor.destroy();
		// A fresh client sees the issued text, unchanged.
		const reader = connectClient(server, noticeId, office.token);
		await waitSynced(reader);
		expect(bodyText(reader.doc)).toBe(before);
		reader.destroy();
		expect((await call(office, 'POST', `/api/notices/${noticeId}/issue`, { sourceType: 'UBND' })).status).toBe(409);
	});

	it('lets the agencies an issued notice names read it, and no other agency', async () => {
		const page = (user: TestUser) => fetch(`${server.url}/notices/${noticeId}`, { headers: { authorization: `Bearer ${user.token}` } });
		expect((await page(sotc)).status).toBe(200);
		expect((await page(soyt)).status).toBe(403);
		const reader = connectClient(server, noticeId, sotc.token);
		await waitSynced(reader);
		expect(bodyText(reader.doc)).toContain('Giao Sở Tài chính');
		reader.destroy();
	});

	it('shows an official task to the agencies it names and to no other', async () => {
		const mine = await call(sotc, 'GET', '/api/tasks');
		expect((mine.body.tasks as { lead: string[]; state: string }[]).map((t) => [t.lead[0], t.state])).toEqual([['Sở Tài chính', 'official']]);
		expect((await call(soyt, 'GET', '/api/tasks')).body.tasks).toEqual([]);
	});

	it("answers 404 for another agency's attachment, as for a file that does not exist", async () => {
		const form = new FormData();
		form.set('id', 'report-with-file-1');
		form.set('text', 'Biên bản kiểm tra kèm theo.');
		form.set('percent', '20');
		form.append('attachments', new File(['nội dung biên bản'], 'bien-ban.txt', { type: 'text/plain' }));
		const posted = await fetch(`${server.url}/tasks/${noticeId}/${encodeURIComponent(taskId)}?/progress`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sotc.token}`, origin: server.url, 'x-sveltekit-action': 'true' },
			body: form
		});
		const answer = await posted.text();
		expect(posted.status, answer).toBe(200);
		expect(answer).not.toMatch(/"type":"(failure|error|redirect)"/);
		const db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
		const row = db.prepare(`SELECT attachments_json AS a FROM progress_reports WHERE text = ?`).get('Biên bản kiểm tra kèm theo.') as { a: string };
		db.close();
		const [file] = JSON.parse(row.a) as { path: string }[];
		const get = (user: TestUser) => fetch(`${server.url}/attachments/${file!.path}`, { headers: { authorization: `Bearer ${user.token}` } });
		expect(await (await get(sotc)).text()).toBe('nội dung biên bản');
		expect((await get(office)).status).toBe(200);
		expect((await get(soyt)).status).toBe(404);
		expect(
			(await fetch(`${server.url}/attachments/00000000-0000-0000-0000-000000000000.bin`, { headers: { authorization: `Bearer ${soyt.token}` } })).status
		).toBe(404);
	});

	it('lets no agency report on another agency task, and stores a resent report once', async () => {
		const report = { id: 'outbox-report-1', noticeId, taskId, text: 'Đã rà soát 12 dự án.', percent: 40 };
		expect((await call(soyt, 'POST', '/api/progress', report)).status).toBe(404);
		expect((await call(sotc, 'POST', '/api/progress', report)).status).toBe(201);
		expect((await call(sotc, 'POST', '/api/progress', report)).status).toBe(200);
		const t = ((await call(office, 'GET', `/api/tasks?notice=${noticeId}`)).body.tasks as { progressPercent: number }[])[0];
		expect(t?.progressPercent).toBe(40);
		const bad = await call(sotc, 'POST', '/api/progress', { ...report, id: 'outbox-report-2', percent: 140 });
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/0 đến 100/);
	});

	it('answers unauthenticated API calls with 401', async () => {
		expect((await call(null, 'GET', '/api/tasks')).status).toBe(401);
		expect((await call(null, 'POST', '/api/progress', {})).status).toBe(401);
	});
});
