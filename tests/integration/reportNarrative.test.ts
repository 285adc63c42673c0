/**
 * Issue 9 [4]: the report's paragraphs 1–3.1 written in the app, per period, on the real server:
 * saved through the /reports form action, they come out in the period's .docx before the figures,
 * numbered as seed 001 numbers them; another period, a leader and bad input change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { createUser, makeDataDir, removeDataDir, startServer, type ServerProcess, type TestUser } from './harness';

const DIRECTION =
	'Trong tháng 11/2026, UBND tỉnh đã chỉ đạo các sở, ban, ngành thực hiện nhiều giải pháp hữu hiệu.\nUBND tỉnh đã tổ chức 04 cuộc họp lãnh đạo UBND tỉnh.';
const CENTRAL = 'Thực hiện Quyết định số 42/2014/QĐ-TTg, UBND tỉnh tổng hợp có 68 nhiệm vụ do Chính phủ giao.';
const PROGRAMME = 'Chương trình công tác tháng 11/2026 có tổng số 85 nhiệm vụ.';

describe('the report’s written paragraphs (issue 9 [4])', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let leader: TestUser;

	const save = async (user: TestUser, query: string, fields: Record<string, string>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const res = await fetch(`${server.url}/reports?${query}&/narrative`, {
			method: 'POST',
			body: form,
			headers: { authorization: `Bearer ${user.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		return { httpStatus: res.status, ...((await res.json()) as { type: string; status?: number; data?: string }) };
	};
	const docxText = async (query: string) => {
		const res = await fetch(`${server.url}/reports/export?format=docx&${query}`, { headers: { authorization: `Bearer ${office.token}` } });
		expect(res.status).toBe(200);
		return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		leader = await createUser(dataDir, 'lanhdao', 'leader');
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('puts the saved paragraphs of the period in its .docx, before the figures, numbered as seed 001', async () => {
		const saved = await save(office, 'kind=month&year=2026&index=11', {
			kind: 'month',
			year: '2026',
			index: '11',
			direction: DIRECTION,
			central: CENTRAL,
			programme: PROGRAMME
		});
		expect(saved, JSON.stringify(saved)).toMatchObject({ type: 'success' });
		const text = await docxText('kind=month&year=2026&index=11');
		const order = [
			'1. Công tác chỉ đạo điều hành tháng 11/2026 của UBND tỉnh, Chủ tịch UBND tỉnh',
			'Trong tháng 11/2026, UBND tỉnh đã chỉ đạo các sở, ban, ngành thực hiện nhiều giải pháp hữu hiệu.',
			'UBND tỉnh đã tổ chức 04 cuộc họp lãnh đạo UBND tỉnh.',
			'2. Triển khai các nhiệm vụ, chỉ đạo của Chính phủ, Thủ tướng Chính phủ và các bộ, ngành Trung ương',
			CENTRAL,
			'3. Về kết quả thực hiện Chương trình công tác, nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao tháng 11/2026',
			`3.1. ${PROGRAMME}`,
			'3.2. Thực hiện nhiệm vụ UBND tỉnh, Chủ tịch UBND tỉnh giao:',
			'- Trong tháng 11/2026, UBND tỉnh, Chủ tịch UBND tỉnh đã giao',
			'3.3. Kết quả theo nguồn giao nhiệm vụ',
			'3.4. Kết quả theo cơ quan chủ trì'
		];
		const at = order.map((part) => text.indexOf(part));
		expect(
			at.every((i) => i >= 0),
			JSON.stringify(at)
		).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
		expect(text).not.toContain('1. Kết quả chung');
		// The JSON report gives the same paragraphs beside its figures; a custom period has none.
		const api = async (query: string) =>
			(await (await fetch(`${server.url}/api/reports?${query}`, { headers: { authorization: `Bearer ${office.token}` } })).json()) as {
				narrative: { sections: Record<string, string>; updatedBy: string | null } | null;
			};
		expect((await api('kind=month&year=2026&index=11')).narrative).toMatchObject({
			sections: { direction: expect.stringContaining('UBND tỉnh đã tổ chức 04 cuộc họp'), central: CENTRAL, programme: PROGRAMME },
			updatedBy: expect.any(String)
		});
		expect((await api('kind=custom&from=2026-11-01&to=2026-11-20')).narrative).toBeNull();
	});

	it('keeps other periods as they were: no paragraphs, the figures as sections 1–3', async () => {
		const text = await docxText('kind=month&year=2026&index=10');
		expect(text).not.toContain(CENTRAL);
		expect(text).toContain('1. Kết quả chung');
		expect(text).toContain('2. Kết quả theo nguồn giao nhiệm vụ');
	});

	it('numbers in turn what is written: only section 3.1 makes the results section 1', async () => {
		expect(await save(office, 'kind=quarter&year=2026&index=4', { kind: 'quarter', year: '2026', index: '4', programme: PROGRAMME })).toMatchObject({
			type: 'success'
		});
		const text = await docxText('kind=quarter&year=2026&index=4');
		expect(text).toContain('1. Về kết quả thực hiện Chương trình công tác, nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao quý IV/2026');
		expect(text).toContain(`1.1. ${PROGRAMME}`);
		expect(text).toContain('1.2. Thực hiện nhiệm vụ');
		expect(text).not.toContain('Công tác chỉ đạo điều hành');
	});

	it('refuses a leader, a custom period and too long a text, changing nothing', async () => {
		expect(await save(leader, 'kind=month&year=2026&index=11', { kind: 'month', year: '2026', index: '11', direction: 'Lãnh đạo sửa.' })).toMatchObject({
			httpStatus: 403
		});
		const custom = await save(office, 'kind=custom&from=2026-11-01&to=2026-11-15', { kind: 'custom', year: '2026', index: '1', direction: 'Tùy chọn.' });
		expect(custom).toMatchObject({ type: 'failure', status: 400 });
		expect(custom.data).toContain('Kỳ báo cáo không hợp lệ');
		const long = await save(office, 'kind=month&year=2026&index=11', { kind: 'month', year: '2026', index: '11', direction: 'x'.repeat(20_001) });
		expect(long).toMatchObject({ type: 'failure', status: 400 });
		expect(long.data).toContain('tối đa');
		const text = await docxText('kind=month&year=2026&index=11');
		expect(text).toContain('UBND tỉnh đã tổ chức 04 cuộc họp lãnh đạo UBND tỉnh.');
		expect(text).not.toContain('Lãnh đạo sửa.');
	});
});
