import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType, SyncMessageType, readAmendedMessage, type CloseCode } from '#shared/protocol';
import type { SyncHub } from './SyncHub';
import type { ConnectionInfo, SyncSocket, SyncSocketEvents } from './types';

/**
 * The server end of an in-memory connection, for room-logic unit tests: frames the server sends
 * wait in `outbox` until the test delivers them (flushing by hand, no timers, no network).
 */
export class MemorySocket implements SyncSocket {
	/** Frames sent by the server, not yet delivered to the client. */
	readonly outbox: Uint8Array[] = [];
	/** How the server closed this socket, if it did. */
	closedWith: { code: CloseCode; reason: string } | null = null;

	send(message: Uint8Array): void {
		if (this.closedWith === null) this.outbox.push(message.slice());
	}

	close(code: CloseCode, reason: string): void {
		if (this.closedWith === null) this.closedWith = { code, reason };
	}

	get bufferedAmount(): number {
		return this.outbox.reduce((sum, frame) => sum + frame.byteLength, 0);
	}
}

/**
 * A client speaking the y-websocket protocol over a {@link MemorySocket}, answering exactly like the
 * stock WebsocketProvider (sync step 1 on open, step 2 replies, awareness relay).
 */
export class MemoryClient {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly socket = new MemorySocket();
	/** Frames the client sent, not yet delivered to the server. */
	readonly pending: Uint8Array[] = [];
	/** The last `saved` state vector received (ack clients only). */
	savedStateVector: Uint8Array | null = null;
	/** Ids sent in `amended` messages (ack clients only): where late changes were kept. [P11] */
	readonly amendedTo: string[] = [];
	/** True once the server's step 2 arrived. */
	synced = false;
	#events: SyncSocketEvents;
	#disconnected = false;

	/** The notice this client is connected to. */
	readonly noticeId: string;

	constructor(hub: SyncHub, noticeId: string, info: ConnectionInfo) {
		this.noticeId = noticeId;
		// The server's own changes (info.system) must not show up as someone present.
		if (info.system === true) this.awareness.setLocalState(null);
		this.#events = hub.connect(noticeId, this.socket, info);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === this) return;
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MessageType.sync);
			syncProtocol.writeUpdate(encoder, update);
			this.pending.push(encoding.toUint8Array(encoder));
		});
		this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
			if (origin === this) return;
			const changed = [...(added ?? []), ...(updated ?? []), ...(removed ?? [])];
			this.pending.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)));
		});
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MessageType.sync);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		this.pending.push(encoding.toUint8Array(encoder));
		if (this.awareness.getLocalState() !== null) {
			this.pending.push(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID])));
		}
	}

	/** Queues a raw frame (for malformed-input tests). */
	sendRaw(frame: Uint8Array): void {
		this.pending.push(frame);
	}

	/** Delivers queued frames to the server; returns how many. */
	deliverToServer(): number {
		if (this.#disconnected || this.socket.closedWith !== null) {
			this.pending.length = 0;
			return 0;
		}
		const frames = this.pending.splice(0);
		for (const frame of frames) this.#events.message(frame);
		return frames.length;
	}

	/** Processes frames the server sent; returns how many. */
	deliverToClient(): number {
		const frames = this.socket.outbox.splice(0);
		for (const frame of frames) this.#read(frame);
		return frames.length;
	}

	/** The client goes away (the transport reports a close). */
	disconnect(): void {
		if (this.#disconnected) return;
		this.#disconnected = true;
		this.#events.close();
	}

	/** Releases the doc and awareness timers. */
	destroy(): void {
		this.disconnect();
		this.awareness.destroy();
		this.doc.destroy();
	}

	#read(frame: Uint8Array): void {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.sync: {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MessageType.sync);
				const syncType = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
				if (syncType === SyncMessageType.step2) this.synced = true;
				if (encoding.length(encoder) > 1) this.pending.push(encoding.toUint8Array(encoder));
				return;
			}
			case MessageType.awareness:
				awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
				return;
			case MessageType.saved:
				this.savedStateVector = decoding.readVarUint8Array(decoder);
				return;
			case MessageType.amended:
				this.amendedTo.push(readAmendedMessage(decoder));
				return;
			default:
				throw new Error(`client got unexpected message type ${type}`);
		}
	}
}

/**
 * Moves frames both ways until nothing is in flight: client → server, wait for the hub to store
 * and broadcast, server → client, and again while clients reply.
 */
export async function pump(hub: SyncHub, clients: readonly MemoryClient[]): Promise<void> {
	for (let round = 0; round < 1000; round++) {
		let moved = 0;
		for (const client of clients) moved += client.deliverToServer();
		await hub.settled(clients.map((client) => client.noticeId));
		for (const client of clients) moved += client.deliverToClient();
		if (moved === 0) return;
	}
	throw new Error('pump: still exchanging frames after 1000 rounds');
}

function awarenessFrame(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}
