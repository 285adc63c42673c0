import { DocStoreError } from './DocStoreError';
import { GroupCommitQueue } from './GroupCommitQueue';
import type { DocStore, DocStoreStats, LoadedDoc, LogSeq } from './types';

interface MemoryDoc {
	snapshot: { data: Uint8Array; upTo: LogSeq } | null;
	log: { seq: LogSeq; data: Uint8Array }[];
}

/** The backing data of in-memory stores; pass the same one to a new store to simulate a restart. */
export interface MemoryDocStoreData {
	docs: Map<string, MemoryDoc>;
	lastSeq: number;
}

/** Creates empty backing data for {@link openMemoryDocStore}. */
export function createMemoryDocStoreData(): MemoryDocStoreData {
	return { docs: new Map(), lastSeq: 0 };
}

/** A DocStore kept in memory (tests, benchmarks of the sync logic alone). Same semantics as SQLite. */
export function openMemoryDocStore(data: MemoryDocStoreData = createMemoryDocStoreData()): DocStore {
	let closed = false;
	const stats = { appends: 0, commits: 0, compactions: 0 };

	const docOf = (name: string): MemoryDoc => {
		let doc = data.docs.get(name);
		if (doc === undefined) {
			doc = { snapshot: null, log: [] };
			data.docs.set(name, doc);
		}
		return doc;
	};

	const queue = new GroupCommitQueue<{ docName: string; update: Uint8Array }, LogSeq>((items) => {
		const seqs: LogSeq[] = [];
		for (const { docName, update } of items) {
			const seq = ++data.lastSeq as LogSeq;
			docOf(docName).log.push({ seq, data: update });
			seqs.push(seq);
		}
		stats.appends += items.length;
		stats.commits++;
		return seqs;
	});

	const assertOpen = (): void => {
		if (closed) throw new DocStoreError('closed', 'the document store is closed');
	};

	return {
		async load(docName: string): Promise<LoadedDoc> {
			assertOpen();
			await queue.flush();
			const doc = data.docs.get(docName);
			if (doc === undefined) return { updates: [], logLength: 0, head: 0 as LogSeq };
			const after = doc.snapshot?.upTo ?? 0;
			const log = doc.log.filter((e) => e.seq > after);
			const updates = log.map((e) => e.data.slice());
			if (doc.snapshot !== null) updates.unshift(doc.snapshot.data.slice());
			const head = (log.at(-1)?.seq ?? after) as LogSeq;
			return { updates, logLength: log.length, head };
		},

		append(docName: string, update: Uint8Array): Promise<LogSeq> {
			if (closed) return Promise.reject(new DocStoreError('closed', 'the document store is closed'));
			return queue.push({ docName, update: update.slice() });
		},

		async compact(docName: string, snapshot: Uint8Array, upTo: LogSeq): Promise<void> {
			assertOpen();
			const doc = docOf(docName);
			if (doc.snapshot !== null && doc.snapshot.upTo >= upTo) return;
			doc.snapshot = { data: snapshot.slice(), upTo };
			doc.log = doc.log.filter((e) => e.seq > upTo);
			stats.compactions++;
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
