import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MessageType, SyncMessageType } from '#shared/protocol';

/** `sync step 1` frame carrying the doc's state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncMessageType.step1);
	encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
	return encoding.toUint8Array(encoder);
}

/** `sync step 2` frame: everything in `doc` the peer with `stateVector` is missing. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncMessageType.step2);
	encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc, stateVector));
	return encoding.toUint8Array(encoder);
}

/** `sync update` frame for one Yjs update. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, SyncMessageType.update);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** True for the v1 update with no structs and an empty delete set (what a synced peer's step 2 is). */
export function isEmptyUpdate(update: Uint8Array): boolean {
	return update.length === 2 && update[0] === 0 && update[1] === 0;
}
