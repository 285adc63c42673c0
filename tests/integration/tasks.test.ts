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
import { addParagraph, deleteInParagraph, typeInParagraph } from './noticeEdits';

interface ApiTask {
	noticeId: string;
	taskId: string;
	lead: string[];
	support: string[];
	deadline: { kind: string; date?: string; from?: string; to?: string } | null;
	state: string;
}

describe('server-side task projection and the tasks API', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;
	let noticeId: string;
	let client: TestClient;

	const api = async (user: TestUser, query = ''): Promise<{ status: number; tasks: ApiTask[]; message?: string }> => {
		const res = await fetch(`${server.url}/api/tasks${query}`, { headers: { authorization: `Bearer ${user.token}` } });
		const body = (await res.json()) as { tasks?: ApiTask[]; message?: string };
		return { status: res.status, tasks: body.tasks ?? [], ...(body.message ? { message: body.message } : {}) };
	};
	const ofNotice = async (user: TestUser) => (await api(user, `?notice=${noticeId}`)).tasks;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		agency = await createUser(dataDir, 'sotaichinh', 'agency'); // agency: Sở Tài chính
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban');
		server = await startServer(dataDir);
		client = connectClient(server, noticeId, office.token);
		await waitSynced(client);
	});

	afterAll(async () => {
		client?.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('lists an assignment line as a draft task soon after it is typed, with lead, support and deadline', async () => {
		addParagraph(client.doc, 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát nguồn vốn, xong trước ngày 30/01/2024.');
		await waitFor(async () => (await ofNotice(office)).length === 1, 15_000, 'task projected');
		const [task] = await ofNotice(office);
		expect(task).toMatchObject({ lead: ['Sở Tài chính'], support: ['Sở Xây dựng'], state: 'draft', deadline: { kind: 'date', date: '2024-01-30' } });
	});

	it('follows edits of the line and filters by agency without diacritics and by deadline range', async () => {
		addParagraph(client.doc, 'Yêu cầu Sở Y tế triển khai trong tháng 02/2024.');
		await waitFor(async () => (await ofNotice(office)).length === 2, 15_000, 'second task');
		expect((await api(office, '?agency=so%20y%20te')).tasks.map((t) => t.lead)).toEqual([['Sở Y tế']]);
		expect((await api(office, '?agency=s%E1%BB%9F%20x%C3%A2y%20d%E1%BB%B1ng')).tasks).toHaveLength(1); // support matches too
		expect((await api(office, '?from=2024-02-01&to=2024-02-29')).tasks.map((t) => t.lead[0])).toEqual(['Sở Y tế']);
		// An agency user sees nothing of a notice still being written.
		expect((await api(agency)).tasks).toEqual([]);
	});

	it('removes a draft task when its line stops being an assignment', async () => {
		deleteInParagraph(client.doc, 1, 'Yêu cầu Sở Y tế triển khai trong tháng 02/2024.'.length);
		typeInParagraph(client.doc, 1, 'Hội nghị diễn ra thành công tốt đẹp.');
		await waitFor(async () => (await ofNotice(office)).length === 1, 15_000, 'task removed');
	});

	it('refuses bad filters with a Vietnamese message and unauthenticated calls with 401', async () => {
		const bad = await api(office, '?from=30/01/2024');
		expect(bad.status).toBe(400);
		expect(bad.message).toMatch(/YYYY-MM-DD/);
		const anon = await fetch(`${server.url}/api/tasks`);
		expect(anon.status).toBe(401);
	});
});
