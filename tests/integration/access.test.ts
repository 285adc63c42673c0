import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol';
import {
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	openRaw,
	removeDataDir,
	shareNotice,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestClient,
	type TestUser
} from './harness';
import { bodyText, typeInParagraph } from './noticeEdits';

describe('sync endpoint access (real server, real CLI)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let owner: TestUser;
	let reader: TestUser;
	let outsider: TestUser;
	let noticeId: string;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		dataDir = makeDataDir();
		owner = await createUser(dataDir, 'chuyenvien', 'office');
		reader = await createUser(dataDir, 'sotaichinh', 'agency');
		outsider = await createUser(dataDir, 'soxaydung', 'agency');
		noticeId = await createNotice(dataDir, owner.username);
		await shareNotice(dataDir, noticeId, reader.username, 'read');
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('[P9] refuses an upgrade without credentials with HTTP 401, before any WebSocket exists', async () => {
		expect(await openRaw(server, noticeId)).toEqual({ kind: 'refused', status: 401 });
	});

	it('[P9] refuses an unknown token with HTTP 401', async () => {
		expect(await openRaw(server, `${noticeId}?token=klt_not-a-real-token`)).toEqual({ kind: 'refused', status: 401 });
	});

	it('[P9] refuses a valid token without access to the notice with HTTP 403', async () => {
		expect(await openRaw(server, `${noticeId}?token=${outsider.token}`)).toEqual({ kind: 'refused', status: 403 });
	});

	it('[P9] answers HTTP 404 for an unknown notice and for a malformed notice id', async () => {
		expect(await openRaw(server, `nonexistentNotice?token=${owner.token}`)).toEqual({ kind: 'refused', status: 404 });
		expect(await openRaw(server, `bad%24id?token=${owner.token}`)).toEqual({ kind: 'refused', status: 404 });
		expect(await openRaw(server, `${'x'.repeat(65)}?token=${owner.token}`)).toEqual({ kind: 'refused', status: 404 });
		expect(await openRaw(server, `${noticeId}/extra?token=${owner.token}`)).toEqual({ kind: 'refused', status: 404 });
	});

	it('[P4] lets a reader sync and be present, but closes it with READ_ONLY_VIOLATION when it writes, changing nothing', async () => {
		const writer = connectClient(server, noticeId, owner.token);
		clients.push(writer);
		await waitSynced(writer);
		typeInParagraph(writer.doc, 0, 'Giao Sở Tài chính chủ trì.');

		const readerClient = connectClient(server, noticeId, reader.token);
		clients.push(readerClient);
		await waitSynced(readerClient);
		await waitFor(() => bodyText(readerClient.doc).includes('Giao Sở Tài chính chủ trì.'), 10_000, 'reader sees the text');

		readerClient.provider.awareness.setLocalStateField('user', { name: 'Sở Tài chính' });
		await waitFor(
			() => writer.provider.awareness.getStates().get(readerClient.doc.clientID)?.user?.name === 'Sở Tài chính',
			10_000,
			'writer sees the reader present'
		);
		expect(readerClient.closeCodes).toEqual([]);

		let closedFor: number | null = null;
		readerClient.provider.on('closed', (event: { code: number }) => {
			closedFor = event.code;
		});
		typeInParagraph(readerClient.doc, 0, ' SỬA TRÁI PHÉP');
		await waitFor(() => closedFor !== null, 10_000, 'reader connection closed');
		expect(closedFor).toBe(CloseCode.READ_ONLY_VIOLATION);
		// y-websocket v3 treats 44xx as permanent: the reader does not hammer the server.
		expect(readerClient.provider.shouldConnect).toBe(false);

		// The writer's next edit reaches a fresh client; the reader's never does.
		typeInParagraph(writer.doc, 0, ' Xong trước 30/01/2024.');
		const fresh = connectClient(server, noticeId, owner.token);
		clients.push(fresh);
		await waitSynced(fresh);
		await waitFor(() => bodyText(fresh.doc).includes('Xong trước 30/01/2024.'), 10_000, 'fresh sees the writer');
		expect(bodyText(fresh.doc)).not.toContain('SỬA TRÁI PHÉP');
		expect(bodyText(writer.doc)).not.toContain('SỬA TRÁI PHÉP');
		expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(writer.doc));
	});
});
