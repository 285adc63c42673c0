import type * as Y from 'yjs';
import { CloseCode, CloseReason, MAX_MESSAGE_BYTES } from '#shared/protocol';
import type { DocStore } from '../store/types';
import { Connection } from './Connection';
import { Room, type RoomContext } from './Room';
import type { ConnectionInfo, LateUpdateHook, Principal, SyncLog, SyncSocket, SyncSocketEvents, SyncTuning } from './types';

/** Options of a {@link SyncHub}: the room logic's part of SyncServerOptions. */
export interface SyncHubOptions {
	store: DocStore;
	onDocChanged?: (noticeId: string, doc: Y.Doc) => void;
	onClientUpdate?: (noticeId: string, principal: Principal) => void;
	onLateUpdate?: LateUpdateHook;
	tuning?: SyncTuning;
}

/** Default tuning values (see SyncTuning for their meaning). */
export const DEFAULT_TUNING = {
	idleUnloadMs: 10_000,
	compactAfterUpdates: 500,
	docChangedThrottleMs: 250,
	pingIntervalMs: 30_000,
	maxMessageBytes: MAX_MESSAGE_BYTES,
	maxBufferedBytes: 32 * 1024 * 1024
} as const;

const consoleLog: SyncLog = {
	warn: (message, detail) => console.warn(message, detail ?? ''),
	error: (message, detail) => console.error(message, detail ?? '')
};

const IGNORE_EVENTS: SyncSocketEvents = { message: () => {}, close: () => {} };

/**
 * Every loaded room, by notice id: creates a room on first connection, forgets it when it unloads.
 * Transport-agnostic — the ws binding (wsTransport.ts) and the in-memory test sockets both call
 * {@link SyncHub.connect}.
 */
export class SyncHub {
	readonly #rooms = new Map<string, Room>();
	readonly #frozen = new Set<string>();
	readonly #context: RoomContext;
	#nextConnectionId = 1;
	#closing = false;

	constructor(options: SyncHubOptions) {
		const tuning = options.tuning ?? {};
		this.#context = {
			store: options.store,
			log: tuning.log ?? consoleLog,
			idleUnloadMs: tuning.idleUnloadMs ?? DEFAULT_TUNING.idleUnloadMs,
			compactAfterUpdates: tuning.compactAfterUpdates ?? DEFAULT_TUNING.compactAfterUpdates,
			docChangedThrottleMs: tuning.docChangedThrottleMs ?? DEFAULT_TUNING.docChangedThrottleMs,
			maxMessageBytes: tuning.maxMessageBytes ?? DEFAULT_TUNING.maxMessageBytes,
			maxBufferedBytes: tuning.maxBufferedBytes ?? DEFAULT_TUNING.maxBufferedBytes,
			onDocChanged: options.onDocChanged,
			onClientUpdate: options.onClientUpdate,
			onLateUpdate: options.onLateUpdate,
			isFrozen: (noticeId) => this.#frozen.has(noticeId),
			unloaded: (room) => {
				if (this.#rooms.get(room.name) === room) this.#rooms.delete(room.name);
			}
		};
	}

	/** True once {@link close} was called. */
	get closing(): boolean {
		return this.#closing;
	}

	/** Attaches an admitted socket to a notice's room; returns what the transport reports into. */
	connect(noticeId: string, socket: SyncSocket, info: ConnectionInfo): SyncSocketEvents {
		if (this.#closing) {
			socket.close(CloseCode.SERVER_SHUTDOWN, CloseReason[CloseCode.SERVER_SHUTDOWN]);
			return IGNORE_EVENTS;
		}
		let room = this.#rooms.get(noticeId);
		if (room === undefined) {
			room = new Room(noticeId, this.#context);
			this.#rooms.set(noticeId, room);
			room.start();
		}
		const conn = new Connection(this.#nextConnectionId++, socket, info);
		const target = room;
		target.add(conn);
		return {
			message: (data) => target.receive(conn, data),
			close: () => target.remove(conn)
		};
	}

	/** Number of rooms in memory. */
	loadedDocs(): number {
		return this.#rooms.size;
	}

	/** Freezes (issued notice: read-only for all) or unfreezes a notice, loaded or not. */
	setFrozen(noticeId: string, frozen: boolean): void {
		if (frozen) this.#frozen.add(noticeId);
		else this.#frozen.delete(noticeId);
	}

	/** Closes every connection of one notice with `code` and unloads it. */
	async closeNotice(noticeId: string, code: CloseCode): Promise<void> {
		await this.#rooms.get(noticeId)?.shutdown(code);
	}

	/**
	 * Resolves once every room (or only those of `noticeIds`) has loaded, stored, applied and
	 * broadcast everything it received so far.
	 */
	async settled(noticeIds?: Iterable<string>): Promise<void> {
		const rooms = noticeIds === undefined ? [...this.#rooms.values()] : [...new Set(noticeIds)].flatMap((id) => this.#rooms.get(id) ?? []);
		await Promise.all(rooms.map((room) => room.settled()));
	}

	/** Closes every connection (SERVER_SHUTDOWN), drains, compacts and unloads every room. */
	async close(): Promise<void> {
		this.#closing = true;
		await Promise.all([...this.#rooms.values()].map((room) => room.shutdown(CloseCode.SERVER_SHUTDOWN)));
	}
}
