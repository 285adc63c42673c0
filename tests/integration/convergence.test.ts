import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
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
import { addParagraph, deleteInParagraph, fingerprint, typeInParagraph } from './noticeEdits';
import { mulberry32 } from '#shared/random/mulberry32';

const NOTICES = 3;
const CLIENTS = 10;
const OPS_PER_CLIENT = 60;

describe('convergence under concurrent edits and random reconnects (real server)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let users: TestUser[];
	let notices: string[];
	const clients: { client: TestClient; notice: string; user: TestUser }[] = [];

	beforeAll(async () => {
		// Every y-websocket provider in Node adds a process 'exit' listener.
		process.setMaxListeners(CLIENTS + NOTICES + 10);
		dataDir = makeDataDir();
		users = [];
		for (const name of ['an', 'binh', 'chi']) users.push(await createUser(dataDir, name, 'office'));
		notices = [];
		for (let i = 0; i < NOTICES; i++) notices.push(await createNotice(dataDir, 'an', `Thông báo số ${i + 1}`));
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		for (const { client } of clients) client.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('ends with every client of a notice identical to each other and to a fresh client', async () => {
		const seed = Number(process.env.SYNC_FUZZ_SEED ?? Date.now() % 1_000_000);
		const random = mulberry32(seed);
		for (let i = 0; i < CLIENTS; i++) {
			const notice = notices[i % NOTICES]!;
			const user = users[i % users.length]!;
			clients.push({ client: connectClient(server, notice, user.token, { maxBackoffTime: 200 }), notice, user });
		}
		await Promise.all(clients.map(({ client }) => waitSynced(client)));

		// Every client edits concurrently: typing, new paragraphs, deletions, and dropping and
		// re-opening its connection at random (edits made while offline sync on reconnect).
		await Promise.all(
			clients.map(async ({ client }, index) => {
				for (let op = 0; op < OPS_PER_CLIENT; op++) {
					const r = random();
					const paragraph = Math.floor(random() * 8);
					if (r < 0.5) typeInParagraph(client.doc, paragraph, `(${index}.${op})`, random() < 0.5);
					else if (r < 0.65) addParagraph(client.doc, `Đoạn ${index}.${op}: giao Sở Nội vụ chủ trì`);
					else if (r < 0.8) deleteInParagraph(client.doc, paragraph, 1 + Math.floor(random() * 6));
					else if (r < 0.9)
						client.doc.transact(() => {
							typeInParagraph(client.doc, paragraph, `[${index}.${op}a]`);
							typeInParagraph(client.doc, paragraph + 1, `[${index}.${op}b]`, false);
						});
					else if (client.provider.shouldConnect) client.provider.disconnect();
					else client.provider.connect();
					// Yield to the event loop so frames interleave between clients.
					await new Promise((r) => setTimeout(r, Math.floor(random() * 15)));
				}
				client.provider.connect();
			})
		);

		for (const notice of notices) {
			const group = clients.filter((c) => c.notice === notice).map((c) => c.client);
			await waitFor(
				() => {
					const first = group[0]!;
					return group.every(
						(c) =>
							c.provider.synced &&
							Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(first.doc)) === 0 &&
							fingerprint(c.doc) === fingerprint(first.doc)
					);
				},
				30_000,
				`clients of notice ${notice} converge (seed ${seed})`
			);
			const fresh = connectClient(server, notice, users[0]!.token);
			clients.push({ client: fresh, notice, user: users[0]! });
			await waitSynced(fresh);
			await waitFor(
				() => Buffer.compare(Y.encodeStateVector(fresh.doc), Y.encodeStateVector(group[0]!.doc)) === 0,
				10_000,
				`a fresh client of ${notice} matches (seed ${seed})`
			);
			expect(fingerprint(fresh.doc)).toBe(fingerprint(group[0]!.doc));
			expect(fingerprint(fresh.doc)).toMatch(/\(\d+\.\d+\)|Đoạn/);
		}
		// Nobody was closed by the server for what it sent.
		for (const { client } of clients) expect(client.closeCodes.filter((c) => c >= 4000)).toEqual([]);
	});
});
