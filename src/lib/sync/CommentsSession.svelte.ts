import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import type * as decoding from 'lib0/decoding';
import { CommentsDoc, type CommentAnchor, type Thread } from '#shared/doc/commentsDoc';
import { ACK_QUERY_PARAM, CloseCode, MessageType, commentsRoomName, decodeStateVector, isPermanentClose, readSavedMessage } from '#shared/protocol';
import { PendingChanges, type PendingChange } from './PendingChanges';
import { dropPending } from './dropPending';
import { mirrorPendingOnUnload, readPendingMirror } from './pendingMirror';
import type { Connection, SessionUser } from './NoticeSession.svelte';

/** Origin of our own comment writes, so they count as local changes. */
const LOCAL = Symbol('local-comment');

/** A fresh random id for threads and replies (collision-free across offline clients). [CM2] */
function newCommentId(): string {
	return crypto.randomUUID();
}

/**
 * The comments of one open notice in the browser: their own Y.Doc (room `<noticeId>~comments`),
 * kept in IndexedDB so comments are read and written offline and merge later, synced over
 * y-websocket. Everyone who may read the notice writes here — readers (leaders) included. [P12]
 */
export class CommentsSession {
	readonly doc = new Y.Doc();
	readonly comments = new CommentsDoc(this.doc);
	readonly provider: WebsocketProvider;
	readonly #idb: IndexeddbPersistence;
	readonly #pending: PendingChanges;
	readonly #pendingKey: string;
	readonly #cleanup: (() => void)[] = [];

	#threads = $state.raw<Thread[]>([]);
	#connection = $state<Connection>('connecting');
	#unsaved = $state(0);
	#fatal = $state<string | null>(null);
	#waitingForSignIn = false;
	/** The unconfirmed list as last written, for the unload mirror. */
	#pendingItems: readonly PendingChange[] = [];

	constructor(
		readonly noticeId: string,
		readonly user: SessionUser
	) {
		this.#pendingKey = `ket-luan:pending-comments:${noticeId}`;
		this.#pending = new PendingChanges((items) => {
			this.#unsaved = items.length;
			this.#pendingItems = items;
			// Fire and forget is safe: the next write carries the whole list again.
			void idbSet(this.#pendingKey, items).catch(() => {
				/* quota or private mode: the count still works for this page load */
			});
		});
		// A reload right after commenting offline may abort IndexedDB's write: the list is mirrored too.
		const mirrored = readPendingMirror(this.#pendingKey);
		if (mirrored.length) this.#pending.restore(mirrored);
		this.#cleanup.push(mirrorPendingOnUnload(this.#pendingKey, () => this.#pendingItems));
		void idbGet<PendingChange[]>(this.#pendingKey).then(
			(items) => {
				if (Array.isArray(items)) this.#pending.restore(items);
			},
			() => {
				/* no IndexedDB (private mode): nothing was kept to restore */
			}
		);

		this.#idb = new IndexeddbPersistence(`ket-luan:comments:${noticeId}`, this.doc);
		const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
		this.provider = new WebsocketProvider(wsBase, commentsRoomName(noticeId), this.doc, {
			params: { [ACK_QUERY_PARAM]: '1' },
			maxBackoffTime: 5000
		});
		// Presence is the notice's business; this room carries no awareness of its own.
		this.provider.awareness.setLocalState(null);
		this.provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
			this.#pending.confirm(decodeStateVector(readSavedMessage(decoder)));
		};

		const onChange = (_update: Uint8Array, origin: unknown) => {
			this.#threads = this.comments.threads();
			if (origin === LOCAL) this.#pending.record(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID));
		};
		this.doc.on('update', onChange);
		this.#cleanup.push(() => this.doc.off('update', onChange));
		this.#threads = this.comments.threads();

		const onStatus = ({ status }: { status: string }) => {
			// Before this connection's step 2: it must not carry what this copy could not integrate. [P14]
			if (status === 'connected') dropPending(this.doc);
			this.#connection = status === 'connected' ? 'online' : navigator.onLine ? 'connecting' : 'offline';
		};
		const onClose = (event: CloseEvent | null) => {
			// [P13] The sign-in ended: comments wait on this device and go once the person signed in again.
			if (event?.code === CloseCode.UNAUTHORIZED) this.#waitForSignIn();
			else if (event && isPermanentClose(event.code))
				this.#fatal = 'Máy chủ không nhận bình luận của bạn nữa. Hãy tải lại trang; bình luận đã viết vẫn được giữ trên máy này.';
			// Randomised backoff, as for the notice: a restart does not bring every client back at once.
			const attempt = this.provider.wsUnsuccessfulReconnects + 1;
			this.provider.maxBackoffTime = Math.max(100, Math.random() * Math.min(5000, 2 ** attempt * 100));
		};
		this.provider.on('status', onStatus);
		this.provider.on('connection-close', onClose);
		this.#cleanup.push(
			() => this.provider.off('status', onStatus),
			() => this.provider.off('connection-close', onClose)
		);
		const goOffline = () => {
			this.#connection = 'offline';
			this.provider.disconnect();
		};
		const goOnline = () => {
			this.#connection = 'connecting';
			this.provider.connect();
		};
		window.addEventListener('offline', goOffline);
		window.addEventListener('online', goOnline);
		this.#cleanup.push(
			() => window.removeEventListener('offline', goOffline),
			() => window.removeEventListener('online', goOnline)
		);
	}

	/** Every thread, oldest first (the panel orders them by position in the text). */
	get threads(): Thread[] {
		return this.#threads;
	}
	/** online / offline / connecting. */
	get connection(): Connection {
		return this.#connection;
	}
	/** Comment changes written here and not yet confirmed as stored by the server. */
	get unsaved(): number {
		return this.#unsaved;
	}
	/** Why the server refused this room for good, in Vietnamese. */
	get fatal(): string | null {
		return this.#fatal;
	}

	/** Opens a thread on a range of the notice. Throws CommentError on bad input (nothing written). */
	addThread(anchor: CommentAnchor, quote: string, text: string): string {
		return this.comments.addThread({ id: newCommentId(), anchor, quote, text, author: this.user, createdAt: Date.now() }, LOCAL);
	}

	/** Replies to a thread. Throws CommentError on bad input (nothing written). */
	reply(threadId: string, text: string): void {
		this.comments.reply(threadId, { id: newCommentId(), author: this.user, text, createdAt: Date.now() }, LOCAL);
	}

	/** Marks a thread resolved (Đã xử lý) or reopens it (Mở lại). */
	setResolved(threadId: string, resolved: boolean): void {
		this.comments.setResolved(threadId, resolved, this.user, Date.now(), LOCAL);
	}

	/** Closes the connection and the local storage handle. */
	destroy(): void {
		for (const fn of this.#cleanup.splice(0)) fn();
		this.provider.destroy();
		void this.#idb.destroy();
		this.doc.destroy();
	}

	/** Polls until the session is valid again (the notice's "Đăng nhập lại", another tab), then reconnects. [P13] */
	#waitForSignIn(): void {
		if (this.#waitingForSignIn) return;
		this.#waitingForSignIn = true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const check = async (): Promise<void> => {
			try {
				const res = await fetch('/api/session', { cache: 'no-store', credentials: 'same-origin' });
				if (res.ok) {
					this.#waitingForSignIn = false;
					this.provider.connect();
					return;
				}
			} catch {
				/* offline for a moment: try again */
			}
			if (this.#waitingForSignIn) timer = setTimeout(() => void check(), 1500);
		};
		this.#cleanup.push(() => {
			this.#waitingForSignIn = false;
			clearTimeout(timer);
		});
		timer = setTimeout(() => void check(), 1500);
	}
}
