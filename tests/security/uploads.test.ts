/**
 * Issue 10, medium 6: "Uploads written to disk before authorisation and validation; refused requests
 * leave their files (an agency without access added 300 MiB in 10 requests)." Replayed against the
 * real server: an agency that may not see the task, a file too large, a report refused for its
 * fields, a report past the agency's quota (ATTACHMENT_QUOTA_MB) and a report sent again each leave
 * the attachments folder as it was; an accepted report stores exactly its files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from '../integration/harness';
import { addParagraph } from '../integration/noticeEdits';

const MiB = 1024 * 1024;

describe('attachments of progress reports on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let sotc: TestUser;
	let soyt: TestUser;
	let noticeId: string;
	let taskId: string;

	const api = async (user: TestUser, method: string, path: string, body?: unknown) => {
		const res = await fetch(server.url + path, {
			method,
			headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {})
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	};

	/** Posts the task page's progress form as the page's script does; the action's outcome. */
	const report = async (user: TestUser, fields: { id: string; text?: string; percent?: string }, files: { name: string; bytes: number }[]) => {
		const form = new FormData();
		form.set('id', fields.id);
		form.set('text', fields.text ?? 'Báo cáo kèm tệp.');
		form.set('percent', fields.percent ?? '30');
		for (const f of files) form.append('attachments', new File([Buffer.alloc(f.bytes, 0x61)], f.name));
		const res = await fetch(`${server.url}/tasks/${noticeId}/${encodeURIComponent(taskId)}?/progress`, {
			method: 'POST',
			headers: { authorization: `Bearer ${user.token}`, origin: server.url, 'x-sveltekit-action': 'true' },
			body: form
		});
		const text = await res.text();
		const outcome = JSON.parse(text) as { type: string; status?: number; data?: string };
		return { httpStatus: res.status, type: outcome.type, status: outcome.status, text };
	};

	/** Every file in the attachments folder, staging files included. */
	const stored = (): string[] => {
		const dir = join(dataDir, 'attachments');
		return existsSync(dir) ? readdirSync(dir).sort() : [];
	};

	const reportCount = (): number => {
		const db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
		try {
			return (db.prepare('SELECT COUNT(*) AS n FROM progress_reports').get() as { n: number }).n;
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		sotc = await createUser(dataDir, 'sotc', 'agency'); // Sở Tài chính
		await cli(dataDir, 'user', 'add', '--username', 'soyt', '--name', 'Sở Y tế', '--password', 'secret-123', '--role', 'agency', '--agency', 'Sở Y tế');
		soyt = { username: 'soyt', token: await cli(dataDir, 'token', 'create', '--username', 'soyt') };
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban');
		server = await startServer(dataDir, 0, { ATTACHMENT_QUOTA_MB: '12' });
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

	it('refuses an agency that may not see the task before storing anything: 10 requests of 9 MiB leave no file', async () => {
		for (let i = 0; i < 10; i++) {
			const r = await report(soyt, { id: `foreign-report-${i}` }, [{ name: 'lon.bin', bytes: 9 * MiB }]);
			expect(r.type, r.text).toBe('failure');
			expect(r.status).toBe(404);
		}
		expect(stored()).toEqual([]);
		expect(reportCount()).toBe(0);
	});

	it('refuses a file above 10 MB, and leaves nothing', async () => {
		const r = await report(sotc, { id: 'too-large-1' }, [{ name: 'qua-lon.pdf', bytes: 10 * MiB + 1 }]);
		expect(r.type).toBe('failure');
		expect(r.status).toBe(400);
		expect(r.text).toMatch(/quá lớn \(tối đa 10 MB\)/);
		expect(stored()).toEqual([]);
	});

	it('removes the files of a report refused for its fields', async () => {
		const r = await report(sotc, { id: 'bad-percent-1', percent: '140' }, [{ name: 'a.txt', bytes: 1000 }]);
		expect(r.type).toBe('failure');
		expect(r.text).toMatch(/0 đến 100/);
		const noText = await report(sotc, { id: 'no-text-1', text: '   ' }, [{ name: 'a.txt', bytes: 1000 }]);
		expect(noText.type).toBe('failure');
		expect(stored()).toEqual([]);
		expect(reportCount()).toBe(0);
	});

	it('stores an accepted report with exactly its files, and a report sent again adds none', async () => {
		const r = await report(sotc, { id: 'good-report-1' }, [{ name: 'bien-ban.txt', bytes: 1 * MiB }]);
		expect(r.type, r.text).toBe('success');
		const files = stored();
		expect(files).toHaveLength(1);
		expect(files[0]).toMatch(/^[0-9a-f-]{36}\.bin$/);
		expect(readFileSync(join(dataDir, 'attachments', files[0]!)).length).toBe(MiB);
		const again = await report(sotc, { id: 'good-report-1' }, [{ name: 'bien-ban.txt', bytes: 1 * MiB }]);
		expect(again.type, again.text).toBe('success');
		expect(stored()).toEqual(files);
		expect(reportCount()).toBe(1);
	});

	it("refuses what goes past the agency's quota (ATTACHMENT_QUOTA_MB)", async () => {
		const before = stored();
		// 1 MiB stored + 2 × 6 MiB > 12 MiB.
		const r = await report(sotc, { id: 'over-quota-1' }, [
			{ name: 'lon-1.bin', bytes: 6 * MiB },
			{ name: 'lon-2.bin', bytes: 6 * MiB }
		]);
		expect(r.type).toBe('failure');
		expect(r.text).toMatch(/hạn mức dung lượng của cơ quan \(12 MB\)/);
		// Many small files, each fine, together past the quota.
		const many = await report(
			sotc,
			{ id: 'over-quota-2' },
			Array.from({ length: 5 }, (_, i) => ({ name: `phan-${i}.bin`, bytes: 2.3 * MiB }))
		);
		expect(many.type).toBe('failure');
		expect(many.text).toMatch(/hạn mức/);
		expect(stored()).toEqual(before);
		expect(reportCount()).toBe(1);
		const fits = await report(sotc, { id: 'fits-quota-1' }, [{ name: 'nho.bin', bytes: 1 * MiB }]);
		expect(fits.type, fits.text).toBe('success');
		expect(stored()).toHaveLength(2);
	});

	it('still answers other requests after all this', async () => {
		expect((await api(sotc, 'GET', '/api/tasks')).status).toBe(200);
	});
});
