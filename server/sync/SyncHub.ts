import type * as Y from 'yjs';
import type { DocShape } from '#shared/doc/docShape';
import { CloseCode, CloseReason, MAX_DOC_BYTES, MAX_MESSAGE_BYTES, MAX_TYPE_DEPTH, RevokedReason } from '#shared/protocol';
import type { DocStore } from '../store/types';
import { Connection } from './Connection';
import { Room, type RoomContext } from './Room';
import type {
	ConnectionCredential,
	ConnectionInfo,
	ConnectionSelector,
	LateUpdateHook,
	Principal,
	SyncLog,
	SyncSocket,
	SyncSocketEvents,
	SyncTuning
} from './types';

/** Options of a {@link SyncHub}: the room logic's part of SyncServerOptions. */
export interface SyncHubOptions {
	store: DocStore;
	onDocChanged?: (noticeId: string, doc: Y.Doc) => void;
	onClientUpdate?: (noticeId: string, principal: Principal) => void;
	onLateUpdate?: LateUpdateHook;
	/** The shape each room's doc must keep ([P14]); null or absent: only structure, depth and size are checked. */
	docShape?: (roomName: string) => DocShape | null;
	/** Keys of the credentials no longer valid, asked every `credentialCheckMs` (SyncServerOptions). */
	invalidCredentials?: (credentials: ConnectionCredential[]) => Iterable<string>;
	tuning?: SyncTuning;
}

/** Default tuning values (see SyncTuning for their meaning). */
export const DEFAULT_TUNING = {
	idleUnloadMs: 10_000,
	compactAfterUpdates: 500,
	docChangedThrottleMs: 250,
	pingIntervalMs: 30_000,
	maxMessageBytes: MAX_MESSAGE_BYTES,
	maxBufferedBytes: 32 * 1024 * 1024,
	maxDocBytes: MAX_DOC_BYTES,
	maxTypeDepth: MAX_TYPE_DEPTH,
	heldUpdateMs: 10_000,
	credentialCheckMs: 30_000
} as const;

/** Longest delay a Node timer takes (about 24.8 days); a later expiry re-arms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** An open connection as the hub tracks it for closing by credential. [P13] */
interface Live {
	room: Room;
	/** Closes the connection when its credential expires. */
	expiry?: ReturnType<typeof setTimeout>;
}

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
	/** Open connections, for closing them by user or credential. [P13] */
	readonly #live = new Map<Connection, Live>();
	readonly #invalidCredentials: SyncHubOptions['invalidCredentials'];
	readonly #credentialCheck: ReturnType<typeof setInterval> | undefined;
	#nextConnectionId = 1;
	#closing = false;

	constructor(options: SyncHubOptions) {
		const tuning = options.tuning ?? {};
		this.#invalidCredentials = options.invalidCredentials;
		if (options.invalidCredentials) {
			this.#credentialCheck = setInterval(() => this.checkCredentials(), tuning.credentialCheckMs ?? DEFAULT_TUNING.credentialCheckMs);
			this.#credentialCheck.unref();
		}
		this.#context = {
			store: options.store,
			log: tuning.log ?? consoleLog,
			idleUnloadMs: tuning.idleUnloadMs ?? DEFAULT_TUNING.idleUnloadMs,
			compactAfterUpdates: tuning.compactAfterUpdates ?? DEFAULT_TUNING.compactAfterUpdates,
			docChangedThrottleMs: tuning.docChangedThrottleMs ?? DEFAULT_TUNING.docChangedThrottleMs,
			maxMessageBytes: tuning.maxMessageBytes ?? DEFAULT_TUNING.maxMessageBytes,
			maxBufferedBytes: tuning.maxBufferedBytes ?? DEFAULT_TUNING.maxBufferedBytes,
			limits: { maxDocBytes: tuning.maxDocBytes ?? DEFAULT_TUNING.maxDocBytes, maxDepth: tuning.maxTypeDepth ?? DEFAULT_TUNING.maxTypeDepth },
			docShape: options.docShape ?? (() => null),
			heldUpdateMs: tuning.heldUpdateMs ?? DEFAULT_TUNING.heldUpdateMs,
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
		const live: Live = { room: target };
		this.#live.set(conn, live);
		target.add(conn);
		if (conn.closed) this.#forget(conn);
		else if (info.credential) this.#armExpiry(conn, live, info.credential.expiresAt);
		return {
			message: (data) => target.receive(conn, data),
			close: () => {
				this.#forget(conn);
				target.remove(conn);
			}
		};
	}

	/**
	 * Closes the open connections `selector` picks with `code` and `reason`. The room forgets them
	 * at once, so a frame still arriving from one of them is dropped, never stored. [P13]
	 */
	closeConnections(selector: ConnectionSelector, code: CloseCode, reason: string): number {
		let closed = 0;
		for (const conn of [...this.#live.keys()]) {
			const credential = conn.info.credential;
			if (conn.info.system || conn.info.principal.userId !== selector.userId) continue;
			if (selector.credentialKey !== undefined && credential?.key !== selector.credentialKey) continue;
			if (selector.kind !== undefined && credential?.kind !== selector.kind) continue;
			if (selector.exceptKey !== undefined && credential?.key === selector.exceptKey) continue;
			this.#drop(conn, code, reason);
			closed++;
		}
		return closed;
	}

	/**
	 * Asks the host which credentials of open connections are no longer valid and closes their
	 * connections with UNAUTHORIZED: one call for all of them, every `credentialCheckMs`. [P13]
	 */
	checkCredentials(): void {
		if (!this.#invalidCredentials || this.#live.size === 0) return;
		const byKey = new Map<string, ConnectionCredential>();
		for (const conn of this.#live.keys()) if (conn.info.credential) byKey.set(conn.info.credential.key, conn.info.credential);
		if (byKey.size === 0) return;
		let invalid: Set<string>;
		try {
			invalid = new Set(this.#invalidCredentials([...byKey.values()]));
		} catch (error) {
			this.#context.log.error('sync: checking the credentials of open connections failed', error);
			return;
		}
		if (invalid.size === 0) return;
		for (const conn of [...this.#live.keys()]) {
			const key = conn.info.credential?.key;
			if (key !== undefined && invalid.has(key)) this.#drop(conn, CloseCode.UNAUTHORIZED, RevokedReason.revoked);
		}
	}

	/** Closes `conn` when its credential expires (re-armed past the longest timer). */
	#armExpiry(conn: Connection, live: Live, expiresAt: number): void {
		const wait = expiresAt - Date.now();
		if (wait <= 0) {
			const reason = conn.info.credential?.kind === 'token' ? RevokedReason.tokenExpired : RevokedReason.sessionExpired;
			this.#drop(conn, CloseCode.UNAUTHORIZED, reason);
			return;
		}
		live.expiry = setTimeout(() => this.#armExpiry(conn, live, expiresAt), Math.min(wait, MAX_TIMER_MS));
		live.expiry.unref();
	}

	#drop(conn: Connection, code: CloseCode, reason: string): void {
		const live = this.#live.get(conn);
		if (!live) return;
		this.#forget(conn);
		conn.socket.close(code, reason);
		live.room.remove(conn);
	}

	#forget(conn: Connection): void {
		const live = this.#live.get(conn);
		if (!live) return;
		clearTimeout(live.expiry);
		this.#live.delete(conn);
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
		clearInterval(this.#credentialCheck);
		for (const conn of [...this.#live.keys()]) this.#forget(conn);
		await Promise.all([...this.#rooms.values()].map((room) => room.shutdown(CloseCode.SERVER_SHUTDOWN)));
	}
}
