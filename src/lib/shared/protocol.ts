/**
 * Wire protocol of the sync endpoint `ws(s)://<host>/sync/<noticeId>` — the one file that knows
 * message numbers and close codes. Isomorphic: the browser client and the Node server both import
 * it (no DOM, no `node:` imports). The full spec, with numbered rules the tests quote, is in
 * `PROTOCOL.md` beside this file.
 *
 * Every frame is binary: `varUint messageType` followed by the message body (lib0 encoding).
 * Numbers 0–3 are exactly y-websocket's, so a stock `y-websocket` client syncs unchanged.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Top-level message numbers (first varUint of every frame). */
export const MessageType = {
	/** y-protocols sync: a {@link SyncMessageType} then its body. [P1] */
	sync: 0,
	/** y-protocols awareness update (presence, carets). [P5] */
	awareness: 1,
	/** y-protocols auth (server → client "permission denied"); the server ignores it from clients. */
	auth: 2,
	/** y-websocket "query awareness": the server answers with every known awareness state. */
	queryAwareness: 3,
	/**
	 * Kết Luận extension, server → client only, and only to connections opened with `?ack=1`:
	 * "everything up to this state vector is durably stored". Body: `varUint8Array stateVector`. [P7]
	 */
	saved: 100,
	/**
	 * Kết Luận extension, server → client only, and only to connections opened with `?ack=1`: "the
	 * notice was issued (ban hành) before your changes reached the server; they are kept in the draft
	 * notice named here (bổ sung / đính chính) and not in this one". Body: `varString noticeId`. [P11]
	 */
	amended: 101
} as const;
/** A top-level message number. */
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a {@link MessageType.sync} message (y-protocols/sync). */
export const SyncMessageType = {
	/** Body: `varUint8Array stateVector`; the receiver answers with step 2. */
	step1: 0,
	/** Body: `varUint8Array update` — everything the asker was missing. */
	step2: 1,
	/** Body: `varUint8Array update` — one incremental Yjs update (v1 encoding). */
	update: 2
} as const;
/** A sync sub-message number. */
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * WebSocket close codes the server uses. 4400–4499 mirror HTTP 4xx: a deliberate decision that
 * reconnecting cannot fix, and the stock y-websocket v3 client stops reconnecting on them.
 * 4500–4599 mirror HTTP 5xx: transient, the client reconnects with backoff. [P8]
 */
export const CloseCode = {
	/** The frame could not be decoded, had an unknown message type, or carried an invalid update. */
	MALFORMED_MESSAGE: 4400,
	/**
	 * The credential behind the connection ended while it was open: signed out, session expired,
	 * password changed or reset, user disabled, API token revoked or expired. The close reason says
	 * which ({@link RevokedReason}). Sign in again (a new token); reconnecting with the old one is
	 * refused with HTTP 401. [P13]
	 */
	UNAUTHORIZED: 4401,
	/** A read-only connection sent document content. The update was not applied. */
	READ_ONLY_VIOLATION: 4403,
	/**
	 * The user's role or agency changed while connected: what they may do with the notice is decided
	 * again. Reopen the notice (a new upgrade is authorized with the new rights). [P13]
	 */
	ACCESS_CHANGED: 4409,
	/** The notice was deleted while the connection was open. */
	NOTICE_DELETED: 4410,
	/** A frame exceeded {@link MAX_MESSAGE_BYTES}. */
	MESSAGE_TOO_LARGE: 4413,
	/**
	 * An update was refused and not stored: Yjs could not integrate all of it (it names items nobody
	 * has), it writes something the doc's shape does not allow, nests types deeper than
	 * {@link MAX_TYPE_DEPTH}, or grows the doc past {@link MAX_DOC_BYTES}. [P14]
	 */
	UPDATE_REFUSED: 4422,
	/** The notice was issued (ban hành) and is frozen; the update was not applied. Reopen read-only. */
	NOTICE_FROZEN: 4423,
	/** The server failed to store or load the document; retry later. */
	INTERNAL_ERROR: 4500,
	/** The server is shutting down or restarting; reconnect with backoff. */
	SERVER_SHUTDOWN: 4503,
	/** The connection could not keep up with the document's traffic (send buffer full); reconnect. */
	SLOW_CONSUMER: 4508
} as const;
/** A close code of {@link CloseCode}. */
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Short machine-readable close reasons sent with each code (WebSocket reasons are ≤ 123 bytes). */
export const CloseReason: Readonly<Record<CloseCode, string>> = {
	[CloseCode.MALFORMED_MESSAGE]: 'malformed-message',
	[CloseCode.UNAUTHORIZED]: 'unauthorized',
	[CloseCode.READ_ONLY_VIOLATION]: 'read-only',
	[CloseCode.ACCESS_CHANGED]: 'access-changed',
	[CloseCode.NOTICE_DELETED]: 'notice-deleted',
	[CloseCode.MESSAGE_TOO_LARGE]: 'message-too-large',
	[CloseCode.UPDATE_REFUSED]: 'update-refused',
	[CloseCode.NOTICE_FROZEN]: 'notice-frozen',
	[CloseCode.INTERNAL_ERROR]: 'internal-error',
	[CloseCode.SERVER_SHUTDOWN]: 'server-shutdown',
	[CloseCode.SLOW_CONSUMER]: 'slow-consumer'
};

/**
 * Close reasons sent with {@link CloseCode.UNAUTHORIZED}: which credential ended, and why. [P13]
 */
export const RevokedReason = {
	signedOut: 'signed-out',
	sessionExpired: 'session-expired',
	passwordChanged: 'password-changed',
	passwordReset: 'password-reset',
	userDisabled: 'user-disabled',
	tokenRevoked: 'token-revoked',
	tokenExpired: 'token-expired',
	/** Found no longer valid by the periodic check (e.g. a token revoked by the CLI in another process). */
	revoked: 'revoked'
} as const;
/** One of {@link RevokedReason}. */
export type RevokedReason = (typeof RevokedReason)[keyof typeof RevokedReason];

/** True when a close code means "do not reconnect" (4400–4499), as y-websocket v3 decides. */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}

/** Largest frame the server accepts; larger frames close the connection with MESSAGE_TOO_LARGE. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

/**
 * Largest a doc may grow, in bytes of its Yjs encoding (`Y.encodeStateAsUpdate`); an update adding
 * to a doc past it closes with UPDATE_REFUSED (deleting is always allowed). A notice is a few pages
 * of text: tens of kilobytes, even with its edit history. [P14]
 */
export const MAX_DOC_BYTES = 16 * 1024 * 1024;

/**
 * Deepest nesting of Yjs types in a doc (a root's children are at depth 1): 30 nested lists of the
 * body are 60 levels. Deeper closes with UPDATE_REFUSED. [P14]
 */
export const MAX_TYPE_DEPTH = 64;

/** Query parameter a client sets to `1` to receive {@link MessageType.saved} acknowledgements. */
export const ACK_QUERY_PARAM = 'ack';

/** Shape of a notice id in the sync URL; anything else is answered with HTTP 404. */
export const NOTICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Suffix of a notice's comments room: `<noticeId>~comments` is a second Y.Doc beside the notice's,
 * writable by everyone who may read the notice, because readers (leaders) comment too while a
 * read-only connection to the notice itself may never send an update. [P12]
 */
export const COMMENTS_ROOM_SUFFIX = '~comments';

/** What a sync room holds: the notice's own doc, or its comments doc. */
export type RoomKind = 'notice' | 'comments';

/** The comments room name of a notice. [P12] */
export function commentsRoomName(noticeId: string): string {
	return noticeId + COMMENTS_ROOM_SUFFIX;
}

/** Splits a room name of the sync URL into notice id and kind; null when it is neither shape. [P9] [P12] */
export function parseRoomName(room: string): { noticeId: string; kind: RoomKind } | null {
	const kind: RoomKind = room.endsWith(COMMENTS_ROOM_SUFFIX) ? 'comments' : 'notice';
	const noticeId = kind === 'comments' ? room.slice(0, -COMMENTS_ROOM_SUFFIX.length) : room;
	return NOTICE_ID_PATTERN.test(noticeId) ? { noticeId, kind } : null;
}

/** Encodes a `saved` message carrying the server's durable state vector. */
export function encodeSavedMessage(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.saved);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

/** Reads the body of a `saved` message (after its type number): the durable state vector. */
export function readSavedMessage(decoder: decoding.Decoder): Uint8Array {
	return decoding.readVarUint8Array(decoder);
}

/** Encodes an `amended` message naming the draft notice that now holds the receiver's late changes. [P11] */
export function encodeAmendedMessage(amendmentId: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.amended);
	encoding.writeVarString(encoder, amendmentId);
	return encoding.toUint8Array(encoder);
}

/**
 * Reads the body of an `amended` message (after its type number): the id of the draft that holds
 * the late changes. Throws when it is not a notice id.
 */
export function readAmendedMessage(decoder: decoding.Decoder): string {
	const id = decoding.readVarString(decoder);
	if (!NOTICE_ID_PATTERN.test(id)) throw new Error('amended: not a notice id');
	return id;
}

/** Decodes a Yjs v1 state vector (`varUint n, n × (varUint client, varUint clock)`). */
export function decodeStateVector(stateVector: Uint8Array): Map<number, number> {
	const decoder = decoding.createDecoder(stateVector);
	const result = new Map<number, number>();
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		const client = decoding.readVarUint(decoder);
		result.set(client, decoding.readVarUint(decoder));
	}
	return result;
}

/**
 * True when every change in `local` (a client's state vector) is covered by `saved` (the state
 * vector of a `saved` message): nothing the client holds is missing from the server's store. [P7]
 */
export function isCoveredBy(local: Uint8Array, saved: Uint8Array): boolean {
	const server = decodeStateVector(saved);
	for (const [client, clock] of decodeStateVector(local)) {
		if ((server.get(client) ?? 0) < clock) return false;
	}
	return true;
}
