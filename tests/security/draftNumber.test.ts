/**
 * Issue 10, low finding: "a writer can put a fake official number into a draft's header that
 * shows in the list and the .docx". Replayed against the real server: the number stays what its
 * writers intend — the list shows it as "dự kiến", never in the place of an issued number, and the
 * draft's .docx says "DỰ THẢO" at the top of its first page. Only issuing makes a number official.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { NoticeDoc } from '#shared/doc/noticeDoc';
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
	type TestUser
} from '../integration/harness';

describe('a number written in a draft is not shown as official', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let noticeId: string;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		noticeId = await createNotice(dataDir, 'chuyenvien', 'Kết luận giao ban');
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	const get = (path: string) => fetch(server.url + path, { headers: { authorization: `Bearer ${office.token}` } });
	const headersOf = async (docx: ArrayBuffer) => {
		const zip = await JSZip.loadAsync(docx);
		return Promise.all(
			Object.keys(zip.files)
				.filter((f) => /^word\/header\d+\.xml$/.test(f))
				.map((f) => zip.file(f)!.async('string'))
		);
	};

	it('lists a draft’s "Số: 999" as intended only, and marks its .docx DỰ THẢO; once issued, the number is official', async () => {
		const writer = connectClient(server, noticeId, office.token);
		try {
			await waitSynced(writer);
			new NoticeDoc(writer.doc).writeMeta({ number: '999' });
			await waitFor(async () => (await (await get('/')).text()).includes('999/TB-VP'), 15_000, 'the number in the list');
		} finally {
			writer.destroy();
		}
		const row = (await (await get('/')).text()).match(/<tr>(?:(?!<\/tr>)[\s\S])*999\/TB-VP(?:(?!<\/tr>)[\s\S])*<\/tr>/)?.[0] ?? '';
		expect(row).toContain('(dự kiến 999/TB-VP)');
		expect(row).toContain('Dự thảo');
		const draftDocx = await get(`/notices/${noticeId}/export.docx`);
		expect(draftDocx.status).toBe(200);
		expect((await headersOf(await draftDocx.arrayBuffer())).filter((x) => x.includes('DỰ THẢO'))).toHaveLength(1);

		const issued = await fetch(`${server.url}/api/notices/${noticeId}/issue`, {
			method: 'POST',
			headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sourceType: 'UBND' })
		});
		expect(issued.status).toBe(201);
		await waitFor(async () => !(await (await get('/')).text()).includes('dự kiến 999'), 15_000, 'the number official in the list');
		const issuedDocx = await get(`/notices/${noticeId}/export.docx`);
		expect((await headersOf(await issuedDocx.arrayBuffer())).some((x) => x.includes('DỰ THẢO'))).toBe(false);
	});
});
