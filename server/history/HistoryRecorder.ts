import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import type { Principal } from '../sync/types';
import type { VersionStore } from './VersionStore';
import type { Author, VersionKind } from './types';

/** When versions are recorded while a notice is edited. [HS2] */
export interface RecorderTiming {
	/** A change with the newest version at least this old records a version at once. Default 5 min. */
	intervalMs: number;
	/** A version is recorded once editing has paused this long. Default 2 min. */
	pauseMs: number;
}

/** Production timing (tests shorten it through the host's environment, see services.ts). */
export const DEFAULT_TIMING: RecorderTiming = { intervalMs: 5 * 60_000, pauseMs: 2 * 60_000 };

/** Where the recorder reports a version it could not record. */
export type RecorderLog = (message: string, error: unknown) => void;

/**
 * Records versions of notices as they are edited (HISTORY.md [HS2]–[HS5]): fed by the sync
 * server's `onClientUpdate` (who edited) and `onDocChanged` (that a doc changed), and told about
 * issues and manual saves by the routes.
 */
export class HistoryRecorder {
	/** Authors since the newest version, per notice (in memory: see [HS5] for what a crash loses). */
	readonly #authors = new Map<string, Map<string, Author>>();
	readonly #pauseTimers = new Map<string, NodeJS.Timeout>();
	/** Recordings started by a pause timer or a route, so close() can wait for them. */
	readonly #running = new Set<Promise<unknown>>();
	#closed = false;

	constructor(
		private readonly versions: VersionStore,
		/** Reads a notice's doc as stored (every update the sync server accepted). */
		private readonly load: (noticeId: string) => Promise<Y.Doc>,
		private readonly timing: RecorderTiming = DEFAULT_TIMING,
		private readonly now: () => number = Date.now,
		private readonly log: RecorderLog = (message, error) => console.error(message, error)
	) {}

	/** A client's update to `noticeId` from `principal` was applied: they are an author. [HS5] */
	edited(noticeId: string, principal: Principal): void {
		let authors = this.#authors.get(noticeId);
		if (!authors) this.#authors.set(noticeId, (authors = new Map()));
		if (!authors.has(principal.userId)) authors.set(principal.userId, { id: principal.userId, name: principal.name });
	}

	/**
	 * `doc` (the sync server's live copy) changed. Records a version now when the newest one is
	 * `intervalMs` old or there is none; otherwise (re)arms the pause timer. [HS2] An issued notice
	 * gets its version from {@link recordIssue} instead. [HS4]
	 */
	changed(noticeId: string, doc: Y.Doc): void {
		if (this.#closed || new NoticeDoc(doc).readMeta().state === 'issued') return;
		const latest = this.versions.latest(noticeId);
		if (!latest || this.now() - latest.createdAt >= this.timing.intervalMs) {
			this.#record(noticeId, doc, 'auto', []);
			return;
		}
		this.#armPause(noticeId);
	}

	/** Records the issued (frozen) state, with whoever issued it among the authors. [HS4] */
	recordIssue(noticeId: string, issuer: Principal): Promise<number | null> {
		return this.#track(this.#recordStored(noticeId, 'issue', [{ id: issuer.userId, name: issuer.name }]));
	}

	/** Records the current state because a person asked for it ("Lưu phiên bản"). */
	recordManual(noticeId: string, by: Principal): Promise<number | null> {
		return this.#track(this.#recordStored(noticeId, 'manual', [{ id: by.userId, name: by.name }]));
	}

	/** Records what the pause timers would have, now, and waits for recordings under way. */
	async flush(): Promise<void> {
		for (const [noticeId, timer] of this.#pauseTimers) {
			clearTimeout(timer);
			this.#pauseTimers.delete(noticeId);
			void this.#track(this.#recordStored(noticeId, 'auto', []));
		}
		await Promise.all([...this.#running]);
	}

	#armPause(noticeId: string): void {
		const old = this.#pauseTimers.get(noticeId);
		if (old) clearTimeout(old);
		const timer = setTimeout(() => {
			this.#pauseTimers.delete(noticeId);
			void this.#track(this.#recordStored(noticeId, 'auto', []));
		}, this.timing.pauseMs);
		// A pending version must not keep a finished process (or a test) alive; close() flushes it.
		timer.unref();
		this.#pauseTimers.set(noticeId, timer);
	}

	#track<T>(p: Promise<T>): Promise<T> {
		this.#running.add(p);
		void p
			.finally(() => this.#running.delete(p))
			.catch(() => {
				/* the caller of #track sees the rejection; this copy only cleans up */
			});
		return p;
	}

	/** Loads the stored doc and records it; an auto version of an issued doc waits for the issue's. */
	async #recordStored(noticeId: string, kind: VersionKind, extra: Author[]): Promise<number | null> {
		if (kind !== 'auto') {
			const timer = this.#pauseTimers.get(noticeId);
			if (timer) clearTimeout(timer);
			this.#pauseTimers.delete(noticeId);
		}
		const seen = this.#pending(noticeId);
		let doc: Y.Doc;
		try {
			doc = await this.load(noticeId);
		} catch (e) {
			if (kind !== 'auto') throw e;
			this.log(`Không lưu được phiên bản của thông báo ${noticeId}:`, e);
			return null;
		}
		try {
			if (kind === 'auto' && new NoticeDoc(doc).readMeta().state === 'issued') return null;
			return this.#record(noticeId, doc, kind, extra, seen);
		} finally {
			doc.destroy();
		}
	}

	/** Writes one version of `doc`, unless an automatic one would repeat the newest. [HS3] */
	#record(noticeId: string, doc: Y.Doc, kind: VersionKind, extra: Author[], seen = this.#pending(noticeId)): number | null {
		const timer = this.#pauseTimers.get(noticeId);
		if (timer) clearTimeout(timer);
		this.#pauseTimers.delete(noticeId);
		// A state vector alone would miss deletions (they add no items): compare Yjs snapshots.
		const snapshot = Y.snapshot(doc);
		const latest = this.versions.latest(noticeId);
		if (kind === 'auto' && latest && Y.equalSnapshots(Y.decodeSnapshot(latest.snapshot), snapshot)) return null;
		const authors = new Map(seen);
		for (const a of extra) if (!authors.has(a.id)) authors.set(a.id, a);
		try {
			const seq = this.versions.add(noticeId, {
				kind,
				createdAt: this.now(),
				authors: [...authors.values()],
				state: Y.encodeStateAsUpdate(doc),
				snapshot: Y.encodeSnapshot(snapshot)
			});
			// Only the authors this version names: someone who edited while it was being read from
			// the store may have an edit that is not in it, and is named again by the next version.
			const pending = this.#authors.get(noticeId);
			for (const id of seen.keys()) pending?.delete(id);
			if (pending?.size === 0) this.#authors.delete(noticeId);
			return seq;
		} catch (e) {
			// Keep the authors for the next attempt; the edits themselves are safe in the doc store.
			if (kind !== 'auto') throw e;
			this.log(`Không lưu được phiên bản của thông báo ${noticeId}:`, e);
			return null;
		}
	}

	/** A copy of the authors seen since the newest version. */
	#pending(noticeId: string): Map<string, Author> {
		return new Map(this.#authors.get(noticeId));
	}

	/** Stops the pause timers and ignores later changes (after {@link flush}, at shutdown). */
	close(): void {
		this.#closed = true;
		for (const timer of this.#pauseTimers.values()) clearTimeout(timer);
		this.#pauseTimers.clear();
	}
}
