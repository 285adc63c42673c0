import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTICE_SHAPE } from '#shared/doc/docShape';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { CloseCode, MessageType, SyncMessageType } from '#shared/protocol';
import { createMemoryDocStoreData, openMemoryDocStore, type MemoryDocStoreData } from '../store/MemoryDocStore';
import { MemoryClient, pump } from './MemorySocket';
import { QUARANTINE_SUFFIX } from './Room';
import { SyncHub } from './SyncHub';
import type { ConnectionInfo, SyncLog } from './types';

/** [P14] at the room level: refusals, held updates, and the repair of a poisoned store on load. */

const writer: ConnectionInfo = { principal: { userId: 'u', name: 'Nguyễn Văn A' }, access: 'write', wantsAck: false };

function updateFrame(update: Uint8Array, syncType: number = SyncMessageType.update): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, syncType);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

let ids = 0;
const newId = () => `p${++ids}`;

describe('update refusal and repair [P14]', () => {
	const hubs: SyncHub[] = [];
	const warnings: string[] = [];
	const log: SyncLog = { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
	let data: MemoryDocStoreData;

	const open = () => {
		const hub = new SyncHub({ store: openMemoryDocStore(data), docShape: () => NOTICE_SHAPE, tuning: { log, heldUpdateMs: 50 } });
		hubs.push(hub);
		return hub;
	};
	const stored = (name: string) => data.docs.get(name);
	const storedCount = (name: string) => {
		const doc = stored(name);
		return doc === undefined ? 0 : doc.log.length + (doc.snapshot === null ? 0 : 1);
	};

	afterEach(async () => {
		for (const hub of hubs.splice(0)) await hub.close();
		warnings.length = 0;
	});

	it('closes a writer sending pending structures with UPDATE_REFUSED and stores nothing', async () => {
		data = createMemoryDocStoreData();
		const hub = open();
		const alice = new MemoryClient(hub, 'n1', writer);
		await pump(hub, [alice]);
		new NoticeDoc(alice.doc).setBodyParagraphs(['Đoạn thật'], newId);
		await pump(hub, [alice]);
		const before = storedCount('n1');
		const other = new Y.Doc();
		new NoticeDoc(other).setBodyParagraphs(['gốc'], newId);
		const sv = Y.encodeStateVector(other);
		((other.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'mồ côi ');
		// A small one waits (an honest edit may overtake its step 2), a few ms here, then is refused.
		alice.sendRaw(updateFrame(Y.encodeStateAsUpdate(other, sv)));
		await pump(hub, [alice]);
		await waitFor(() => alice.socket.closedWith !== null);
		expect(alice.socket.closedWith?.code).toBe(CloseCode.UPDATE_REFUSED);
		expect(storedCount('n1')).toBe(before);
		// One over the held budget (1 MiB) is refused at once.
		const bob = new MemoryClient(hub, 'n1', writer);
		await pump(hub, [bob]);
		const bigSv = Y.encodeStateVector(other);
		((other.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x'.repeat(1_200_000));
		bob.sendRaw(updateFrame(Y.encodeStateAsUpdate(other, bigSv)));
		const start = Date.now();
		bob.deliverToServer();
		await waitFor(() => bob.socket.closedWith !== null);
		expect(Date.now() - start).toBeLessThan(1000);
		expect(bob.socket.closedWith?.code).toBe(CloseCode.UPDATE_REFUSED);
		expect(storedCount('n1')).toBe(before);
	});

	it('holds an edit that overtook its own step 2, then stores both', async () => {
		data = createMemoryDocStoreData();
		const hub = open();
		const alice = new MemoryClient(hub, 'n2', writer);
		await pump(hub, [alice]);
		// Typed offline, then after the reconnect: the new edit arrives first.
		const offline = new Y.Doc();
		new NoticeDoc(offline).setBodyParagraphs(['ngoại tuyến'], newId);
		const first = Y.encodeStateAsUpdate(offline);
		const sv = Y.encodeStateVector(offline);
		((offline.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'rồi ');
		const second = Y.encodeStateAsUpdate(offline, sv);
		alice.sendRaw(updateFrame(second));
		await pump(hub, [alice]);
		expect(alice.socket.closedWith).toBeNull();
		expect(storedCount('n2')).toBe(0);
		alice.sendRaw(updateFrame(first, SyncMessageType.step2));
		await pump(hub, [alice]);
		expect(alice.socket.closedWith).toBeNull();
		expect(storedCount('n2')).toBe(2);
		const bob = new MemoryClient(hub, 'n2', writer);
		await pump(hub, [bob]);
		expect(new NoticeDoc(bob.doc).bodyText()).toBe('rồi ngoại tuyến');
	});

	it('repairs a poisoned store on load: pending dropped, shapes set aside, honest paragraphs kept, nothing lost', async () => {
		data = createMemoryDocStoreData();
		const seed = openMemoryDocStore(data);
		const honest = new Y.Doc();
		new NoticeDoc(honest).setBodyParagraphs(['Đoạn một', 'Đoạn hai'], newId);
		await seed.append('n3', Y.encodeStateAsUpdate(honest));
		// Written straight into the store, as before updates were checked:
		const poison = new Y.Doc();
		Y.applyUpdate(poison, Y.encodeStateAsUpdate(honest));
		let sv = Y.encodeStateVector(poison);
		poison.getXmlFragment('content').insert(1, [new Y.XmlText('chữ trần')]);
		await seed.append('n3', Y.encodeStateAsUpdate(poison, sv));
		sv = Y.encodeStateVector(poison);
		poison.getArray('meta').insert(0, ['danh sách']);
		await seed.append('n3', Y.encodeStateAsUpdate(poison, sv));
		const orphan = new Y.Doc();
		new NoticeDoc(orphan).setBodyParagraphs(['không ai có'], newId);
		const osv = Y.encodeStateVector(orphan);
		((orphan.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'x');
		await seed.append('n3', Y.encodeStateAsUpdate(orphan, osv));

		const hub = open();
		const alice = new MemoryClient(hub, 'n3', writer);
		await pump(hub, [alice]);
		await hub.settled();
		const children = new NoticeDoc(alice.doc).content.toArray();
		expect(children.every((c) => c instanceof Y.XmlElement)).toBe(true);
		expect(new NoticeDoc(alice.doc).bodyText()).toBe('Đoạn một\nĐoạn hai');
		expect(alice.doc.store.pendingStructs).toBeNull();
		expect(warnings.filter((w) => w.includes('repaired n3'))).toHaveLength(1);
		// Kept: a doc rebuilt from the quarantine has the bare text and the pending typing.
		const kept = stored('n3' + QUARANTINE_SUFFIX);
		expect(kept?.log.length).toBeGreaterThanOrEqual(2);
		const forensic = new Y.Doc();
		for (const entry of kept!.log) Y.applyUpdateV2(forensic, entry.data);
		expect(
			forensic
				.getXmlFragment('content')
				.toArray()
				.some((c) => c instanceof Y.XmlText)
		).toBe(true);
		// Edits still work, and a restart finds nothing to repair.
		((new NoticeDoc(alice.doc).content.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Sửa: ');
		await pump(hub, [alice]);
		expect(alice.socket.closedWith).toBeNull();
		await hub.close();
		warnings.length = 0;
		const again = open();
		const bob = new MemoryClient(again, 'n3', writer);
		await pump(again, [bob]);
		expect(new NoticeDoc(bob.doc).bodyText()).toBe('Sửa: Đoạn một\nĐoạn hai');
		expect(warnings).toEqual([]);
		expect(stored('n3')!.log.length).toBeLessThanOrEqual(1);
	});
});
