import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as Y from 'yjs';
import type { DocStore } from '../store/types';

/** What a connection may do with a notice: editors write, readers only read. */
export type Access = 'write' | 'read';

/** The signed-in person (or API token owner) behind a connection. */
export interface Principal {
	userId: string;
	name: string;
}

/** Result of checking an upgrade request: a principal with access, or the HTTP status to refuse with. */
export type AuthorizeResult =
	| { ok: true; principal: Principal; access: Access }
	| { ok: false; status: 401 | 403 | 404 };

/** Checks the session cookie / `?token=` of an upgrade request for one notice (auth at the edge). */
export type Authorize = (req: IncomingMessage, noticeId: string) => Promise<AuthorizeResult>;

/** Options of the sync server. */
export interface SyncServerOptions {
	store: DocStore;
	authorize: Authorize;
	/** URL prefix of the sync endpoint, e.g. '/sync' → ws://host:port/sync/<noticeId> */
	path: string;
	/** Called (at most every ~250 ms per notice) after a notice's doc changed, for projections. */
	onDocChanged?: (noticeId: string, doc: Y.Doc) => void;
}

/** The WebSocket sync endpoint, attached to the HTTP server's 'upgrade' event by the host. */
export interface SyncServer {
	/** Returns false when the URL is not under `path` (the host then handles or destroys the socket). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Number of notices currently loaded in memory. */
	loadedDocs(): number;
	/** Flushes pending appends, closes every connection and unloads every doc. */
	close(): Promise<void>;
}
