import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { DocShape } from '#shared/doc/docShape';
import type { CloseCode } from '#shared/protocol';
import type { DocStore } from '../store/types';

/** What a connection may do with a notice: editors write, readers only read. */
export type Access = 'write' | 'read';

/** The signed-in person (or API token owner) behind a connection. */
export interface Principal {
	userId: string;
	name: string;
}

/**
 * The credential an upgrade was admitted with (a session cookie or an API token), kept with the
 * connection so that ending the credential closes its sockets. [P13]
 */
export interface ConnectionCredential {
	userId: string;
	kind: 'session' | 'token';
	/** The credential's digest (as stored); never the secret itself. */
	key: string;
	/** Epoch ms at which the credential stops being valid: the connection is closed then. */
	expiresAt: number;
}

/** Result of checking an upgrade request: a principal with access, or the HTTP status to refuse with. */
export type AuthorizeResult =
	| {
			ok: true;
			principal: Principal;
			access: Access;
			/** The principal could write to the notice before it was issued (its late changes become an amendment, [P11]). */
			amends?: boolean;
			/** The credential used: its end (sign-out, expiry, revocation) closes the connection. [P13] */
			credential?: ConnectionCredential;
	  }
	| { ok: false; status: 401 | 403 | 404 };

/** Checks the session cookie / `?token=` of an upgrade request for one notice (auth at the edge). */
export type Authorize = (req: IncomingMessage, noticeId: string) => Promise<AuthorizeResult>;

/** Options of the sync server. */
export interface SyncServerOptions {
	store: DocStore;
	authorize: Authorize;
	/** URL prefix of the sync endpoint, e.g. '/sync' → ws://host:port/sync/<noticeId> */
	path: string;
	/**
	 * Called (at most every ~250 ms per notice) after a notice's doc changed, for projections.
	 * Read-only: changes made to `doc` here would be neither stored nor broadcast. It runs on the
	 * event loop, so its cost is paid by every connection (keep it incremental).
	 */
	onDocChanged?: (noticeId: string, doc: Y.Doc) => void;
	/**
	 * Called when a client's update was stored and applied, with the principal of the connection
	 * that sent it (never for the server's own changes). Version history learns authors from it.
	 */
	onClientUpdate?: (noticeId: string, principal: Principal) => void;
	/** Keeps a frozen notice's late update as an amendment ([P11]); without it, such updates close with 4423. */
	onLateUpdate?: LateUpdateHook;
	/**
	 * The shape a room's doc must keep ([P14], `#shared/doc/docShape`): an update writing anything
	 * else closes with UPDATE_REFUSED, and a stored doc is repaired to it on load. Null (or no
	 * option): only pending structures, nesting depth and size are checked.
	 */
	docShape?: (roomName: string) => DocShape | null;
	/**
	 * Of the credentials of open connections, the keys of those no longer valid (deleted, expired,
	 * user disabled). Asked every `credentialCheckMs` with every open connection's credential, in
	 * one call: revocations made outside this process (the CLI's `token revoke`) close their
	 * sockets too, without a database read per message. [P13]
	 */
	invalidCredentials?: (credentials: ConnectionCredential[]) => Iterable<string>;
	/** Tuning and hooks; the defaults suit production. */
	tuning?: SyncTuning;
}

/** Which open connections {@link SyncServer.closeConnections} closes. */
export interface ConnectionSelector {
	userId: string;
	/** Only connections admitted with this credential (digest). */
	credentialKey?: string;
	/** Only connections admitted with a credential of this kind. */
	kind?: 'session' | 'token';
	/** Spare the connections admitted with this credential (the session that changed the password). */
	exceptKey?: string;
}

/** Optional knobs of the sync server (tests shorten the timers). */
export interface SyncTuning {
	/** A doc with no connection for this long is compacted and unloaded. Default 10 000 ms. */
	idleUnloadMs?: number;
	/** Compact a loaded doc once its log holds more than this many updates. Default 500. */
	compactAfterUpdates?: number;
	/** Minimum interval between two `onDocChanged` calls for one notice. Default 250 ms. */
	docChangedThrottleMs?: number;
	/** Keepalive: ping every connection this often; one missed pong drops it. Default 30 000 ms. */
	pingIntervalMs?: number;
	/** A WebSocket that sends no frame within this long of opening is closed (1008). Default 30 000 ms. */
	silentTimeoutMs?: number;
	/** Frames above this close the connection with MESSAGE_TOO_LARGE. Default MAX_MESSAGE_BYTES (8 MiB). */
	maxMessageBytes?: number;
	/** A connection whose unsent backlog exceeds this is closed with SLOW_CONSUMER. Default 32 MiB. */
	maxBufferedBytes?: number;
	/** An update growing a doc past this many bytes closes with UPDATE_REFUSED. Default MAX_DOC_BYTES (16 MiB). [P14] */
	maxDocBytes?: number;
	/** Types nested deeper than this close with UPDATE_REFUSED. Default MAX_TYPE_DEPTH (64). [P14] */
	maxTypeDepth?: number;
	/** An update held for clocks its connection has not sent closes it with UPDATE_REFUSED after this long. Default 10 000 ms. [P14] */
	heldUpdateMs?: number;
	/** How often open connections' credentials are checked ({@link SyncServerOptions.invalidCredentials}). Default 30 000 ms. */
	credentialCheckMs?: number;
	/** Where problems are reported (a connection closed for bad input, a failed compaction). Default console. */
	log?: SyncLog;
}

/** An update a frozen (issued) notice received from one of its former writers, with what it was based on. */
export interface LateUpdate {
	/** Who sent it. */
	principal: Principal;
	/** The Yjs v1 update as received (already decoded once: Yjs can read it). */
	update: Uint8Array;
	/** The issued notice's whole state when the update arrived (`Y.encodeStateAsUpdate`). */
	base: Uint8Array;
}

/**
 * Stores a late update durably somewhere else than the frozen notice (an amendment draft) and
 * resolves with the id of the notice that now holds it. Calls for one notice come in arrival order.
 */
export type LateUpdateHook = (noticeId: string, late: LateUpdate) => Promise<string>;

/** Sink for the sync server's diagnostics. */
export interface SyncLog {
	warn(message: string, detail?: unknown): void;
	error(message: string, detail?: unknown): void;
}

/**
 * One end of a message channel to a client: a WebSocket in production (wsTransport.ts), an
 * in-memory pair in unit tests (MemorySocket.ts). Room logic only ever sees this.
 */
export interface SyncSocket {
	/** Queues one binary frame. Never throws; frames sent after close are dropped. */
	send(message: Uint8Array): void;
	/** Closes with a named code. Idempotent. */
	close(code: CloseCode, reason: string): void;
	/** Bytes queued but not yet written to the network. */
	readonly bufferedAmount: number;
}

/** What a transport reports to the room logic about one socket. */
export interface SyncSocketEvents {
	/** One complete binary frame arrived. */
	message(data: Uint8Array): void;
	/** The socket is closed (by either side, or dropped); no more events follow. */
	close(): void;
}

/** Who admitted a connection, and what it may do. */
export interface ConnectionInfo {
	principal: Principal;
	access: Access;
	/** The client asked for `saved` acknowledgements (`?ack=1`). */
	wantsAck: boolean;
	/** The server itself (issuing a notice writes its number): may change a frozen notice. */
	system?: boolean;
	/** A former writer of an issued notice, admitted read-only: its late changes go to an amendment. [P11] */
	amends?: boolean;
	/** The credential the connection was admitted with (none for the server's own). [P13] */
	credential?: ConnectionCredential;
}

/**
 * Typed Yjs transaction origins on the server, so listeners can tell where a change came from:
 * `remote` — clients' updates, after they were stored (one transaction per group commit);
 * `store` — replayed from the store on load.
 */
export type TransactionOrigin = { kind: 'remote' } | { kind: 'store' };

/** The WebSocket sync endpoint, attached to the HTTP server's 'upgrade' event by the host. */
export interface SyncServer {
	/** Returns false when the URL is not under `path` (the host then handles or destroys the socket). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Number of notices currently loaded in memory. */
	loadedDocs(): number;
	/**
	 * Makes a notice read-only for everyone (issued, ban hành) or writable again. Updates already
	 * accepted are still applied; later ones close their connection with NOTICE_FROZEN.
	 */
	setFrozen(noticeId: string, frozen: boolean): void;
	/**
	 * Applies a change made by the server itself to a notice's doc, through the same path as a
	 * client's update (stored before it is applied and broadcast), even when the notice is frozen.
	 * Resolves with a copy of the doc once the change is durably stored.
	 */
	updateDoc(noticeId: string, change: (doc: Y.Doc) => void): Promise<Y.Doc>;
	/** Closes every connection of a notice with `code` (e.g. NOTICE_DELETED) and unloads it. */
	closeNotice(noticeId: string, code: CloseCode): Promise<void>;
	/**
	 * Closes a user's open connections (all, or those of one credential) with `code` and `reason`,
	 * at once: frames they send afterwards are dropped. Returns how many were closed. [P13]
	 */
	closeConnections(selector: ConnectionSelector, code: CloseCode, reason: string): number;
	/** Flushes pending appends, closes every connection and unloads every doc. */
	close(): Promise<void>;
}
