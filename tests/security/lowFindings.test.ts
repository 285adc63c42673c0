/**
 * Issue 10, low findings, replayed against the real server:
 * - "`Origin: null` answers 500" and "an https Origin accepted over http": a cookie-authenticated
 *   sync upgrade whose Origin is not exactly this server's is a clean 403;
 * - "another agency's attachment answers 500": 404, as for a file that does not exist;
 * - "`/api/progress` tells whether a report id exists": only the report's own author, on its own
 *   task, hears "already stored"; anyone else hears what they would for any id;
 * - "`?token=` accepted on every page": only the sync URL and the Authorization header carry a token;
 * - "10 000 bad frames write 53 031 log lines": one line per event, and a bounded number of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '#shared/protocol';
import { vnToday } from '#shared/tracker/status';
import {
	addUser,
	cli,
	closeCodeOf,
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	openRaw,
	removeDataDir,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestUser
} from '../integration/harness';
import { addParagraph } from '../integration/noticeEdits';
import { postLogin } from './signInHttp';

/** A sync upgrade with a session cookie and the given Origin: the HTTP refusal, or 'open'. */
function cookieUpgrade(server: ServerProcess, noticeId: string, cookie: string, origin: string): Promise<number | 'open'> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.syncUrl}/${noticeId}`, { headers: { cookie, origin } });
		ws.once('unexpected-response', (_req, res) => {
			res.resume();
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.once('open', () => {
			resolve('open');
			ws.close();
		});
		ws.on('error', (e) => reject(e));
	});
}

describe('low findings of issue 10 on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let sotc: TestUser;
	let soyt: TestUser;
	let noticeId: string;
	let taskId: string;
	let cookie: string;

	const api = async (user: TestUser | null, method: string, path: string, body?: unknown) => {
		const res = await fetch(server.url + path, {
			method,
			redirect: 'manual',
			headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {})
		});
		const text = await res.text();
		return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> };
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		sotc = await createUser(dataDir, 'sotc', 'agency'); // Sở Tài chính
		await cli(dataDir, 'user', 'add', '--username', 'soyt', '--name', 'Sở Y tế', '--password', 'secret-123', '--role', 'agency', '--agency', 'Sở Y tế');
		soyt = { username: 'soyt', token: await cli(dataDir, 'token', 'create', '--username', 'soyt') };
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		noticeId = await createNotice(dataDir, 'an', 'Kết luận giao ban');
		server = await startServer(dataDir);
		cookie = (await postLogin(server.url, { username: 'an', password: 'mat-khau-123' })).cookie!;
		const writer = connectClient(server, noticeId, office.token);
		await waitSynced(writer);
		addParagraph(writer.doc, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
		const tasks = async () => (await api(office, 'GET', `/api/tasks?notice=${noticeId}`)).body.tasks as { taskId: string }[];
		await waitFor(async () => (await tasks()).length === 1, 15_000, 'task projected');
		taskId = (await tasks())[0]!.taskId;
		writer.destroy();
		expect((await api(office, 'POST', `/api/notices/${noticeId}/issue`, { sourceType: 'UBND', date: vnToday() })).status).toBe(201);
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('answers a cookie upgrade from `Origin: null` or from an https page over http with 403, and its own origin with a socket', async () => {
		expect(cookie).toBeTruthy();
		expect(await cookieUpgrade(server, noticeId, cookie, 'null')).toBe(403);
		expect(await cookieUpgrade(server, noticeId, cookie, server.url.replace('http:', 'https:'))).toBe(403);
		expect(await cookieUpgrade(server, noticeId, cookie, 'http://evil.example')).toBe(403);
		expect(await cookieUpgrade(server, noticeId, cookie, 'not a url')).toBe(403);
		expect(await cookieUpgrade(server, noticeId, cookie, server.url)).toBe('open');
		expect(server.output()).not.toMatch(/authorizing an upgrade .* failed/);
	});

	it("answers 404 for another agency's attachment", async () => {
		const form = new FormData();
		form.set('id', 'report-with-file-1');
		form.set('text', 'Biên bản kiểm tra kèm theo.');
		form.set('percent', '20');
		form.append('attachments', new File(['nội dung biên bản'], 'bien-ban.txt'));
		const posted = await fetch(`${server.url}/tasks/${noticeId}/${encodeURIComponent(taskId)}?/progress`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sotc.token}`, origin: server.url, 'x-sveltekit-action': 'true' },
			body: form
		});
		expect(await posted.text()).toContain('"type":"success"');
		const detail = await fetch(`${server.url}/tasks/${noticeId}/${encodeURIComponent(taskId)}`, { headers: { authorization: `Bearer ${sotc.token}` } });
		const path = /[0-9a-f-]{36}\.bin/.exec(await detail.text())?.[0];
		expect(path).toBeTruthy();
		const get = (user: TestUser) => fetch(`${server.url}/attachments/${path}`, { headers: { authorization: `Bearer ${user.token}` } });
		expect((await get(sotc)).status).toBe(200);
		expect((await get(soyt)).status).toBe(404);
		expect((await get(office)).status).toBe(200);
	});

	it('tells whether a report id exists to nobody but its author on its task', async () => {
		const report = { id: 'bao-cao-rieng-1', noticeId, taskId, text: 'Đã rà soát 12 dự án.', percent: 40 };
		expect((await api(sotc, 'POST', '/api/progress', report)).status).toBe(201);
		expect((await api(sotc, 'POST', '/api/progress', report)).status).toBe(200); // the author's resend
		// Another agency, the same id, its task or a made-up one: the same 404 as for any id.
		const probe = await api(soyt, 'POST', '/api/progress', report);
		const fresh = await api(soyt, 'POST', '/api/progress', { ...report, id: 'never-used-id-1' });
		expect(probe).toEqual(fresh);
		expect(probe.status).toBe(404);
		expect(await api(soyt, 'POST', '/api/progress', { ...report, taskId: 'no-such-task' })).toEqual(
			await api(soyt, 'POST', '/api/progress', { ...report, id: 'never-used-id-2', taskId: 'no-such-task' })
		);
		// The office may see the task, but the id is someone else's report: refused, not "already stored".
		const other = await api(office, 'POST', '/api/progress', report);
		expect(other.status).toBe(400);
		expect(other.body.message).toMatch(/Mã báo cáo đã được dùng/);
	});

	it('takes a token from the Authorization header or the sync URL only, never from a page address', async () => {
		const page = await fetch(`${server.url}/tasks?token=${office.token}`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login/);
		expect((await fetch(`${server.url}/api/tasks?token=${office.token}`)).status).toBe(401);
		expect((await api(office, 'GET', '/api/tasks')).status).toBe(200);
		const socket = await openRaw(server, `${noticeId}?token=${office.token}`);
		expect(socket.kind).toBe('open');
		if (socket.kind === 'open') socket.socket.close();
	});

	it('writes one line per bad frame, and a bounded number of them', async () => {
		const linesBefore = server.output().split('\n').length;
		let closed = 0;
		for (let batch = 0; batch < 6; batch++) {
			const codes = await Promise.all(
				Array.from({ length: 50 }, async () => {
					const attempt = await openRaw(server, `${noticeId}?token=${office.token}`);
					if (attempt.kind !== 'open') throw new Error(`refused ${attempt.status}`);
					const code = closeCodeOf(attempt.socket);
					attempt.socket.send(new Uint8Array([77, 0, 0]));
					return code;
				})
			);
			closed += codes.filter((c) => c === CloseCode.MALFORMED_MESSAGE).length;
		}
		expect(closed).toBe(300);
		const written = server
			.output()
			.split('\n')
			.slice(linesBefore - 1);
		expect(written.length).toBeLessThanOrEqual(61);
		expect(written.filter((l) => /^\s+at /.test(l))).toEqual([]);
		// Still serving.
		expect((await api(office, 'GET', '/api/tasks')).status).toBe(200);
	});
});
