import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
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

const WRITERS = 4;
const MARKER = /⟦w(\d+)-(\d+)⟧/g;

/** Every marker in `text`, with how often it occurs. */
function countMarkers(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const match of text.matchAll(MARKER)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
	return counts;
}

describe('durability across kill -9 (real server process)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let writerUser: TestUser;
	let readerUser: TestUser;
	let noticeId: string;
	const clients: TestClient[] = [];

	beforeAll(async () => {
		dataDir = makeDataDir();
		writerUser = await createUser(dataDir, 'chuyenvien', 'office');
		readerUser = await createUser(dataDir, 'lanhdao', 'agency');
		noticeId = await createNotice(dataDir, writerUser.username);
		await shareNotice(dataDir, noticeId, readerUser.username, 'read');
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('[P3] keeps every update another client has seen, exactly once, and clients reconnect by themselves', async () => {
		const writers = Array.from({ length: WRITERS }, () => connectClient(server, noticeId, writerUser.token));
		// A reader only ever holds what the server broadcast: after the restart it reconnects by
		// itself, and had the server lost something it has seen, its step 2 would carry content the
		// server lacks and the server would close it with READ_ONLY_VIOLATION.
		const reader = connectClient(server, noticeId, readerUser.token, { maxBackoffTime: 300 });
		clients.push(...writers, reader);
		await Promise.all([...writers, reader].map((c) => waitSynced(c)));

		// observed: markers some client saw arrive from the server, i.e. written by someone else.
		const observed = new Set<string>();
		const observe = (observer: TestClient, observerIndex: number | null): void => {
			observer.doc.on('update', (_update: Uint8Array, origin: unknown) => {
				if (origin !== observer.provider) return;
				for (const [marker] of countMarkers(bodyText(observer.doc))) {
					const author = Number(/⟦w(\d+)-/.exec(marker)![1]);
					if (author !== observerIndex) observed.add(marker);
				}
			});
		};
		writers.forEach((w, i) => observe(w, i));
		observe(reader, null);

		// Kill at an arbitrary moment: after a random number of observed markers, mid-stream.
		const killAfter = 40 + Math.floor(Math.random() * 80);
		let killed = false;
		const editing = writers.map(async (writer, i) => {
			for (let n = 0; !killed; n++) {
				typeInParagraph(writer.doc, n, `⟦w${i}-${n}⟧`, n % 2 === 0);
				await new Promise((r) => setImmediate(r));
				if (n % 3 === 0) await new Promise((r) => setTimeout(r, 1));
			}
		});
		await waitFor(() => observed.size >= killAfter, 30_000, `${killAfter} markers observed`);
		process.kill(server.pid, 'SIGKILL');
		// Nothing can be observed from here on: the server is gone.
		const observedAtKill = new Set(observed);
		killed = true;
		await server.exited;
		await Promise.all(editing);
		// Writers hold edits the server may never have stored: keep them away until the check.
		for (const writer of writers) writer.provider.disconnect();

		server = await startServer(dataDir, server.port);

		const fresh = connectClient(server, noticeId, writerUser.token);
		clients.push(fresh);
		await waitSynced(fresh);
		const counts = countMarkers(bodyText(fresh.doc));
		const missing = [...observedAtKill].filter((m) => !counts.has(m));
		expect(missing, `observed before kill -9 but lost (kill after ${killAfter})`).toEqual([]);
		const duplicated = [...counts].filter(([, n]) => n !== 1);
		expect(duplicated).toEqual([]);

		// The reader reconnects by itself (y-websocket backoff) and is not refused: the server has
		// everything it had seen.
		await waitFor(() => reader.provider.wsconnected && reader.provider.synced, 20_000, 'reader reconnected');
		expect(reader.closeCodes.filter((c) => c >= 4000)).toEqual([]);

		// Writers come back with their unsent edits; everyone converges, every marker exactly once.
		for (const writer of writers) writer.provider.connect();
		const everyone = [...writers, reader, fresh];
		await waitFor(
			() => everyone.every((c) => c.provider.synced && Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(writers[0]!.doc)) === 0),
			20_000,
			'everyone converges after the restart'
		);
		const finalCounts = countMarkers(bodyText(fresh.doc));
		expect([...finalCounts.values()].every((n) => n === 1)).toBe(true);
		for (const marker of countMarkers(writers.map((w) => bodyText(w.doc)).join('\n')).keys()) {
			expect(finalCounts.has(marker)).toBe(true);
		}
		expect(bodyText(reader.doc)).toBe(bodyText(fresh.doc));
	});
});
