/**
 * Issue 9 [7]: importing an old tracking sheet (.xlsx) on the real server, through the page's form
 * actions — the preview names each bad row's error, the import stores only the good rows as
 * official tasks of source 'migrated' under one issued pseudo-notice (the agency sees its task,
 * search and reports too), and the same file a second time adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createUser, makeDataDir, removeDataDir, startServer, type ServerProcess, type TestUser } from './harness';

/** The office's old sheet: a title line, the header, three good rows and three bad ones. */
async function oldSheet(): Promise<Uint8Array> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Theo dõi 2026');
	ws.addRow(['BẢNG THEO DÕI NHIỆM VỤ UBND TỈNH GIAO']);
	ws.addRow(['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Thời hạn', 'Số văn bản', 'Ngày văn bản', 'Tình trạng', 'Ghi chú']);
	ws.addRow([
		1,
		'Rà soát tiến độ giải ngân vốn đầu tư công',
		'Sở Tài chính',
		'Sở Xây dựng; Sở Văn hóa, Thể thao và Du lịch',
		new Date('2026-12-20T00:00:00Z'),
		'45/TB-VP',
		'20/11/2026',
		'Đang thực hiện',
		'Báo cáo hằng tháng'
	]);
	ws.addRow([2, '', 'Sở Tài chính', '', '', '', '', '', '']);
	ws.addRow([3, 'Kiểm tra an toàn thực phẩm', 'Công ty Ánh Dương', '', 'cuối năm', '', '', '', '']);
	ws.addRow([4, 'Tổng kết công tác y tế năm 2025', 'Sở Y tế', '', '15/01/2026', '45/TB-VP', '20/11/2026', 'Đã hoàn thành', '']);
	ws.addRow([
		5,
		'Rà soát tiến độ giải ngân vốn đầu tư công',
		'Sở Tài chính',
		'Sở Xây dựng; Sở Văn hóa, Thể thao và Du lịch',
		new Date('2026-12-20T00:00:00Z'),
		'45/TB-VP',
		'20/11/2026',
		'',
		''
	]);
	ws.addRow([6, 'Xây dựng kế hoạch chuyển đổi số', 'Sở Khoa học và Công nghệ', 'Sở Tài chính', '', '45/TB-VP', '20/11/2026', 'Thường xuyên', '']);
	return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('importing an old task sheet (issue 9 [7])', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;
	let bytes: Uint8Array;

	const action = async (user: TestUser, name: 'preview' | 'import', fields: Record<string, string> = {}) => {
		const form = new FormData();
		form.set('file', new File([bytes as BlobPart], 'theo-doi-cu.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const res = await fetch(`${server.url}/tasks/import?/${name}`, {
			method: 'POST',
			body: form,
			headers: { authorization: `Bearer ${user.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		return (await res.json()) as { type: string; status?: number; data?: string };
	};
	const api = async (user: TestUser, path: string) =>
		(await (await fetch(server.url + path, { headers: { authorization: `Bearer ${user.token}` } })).json()) as Record<string, unknown>;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		agency = await createUser(dataDir, 'sotc', 'agency'); // Sở Tài chính
		server = await startServer(dataDir);
		bytes = await oldSheet();
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('previews the rows with an error per bad row, imports only the good ones, and adds nothing the second time', async () => {
		// An agency may not import.
		expect(await action(agency, 'preview')).toMatchObject({ type: 'failure', status: 403 });

		const preview = await action(office, 'preview');
		expect(preview.type).toBe('success');
		const text = preview.data!;
		// The mapping is guessed from the headers, and every bad row says why.
		expect(text).toContain('Thiếu nội dung nhiệm vụ.');
		expect(text).toContain('Cơ quan chủ trì “Công ty Ánh Dương” không có trong danh mục cơ quan.');
		expect(text).toContain('Thời hạn “cuối năm” không phải ngày');
		expect(text).toContain('Trùng với dòng 3.');
		expect(text).toMatch(/"good":\d+/);

		const imported = await action(office, 'import');
		expect(imported.type).toBe('success');
		expect(imported.data).toContain('Nhiệm vụ chuyển từ bảng theo dõi (theo-doi-cu.xlsx,');
		const all = (await api(office, '/api/tasks?source=migrated')) as {
			total: number;
			tasks: { action: string; noticeId: string; taskId: string; noticeNumber: string; sourceType: string; statusKey: string; support: string[] }[];
		};
		expect(all.total).toBe(3);
		expect(all.tasks.map((t) => t.action).sort()).toEqual([
			'Rà soát tiến độ giải ngân vốn đầu tư công',
			'Tổng kết công tác y tế năm 2025',
			'Xây dựng kế hoạch chuyển đổi số'
		]);
		expect(new Set(all.tasks.map((t) => t.noticeId)).size).toBe(1);
		expect(all.tasks[0]).toMatchObject({ sourceType: 'migrated', noticeNumber: '45/TB-VP' });
		expect(all.tasks.find((t) => t.action.startsWith('Tổng kết'))!.statusKey).toBe('done-late');
		expect(all.tasks.find((t) => t.action.startsWith('Rà soát'))!.support).toEqual(['Sở Xây dựng', 'Sở Văn hóa, Thể thao và Du lịch']);

		// The task's page shows the 'imported' entry naming the file and row; the pseudo-notice opens as an issued notice.
		const html = async (user: TestUser, path: string) => {
			const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${user.token}` } });
			return { status: res.status, text: await res.text() };
		};
		const first = all.tasks.find((t) => t.action.startsWith('Rà soát'))!;
		const page = await html(agency, `/tasks/${first.noticeId}/${encodeURIComponent(first.taskId)}`);
		expect(page.status).toBe(200);
		expect(page.text).toContain('Chuyển từ bảng theo dõi cũ');
		expect(page.text).toContain('Tệp “theo-doi-cu.xlsx”, trang “Theo dõi 2026”, dòng 3');
		expect((await html(office, `/notices/${first.noticeId}`)).status).toBe(200);

		// The agency sees its tasks (lead of one, support of another), found by words without diacritics too.
		const own = (await api(agency, '/api/tasks')) as { total: number; tasks: { action: string }[] };
		expect(own.tasks.map((t) => t.action).sort()).toEqual(['Rà soát tiến độ giải ngân vốn đầu tư công', 'Xây dựng kế hoạch chuyển đổi số']);
		expect(((await api(office, '/api/tasks?q=giai%20ngan%20von')) as { total: number }).total).toBe(1);
		// The report of November (the document's date) counts them in the OTHER group.
		const november = (await api(office, '/api/reports?kind=month&year=2026&index=11')) as {
			total: { assigned: number };
			sources: Record<string, { assigned: number }>;
		};
		expect(november.total.assigned).toBe(3);
		expect(november.sources.OTHER?.assigned).toBe(3);

		// The same file again: said so in the preview, refused on import, nothing added.
		const again = await action(office, 'preview');
		expect(again.data).toContain('Tệp này đã được nhập ngày');
		const second = await action(office, 'import');
		expect(second).toMatchObject({ type: 'failure', status: 409 });
		expect(second.data).toContain('không nhập lại');
		expect(((await api(office, '/api/tasks?source=migrated')) as { total: number }).total).toBe(3);
	});

	it('does not import the same task again from another file, and refuses a mapping without the task text', async () => {
		// The same rows in a copy with another sheet name: another file, the same tasks.
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
		wb.worksheets[0]!.name = 'Bản sao';
		bytes = new Uint8Array(await wb.xlsx.writeBuffer());
		const preview = await action(office, 'preview');
		expect(preview.data).toContain('Đã nhập trước đây (tệp “theo-doi-cu.xlsx”, dòng 3).');
		const refused = await action(office, 'import');
		expect(refused).toMatchObject({ type: 'failure', status: 409 });
		expect(refused.data).toContain('đã được nhập trước đây');

		const noText = await action(office, 'import', { mapped: '1', 'map-lead': '3' });
		expect(noText).toMatchObject({ type: 'failure', status: 400 });
		expect(noText.data).toContain('Hãy chọn cột cho “Nội dung nhiệm vụ”.');
		expect(((await api(office, '/api/tasks?source=migrated')) as { total: number }).total).toBe(3);
	});

	it("never issues a notice under the 'migrated' source (a task's source, not a notice's)", async () => {
		const form = new FormData();
		form.set('text', 'THÔNG BÁO\nKết luận về giải ngân\n1. Giao Sở Tài chính rà soát, báo cáo trước ngày 20/12/2026.');
		const created = (await (
			await fetch(`${server.url}/notices/import`, {
				method: 'POST',
				body: form,
				headers: { authorization: `Bearer ${office.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
			})
		).json()) as { type: string; location?: string };
		expect(created.type).toBe('redirect');
		const id = created.location!.split('/').pop()!;
		const res = await fetch(`${server.url}/api/notices/${id}/issue`, {
			method: 'POST',
			headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sourceType: 'migrated' })
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { message: string }).message).toMatch(/Hãy chọn nguồn của kết luận/);
	});
});
