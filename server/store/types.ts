/**
 * The document storage contract: an append-only log of Yjs updates per document, plus one compacted
 * snapshot that replaces the log's prefix. SQLite (default), in-memory (tests) and, later, PostgreSQL
 * implement it; `runDocStoreContract` (docStoreContract.ts) is the one suite every backend passes.
 */

/**
 * Position of an update in the store. Strictly increasing in append order and never reused (also
 * across documents), so "every update up to X" stays meaningful while appends race a compaction.
 */
export type LogSeq = number & { readonly __brand: 'LogSeq' };

/** The stored state of one document, as returned by {@link DocStore.load}. */
export interface LoadedDoc {
	/** The snapshot first (when there is one), then every logged update after it, in append order. */
	readonly updates: Uint8Array[];
	/** How many of `updates` are log entries (not the snapshot) — lets the caller decide to compact. */
	readonly logLength: number;
	/** Seq of the newest update included (the snapshot's `upTo` when the log is empty); 0 when empty. */
	readonly head: LogSeq;
}

/** Counters a store keeps since it was opened (monitoring; the contract suite checks group commit). */
export interface DocStoreStats {
	/** Updates durably appended. */
	readonly appends: number;
	/** Write transactions that carried appends (fewer than `appends` thanks to group commit). */
	readonly commits: number;
	/** Compactions that replaced part of a log. */
	readonly compactions: number;
}

/** Durable storage of Yjs documents by name (the sync server names them by notice id). */
export interface DocStore {
	/**
	 * Reads a document: its snapshot, then its log. Includes every append issued before the call
	 * (pending ones are committed first). An unknown document loads as `{ updates: [], head: 0 }`.
	 */
	load(docName: string): Promise<LoadedDoc>;

	/**
	 * Appends one update to a document's log and resolves with its seq once it is durably written
	 * (survives a crash of this process). Appends issued in the same event-loop tick, for any
	 * documents, are group-committed in ONE transaction; per document, seqs follow call order.
	 * The bytes are copied: the caller may reuse `update` as soon as this returns.
	 */
	append(docName: string, update: Uint8Array): Promise<LogSeq>;

	/**
	 * Replaces every log entry with seq ≤ `upTo` by `snapshot`, atomically. `snapshot` must contain
	 * all of those updates (and the previous snapshot). Entries appended after `upTo` — including
	 * ones racing in while this runs — are kept. A compaction older than the stored snapshot
	 * (`upTo` ≤ its `upTo`) is ignored.
	 */
	compact(docName: string, snapshot: Uint8Array, upTo: LogSeq): Promise<void>;

	/** Counters since open. */
	stats(): DocStoreStats;

	/**
	 * Commits pending appends, then refuses new calls (they reject with a `DocStoreError` whose
	 * reason is `'closed'`). Does not close a database handle the store was given.
	 */
	close(): Promise<void>;
}
