import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { connectClient, createUser, makeDataDir, removeDataDir, startServer, waitFor, waitSynced, type ServerProcess, type TestUser } from './harness';

/** A notice as the office receives it from elsewhere: number and date already in its header. */
const NOTICE_45 = [
	'UBND TỈNH BẮC GIANG            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
	'VĂN PHÒNG                      Độc lập - Tự do - Hạnh phúc',
	'Số: 45/TB-VP                   Bắc Giang, ngày 20 tháng 11 năm 2026',
	'THÔNG BÁO',
	'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công',
	'Ngày 19/11/2026, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:',
	'1. Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh trước ngày 20/12/2026.',
	'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
	'Nơi nhận:',
	'- Sở Tài chính;',
	'- Lưu: VT, TH.',
	'KT. CHÁNH VĂN PHÒNG',
	'PHÓ CHÁNH VĂN PHÒNG',
	'Nguyễn Văn Bình'
].join('\n');

describe('issuing keeps what the document says, and the report counts it in the month of its date (issue 9)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;

	const call = async (user: TestUser, method: string, path: string, body?: unknown) => {
		const res = await fetch(server.url + path, {
			method,
			headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {})
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	};
	const importText = async (text: string) => {
		const form = new FormData();
		form.set('text', text);
		const res = await fetch(`${server.url}/notices/import`, {
			method: 'POST',
			body: form,
			headers: { authorization: `Bearer ${office.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		return (await res.json()) as { type: string; status?: number; location?: string; data?: string };
	};
	const noticeCount = async () =>
		((await (await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${office.token}` } })).text()).match(/data-testid="notice-link"/g) ?? []).length;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		agency = await createUser(dataDir, 'sotc', 'agency');
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('imports "Số: 45/TB-VP … ngày 20 tháng 11 năm 2026", issues it as number 45 of that date, counts it in November, and refuses a second import', async () => {
		const imported = await importText(NOTICE_45);
		expect(imported.type).toBe('redirect');
		const id = imported.location!.split('/').pop()!;
		await waitFor(async () => ((await call(office, 'GET', `/api/tasks?notice=${id}`)).body.tasks as unknown[]).length === 1, 15_000, 'task projected');

		// No date chosen: the header's date is the notice's date, and its number is kept.
		const issued = await call(office, 'POST', `/api/notices/${id}/issue`, { sourceType: 'CT_UBND' });
		expect(issued).toEqual({ status: 201, body: { number: '45' } });
		const reader = connectClient(server, id, office.token);
		try {
			await waitSynced(reader);
			await waitFor(() => new NoticeDoc(reader.doc).readMeta().state === 'issued', 15_000, 'issued state synced');
			expect(new NoticeDoc(reader.doc).readMeta()).toMatchObject({ number: '45', symbol: 'TB-VP', date: '2026-11-20' });
		} finally {
			reader.destroy();
		}

		const november = await call(office, 'GET', '/api/reports?kind=month&year=2026&index=11');
		expect(november.status).toBe(200);
		const sources = november.body.sources as Record<string, { assigned: number; inProgressWithin: number; overdue: number }>;
		expect(Object.keys(sources)).toEqual(['UBND', 'TU', 'HDND', 'CP']);
		expect(sources.UBND!.assigned).toBe(1);
		expect(sources.TU!.assigned).toBe(0);
		expect((november.body.total as { assigned: number }).assigned).toBe(1);
		expect(november.body.period).toMatchObject({ from: '2026-11-01', to: '2026-11-30' });
		expect((november.body.yearToDate as { total: { assigned: number } }).total.assigned).toBe(1);
		const december = await call(office, 'GET', '/api/reports?kind=month&year=2026&index=12');
		expect((december.body.total as { assigned: number }).assigned).toBe(0);

		// The same document again: said so, and nothing created.
		const before = await noticeCount();
		const again = await importText(NOTICE_45);
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data).toContain('đã được ban hành');
		expect(await noticeCount()).toBe(before);
	});

	it('refuses an issue date after today, and leaves the draft a draft', async () => {
		const imported = await importText(NOTICE_45.replace('Số: 45/TB-VP', 'Số: /TB-VP'));
		const id = imported.location!.split('/').pop()!;
		const refused = await call(office, 'POST', `/api/notices/${id}/issue`, { sourceType: 'UBND', date: '2099-01-01' });
		expect(refused.status).toBe(400);
		expect(refused.body.message).toMatch(/sau ngày hôm nay/);
		// A blank number takes the next one of the notice's year.
		const issued = await call(office, 'POST', `/api/notices/${id}/issue`, { sourceType: 'UBND', date: '2026-11-25' });
		expect(issued).toEqual({ status: 201, body: { number: '46' } });
	});

	it('says which page of the task list it shows and links the next one, filters kept', async () => {
		const html = async (path: string) => (await fetch(server.url + path, { headers: { authorization: `Bearer ${office.token}` } })).text();
		const one = await html('/tasks?limit=1&state=official');
		expect(one).toContain('Hiển thị 1–1 / 2');
		expect(one).toMatch(/href="\?limit=1&amp;state=official&amp;page=2"/);
		const two = await html('/tasks?limit=1&state=official&page=2');
		expect(two).toContain('Hiển thị 2–2 / 2');
		expect(two).toContain('Trang trước');
		expect(two).not.toContain('Trang sau');
	});

	it('answers the report API for the office only, with clear errors for a bad source or period', async () => {
		expect((await call(agency, 'GET', '/api/reports?kind=month&year=2026&index=11')).status).toBe(403);
		const badSource = await call(office, 'GET', '/api/reports?kind=month&year=2026&index=11&source=XYZ');
		expect(badSource.status).toBe(400);
		expect(badSource.body.message).toMatch(/Nguồn/);
		expect((await call(office, 'GET', '/api/reports?kind=month&year=1800&index=11')).status).toBe(400);
		const nine = await call(office, 'GET', '/api/reports?kind=nine&year=2026&source=UBND');
		expect(nine.status).toBe(200);
		expect(Object.keys(nine.body.sources as object)).toEqual(['UBND']);
		expect(nine.body.period).toMatchObject({ from: '2026-01-01', to: '2026-09-30' });
	});
});
