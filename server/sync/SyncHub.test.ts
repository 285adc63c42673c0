import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode, isCoveredBy, MessageType, SyncMessageType } from '#shared/protocol';
import { createMemoryDocStoreData, openMemoryDocStore, type MemoryDocStoreData } from '../store/MemoryDocStore';
import type { DocStore } from '../store/types';
import { MemoryClient, pump } from './MemorySocket';
import { SyncHub } from './SyncHub';
import type { Access, ConnectionInfo, SyncLog, SyncTuning } from './types';

const quietLog: SyncLog = { warn: () => {}, error: () => {} };

function info(access: Access = 'write', wantsAck = false): ConnectionInfo {
	return { principal: { userId: `u-${access}`, name: 'Nguyễn Văn A' }, access, wantsAck };
}

/** Polls `condition` on the event loop until true (no fixed sleeps), failing after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

/** A store whose appends (and loads) complete only when the test opens the gate. */
function gatedStore(inner: DocStore) {
	const held: (() => void)[] = [];
	let gated = true;
	const hold = <T>(work: () => Promise<T>): Promise<T> =>
		gated ? new Promise<T>((resolve, reject) => held.push(() => void work().then(resolve, reject))) : work();
	const store: DocStore = {
		load: (name) => hold(() => inner.load(name)),
		append: (name, update) => hold(() => inner.append(name, update)),
		compact: (name, snapshot, upTo) => inner.compact(name, snapshot, upTo),
		stats: () => inner.stats(),
		close: () => inner.close()
	};
	return {
		store,
		/** Lets the held operations (and every later one) through, oldest first. */
		release(): void {
			gated = false;
			for (const run of held.splice(0)) run();
		},
		releaseOne(index: number): void {
			held.splice(index, 1)[0]?.();
		},
		get heldCount(): number {
			return held.length;
		}
	};
}

function frame(...bytes: number[]): Uint8Array {
	return new Uint8Array(bytes);
}

function updateFrame(update: Uint8Array, syncType: number = SyncMessageType.update): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, syncType);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

const text = (client: MemoryClient): string => client.doc.getText('content').toString();

describe('SyncHub (room logic over in-memory sockets)', () => {
	const clients: MemoryClient[] = [];
	let hub: SyncHub;
	let data: MemoryDocStoreData;

	function makeHub(tuning: SyncTuning = {}, store?: DocStore): SyncHub {
		data = createMemoryDocStoreData();
		hub = new SyncHub({ store: store ?? openMemoryDocStore(data), tuning: { log: quietLog, ...tuning } });
		return hub;
	}
	function connect(noticeId = 'n1', connectionInfo = info()): MemoryClient {
		const client = new MemoryClient(hub, noticeId, connectionInfo);
		clients.push(client);
		return client;
	}

	afterEach(async () => {
		await hub.close();
		for (const client of clients.splice(0)) client.destroy();
	});

	it('[P2] syncs two writers and greets a late joiner with the whole doc', async () => {
		makeHub();
		const a = connect();
		const b = connect();
		await pump(hub, [a, b]);
		expect(a.synced && b.synced).toBe(true);
		a.doc.getText('content').insert(0, 'Giao Sở Tài chính ');
		b.doc.getText('content').insert(0, 'chủ trì. ');
		await pump(hub, [a, b]);
		expect(text(a)).toBe(text(b));
		const late = connect();
		await pump(hub, [a, b, late]);
		expect(text(late)).toBe(text(a));
		expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc));
	});

	it('[P3] broadcasts an update only after the store made it durable, in arrival order', async () => {
		const inner = openMemoryDocStore();
		const gate = gatedStore(inner);
		hub = new SyncHub({ store: gate.store, tuning: { log: quietLog } });
		const c = connect();
		const d = connect();
		gate.releaseOne(0); // the room's load
		await waitFor(() => c.socket.outbox.length > 0 && d.socket.outbox.length > 0);
		// Finish the handshake by hand; it stores nothing (both docs are empty).
		for (let i = 0; i < 3; i++) {
			for (const client of [c, d]) client.deliverToServer();
			for (const client of [c, d]) client.deliverToClient();
		}
		expect(c.synced && d.synced).toBe(true);
		c.doc.getText('content').insert(0, 'first');
		c.doc.getText('content').insert(5, ' second');
		c.deliverToServer();
		expect(gate.heldCount).toBe(2);
		d.deliverToClient();
		expect(text(d)).toBe('');
		// The second append becomes durable first: still nothing may be broadcast.
		gate.releaseOne(1);
		await waitFor(() => inner.stats().appends === 1);
		await new Promise((resolve) => setImmediate(resolve));
		d.deliverToClient();
		expect(text(d)).toBe('');
		gate.release();
		await hub.settled();
		d.deliverToClient();
		expect(text(d)).toBe('first second');
		expect((await inner.load('n1')).updates.length).toBe(2);
	});

	it('[P5] relays a caret that arrives behind a pending update only after that update', async () => {
		const inner = openMemoryDocStore();
		const gate = gatedStore(inner);
		hub = new SyncHub({ store: gate.store, tuning: { log: quietLog } });
		const a = connect();
		const b = connect();
		gate.releaseOne(0); // the room's load
		await waitFor(() => a.socket.outbox.length > 0 && b.socket.outbox.length > 0);
		for (let i = 0; i < 3; i++) {
			for (const client of [a, b]) client.deliverToServer();
			for (const client of [a, b]) client.deliverToClient();
		}
		a.doc.getText('content').insert(0, 'chữ');
		a.awareness.setLocalStateField('cursor', { anchor: 3 });
		a.deliverToServer();
		expect(b.socket.outbox).toEqual([]);
		gate.release();
		await hub.settled();
		expect(b.socket.outbox.map((f) => f[0])).toEqual([MessageType.sync, MessageType.awareness]);
		b.deliverToClient();
		expect(text(b)).toBe('chữ');
		expect(b.awareness.getStates().get(a.doc.clientID)).toEqual({ cursor: { anchor: 3 } });
	});

	it('[P5] does not relay an awareness echo that carries nothing new', async () => {
		makeHub();
		const a = connect();
		const b = connect();
		const c = connect();
		a.awareness.setLocalStateField('cursor', { anchor: 1 });
		await pump(hub, [a, b, c]);
		// y-websocket clients re-send every awareness change they receive: b bounces a's state.
		const echo = encoding.createEncoder();
		encoding.writeVarUint(echo, MessageType.awareness);
		encoding.writeVarUint8Array(echo, encodeAwarenessUpdate(b.awareness, [a.doc.clientID]));
		b.sendRaw(encoding.toUint8Array(echo));
		b.deliverToServer();
		await hub.settled();
		expect(c.socket.outbox).toEqual([]);
		expect(b.socket.closedWith).toBeNull();
	});

	it('[P5] keeps the server’s own in-memory client (system) out of everyone’s presence', async () => {
		makeHub();
		const person = connect();
		const system = connect('n1', { ...info(), system: true });
		await pump(hub, [person, system]);
		system.doc.getText('content').insert(0, 'Số 12/TB-VP');
		await pump(hub, [person, system]);
		expect(text(person)).toBe('Số 12/TB-VP');
		expect([...person.awareness.getStates().keys()]).toEqual([person.doc.clientID]);
	});

	it('closes a connection whose unsent backlog exceeds the limit with SLOW_CONSUMER', async () => {
		makeHub({ maxBufferedBytes: 200 });
		const writer = connect();
		const slow = connect();
		await pump(hub, [writer, slow]);
		for (let i = 0; i < 10; i++) {
			writer.doc.getText('content').insert(0, `đoạn văn số ${i} `);
			writer.deliverToServer();
			await hub.settled();
		}
		expect(slow.socket.closedWith?.code).toBe(CloseCode.SLOW_CONSUMER);
		expect(writer.socket.closedWith).toBeNull();
	});

	it('closes waiting connections with INTERNAL_ERROR when the doc cannot be loaded, and retries on the next one', async () => {
		const inner = openMemoryDocStore();
		let failNext = true;
		const flaky: DocStore = {
			...inner,
			load: (name) => {
				if (!failNext) return inner.load(name);
				failNext = false;
				return Promise.reject(new Error('disk unreadable'));
			}
		};
		hub = new SyncHub({ store: flaky, tuning: { log: quietLog } });
		const first = connect();
		await hub.settled();
		expect(first.socket.closedWith?.code).toBe(CloseCode.INTERNAL_ERROR);
		expect(hub.loadedDocs()).toBe(0);
		const second = connect();
		await pump(hub, [second]);
		expect(second.synced).toBe(true);
	});

	it('makes connections that arrive while the doc loads wait, keeping their frames in order', async () => {
		const inner = openMemoryDocStore();
		const seed = new Y.Doc();
		seed.getText('content').insert(0, 'đã lưu');
		await inner.append('n1', Y.encodeStateAsUpdate(seed));
		const gate = gatedStore(inner);
		hub = new SyncHub({ store: gate.store, tuning: { log: quietLog } });
		const a = connect();
		a.doc.getText('content').insert(0, 'offline ');
		a.deliverToServer();
		expect(a.socket.outbox).toEqual([]);
		gate.release();
		await pump(hub, [a]);
		expect(text(a)).toContain('đã lưu');
		expect(text(a)).toContain('offline');
		const b = connect();
		await pump(hub, [a, b]);
		expect(text(b)).toBe(text(a));
	});

	it('[P4] refuses content from a reader: closes it with READ_ONLY_VIOLATION and leaves the doc unchanged', async () => {
		makeHub();
		const writer = connect();
		writer.doc.getText('content').insert(0, 'nội dung');
		writer.doc.getText('content').delete(0, 1);
		const reader = connect('n1', info('read'));
		await pump(hub, [writer, reader]);
		// The reader's step 2 carried the delete set it had learnt: not a violation.
		expect(reader.socket.closedWith).toBeNull();
		expect(text(reader)).toBe('ội dung');
		reader.doc.getText('content').insert(0, 'HACK ');
		await pump(hub, [writer, reader]);
		expect(reader.socket.closedWith?.code).toBe(CloseCode.READ_ONLY_VIOLATION);
		expect(text(writer)).toBe('ội dung');
		const fresh = connect();
		await pump(hub, [writer, fresh]);
		expect(text(fresh)).toBe('ội dung');
		expect(data.docs.get('n1')?.log.length).toBe(2);
	});

	it('[P4][P5] relays a reader’s awareness so it shows as present, and removes it when it leaves', async () => {
		makeHub();
		const writer = connect();
		const reader = connect('n1', info('read'));
		reader.awareness.setLocalStateField('user', { name: 'Người đọc' });
		await pump(hub, [writer, reader]);
		expect(writer.awareness.getStates().get(reader.doc.clientID)).toEqual({ user: { name: 'Người đọc' } });
		reader.disconnect();
		await pump(hub, [writer]);
		expect(writer.awareness.getStates().has(reader.doc.clientID)).toBe(false);
	});

	it.each([
		['garbage bytes', frame(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)],
		['an unknown message type', frame(42, 1, 2, 3)],
		['a truncated varint', frame(0x80)],
		['an unknown sync message type', frame(0, 9, 0)],
		['an update payload that is not a Yjs update', updateFrame(frame(5, 200, 1, 2, 3, 4))],
		['a truncated update payload', frame(0, 2, 10, 1, 2)],
		['malformed awareness JSON', frame(1, 6, 1, 7, 1, 2, 123, 120)],
		['a zero-length frame', frame()]
	])('[P6] closes only the connection that sent %s, with MALFORMED_MESSAGE', async (_what, bad) => {
		makeHub();
		const good = connect();
		const evil = connect();
		const watcher = connect();
		await pump(hub, [good, evil, watcher]);
		evil.sendRaw(bad);
		good.doc.getText('content').insert(0, 'vẫn đồng bộ');
		await pump(hub, [good, evil, watcher]);
		expect(evil.socket.closedWith?.code).toBe(CloseCode.MALFORMED_MESSAGE);
		expect(good.socket.closedWith).toBeNull();
		expect(text(watcher)).toBe('vẫn đồng bộ');
		expect(data.docs.get('n1')?.log.length).toBe(1);
	});

	it('[P6] closes a connection that sends an oversize frame with MESSAGE_TOO_LARGE', async () => {
		makeHub({ maxMessageBytes: 1024 });
		const good = connect();
		const big = connect();
		await pump(hub, [good, big]);
		big.doc.getText('content').insert(0, 'x'.repeat(2000));
		good.doc.getText('content').insert(0, 'ok');
		await pump(hub, [good, big]);
		expect(big.socket.closedWith?.code).toBe(CloseCode.MESSAGE_TOO_LARGE);
		expect(good.socket.closedWith).toBeNull();
		expect(text(good)).toBe('ok');
	});

	it('[P4] freezes a notice: a writer’s new content closes it with NOTICE_FROZEN, reading still works', async () => {
		makeHub();
		const a = connect();
		a.doc.getText('content').insert(0, 'bản ban hành');
		await pump(hub, [a]);
		hub.setFrozen('n1', true);
		a.doc.getText('content').insert(0, 'sửa sau ');
		await pump(hub, [a]);
		expect(a.socket.closedWith?.code).toBe(CloseCode.NOTICE_FROZEN);
		const b = connect();
		await pump(hub, [b]);
		expect(text(b)).toBe('bản ban hành');
		expect(b.socket.closedWith).toBeNull();
	});

	it('[P11] keeps a former writer’s late change to a frozen notice through the hook, tells it where, and leaves the notice unchanged', async () => {
		const kept: { noticeId: string; userId: string; base: Y.Doc; update: Uint8Array }[] = [];
		data = createMemoryDocStoreData();
		hub = new SyncHub({
			store: openMemoryDocStore(data),
			tuning: { log: quietLog },
			onLateUpdate: async (noticeId, late) => {
				const base = new Y.Doc();
				Y.applyUpdate(base, late.base);
				kept.push({ noticeId, userId: late.principal.userId, base, update: late.update });
				return 'amendment1';
			}
		});
		const writer = connect('n1', info('write', true));
		writer.doc.getText('content').insert(0, 'bản ban hành');
		await pump(hub, [writer]);
		hub.setFrozen('n1', true);
		writer.doc.getText('content').insert(0, 'sửa muộn ');
		// Admitted after the issue: read access, but a former writer of the notice.
		const former = connect('n1', { principal: { userId: 'u-former', name: 'Lê Thị Bình' }, access: 'read', wantsAck: false, amends: true });
		await pump(hub, [writer, former]);
		former.doc.getText('content').insert(0, 'của Bình ');
		await pump(hub, [writer, former]);

		expect(writer.socket.closedWith).toBeNull();
		expect(former.socket.closedWith).toBeNull();
		expect(writer.amendedTo).toEqual(['amendment1']);
		// No ack asked for: kept all the same, but not told.
		expect(former.amendedTo).toEqual([]);
		expect(kept.map((k) => [k.noticeId, k.userId])).toEqual([
			['n1', 'u-write'],
			['n1', 'u-former']
		]);
		for (const k of kept) {
			expect(k.base.getText('content').toString()).toBe('bản ban hành');
			Y.applyUpdate(k.base, k.update);
		}
		expect(kept[0]!.base.getText('content').toString()).toBe('sửa muộn bản ban hành');
		expect(kept[1]!.base.getText('content').toString()).toBe('của Bình bản ban hành');
		const fresh = connect();
		await pump(hub, [fresh]);
		expect(text(fresh)).toBe('bản ban hành');
	});

	it('[P11] closes a late writer with INTERNAL_ERROR when its change could not be kept (it resends on reconnect)', async () => {
		data = createMemoryDocStoreData();
		hub = new SyncHub({
			store: openMemoryDocStore(data),
			tuning: { log: quietLog },
			onLateUpdate: () => Promise.reject(new Error('disk full'))
		});
		const writer = connect('n1', info('write', true));
		await pump(hub, [writer]);
		hub.setFrozen('n1', true);
		writer.doc.getText('content').insert(0, 'muộn');
		await pump(hub, [writer]);
		expect(writer.socket.closedWith?.code).toBe(CloseCode.INTERNAL_ERROR);
		expect(writer.amendedTo).toEqual([]);
	});

	it('[P4] refuses content from a plain reader of a frozen notice with READ_ONLY_VIOLATION even with the hook', async () => {
		data = createMemoryDocStoreData();
		hub = new SyncHub({ store: openMemoryDocStore(data), tuning: { log: quietLog }, onLateUpdate: () => Promise.resolve('never') });
		const reader = connect('n1', info('read', true));
		await pump(hub, [reader]);
		hub.setFrozen('n1', true);
		reader.doc.getText('content').insert(0, 'không được');
		await pump(hub, [reader]);
		expect(reader.socket.closedWith?.code).toBe(CloseCode.READ_ONLY_VIOLATION);
	});

	it('[P7] acknowledges with a saved state vector that covers the client’s edits, only to clients that ask', async () => {
		makeHub();
		const asking = connect('n1', info('write', true));
		const stock = connect();
		await pump(hub, [asking, stock]);
		asking.doc.getText('content').insert(0, 'lưu chưa?');
		await pump(hub, [asking, stock]);
		expect(asking.savedStateVector).not.toBeNull();
		expect(isCoveredBy(Y.encodeStateVector(asking.doc), asking.savedStateVector!)).toBe(true);
		expect(stock.savedStateVector).toBeNull();
	});

	it('closes the sender with INTERNAL_ERROR and broadcasts nothing when the store fails', async () => {
		const inner = openMemoryDocStore();
		const failing: DocStore = { ...inner, append: () => Promise.reject(new Error('disk full')) };
		hub = new SyncHub({ store: failing, tuning: { log: quietLog } });
		const a = connect();
		const b = connect();
		await pump(hub, [a, b]);
		a.doc.getText('content').insert(0, 'mất');
		await pump(hub, [a, b]);
		expect(a.socket.closedWith?.code).toBe(CloseCode.INTERNAL_ERROR);
		expect(text(b)).toBe('');
	});

	it('compacts a long log into a snapshot while clients keep editing', async () => {
		makeHub({ compactAfterUpdates: 5 });
		const a = connect();
		const b = connect();
		await pump(hub, [a, b]);
		for (let i = 0; i < 30; i++) {
			a.doc.getText('content').insert(0, `${i};`);
			await pump(hub, [a, b]);
		}
		await waitFor(() => (data.docs.get('n1')?.log.length ?? 99) <= 6);
		const copy = new Y.Doc();
		const stored = await openMemoryDocStore(data).load('n1');
		for (const update of stored.updates) Y.applyUpdate(copy, update);
		expect(copy.getText('content').toString()).toBe(text(b));
	});

	it('unloads an idle doc after compacting it, and loads it again on the next connection', async () => {
		const changed: string[] = [];
		data = createMemoryDocStoreData();
		hub = new SyncHub({
			store: openMemoryDocStore(data),
			onDocChanged: (id, doc) => changed.push(`${id}:${doc.getText('content').toString()}`),
			tuning: { log: quietLog, idleUnloadMs: 20 }
		});
		const a = connect('idle');
		a.doc.getText('content').insert(0, 'trước');
		await pump(hub, [a]);
		a.disconnect();
		await waitFor(() => hub.loadedDocs() === 0);
		const stored = data.docs.get('idle')!;
		expect(stored.snapshot).not.toBeNull();
		expect(stored.log).toEqual([]);
		expect(changed).toEqual(['idle:trước']);
		const b = connect('idle');
		await pump(hub, [b]);
		expect(hub.loadedDocs()).toBe(1);
		expect(text(b)).toBe('trước');
	});

	it('calls onDocChanged at most once per throttle window', async () => {
		const calls: number[] = [];
		hub = new SyncHub({
			store: openMemoryDocStore(),
			onDocChanged: () => calls.push(Date.now()),
			tuning: { log: quietLog, docChangedThrottleMs: 50 }
		});
		const a = connect();
		await pump(hub, [a]);
		for (let i = 0; i < 20; i++) {
			a.doc.getText('content').insert(0, 'x');
			await pump(hub, [a]);
		}
		await waitFor(() => calls.length > 0);
		expect(calls.length).toBeLessThan(20);
	});

	it('keeps notices isolated', async () => {
		makeHub();
		const a = connect('n1');
		const b = connect('n2');
		await pump(hub, [a, b]);
		a.doc.getText('content').insert(0, 'một');
		b.doc.getText('content').insert(0, 'hai');
		await pump(hub, [a, b]);
		expect(text(a)).toBe('một');
		expect(text(b)).toBe('hai');
		expect(hub.loadedDocs()).toBe(2);
	});

	it('closeNotice closes its connections with the given code and unloads it', async () => {
		makeHub();
		const a = connect('gone');
		const other = connect('stays');
		await pump(hub, [a, other]);
		await hub.closeNotice('gone', CloseCode.NOTICE_DELETED);
		expect(a.socket.closedWith?.code).toBe(CloseCode.NOTICE_DELETED);
		expect(other.socket.closedWith).toBeNull();
		expect(hub.loadedDocs()).toBe(1);
	});

	it('close() tells clients the server shuts down and stores a snapshot of every doc', async () => {
		makeHub();
		const a = connect();
		await pump(hub, [a]);
		a.doc.getText('content').insert(0, 'kết thúc');
		a.deliverToServer(); // in the pipeline, not yet stored, when close() starts
		await hub.close();
		expect(a.socket.closedWith?.code).toBe(CloseCode.SERVER_SHUTDOWN);
		expect(hub.loadedDocs()).toBe(0);
		const stored = await openMemoryDocStore(data).load('n1');
		expect(stored.logLength).toBe(0);
		const copy = new Y.Doc();
		for (const update of stored.updates) Y.applyUpdate(copy, update);
		expect(copy.getText('content').toString()).toBe('kết thúc');
		const late = new MemoryClient(hub, 'n1', info());
		clients.push(late);
		expect(late.socket.closedWith?.code).toBe(CloseCode.SERVER_SHUTDOWN);
	});

	it('[P3] does not grow the log for a reconnecting writer whose step 2 brings nothing new', async () => {
		makeHub();
		const a = connect();
		a.doc.getText('content').insert(0, 'abc');
		a.doc.getText('content').delete(0, 1);
		await pump(hub, [a]);
		const before = data.docs.get('n1')!.log.length;
		const again = connect();
		Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(a.doc), again);
		await pump(hub, [again]);
		expect(data.docs.get('n1')!.log.length).toBe(before);
		const stepTwo = updateFrame(Y.encodeStateAsUpdate(a.doc), SyncMessageType.step2);
		again.sendRaw(stepTwo);
		await pump(hub, [again]);
		expect(data.docs.get('n1')!.log.length).toBe(before);
		expect(again.socket.closedWith).toBeNull();
	});

	it('never throws into the transport and logs nothing unexpected as an error for bad input', async () => {
		const errors: unknown[] = [];
		hub = new SyncHub({
			store: openMemoryDocStore(),
			tuning: { log: { warn: () => {}, error: (m, d) => errors.push([m, d]) } }
		});
		const a = connect();
		await pump(hub, [a]);
		a.sendRaw(frame(0, 2, 0x80));
		await pump(hub, [a]);
		expect(a.socket.closedWith?.code).toBe(CloseCode.MALFORMED_MESSAGE);
		expect(errors).toEqual([]);
	});
});
