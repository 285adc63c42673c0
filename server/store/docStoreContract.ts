import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocStoreError } from './DocStoreError';
import type { DocStore, LogSeq } from './types';

/** Backing storage for one contract test; `open()` again after `close()` simulates a restart. */
export interface DocStoreFixture {
	/** Opens a store on this fixture's storage. */
	open(): DocStore | Promise<DocStore>;
	/** Removes the storage (temp files…). */
	dispose(): void | Promise<void>;
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (u: Uint8Array): string => new TextDecoder().decode(u);

/** The behaviour every DocStore backend must have; call once per backend from a `*.test.ts`. */
export function runDocStoreContract(name: string, makeFixture: () => DocStoreFixture | Promise<DocStoreFixture>): void {
	describe(`DocStore contract: ${name}`, () => {
		let fixture: DocStoreFixture;
		let store: DocStore;

		beforeEach(async () => {
			fixture = await makeFixture();
			store = await fixture.open();
		});
		afterEach(async () => {
			await store.close();
			await fixture.dispose();
		});

		it('loads an unknown document as empty with head 0', async () => {
			expect(await store.load('nothing-here')).toEqual({ updates: [], logLength: 0, head: 0 });
		});

		it('loads appended updates in append order, sequential and same-tick alike', async () => {
			await store.append('d', text('a'));
			await store.append('d', text('b'));
			const sameTick = ['c', 'd', 'e', 'f'].map((s) => store.append('d', text(s)));
			await Promise.all(sameTick);
			const loaded = await store.load('d');
			expect(loaded.updates.map(decode)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
			expect(loaded.logLength).toBe(6);
		});

		it('resolves appends with strictly increasing seqs and reports the newest as head', async () => {
			const seqs: LogSeq[] = [];
			for (let i = 0; i < 5; i++) seqs.push(await store.append('d', bytes(i)));
			seqs.push(...(await Promise.all([store.append('d', bytes(5)), store.append('e', bytes(6))])));
			for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!);
			expect((await store.load('d')).head).toBe(seqs[5]);
		});

		it('group-commits every append of one tick, across documents, in one transaction', async () => {
			await store.append('warm-up', bytes(0));
			const before = store.stats();
			const all = Array.from({ length: 60 }, (_, i) => store.append(`doc-${i % 3}`, bytes(i)));
			await Promise.all(all);
			const after = store.stats();
			expect(after.commits - before.commits).toBe(1);
			expect(after.appends - before.appends).toBe(60);
			for (let d = 0; d < 3; d++) {
				const loaded = await store.load(`doc-${d}`);
				expect(loaded.updates.map((u) => u[0])).toEqual(Array.from({ length: 20 }, (_, i) => i * 3 + d));
			}
		});

		it('sees appends issued before load even when they are not committed yet', async () => {
			const pending = store.append('d', text('early'));
			const loaded = await store.load('d');
			expect(loaded.updates.map(decode)).toEqual(['early']);
			await pending;
		});

		it('copies appended bytes, so the caller may reuse its buffer at once', async () => {
			const buffer = text('original');
			const done = store.append('d', buffer);
			buffer.fill(0);
			await done;
			expect(decode((await store.load('d')).updates[0]!)).toBe('original');
		});

		it('compaction replaces the log up to a seq by the snapshot and keeps the rest', async () => {
			const seqs: LogSeq[] = [];
			for (const s of ['1', '2', '3', '4', '5']) seqs.push(await store.append('d', text(s)));
			await store.compact('d', text('snap(1..3)'), seqs[2]!);
			const loaded = await store.load('d');
			expect(loaded.updates.map(decode)).toEqual(['snap(1..3)', '4', '5']);
			expect(loaded.logLength).toBe(2);
			expect(loaded.head).toBe(seqs[4]);
			expect(store.stats().compactions).toBe(1);
		});

		it('keeps appends that race a compaction (issued before and after it in the same tick)', async () => {
			const first = await store.append('d', text('1'));
			const racingBefore = store.append('d', text('2'));
			const compaction = store.compact('d', text('snap(1)'), first);
			const racingAfter = store.append('d', text('3'));
			await Promise.all([racingBefore, compaction, racingAfter]);
			expect((await store.load('d')).updates.map(decode)).toEqual(['snap(1)', '2', '3']);
		});

		it('ignores a compaction older than the stored snapshot', async () => {
			const a = await store.append('d', text('1'));
			const b = await store.append('d', text('2'));
			await store.compact('d', text('snap(1,2)'), b);
			await store.compact('d', text('stale snap(1)'), a);
			const loaded = await store.load('d');
			expect(loaded.updates.map(decode)).toEqual(['snap(1,2)']);
			expect(loaded.head).toBe(b);
		});

		it('compacts to an empty log and keeps appending after the snapshot', async () => {
			const a = await store.append('d', text('1'));
			await store.compact('d', text('snap'), a);
			const compacted = await store.load('d');
			expect(compacted.updates.map(decode)).toEqual(['snap']);
			expect(compacted.logLength).toBe(0);
			expect(compacted.head).toBe(a);
			const b = await store.append('d', text('2'));
			const loaded = await store.load('d');
			expect(loaded.updates.map(decode)).toEqual(['snap', '2']);
			expect(loaded.head).toBe(b);
		});

		it('keeps many documents isolated, including through compaction', async () => {
			const names = Array.from({ length: 20 }, (_, i) => `notice_${i}-Kết-Luận`);
			const lastSeq = new Map<string, LogSeq>();
			for (let round = 0; round < 5; round++) {
				const seqs = await Promise.all(names.map((n) => store.append(n, text(`${n}#${round}`))));
				names.forEach((n, i) => lastSeq.set(n, seqs[i]!));
			}
			await store.compact(names[0]!, text('snap0'), lastSeq.get(names[0]!)!);
			expect((await store.load(names[0]!)).updates.map(decode)).toEqual(['snap0']);
			for (const n of names.slice(1)) {
				expect((await store.load(n)).updates.map(decode)).toEqual([0, 1, 2, 3, 4].map((r) => `${n}#${r}`));
			}
		});

		it('stores bytes exactly: every byte value, an empty update, and a 2 MiB update', async () => {
			const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
			const big = Uint8Array.from({ length: 2 * 1024 * 1024 }, (_, i) => (i * 7919) % 256);
			await Promise.all([store.append('bin', allBytes), store.append('bin', new Uint8Array(0)), store.append('bin', big)]);
			const [a, empty, b] = (await store.load('bin')).updates;
			expect(a).toBeInstanceOf(Uint8Array);
			expect(Array.from(a!)).toEqual(Array.from(allBytes));
			expect(empty!.length).toBe(0);
			expect(Buffer.compare(Buffer.from(b!), Buffer.from(big))).toBe(0);
		});

		it('round-trips real Yjs updates and a snapshot into the same document state', async () => {
			const source = new Y.Doc();
			const seqs: LogSeq[] = [];
			source.on('update', (u: Uint8Array) => {
				void store.append('yjs', u).then((s) => seqs.push(s));
			});
			const t = source.getText('content');
			t.insert(0, 'Giao Sở Tài chính chủ trì');
			t.insert(0, 'Thông báo kết luận. ');
			await store.load('yjs');
			await store.compact('yjs', Y.encodeStateAsUpdate(source), seqs.at(-1)!);
			t.delete(0, 10);
			await store.load('yjs');
			const copy = new Y.Doc();
			for (const u of (await store.load('yjs')).updates) Y.applyUpdate(copy, u);
			expect(copy.getText('content').toString()).toBe(t.toString());
			expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
		});

		it('commits pending appends on close and keeps them across a reopen', async () => {
			const pending = [store.append('d', text('x')), store.append('d', text('y'))];
			await store.close();
			await Promise.all(pending);
			store = await fixture.open();
			expect((await store.load('d')).updates.map(decode)).toEqual(['x', 'y']);
		});

		it('refuses appends after close with reason "closed"', async () => {
			await store.close();
			const error = await store.append('d', text('late')).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DocStoreError);
			expect((error as DocStoreError).reason).toBe('closed');
			await expect(store.load('d')).rejects.toThrow(DocStoreError);
			await store.close();
			store = await fixture.open();
			expect((await store.load('d')).updates).toEqual([]);
		});
	});
}
