import type { Db } from '../db';
import { DocStoreError } from './DocStoreError';
import { GroupCommitQueue } from './GroupCommitQueue';
import type { DocStore, DocStoreStats, LoadedDoc, LogSeq } from './types';

// AUTOINCREMENT (not a plain rowid) so a seq is never reused after compaction deleted the newest
// rows: a reused seq could fall under a snapshot's `up_to` and be skipped on load.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	doc  TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_doc_seq ON doc_updates (doc, seq);
CREATE TABLE IF NOT EXISTS doc_snapshots (
	doc        TEXT PRIMARY KEY,
	up_to      INTEGER NOT NULL,
	data       BLOB NOT NULL,
	updated_at INTEGER NOT NULL
);
`;

interface SnapshotRow {
	up_to: number;
	data: Buffer;
}
interface UpdateRow {
	seq: number;
	data: Buffer;
}

/**
 * A DocStore in the embedded SQLite database (tables prefixed `doc_`, beside the host's tables).
 * better-sqlite3 is synchronous: a group commit is one short transaction on the event loop, which
 * in WAL mode with `synchronous = NORMAL` does not fsync — durable across a process crash.
 */
export function openSqliteDocStore(db: Db): DocStore {
	db.exec(SCHEMA);
	const insertUpdate = db.prepare<[string, Uint8Array]>('INSERT INTO doc_updates (doc, data) VALUES (?, ?)');
	const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT up_to, data FROM doc_snapshots WHERE doc = ?');
	const selectSnapshotUpTo = db.prepare<[string], number>('SELECT up_to FROM doc_snapshots WHERE doc = ?').pluck();
	const selectLog = db.prepare<[string, number], UpdateRow>('SELECT seq, data FROM doc_updates WHERE doc = ? AND seq > ? ORDER BY seq');
	const upsertSnapshot = db.prepare<[string, number, Uint8Array, number]>(
		`INSERT INTO doc_snapshots (doc, up_to, data, updated_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (doc) DO UPDATE SET up_to = excluded.up_to, data = excluded.data, updated_at = excluded.updated_at`
	);
	const deleteLogUpTo = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?');

	let closed = false;
	const stats = { appends: 0, commits: 0, compactions: 0 };

	const commitAppends = db.transaction((items: { docName: string; update: Uint8Array }[]): LogSeq[] => {
		const seqs: LogSeq[] = [];
		for (const { docName, update } of items) {
			seqs.push(Number(insertUpdate.run(docName, update).lastInsertRowid) as LogSeq);
		}
		return seqs;
	});
	const queue = new GroupCommitQueue<{ docName: string; update: Uint8Array }, LogSeq>((items) => {
		const seqs = commitAppends.immediate(items);
		stats.appends += items.length;
		stats.commits++;
		return seqs;
	});

	const readDoc = db.transaction((docName: string): LoadedDoc => {
		const snapshot = selectSnapshot.get(docName);
		const after = snapshot?.up_to ?? 0;
		const log = selectLog.all(docName, after);
		const updates: Uint8Array[] = log.map((row) => row.data);
		if (snapshot !== undefined) updates.unshift(snapshot.data);
		const head = (log.at(-1)?.seq ?? after) as LogSeq;
		return { updates, logLength: log.length, head };
	});

	const replaceByCompaction = db.transaction((docName: string, snapshot: Uint8Array, upTo: LogSeq): boolean => {
		const current = selectSnapshotUpTo.get(docName);
		if (current !== undefined && current >= upTo) return false;
		upsertSnapshot.run(docName, upTo, snapshot, Date.now());
		deleteLogUpTo.run(docName, upTo);
		return true;
	});

	const assertOpen = (): void => {
		if (closed) throw new DocStoreError('closed', 'the document store is closed');
	};

	return {
		async load(docName: string): Promise<LoadedDoc> {
			assertOpen();
			await queue.flush();
			return readDoc(docName);
		},

		append(docName: string, update: Uint8Array): Promise<LogSeq> {
			if (closed) return Promise.reject(new DocStoreError('closed', 'the document store is closed'));
			// Copy now: the batch is written on the next tick and the caller may reuse its buffer.
			return queue.push({ docName, update: update.slice() });
		},

		async compact(docName: string, snapshot: Uint8Array, upTo: LogSeq): Promise<void> {
			assertOpen();
			if (replaceByCompaction.immediate(docName, snapshot, upTo)) stats.compactions++;
		},

		stats(): DocStoreStats {
			return { ...stats };
		},

		async close(): Promise<void> {
			if (closed) return;
			// Refuse new appends first, then commit the ones already issued.
			closed = true;
			await queue.flush();
		}
	};
}
