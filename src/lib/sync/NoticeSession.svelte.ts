import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { get as idbGet, set as idbSet } from 'idb-keyval';
import * as decoding from 'lib0/decoding';
import { NoticeDoc, type NoticeMeta } from '#shared/doc/noticeDoc';
import {
	ACK_QUERY_PARAM,
	CloseCode,
	MessageType,
	RevokedReason,
	decodeStateVector,
	isPermanentClose,
	readAmendedMessage,
	readSavedMessage
} from '#shared/protocol';
import { PendingChanges, type PendingChange } from './PendingChanges';
import { dropPending } from './dropPending';
import { mirrorPendingOnUnload, readPendingMirror } from './pendingMirror';
import { TaskDeriver, type DraftTask } from '#shared/tasks/draftTasks';
import type { TaskCorrection } from '#shared/doc/noticeDoc';
import type { AgencyDirectory } from '#shared/agencies/types';
import { colorFor } from './colors';
import { UnloadMirror } from './UnloadMirror';
import { afterPause } from './afterPause';
import { afterPaint, deferAwarenessAfterPaint, deferUpdatesAfterPaint, type AwarenessHandler, type UpdateHandler } from './afterPaint';

/** What the sync badge shows. */
export type Connection = 'connecting' | 'online' | 'offline';

/** A participant present in the notice (from awareness). */
export interface Peer {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
	/** Changes of this participant the server has not confirmed yet (published in awareness). */
	unsaved: number;
}

/** Who opens the session. */
export interface SessionUser {
	id: string;
	name: string;
}

/** Longest delay before the list of unconfirmed changes is written to IndexedDB. */
const PENDING_WRITE_MS = 300;

/** How long a local change may wait for the server's confirmation before it is shown as unsaved. */
const SHOW_UNSAVED_MS = 700;

/** Pause in edits after which the tasks are read again (then at the next idle moment). */
const TASK_PAUSE_MS = 150;

/** Runs `fn` when the browser is idle (at the latest after 400 ms); returns a handle for {@link cancelIdle}. */
function whenIdle(fn: () => void): number {
	if (typeof requestIdleCallback === 'function') return requestIdleCallback(fn, { timeout: 400 });
	return setTimeout(fn, 0) as unknown as number;
}

/** Cancels a {@link whenIdle} callback. */
function cancelIdle(handle: number): void {
	if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
	else clearTimeout(handle);
}

/** How often an expired session checks whether the person signed in again (another tab, the popup). */
const SESSION_POLL_MS = 1500;

/** Origin of our own header-field writes, so they count as local changes. */
const LOCAL_META = Symbol('local-meta');

/**
 * One open notice in the browser: its Y.Doc kept in IndexedDB (so it opens and edits offline),
 * synced with the server over y-websocket, with reactive connection, save and presence state.
 */
export class NoticeSession {
	readonly doc = new Y.Doc();
	readonly notice = new NoticeDoc(this.doc);
	readonly provider: WebsocketProvider;
	readonly user: SessionUser & { color: string };
	readonly #idb: IndexeddbPersistence;
	readonly #mirror: UnloadMirror;
	#dropLocalWrites: () => void = () => {};
	/** The directory request in flight, if any ({@link refreshDirectory}). */
	#directoryRequest: Promise<void> | undefined;
	/** Issues the IndexedDB writes still waiting for a frame (the unload mirror's checkpoint). */
	#flushLocalWrites: () => void = () => {};
	readonly #pending: PendingChanges;
	readonly #pendingKey: string;
	readonly #cleanup: (() => void)[] = [];

	#connection = $state<Connection>('connecting');
	#serverSynced = $state(false);
	#localLoaded = $state(false);
	/**
	 * Not reactive on purpose: it changes with every keystroke and its ack, and a write to a `$state`
	 * starts a Svelte batch flushed before the key's frame (0.4 ms a key, bench:editor --profile).
	 * What people see is {@link shownUnsaved}.
	 */
	#unsaved = 0;
	#shownUnsaved = $state(0);
	#shownTimer: ReturnType<typeof setTimeout> | undefined;
	#pendingToWrite: readonly PendingChange[] | undefined;
	#pendingItems: readonly PendingChange[] = [];
	#pendingTimer: ReturnType<typeof setTimeout> | undefined;
	#peers = $state<Peer[]>([]);
	#meta = $state<NoticeMeta>(this.notice.readMeta());
	#fatal = $state<string | null>(null);
	#tasks = $state.raw<DraftTask[]>([]);
	#expired = $state(false);
	/** Why the sign-in ended, as the server said when it closed the socket ([P13]); null when not told. */
	#endedBecause = $state<string | null>(null);
	#amendment = $state<string | null>(null);
	#probing = false;
	#signInWindow: Window | null = null;
	readonly #deriver: TaskDeriver;
	#directory = $state.raw<AgencyDirectory>() as AgencyDirectory;
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- plain listeners, not state
	readonly #taskListeners = new Set<(tasks: DraftTask[]) => void>();
	/** The refresh waiting for a pause in edits, then for an idle moment. */
	readonly #taskPause = afterPause(() => {
		this.#taskIdle = whenIdle(() => {
			this.#taskIdle = undefined;
			this.refreshTasks();
		});
	}, TASK_PAUSE_MS);
	#taskIdle: number | undefined;

	constructor(
		readonly noticeId: string,
		user: SessionUser,
		readonly readOnly: boolean,
		/** The agency directory in force, sent with the page (cached with it for offline use). */
		directory: AgencyDirectory
	) {
		this.#directory = directory;
		this.#deriver = new TaskDeriver(directory);
		this.user = { ...user, color: colorFor(user.id) };
		this.#pendingKey = `ket-luan:pending:${noticeId}`;
		this.#pending = new PendingChanges((items) => {
			this.#unsaved = items.length;
			this.#settleShownUnsaved();
			this.#savePendingSoon(items);
		});

		this.#idb = new IndexeddbPersistence(`ket-luan:notice:${noticeId}`, this.doc);
		// What was typed survives an unload that comes before IndexedDB has written it.
		this.#mirror = new UnloadMirror(this.doc, this.#idb, noticeId, () => this.#flushLocalWrites());
		void this.#idb.whenSynced.then(() => {
			// [P14] A copy kept from before the server checked updates may hold a poisoned one.
			dropPending(this.doc);
			this.#localLoaded = true;
			this.#refreshMeta();
			// Another tab of this notice deletes the local copy after an amendment ([P11]): let the
			// deletion through (it waits for every open connection) and load the page afresh too.
			const db = this.#idb.db;
			if (db)
				db.onversionchange = () => {
					db.close();
					location.reload();
				};
		});
		// Changes restored from the unload mirror had perhaps not reached the saved list either.
		for (const [client, clock] of this.#mirror.restored) this.#pending.record(client, clock);
		const mirrored = readPendingMirror(this.#pendingKey);
		if (mirrored.length) this.#pending.restore(mirrored);
		void idbGet<PendingChange[]>(this.#pendingKey).then((items) => {
			if (Array.isArray(items)) this.#pending.restore(items);
		});

		const wsBase = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
		this.provider = new WebsocketProvider(wsBase, noticeId, this.doc, {
			params: { [ACK_QUERY_PARAM]: '1' },
			maxBackoffTime: 5000,
			// No BroadcastChannel between tabs: it posted every keystroke and caret move a second
			// time (0.5 ms a key in the tab, more in the browser process). Tabs of one notice meet at
			// the server; offline, each keeps its own changes in IndexedDB, and they merge when the
			// connection is back (or at the next load, which reads the same IndexedDB database).
			disableBc: true
		});
		// Carets move with every key: their frames too are sent once per frame, after the paint.
		const carets = deferAwarenessAfterPaint(this.provider.awareness, libraryAwarenessHandler(this.provider));
		window.addEventListener('pagehide', carets.flush);
		this.#cleanup.push(
			() => window.removeEventListener('pagehide', carets.flush),
			() => carets.stop()
		);
		if (readOnly) {
			// A reader never sends document content: an editor plug-in normalising the doc locally
			// (a trailing paragraph, say) would otherwise get the connection closed as a violation.
			const provider = this.provider as unknown as { _updateHandler: (...args: unknown[]) => void };
			this.doc.off('update', provider._updateHandler);
		} else {
			// Sending and storing a keystroke wait until its frame is painted (one frame at most):
			// typing then costs what a plain editor costs. See afterPaint.ts and ARCHITECTURE.md.
			const send = deferUpdatesAfterPaint(this.doc, libraryUpdateHandler(this.provider, '_updateHandler'), this.provider);
			const store = deferUpdatesAfterPaint(this.doc, libraryUpdateHandler(this.#idb, '_storeUpdate'), this.#idb);
			this.#dropLocalWrites = () => store.drop();
			this.#flushLocalWrites = () => store.flush();
			const flushBoth = () => {
				send.flush();
				store.flush();
			};
			window.addEventListener('pagehide', flushBoth);
			this.#cleanup.push(
				() => window.removeEventListener('pagehide', flushBoth),
				() => send.stop(),
				() => store.stop()
			);
		}
		this.provider.messageHandlers[MessageType.saved] = (_encoder, decoder: decoding.Decoder) => {
			this.#pending.confirm(decodeStateVector(readSavedMessage(decoder)));
		};
		this.provider.messageHandlers[MessageType.amended] = (_encoder, decoder: decoding.Decoder) => {
			this.#amended(readAmendedMessage(decoder));
		};
		this.provider.awareness.setLocalStateField('user', { name: this.user.name, color: this.user.color, id: user.id });
		this.provider.awareness.setLocalStateField('unsaved', this.#shownUnsaved);
		this.#cleanup.push(() => clearTimeout(this.#shownTimer));
		// Closing or hiding the page writes the unconfirmed list at once (and mirrors it for the next page).
		this.#cleanup.push(
			mirrorPendingOnUnload(
				this.#pendingKey,
				() => this.#pendingItems,
				() => this.#writePending()
			)
		);

		// Tasks follow the text shortly after a pause in typing, whoever typed it. Extraction and
		// highlighting run in idle time, never on a keystroke's own frame: typing stays as fast as
		// in a plain editor however long the notice is.
		this.#listen(this.doc, 'update', () => this.#scheduleTaskRefresh());
		this.#cleanup.push(() => this.#cancelTaskRefresh());
		this.#listen(this.doc, 'update', (_update: Uint8Array, origin: unknown) => {
			// Local = typed here (editor, header form); not what came from the server or IndexedDB.
			if (origin === this.provider || origin === this.#idb || this.readOnly) return;
			this.#pending.record(this.doc.clientID, Y.getState(this.doc.store, this.doc.clientID));
		});
		const onMeta = () => this.#refreshMeta();
		this.notice.metaMap.observe(onMeta);
		this.#cleanup.push(() => this.notice.metaMap.unobserve(onMeta));
		this.#listen(this.provider, 'status', ({ status }: { status: string }) => {
			// Before this connection's step 2: it must not carry what this copy could not integrate. [P14]
			if (status === 'connected') dropPending(this.doc);
			this.#connection = status === 'connected' ? 'online' : navigator.onLine ? 'connecting' : 'offline';
		});
		this.#listen(this.provider, 'sync', (synced: boolean) => (this.#serverSynced = synced));
		this.#listen(this.provider, 'connection-close', (event: CloseEvent | null) => {
			this.#serverSynced = false;
			if (event?.code === CloseCode.UNAUTHORIZED) this.#sessionExpired(event.reason);
			else if (event && isPermanentClose(event.code)) this.#fatal = closeMessage(event.code);
			// A refused upgrade (401) reaches the page as a plain failed connection (1006), exactly
			// like a network problem: ask the server whether the session is still valid.
			else if (!this.#expired && navigator.onLine && (event === null || event.code < 4000)) void this.#probeSession();
			// Randomised ("full jitter") backoff: after a server restart, every client does not come
			// back in the same millisecond. y-websocket reads maxBackoffTime right after this event.
			const attempt = this.provider.wsUnsuccessfulReconnects + 1;
			this.provider.maxBackoffTime = Math.max(100, Math.random() * Math.min(5000, 2 ** attempt * 100));
		});
		// Every caret move is an awareness change: the presence list is re-read once per frame, after the paint.
		const peersFrame = afterPaint(() => this.#refreshPeers());
		this.#listen(this.provider.awareness, 'change', () => peersFrame.schedule());
		this.#cleanup.push(() => peersFrame.close());
		this.#refreshPeers();

		// A socket can outlive the network for a long while before the browser notices; drop it at
		// once so the badge and the unsaved count tell the truth, and come back as soon as we can.
		const goOffline = () => {
			this.#connection = 'offline';
			this.provider.disconnect();
			this.#settleShownUnsaved();
		};
		const goOnline = () => {
			// An expired session reconnects once the person has signed in again (#waitForSignIn).
			if (this.#expired) return;
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

	/** online / offline / connecting (to the sync server). */
	get connection(): Connection {
		return this.#connection;
	}
	/** True once the server's state has been received on the current connection. */
	get serverSynced(): boolean {
		return this.#serverSynced;
	}
	/** True once the local copy (IndexedDB) has been loaded. */
	get localLoaded(): boolean {
		return this.#localLoaded;
	}
	/** Number of local changes not yet confirmed as saved on the server (not reactive: show {@link shownUnsaved}). */
	get unsaved(): number {
		return this.#unsaved;
	}
	/**
	 * The unconfirmed count as people are shown it, and as colleagues see it in awareness: a change
	 * the server confirms within {@link SHOW_UNSAVED_MS} (every keystroke online) is not shown, so the
	 * badge and the presence list do not flicker, repaint and broadcast twice per key. It rises at
	 * once while offline or signed out, and falls to 0 at once.
	 */
	get shownUnsaved(): number {
		return this.#shownUnsaved;
	}

	#settleShownUnsaved(): void {
		const count = this.#unsaved;
		if (count === 0 || this.#shownUnsaved > 0 || this.#connection === 'offline' || this.#expired) {
			clearTimeout(this.#shownTimer);
			this.#shownTimer = undefined;
			this.#publishUnsaved(count);
			return;
		}
		this.#shownTimer ??= setTimeout(() => {
			this.#shownTimer = undefined;
			this.#publishUnsaved(this.#unsaved);
		}, SHOW_UNSAVED_MS);
	}

	/**
	 * Writes the unconfirmed list to IndexedDB at most every {@link PENDING_WRITE_MS} (and when the
	 * page is hidden or closed): online, every keystroke adds an entry and its ack removes it, and
	 * an IndexedDB transaction per change would cost more than the keystroke. The list only feeds
	 * the count shown after a reload: the changes themselves are in y-indexeddb at once, and the
	 * next sync sends everything the server lacks whatever the list says.
	 */
	#savePendingSoon(items: readonly PendingChange[]): void {
		this.#pendingItems = items;
		this.#pendingToWrite = items;
		this.#pendingTimer ??= setTimeout(() => this.#writePending(), PENDING_WRITE_MS);
	}

	#writePending(): void {
		clearTimeout(this.#pendingTimer);
		this.#pendingTimer = undefined;
		const items = this.#pendingToWrite;
		if (!items) return;
		this.#pendingToWrite = undefined;
		// Fire and forget is safe: the next write carries the whole list again.
		void idbSet(this.#pendingKey, items).catch(() => {
			/* quota or private mode: the count still works for this page load */
		});
	}

	#publishUnsaved(count: number): void {
		if (this.#shownUnsaved === count) return;
		this.#shownUnsaved = count;
		// Colleagues see who still has unconfirmed changes before they issue the notice. [P11]
		// (Undefined during construction: the constructor publishes the first count itself.)
		this.provider?.awareness.setLocalStateField('unsaved', count);
	}
	/** Participants present, self first. */
	get peers(): Peer[] {
		return this.#peers;
	}
	/** The header fields, kept current with remote edits. */
	get meta(): NoticeMeta {
		return this.#meta;
	}
	/** The notice's tasks in document order (assignment lines read from the body). */
	get tasks(): DraftTask[] {
		return this.#tasks;
	}

	/** The agency directory in force (with what the office taught: aliases, non-task phrasings). */
	get directory(): AgencyDirectory {
		return this.#directory;
	}

	/**
	 * Switches to a newer directory (after "Ghi nhớ cho lần sau" here or elsewhere) and reads the
	 * tasks again with it. Nothing happens when the version is the same.
	 */
	setDirectory(directory: AgencyDirectory): void {
		if (directory.version === this.#directory.version) return;
		this.#directory = directory;
		this.#deriver.setDirectory(directory);
		this.refreshTasks();
	}

	/**
	 * Asks the server whether the directory changed (when the page regains focus) and switches to
	 * it. Offline or signed out, it keeps the one it has.
	 */
	refreshDirectory(): Promise<void> {
		// Coming back to a tab fires both "focus" and "visibilitychange": one request for both.
		this.#directoryRequest ??= this.#fetchDirectory().finally(() => (this.#directoryRequest = undefined));
		return this.#directoryRequest;
	}

	async #fetchDirectory(): Promise<void> {
		try {
			const res = await fetch(`/api/directory?since=${encodeURIComponent(this.#directory.version)}`, { credentials: 'same-origin' });
			if (res.status !== 200) return;
			const body = (await res.json()) as { directory?: AgencyDirectory };
			if (body.directory?.version && Array.isArray(body.directory.entries)) this.setDirectory(body.directory);
		} catch {
			// Offline: the directory sent with the page stays in force.
		}
	}

	/** Re-reads the tasks now (only changed blocks are extracted again) and tells the listeners. */
	refreshTasks(): void {
		this.#cancelTaskRefresh();
		const tasks = this.#deriver.derive(this.notice.blocks(), this.notice.readMeta(), this.notice.readCorrections());
		this.#tasks = tasks;
		for (const fn of this.#taskListeners) fn(tasks);
	}

	/**
	 * Calls `fn` with every new task list (plain callback, outside Svelte's effects: the editor's
	 * highlights are pushed from here, so no effect ever dispatches into the editor).
	 */
	onTasks(fn: (tasks: DraftTask[]) => void): () => void {
		this.#taskListeners.add(fn);
		return () => this.#taskListeners.delete(fn);
	}

	/** Debounces a refresh to a pause of `TASK_PAUSE_MS` (no timer per key), then waits for an idle moment. */
	#scheduleTaskRefresh(): void {
		if (this.#taskIdle !== undefined) {
			cancelIdle(this.#taskIdle);
			this.#taskIdle = undefined;
		}
		this.#taskPause.touch();
	}

	#cancelTaskRefresh(): void {
		this.#taskPause.cancel();
		if (this.#taskIdle !== undefined) cancelIdle(this.#taskIdle);
		this.#taskIdle = undefined;
	}

	/** Stores a person's correction of a task; it syncs to everyone and holds until reset. */
	correctTask(taskId: string, patch: TaskCorrection): void {
		if (!this.editable) return;
		this.notice.correctTask(taskId, { ...patch, by: this.user.name }, LOCAL_META);
	}

	/** Drops the corrections of a task: the text decides again. */
	resetTask(taskId: string): void {
		if (!this.editable) return;
		this.notice.resetTask(taskId, LOCAL_META);
	}

	/** True when the sign-in behind this page has expired: the server refuses to sync until the person signs in again. */
	get expired(): boolean {
		return this.#expired;
	}

	/**
	 * What the page says while the sign-in is over: expired, or ended on the server while the
	 * notice was open (signed out elsewhere, password changed or reset, account locked). [P13]
	 */
	get expiredMessage(): string {
		switch (this.#endedBecause) {
			case RevokedReason.signedOut:
				return 'Bạn đã đăng xuất';
			case RevokedReason.passwordChanged:
				return 'Mật khẩu đã được đổi: hãy đăng nhập lại';
			case RevokedReason.passwordReset:
				return 'Mật khẩu của bạn đã được đặt lại: hãy đăng nhập lại';
			case RevokedReason.userDisabled:
				return 'Tài khoản của bạn đã bị khóa';
			default:
				return 'Phiên đăng nhập đã hết hạn';
		}
	}

	/** Id of the amendment draft that now holds our late changes to this issued notice ([P11]), once told. */
	get amendment(): string | null {
		return this.#amendment;
	}

	/**
	 * Opens the sign-in page in a small window, keeping this page (and what was typed) as it is;
	 * once the session is valid again, the window closes and sync resumes. False when the browser
	 * blocked the window (the caller then navigates to the sign-in page: unsaved changes are kept
	 * on this device and sync after the sign-in).
	 */
	openSignIn(): boolean {
		const w = window.open('/login?next=%2F', 'ket-luan-dang-nhap', 'popup,width=460,height=620');
		if (w === null) return false;
		this.#signInWindow = w;
		return true;
	}

	/** A reason the server gave for refusing this connection for good, in Vietnamese. */
	get fatal(): string | null {
		return this.#fatal;
	}

	/**
	 * Resolves when the editor may bind to the body: the local copy is loaded and the body has
	 * content (from IndexedDB or the server), or we are offline, or the server is slow to answer.
	 * Binding earlier would make the editor write its own empty first paragraph into the shared
	 * body, and every participant who opened the notice would add one more. [DS3]
	 */
	async whenReady(slowServerMs = 5000): Promise<void> {
		await this.#idb.whenSynced;
		if (this.notice.content.length > 0 || !navigator.onLine) return;
		await new Promise<void>((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.provider.off('sync', onSync);
				window.removeEventListener('offline', done);
				resolve();
			};
			const onSync = (synced: boolean) => synced && done();
			const timer = setTimeout(done, slowServerMs);
			if (this.provider.synced) return done();
			this.provider.on('sync', onSync);
			window.addEventListener('offline', done);
		});
	}

	/** True while this person may change the notice: an editor, and the notice is not issued. */
	get editable(): boolean {
		return !this.readOnly && this.#meta.state !== 'issued';
	}

	/** Writes header fields (ignored for readers: the server would refuse them anyway). */
	updateMeta(patch: Partial<NoticeMeta>): void {
		if (!this.editable) return;
		this.notice.writeMeta(patch, LOCAL_META);
	}

	/** Closes the connection and local storage handles. */
	destroy(): void {
		for (const fn of this.#cleanup.splice(0)) fn();
		this.#mirror.destroy();
		this.provider.destroy();
		void this.#idb.destroy();
		this.doc.destroy();
	}

	/** Asks the server whether our session is valid; a 401 means it expired. */
	async #probeSession(): Promise<void> {
		if (this.#probing) return;
		this.#probing = true;
		try {
			const res = await fetch('/api/session', { cache: 'no-store', credentials: 'same-origin' });
			if (res.status === 401) this.#sessionExpired();
		} catch {
			/* offline or the server is down: y-websocket keeps retrying and the badge says so */
		} finally {
			this.#probing = false;
		}
	}

	/** The server no longer accepts our sign-in: say so, stop reconnecting, wait for a new sign-in. */
	#sessionExpired(reason?: string): void {
		if (this.#expired) return;
		this.#endedBecause = reason || null;
		this.#expired = true;
		this.#settleShownUnsaved();
		// Every reconnect would be refused the same way until the person signs in again.
		this.provider.disconnect();
		this.#waitForSignIn();
	}

	/** Polls until the session is valid again (signed in in the popup or another tab), then reconnects. */
	#waitForSignIn(): void {
		let timer: ReturnType<typeof setTimeout> | undefined;
		let stopped = false;
		const check = async (): Promise<void> => {
			clearTimeout(timer);
			if (stopped) return;
			try {
				const res = await fetch('/api/session', { cache: 'no-store', credentials: 'same-origin' });
				if (res.ok) {
					stop();
					this.#expired = false;
					this.#signInWindow?.close();
					this.#signInWindow = null;
					// The local changes are still in the doc (and IndexedDB); the new connection's
					// sync step 2 sends them, and the saved acks empty the unsaved count.
					this.#connection = 'connecting';
					this.provider.connect();
					return;
				}
			} catch {
				/* offline for a moment: try again on the next tick */
			}
			if (!stopped) timer = setTimeout(() => void check(), SESSION_POLL_MS);
		};
		const onFocus = () => void check();
		const stop = () => {
			stopped = true;
			clearTimeout(timer);
			window.removeEventListener('focus', onFocus);
		};
		window.addEventListener('focus', onFocus);
		this.#cleanup.push(stop);
		timer = setTimeout(() => void check(), SESSION_POLL_MS);
	}

	/**
	 * [P11] The notice was issued before our changes reached the server; the server kept them in
	 * draft `amendmentId`. Our copy of the notice still holds those changes, and the editor is bound
	 * to it: drop it (IndexedDB and the unsaved list) and load the page afresh, which then shows the
	 * issued text and, from the server, where our changes went.
	 */
	#amended(amendmentId: string): void {
		if (this.#amendment !== null) return;
		this.#amendment = amendmentId;
		this.#pending.clear();
		this.#mirror.discard();
		this.#dropLocalWrites();
		// The empty list is written below; a coalesced write must not bring the old one back.
		clearTimeout(this.#pendingTimer);
		this.#pendingTimer = undefined;
		this.#pendingToWrite = undefined;
		this.provider.disconnect();
		// Deleting the copy waits for other tabs to close theirs; do not wait forever for one that
		// does not (an older version of the page).
		const timeout = new Promise((resolve) => setTimeout(resolve, 3000));
		void Promise.race([Promise.allSettled([idbSet(this.#pendingKey, []), this.#idb.clearData()]), timeout]).then(() => location.reload());
	}

	#refreshMeta(): void {
		this.#meta = this.notice.readMeta();
	}

	#refreshPeers(): void {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const { user: u, unsaved } = state as { user?: { name?: unknown; color?: unknown }; unsaved?: unknown };
			if (!u || typeof u.name !== 'string') continue;
			peers.push({
				clientId,
				name: u.name,
				color: typeof u.color === 'string' ? u.color : '#888',
				self: clientId === this.doc.clientID,
				unsaved: typeof unsaved === 'number' && Number.isSafeInteger(unsaved) && unsaved > 0 ? unsaved : 0
			});
		}
		peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'vi'));
		// Awareness changes with every caret move; the list only when someone comes, goes or changes.
		const same = (x: Peer, y: Peer | undefined) =>
			!!y && x.clientId === y.clientId && x.name === y.name && x.color === y.color && x.self === y.self && x.unsaved === y.unsaved;
		if (peers.length === this.#peers.length && peers.every((p, i) => same(p, this.#peers[i]))) return;
		this.#peers = peers;
	}

	/** Subscribes to a lib0 Observable-style emitter and remembers to unsubscribe. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	#listen(target: Emitter, event: string, fn: (...args: any[]) => void): void {
		target.on(event, fn);
		this.#cleanup.push(() => target.off(event, fn));
	}
}

/**
 * The doc 'update' listener a library registered on our doc (y-websocket's `_updateHandler`,
 * y-indexeddb's `_storeUpdate`: private names, checked here so that an upgrade that renames them
 * fails loudly — and in `afterPaint.test.ts` — instead of silently sending or storing twice).
 */
export function libraryUpdateHandler(target: object, field: '_updateHandler' | '_storeUpdate'): UpdateHandler {
	const handler = (target as Record<string, unknown>)[field];
	if (typeof handler !== 'function') throw new Error(`${target.constructor.name}.${field} không còn tồn tại: hãy xem lại afterPaint.ts khi nâng cấp thư viện.`);
	return handler as UpdateHandler;
}

/** y-websocket's awareness 'update' listener (private name, checked like {@link libraryUpdateHandler}). */
export function libraryAwarenessHandler(provider: object): AwarenessHandler {
	const handler = (provider as Record<string, unknown>)['_awarenessUpdateHandler'];
	if (typeof handler !== 'function')
		throw new Error(`${provider.constructor.name}._awarenessUpdateHandler không còn tồn tại: hãy xem lại afterPaint.ts khi nâng cấp thư viện.`);
	return handler as AwarenessHandler;
}

/** The on/off shape shared by Y.Doc, y-websocket's provider and awareness. */
interface Emitter {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	on(event: string, fn: (...args: any[]) => void): void;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	off(event: string, fn: (...args: any[]) => void): void;
}

/** What a person reads when the server closed the connection for good. */
function closeMessage(code: number): string {
	switch (code) {
		case CloseCode.UNAUTHORIZED:
			return 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại; nội dung bạn đã gõ vẫn được giữ trên máy này.';
		case CloseCode.READ_ONLY_VIOLATION:
			return 'Bạn chỉ có quyền xem thông báo này; thay đổi không được lưu lên máy chủ.';
		case CloseCode.NOTICE_FROZEN:
			return 'Thông báo đã được ban hành nên không thể sửa nữa.';
		case CloseCode.NOTICE_DELETED:
			return 'Thông báo này đã bị xóa.';
		case CloseCode.ACCESS_CHANGED:
			return 'Vai trò hoặc cơ quan của bạn vừa được thay đổi. Hãy tải lại trang để tiếp tục với quyền mới; nội dung bạn đã gõ vẫn được giữ trên máy này.';
		case CloseCode.MESSAGE_TOO_LARGE:
			return 'Thay đổi quá lớn, máy chủ không nhận. Hãy chia nhỏ nội dung dán vào.';
		case CloseCode.UPDATE_REFUSED:
			return 'Máy chủ không nhận thay đổi vừa rồi: nó không hợp với cấu trúc của thông báo hoặc làm thông báo quá lớn. Hãy tải lại trang; nội dung trên máy này vẫn được giữ.';
		default:
			return `Máy chủ đã ngắt kết nối (mã ${code}). Hãy tải lại trang; nội dung trên máy này vẫn được giữ.`;
	}
}
