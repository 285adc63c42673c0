/**
 * Issue 9 [5]: the real server reminds lead agencies of deadlines by itself — before a deadline
 * and once it has passed — each once per task and deadline, across restarts; a deadline moved by
 * a correction is reminded again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vnDay } from '#shared/tracker/status';
import { createUser, makeDataDir, removeDataDir, startServer, waitFor, type ServerProcess, type TestUser } from './harness';

const TODAY = vnDay(Date.now());
const vn = (iso: string) => iso.split('-').reverse().join('/');
const NOTICE_DATE = addDays(TODAY, -20);
const PAST = addDays(TODAY, -2);
const TOMORROW = addDays(TODAY, 1);
const [y, m, d] = NOTICE_DATE.split('-');

const NOTICE = [
	'UBND TỈNH BẮC GIANG            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
	'VĂN PHÒNG                      Độc lập - Tự do - Hạnh phúc',
	`Số: 71/TB-VP                   Bắc Giang, ngày ${d} tháng ${m} năm ${y}`,
	'THÔNG BÁO',
	'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về công tác quyết toán',
	'Chủ tịch UBND tỉnh kết luận như sau:',
	`1. Giao Sở Tài chính chủ trì tổng hợp số liệu quyết toán, xong trước ngày ${vn(PAST)}.`,
	`2. Giao Sở Tài chính chủ trì lập báo cáo thẩm định, xong trước ngày ${vn(TOMORROW)}.`,
	'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
	'Nơi nhận:',
	'- Sở Tài chính;',
	'- Lưu: VT, TH.',
	'KT. CHÁNH VĂN PHÒNG',
	'PHÓ CHÁNH VĂN PHÒNG',
	'Nguyễn Văn Bình'
].join('\n');

describe('automatic deadline reminders on the real server (issue 9 [5])', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;
	const env = { REMINDER_CHECK_MS: '200', REMINDER_DAYS_BEFORE: '3' };

	const page = async (user: TestUser, path: string) => (await fetch(server.url + path, { headers: { authorization: `Bearer ${user.token}` } })).text();
	const count = (html: string, word: string) => html.split(word).length - 1;
	const action = async (path: string, fields: Record<string, string>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const res = await fetch(server.url + path, {
			method: 'POST',
			body: form,
			headers: { authorization: `Bearer ${office.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		return (await res.json()) as { type: string; location?: string; data?: string };
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		agency = await createUser(dataDir, 'sotc', 'agency');
		server = await startServer(dataDir, 0, env);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('reminds once overdue and once before the deadline, never twice across restarts, and again for a moved deadline', async () => {
		const imported = await action('/notices/import', { text: NOTICE });
		expect(imported.type).toBe('redirect');
		const id = imported.location!.split('/').pop()!;
		const tasksOf = async () =>
			(
				(await (await fetch(`${server.url}/api/tasks?notice=${id}`, { headers: { authorization: `Bearer ${office.token}` } })).json()) as {
					tasks: { taskId: string; action: string }[];
				}
			).tasks;
		await waitFor(async () => (await tasksOf()).length === 2, 15_000, 'tasks projected');
		const issued = await fetch(`${server.url}/api/notices/${id}/issue`, {
			method: 'POST',
			headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sourceType: 'CT_UBND' })
		});
		expect(issued.status).toBe(201);

		const inbox = () => page(agency, '/notifications');
		await waitFor(async () => count(await inbox(), 'Quá hạn') === 1 && count(await inbox(), 'Sắp đến hạn') === 1, 15_000, 'both reminders');
		let html = await inbox();
		expect(html).toContain(`đã quá hạn (hạn ${vn(PAST)})`);
		expect(html).toContain(`đến hạn ngày ${vn(TOMORROW)}`);

		// A restart runs the check again at once: nothing is repeated. The correction that moves the
		// second deadline gives a new reminder, and the same runs would have repeated the old ones.
		await server.stop();
		server = await startServer(dataDir, 0, env);
		const second = (await tasksOf()).find((t) => /thẩm định/.test(t.action))!;
		const moved = addDays(TODAY, 2);
		const corrected = await action(`/tasks/${id}/${second.taskId}?/correct`, { lead: 'Sở Tài chính', due: moved, reason: 'Điều chỉnh theo đề nghị' });
		expect(corrected.type).toBe('success');
		await waitFor(async () => (await inbox()).includes(`đến hạn ngày ${vn(moved)}`), 15_000, 'reminder of the moved deadline');
		html = await inbox();
		expect([count(html, 'Quá hạn'), count(html, 'Sắp đến hạn')]).toEqual([1, 2]);
	});
});
