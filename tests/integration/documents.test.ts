import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { DATED_NOTICE } from '../../server/documents/testWorld';
import { readDocxStructure } from '../../server/documents/testDocx';
import {
	cli,
	connectClient,
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

describe('notices in and out of Word through the real server and CLI', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let agency: TestUser;
	let noticeId: string;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		agency = await createUser(dataDir, 'sotaichinh', 'agency');
		writeFileSync(join(dataDir, 'thong-bao.txt'), DATED_NOTICE);
		noticeId = await cli(dataDir, 'import', join(dataDir, 'thong-bao.txt'), '--username', office.username);
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	const exportAs = (user: TestUser | null, id = noticeId) =>
		fetch(`${server.url}/notices/${id}/export.docx`, { headers: user ? { authorization: `Bearer ${user.token}` } : {}, redirect: 'manual' });

	it('prints only the new notice id for `cli import`, one line per file', async () => {
		expect(noticeId).toMatch(/^[\w-]{16}$/);
	});

	it('answers GET /notices/<id>/export.docx with a Word file in the Decree 30 layout and an RFC 5987 file name', async () => {
		const res = await exportAs(office);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="thong-bao-12-tb-vp-[a-z0-9-]+\.docx"; filename\*=UTF-8''Th%C3%B4ng%20b%C3%A1o%2012-TB-VP/
		);
		const bytes = Buffer.from(await res.arrayBuffer());
		const xml = await readDocxStructure(bytes);
		expect(xml.pageSize).toEqual({ w: 11906, h: 16838, orient: 'portrait' });
		const text = (await mammoth.extractRawText({ buffer: bytes })).value;
		expect(text).toContain('Bắc Giang, ngày 05 tháng 01 năm 2024');
		expect(text).toContain('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công');
		expect(text).toContain('Nguyễn Văn Bình');
	});

	it('refuses a user without access (403), an unknown notice (404) and an anonymous request (to the sign-in page)', async () => {
		expect((await exportAs(agency)).status).toBe(403);
		expect((await exportAs(office, 'khong-co-thong-bao')).status).toBe(404);
		const anonymous = await exportAs(null);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/login/);
	});

	it('exports what participants have just written through the sync server', async () => {
		const client = connectClient(server, noticeId, office.token);
		clients.push(client);
		await waitSynced(client);
		addParagraph(client.doc, 'Giao Sở Xây dựng hướng dẫn hồ sơ trong tháng 02/2024.');
		await waitFor(
			async () =>
				(await mammoth.extractRawText({ buffer: Buffer.from(await (await exportAs(office)).arrayBuffer()) })).value.includes('Giao Sở Xây dựng hướng dẫn'),
			10_000,
			'the new paragraph in the exported file'
		);
	});

	it('writes the same file with `cli export ID --out FILE.docx` on the data directory', async () => {
		const out = join(dataDir, 'ra.docx');
		await cli(dataDir, 'export', noticeId, '--out', out);
		expect(existsSync(out)).toBe(true);
		const text = (await mammoth.extractRawText({ path: out })).value;
		expect(text).toContain('THÔNG BÁO');
		expect(text).toContain('- Lưu: VT, TH.');
	});

	it('imports through the "Nhập văn bản" page and redirects to the new notice; a damaged file gets a Vietnamese error and creates nothing', async () => {
		// As the page's own script sends it (SvelteKit refuses a form POST without a same-site Origin).
		const post = (form: FormData, user: TestUser) =>
			fetch(`${server.url}/notices/import`, {
				method: 'POST',
				body: form,
				headers: { authorization: `Bearer ${user.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
			});
		// The notice list the office user sees, counted on the home page.
		const listed = async () =>
			((await (await fetch(`${server.url}/`, { headers: { authorization: `Bearer ${office.token}` } })).text()).match(/data-testid="notice-link"/g) ?? [])
				.length;
		const before = await listed();

		const bad = new FormData();
		bad.set('file', new Blob([Buffer.from('PK\u0003\u0004 không phải word')]), 'hong.docx');
		const refused = (await (await post(bad, office)).json()) as { type: string; status: number; data: string };
		expect(refused.type).toBe('failure');
		expect(refused.data).toContain('không đọc được');
		expect(await listed()).toBe(before);

		const good = new FormData();
		good.set('text', DATED_NOTICE);
		const ok = (await (await post(good, office)).json()) as { type: string; location: string };
		expect(ok.type).toBe('redirect');
		expect(ok.location).toMatch(/^\/notices\/[\w-]{16}$/);
		const id = ok.location.split('/').pop()!;
		expect((await exportAs(office, id)).status).toBe(200);
		expect(await listed()).toBe(before + 1);

		const forbidden = (await (await post(good, agency)).json()) as { type: string; status: number };
		expect(forbidden).toMatchObject({ type: 'failure', status: 403 });
	});
});
