import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';
import type { IndexeddbPersistence } from 'y-indexeddb';

/** Origin of updates restored from a mirror, so they count as local changes still to send. */
export const MIRROR_ORIGIN = Symbol('unload-mirror');

/** y-indexeddb's object store of updates (`y-indexeddb/src/y-indexeddb.js`, stable since v9). */
const UPDATES_STORE = 'updates';

/** How often the mirror checks that IndexedDB holds what was typed. */
const CHECKPOINT_MS = 250;

/**
 * Keeps what was typed across a reload or a closed tab even when IndexedDB had no time to write it.
 *
 * y-indexeddb writes every update in a transaction of its own, asynchronously; a page that
 * unloads right after fast typing (a reload while offline, say) aborts the transactions still
 * queued, and the words are gone from this device (seen in CI: a line typed offline, then an
 * immediate reload, came back as its first nine characters). So every update is also kept in
 * memory until a later IndexedDB transaction on the same store has completed — IndexedDB runs
 * transactions on one store in order, so that proves the earlier writes are stored — and
 * whatever is still unproven when the page is hidden or unloads is written, synchronously, to
 * localStorage. The next page applies it before anything else and removes it once IndexedDB has
 * it. One key per tab, so two tabs of a notice never remove each other's copy.
 */
export class UnloadMirror {
	readonly #prefix: string;
	readonly #key: string;
	/** Updates not yet proven stored by IndexedDB, oldest first. */
	#tail: Uint8Array[] = [];
	#timer: ReturnType<typeof setTimeout> | undefined;
	#restoredKeys: string[] = [];
	/** What the restored copies hold, per client: the state (next clock) they reach, for the unsaved count. */
	readonly restored = new Map<number, number>();
	readonly #cleanup: (() => void)[] = [];

	/**
	 * @param flushWrites hands y-indexeddb, now, the updates whose writes are still queued (see
	 *   `deferUpdatesAfterPaint`): a checkpoint proves only what was handed to IndexedDB before it.
	 */
	constructor(
		private readonly doc: Y.Doc,
		private readonly persistence: Pick<IndexeddbPersistence, 'db' | 'synced'>,
		noticeId: string,
		private readonly flushWrites: () => void = () => {}
	) {
		this.#prefix = `ket-luan:unflushed:${noticeId}:`;
		this.#key = this.#prefix + Math.random().toString(36).slice(2);
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === this.persistence) return; // read from IndexedDB: already there
			this.#tail.push(update);
			this.#schedule();
		};
		doc.on('update', onUpdate);
		this.#cleanup.push(() => doc.off('update', onUpdate));
		const onHide = () => this.#mirror();
		window.addEventListener('pagehide', onHide);
		const onVisibility = () => document.visibilityState === 'hidden' && this.#mirror();
		document.addEventListener('visibilitychange', onVisibility);
		this.#cleanup.push(
			() => window.removeEventListener('pagehide', onHide),
			() => document.removeEventListener('visibilitychange', onVisibility)
		);
		this.#restore();
	}

	/** Applies what earlier pages of this notice left in localStorage (they unloaded too early). */
	#restore(): void {
		let store: Storage;
		try {
			store = localStorage;
		} catch {
			return; // storage disabled: IndexedDB alone keeps the copy
		}
		for (let i = 0; i < store.length; i++) {
			const key = store.key(i);
			if (!key?.startsWith(this.#prefix)) continue;
			const value = store.getItem(key);
			this.#restoredKeys.push(key);
			try {
				if (!value) continue;
				const update = fromBase64(value);
				Y.applyUpdate(this.doc, update, MIRROR_ORIGIN);
				for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)))
					this.restored.set(client, Math.max(clock, this.restored.get(client) ?? 0));
			} catch (e) {
				// A damaged copy must not stop the notice from opening; the key is dropped below.
				console.warn('Bản sao dự phòng trên máy này bị hỏng, đã bỏ qua:', e);
			}
		}
		if (this.#restoredKeys.length) this.#schedule();
	}

	#schedule(): void {
		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			this.#checkpoint();
		}, CHECKPOINT_MS);
	}

	/** Proves the first updates of the tail stored by completing a later transaction on their store. */
	#checkpoint(): void {
		const db = this.persistence.db;
		// The database opens asynchronously (and then stores the whole doc): wait for it.
		if (!db || !this.persistence.synced) return this.#schedule();
		// Writes waiting for a frame are not yet IndexedDB's: a transaction that completes before
		// they are even issued would "prove" them, and a reload right after would lose them (seen in
		// CI: the end of a line typed offline was gone after an immediate reload). Issue them first.
		this.flushWrites();
		const proven = this.#tail.length;
		const restored = this.#restoredKeys.splice(0);
		let tx: IDBTransaction;
		try {
			tx = db.transaction([UPDATES_STORE], 'readonly');
		} catch {
			this.#restoredKeys.push(...restored);
			return this.#schedule(); // closing or closed: try again while the page lives
		}
		tx.oncomplete = () => {
			this.#tail.splice(0, proven);
			for (const key of restored) localStorage.removeItem(key);
			if (!this.#tail.length) localStorage.removeItem(this.#key);
			else this.#schedule();
		};
		tx.onabort = tx.onerror = () => {
			this.#restoredKeys.push(...restored);
			this.#schedule();
		};
	}

	/** Writes what IndexedDB may not hold yet to localStorage, synchronously (the page is going). */
	#mirror(): void {
		try {
			if (!this.#tail.length) localStorage.removeItem(this.#key);
			else localStorage.setItem(this.#key, toBase64(Y.mergeUpdates(this.#tail)));
		} catch (e) {
			// Quota or disabled storage: IndexedDB's own writes are all that is left.
			console.warn('Không ghi được bản sao dự phòng trên máy này:', e);
		}
	}

	/**
	 * Forgets everything unproven and every copy of this notice in localStorage, and mirrors no
	 * more: the local copy is being dropped on purpose (the changes went to an amendment, [P11]).
	 */
	discard(): void {
		clearTimeout(this.#timer);
		this.#tail = [];
		for (const fn of this.#cleanup.splice(0)) fn();
		try {
			for (let i = localStorage.length - 1; i >= 0; i--) {
				const key = localStorage.key(i);
				if (key?.startsWith(this.#prefix)) localStorage.removeItem(key);
			}
		} catch {
			// Storage disabled: nothing was mirrored there.
		}
	}

	/** Stops mirroring (the session closes); what is unproven is mirrored one last time. */
	destroy(): void {
		clearTimeout(this.#timer);
		this.#mirror();
		for (const fn of this.#cleanup.splice(0)) fn();
	}
}
