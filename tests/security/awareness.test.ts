/**
 * Issue 10, medium 7: "A read-only user can flood awareness: 20 000 fake presence states (96 MB)
 * relayed to every reader." Replayed against the real server: a read-only connection sends 20 000
 * invented presence states, a forged state for the writer's client id, states above 4 KB and 500
 * caret moves in a burst. Everyone else receives that connection's own presence only — at most two
 * client ids, each state at most 4 KB, its burst coalesced to the newest state — and the writer's
 * presence stays the writer's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MessageType } from '#shared/protocol';
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
} from '../integration/harness';

/** The flooder's invented client ids: FIRST_FAKE, FIRST_FAKE + 1, … */
const FIRST_FAKE = 1_000_000;
const isFake = (id: number): boolean => id >= FIRST_FAKE && id < FIRST_FAKE + 20_000;

/** An awareness frame of `entries` ([clientId, clock, state]). */
function awarenessFrame(entries: [number, number, unknown][]): Uint8Array {
	const body = encoding.createEncoder();
	encoding.writeVarUint(body, entries.length);
	for (const [clientId, clock, state] of entries) {
		encoding.writeVarUint(body, clientId);
		encoding.writeVarUint(body, clock);
		encoding.writeVarString(body, JSON.stringify(state));
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(body));
	return encoding.toUint8Array(encoder);
}

/** A raw connection that records every awareness entry it receives, and the bytes of those frames. */
interface Observer {
	ws: WebSocket;
	bytes: number;
	/** Newest state seen per client id. */
	states: Map<number, unknown>;
	/** Every entry seen, in order. */
	entries: { clientId: number; clock: number; state: unknown }[];
}

function openRawClient(server: ServerProcess, noticeId: string, token: string): Promise<Observer> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.syncUrl}/${noticeId}?token=${token}`);
		ws.binaryType = 'nodebuffer';
		const observer: Observer = { ws, bytes: 0, states: new Map(), entries: [] };
		ws.on('error', reject);
		ws.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== MessageType.awareness) return;
			observer.bytes += data.byteLength;
			const body = decoding.createDecoder(decoding.readVarUint8Array(decoder));
			const count = decoding.readVarUint(body);
			for (let i = 0; i < count; i++) {
				const clientId = decoding.readVarUint(body);
				const clock = decoding.readVarUint(body);
				const state = JSON.parse(decoding.readVarString(body)) as unknown;
				observer.entries.push({ clientId, clock, state });
				observer.states.set(clientId, state);
			}
		});
		ws.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.sync);
			syncProtocol.writeSyncStep1(encoder, new Y.Doc());
			ws.send(encoding.toUint8Array(encoder));
			resolve(observer);
		});
	});
}

describe('awareness flooding on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let owner: TestUser;
	let reader: TestUser;
	let noticeId: string;
	let writer: TestClient;
	let observer: Observer;
	let flooder: Observer;

	beforeAll(async () => {
		dataDir = makeDataDir();
		owner = await createUser(dataDir, 'chuyenvien', 'office');
		reader = await createUser(dataDir, 'sotaichinh', 'agency');
		noticeId = await createNotice(dataDir, 'chuyenvien');
		await shareNotice(dataDir, noticeId, reader.username, 'read');
		server = await startServer(dataDir);
		writer = connectClient(server, noticeId, owner.token);
		writer.provider.awareness.setLocalStateField('user', { name: 'Chuyên viên thật' });
		await waitSynced(writer);
		observer = await openRawClient(server, noticeId, owner.token);
		await waitFor(() => observer.states.has(writer.doc.clientID), 10_000, 'observer sees the writer');
		flooder = await openRawClient(server, noticeId, reader.token);
	});

	afterAll(async () => {
		writer?.destroy();
		observer?.ws.close();
		flooder?.ws.close();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('relays at most two invented client ids of a read-only connection, not 20 000, and keeps the writer’s presence its own', async () => {
		const before = observer.bytes;
		const fakes = Array.from({ length: 20_000 }, (_, i): [number, number, unknown] => [
			FIRST_FAKE + i,
			1,
			{ user: { name: `Giả mạo ${i}`, pad: 'x'.repeat(300) } }
		]);
		flooder.ws.send(awarenessFrame(fakes));
		// A forged, newer state for the writer's own client id, and a state above 4 KB for a fresh id.
		flooder.ws.send(awarenessFrame([[writer.doc.clientID, 1_000, { user: { name: 'Kẻ giả danh' } }]]));
		flooder.ws.send(awarenessFrame([[7, 1, { user: { name: 'Quá lớn', pad: 'x'.repeat(5_000) } }]]));
		// A marker on the first id the flooder published (it holds that one): once it arrives,
		// everything relayed before it has.
		const mine = FIRST_FAKE;
		flooder.ws.send(awarenessFrame([[mine, 2, { marker: true }]]));
		await waitFor(() => (observer.states.get(mine) as { marker?: boolean } | undefined)?.marker === true, 10_000, 'marker relayed');
		const fromFlooder = new Set(observer.entries.map((e) => e.clientId).filter((id) => id !== writer.doc.clientID));
		expect(fromFlooder.size).toBeLessThanOrEqual(2);
		expect([...fromFlooder].every(isFake)).toBe(true);
		expect(observer.states.has(7)).toBe(false);
		expect(observer.bytes - before).toBeLessThan(8 * 1024);
		expect((observer.states.get(writer.doc.clientID) as { user: { name: string } }).user.name).toBe('Chuyên viên thật');
		// The writer's stock client sees the same: the real presence, at most two of the flooder's.
		await waitFor(() => writer.provider.awareness.getStates().has(mine), 10_000, 'writer sees the reader');
		expect(writer.provider.awareness.getStates().size).toBeLessThanOrEqual(3);
	});

	it('coalesces a burst of caret moves: a few frames, the newest state last', async () => {
		const mine = FIRST_FAKE;
		const start = observer.entries.length;
		for (let clock = 10; clock < 510; clock++) flooder.ws.send(awarenessFrame([[mine, clock, { cursor: clock }]]));
		await waitFor(() => (observer.states.get(mine) as { cursor?: number } | undefined)?.cursor === 509, 10_000, 'newest caret relayed');
		const relayed = observer.entries.slice(start).filter((e) => e.clientId === mine);
		// Burst of 20, then at most 10 a second: far fewer than the 500 sent.
		expect(relayed.length).toBeLessThan(60);
		expect(relayed.at(-1)!.state).toEqual({ cursor: 509 });
	});

	it('removes the flooder’s presence for everyone when it leaves', async () => {
		const mine = [...observer.states.keys()].filter(isFake);
		flooder.ws.close();
		await waitFor(() => mine.every((id) => observer.states.get(id) === null), 10_000, 'removal relayed');
	});
});
