import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
} from './harness';
import { addParagraph } from './noticeEdits';

interface Directory {
	version: string;
	entries: { id: string; name: string; aliases?: string[] }[];
	nonTasks?: string[];
}

describe('learning from corrections: POST /api/directory/learn', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let admin: TestUser;
	let leader: TestUser;
	let agency: TestUser;
	let noticeId: string;
	let client: TestClient;

	const learn = async (user: TestUser, body: unknown, raw?: string) => {
		const res = await fetch(`${server.url}/api/directory/learn`, {
			method: 'POST',
			headers: { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
			body: raw ?? JSON.stringify(body)
		});
		return { status: res.status, body: (await res.json()) as { message?: string; changed?: boolean; directory?: Directory } };
	};
	const directory = async (user: TestUser): Promise<Directory> => {
		const res = await fetch(`${server.url}/api/directory`, { headers: { authorization: `Bearer ${user.token}` } });
		return ((await res.json()) as { directory: Directory }).directory;
	};
	const tasksOf = async (user: TestUser) => {
		const res = await fetch(`${server.url}/api/tasks?notice=${noticeId}`, { headers: { authorization: `Bearer ${user.token}` } });
		return ((await res.json()) as { tasks: { lead: string[] }[] }).tasks;
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		admin = await createUser(dataDir, 'admin1', 'admin');
		leader = await createUser(dataDir, 'leader1', 'leader');
		agency = await createUser(dataDir, 'sotaichinh', 'agency');
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban');
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		client?.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('refuses a leader and an agency user, and malformed input, with a Vietnamese message; nothing changes', async () => {
		const before = await directory(office);
		for (const user of [leader, agency]) {
			const r = await learn(user, { kind: 'alias', agencyId: 'so-tai-chinh', wording: 'Sở Tài chánh' });
			expect(r.status).toBe(403);
			expect(r.body.message).toMatch(/Chỉ chuyên viên Văn phòng và quản trị viên/);
		}
		const bad: [unknown, string | undefined, number, RegExp][] = [
			[undefined, '{not json', 400, /không phải JSON/],
			[{ kind: 'alias', agencyId: 'so-tai-chinh' }, undefined, 400, /Thiếu/],
			[{ kind: 'alias', agencyId: 'so-tai-chinh', wording: '   ' }, undefined, 400, /không hợp lệ/],
			[{ kind: 'alias', agencyId: 'so-tai-chinh', wording: 'x'.repeat(500) }, undefined, 400, /không hợp lệ/],
			[{ kind: 'alias', agencyId: 'khong-co-co-quan', wording: 'Sở ABC' }, undefined, 404, /Không có cơ quan này/],
			[{ kind: 'non-task', phrasing: 42 }, undefined, 400, /Thiếu/],
			[{ kind: 'non-task', phrasing: ' ./. ' }, undefined, 400, /không hợp lệ/],
			[{ kind: 'forget-everything' }, undefined, 400, /Loại ghi nhớ không hợp lệ/],
			[null, undefined, 400, /không hợp lệ/]
		];
		for (const [body, raw, status, message] of bad) {
			const r = await learn(office, body, raw);
			expect(r.status, JSON.stringify(body ?? raw)).toBe(status);
			expect(r.body.message).toMatch(message);
		}
		expect(await directory(office)).toEqual(before);
	});

	it('refuses an alias that already belongs to another agency', async () => {
		const before = await directory(office);
		const r = await learn(office, { kind: 'alias', agencyId: 'so-tu-phap', wording: 'Sở TC' });
		expect(r.status).toBe(409);
		expect(r.body.message).toBe('“Sở TC” đã là tên gọi của “Sở Tài chính” trong danh mục, không thể ghi nhớ cho “Sở Tư pháp”.');
		expect(await directory(office)).toEqual(before);
	});

	it('stores an alias and a non-task phrasing; the server’s projection of a notice reads both', async () => {
		const alias = await learn(office, { kind: 'alias', agencyId: 'so-tai-chinh', wording: 'Sở Tài chánh' });
		expect(alias.status).toBe(200);
		expect(alias.body.changed).toBe(true);
		const phrasing = await learn(admin, { kind: 'non-task', phrasing: 'Sở Y tế báo cáo tình hình dịch bệnh trong tháng.' });
		expect(phrasing.status).toBe(200);
		const dir = await directory(agency);
		expect(dir.entries.find((e) => e.id === 'so-tai-chinh')?.aliases).toContain('Sở Tài chánh');
		expect(dir.nonTasks).toEqual(['Sở Y tế báo cáo tình hình dịch bệnh trong tháng.']);
		// Asked with the version it has, the page is told nothing changed.
		const same = await fetch(`${server.url}/api/directory?since=${encodeURIComponent(dir.version)}`, { headers: { authorization: `Bearer ${office.token}` } });
		expect(same.status).toBe(204);

		client = connectClient(server, noticeId, office.token);
		await waitSynced(client);
		addParagraph(client.doc, 'Sở Y tế báo cáo tình hình dịch bệnh trong tháng.');
		addParagraph(client.doc, 'Giao Sở Tài chánh chủ trì lập kế hoạch vốn, xong trước ngày 30/01/2099.');
		await waitFor(async () => (await tasksOf(office)).length > 0, 15_000, 'task projected');
		expect((await tasksOf(office)).map((t) => t.lead)).toEqual([['Sở Tài chính']]);
	});
});
