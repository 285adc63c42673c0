import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MessageType, SyncMessageType } from '#shared/protocol';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage, isEmptyUpdate } from './syncMessages';

function docWith(text: string): Y.Doc {
	const d = new Y.Doc();
	d.getText('t').insert(0, text);
	return d;
}

describe('sync messages', () => {
	it('[P1] encodes sync step 1, step 2 and updates that stock y-protocols reads back', () => {
		const server = docWith('Nội dung máy chủ');
		const client = new Y.Doc();
		// Step 1 from the server: the client answers with its own step 2.
		const s1 = decoding.createDecoder(encodeSyncStep1(server));
		expect(decoding.readVarUint(s1)).toBe(MessageType.sync);
		const reply = encoding.createEncoder();
		expect(syncProtocol.readSyncMessage(s1, reply, client, 'test')).toBe(SyncMessageType.step1);
		// Step 2 for the client's state vector: the client gets the whole text.
		const s2 = decoding.createDecoder(encodeSyncStep2(server, Y.encodeStateVector(client)));
		decoding.readVarUint(s2);
		expect(syncProtocol.readSyncMessage(s2, encoding.createEncoder(), client, 'test')).toBe(SyncMessageType.step2);
		expect(client.getText('t').toString()).toBe('Nội dung máy chủ');
		// An incremental update.
		const more = docWith('');
		Y.applyUpdate(more, Y.encodeStateAsUpdate(server));
		let update: Uint8Array | null = null;
		more.on('update', (u: Uint8Array) => (update = u));
		more.getText('t').insert(0, '» ');
		const u = decoding.createDecoder(encodeUpdateMessage(update!));
		decoding.readVarUint(u);
		expect(syncProtocol.readSyncMessage(u, encoding.createEncoder(), client, 'test')).toBe(SyncMessageType.update);
		expect(client.getText('t').toString()).toBe('» Nội dung máy chủ');
	});

	it('recognises an empty update (a step 2 with nothing new)', () => {
		const d = docWith('a');
		expect(isEmptyUpdate(Y.encodeStateAsUpdate(d, Y.encodeStateVector(d)))).toBe(true);
		expect(isEmptyUpdate(Y.encodeStateAsUpdate(d))).toBe(false);
	});
});
