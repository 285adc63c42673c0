import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { connectClient, createNotice, createUser, makeDataDir, removeDataDir, startServer, waitSynced, type ServerProcess, type TestUser } from './harness';

describe('the office profile reaches new notices and the report (issue 9: not "Bắc Giang" for every province)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let admin: TestUser;
	let office: TestUser;

	const save = async (user: TestUser, fields: Record<string, string>) => {
		const form = new FormData();
		for (const [k, v] of Object.entries(fields)) form.set(k, v);
		const res = await fetch(`${server.url}/admin/office`, {
			method: 'POST',
			body: form,
			headers: { authorization: `Bearer ${user.token}`, origin: server.url, 'x-sveltekit-action': 'true', accept: 'application/json' }
		});
		return { httpStatus: res.status, ...((await res.json()) as { type: string; status?: number; data?: string }) };
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		admin = await createUser(dataDir, 'quantri', 'admin');
		office = await createUser(dataDir, 'chuyenvien', 'office');
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('lets the administrator, and no one else, set it; a missing place is refused with a Vietnamese message', async () => {
		expect(await save(office, { issuingParent: 'UBND TỈNH CAO BẰNG', issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' })).toMatchObject({
			type: 'error',
			httpStatus: 403
		});
		const refused = await save(admin, { issuingParent: 'UBND TỈNH CAO BẰNG', issuingBody: 'VĂN PHÒNG', place: '' });
		expect(refused).toMatchObject({ type: 'failure', status: 400 });
		expect(refused.data).toContain('địa danh');
		const saved = await save(admin, {
			issuingParent: 'UBND tỉnh Cao Bằng',
			issuingBody: 'Văn phòng',
			place: 'Cao Bằng',
			signerAuthority: '',
			signerTitle: 'Chánh Văn phòng',
			signerName: 'Trịnh Sỹ Tài'
		});
		expect(saved, JSON.stringify(saved)).toMatchObject({ type: 'success' });
	});

	it('puts the office in the report .docx header, its place in the date line and its signer at the foot', async () => {
		const res = await fetch(`${server.url}/reports/export?format=docx&kind=month&year=2026&index=11`, { headers: { authorization: `Bearer ${office.token}` } });
		expect(res.status).toBe(200);
		const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
		expect(text).toContain('UBND TỈNH CAO BẰNG');
		expect(text).not.toContain('BẮC GIANG');
		expect(text).toMatch(/Cao Bằng, ngày/);
		expect(text).toContain('CHÁNH VĂN PHÒNG');
		expect(text).toContain('Trịnh Sỹ Tài');
	});

	it('offers the first run’s office step to the administrator only (issue 9 [4])', async () => {
		const asOffice = await fetch(`${server.url}/setup/office`, { headers: { authorization: `Bearer ${office.token}` } });
		expect(asOffice.status).toBe(403);
		const signedOut = await fetch(`${server.url}/setup/office`, { redirect: 'manual' });
		expect(signedOut.status).toBe(303);
		expect(signedOut.headers.get('location')).toBe('/login?next=%2Fsetup%2Foffice');
		const asAdmin = await fetch(`${server.url}/setup/office`, { headers: { authorization: `Bearer ${admin.token}` } });
		expect(asAdmin.status).toBe(200);
		// What /admin/office saved is what the step shows.
		expect(await asAdmin.text()).toContain('value="UBND TỈNH CAO BẰNG"');
	});

	it('starts a new notice with the office header and place', async () => {
		const id = await createNotice(dataDir, office.username, 'Kết luận giao ban', false);
		const client = connectClient(server, id, office.token);
		try {
			await waitSynced(client);
			expect(new NoticeDoc(client.doc).readMeta()).toMatchObject({ issuingParent: 'UBND TỈNH CAO BẰNG', issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' });
		} finally {
			client.destroy();
		}
	});
});
