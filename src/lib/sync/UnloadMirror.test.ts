// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { fromBase64 } from 'lib0/buffer';
import { UnloadMirror } from './UnloadMirror';
import { deferUpdatesAfterPaint } from './afterPaint';

/**
 * IndexedDB as the mirror sees it: every write handed to it is stored in order, and a transaction
 * opened later completes after them (IndexedDB runs transactions on one store in order). A write
 * handed over while the page unloads is aborted with the page: it is not stored.
 */
function fakeIndexedDb() {
	const stored: Uint8Array[] = [];
	let unloading = false;
	const db = {
		transaction() {
			const tx: { oncomplete?: () => void; onabort?: () => void; onerror?: () => void } = {};
			queueMicrotask(() => tx.oncomplete?.());
			return tx;
		}
	};
	return {
		persistence: { db: db as unknown as IDBDatabase, synced: true },
		write: (update: Uint8Array) => void (unloading || stored.push(update)),
		unload: () => (unloading = true),
		stored
	};
}

/** What this device still has after the page went: IndexedDB's writes, then the localStorage mirror. */
function afterReload(stored: Uint8Array[]): string {
	const doc = new Y.Doc();
	for (const u of stored) Y.applyUpdate(doc, u);
	for (let i = 0; i < localStorage.length; i++) {
		const value = localStorage.getItem(localStorage.key(i)!);
		if (value) Y.applyUpdate(doc, fromBase64(value));
	}
	return doc.getText('t').toString();
}

describe('the unload mirror keeps what IndexedDB may not hold', () => {
	afterEach(() => {
		vi.useRealTimers();
		localStorage.clear();
	});

	it('proves only writes already handed to IndexedDB: a key waiting for its frame at the checkpoint survives an immediate reload', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] });
		const doc = new Y.Doc();
		const idb = fakeIndexedDb();
		const owner = {};
		const store = deferUpdatesAfterPaint(doc, idb.write, owner);
		const mirror = new UnloadMirror(doc, idb.persistence, 'n1', () => store.flush());
		const text = doc.getText('t');
		text.insert(0, 'a'); // the checkpoint is due 250 ms later
		await vi.advanceTimersByTimeAsync(240); // 'a' has had its frame: written
		expect(idb.stored).toHaveLength(1);
		text.insert(1, 'b'); // its frame comes after the checkpoint
		await vi.advanceTimersByTimeAsync(10); // the checkpoint runs and completes
		// The page reloads now: the writes it starts while going are aborted with it.
		idb.unload();
		window.dispatchEvent(new Event('pagehide'));
		store.flush();
		expect(afterReload(idb.stored)).toBe('ab');
		mirror.destroy();
		store.stop();
	});

	it('forgets a proven update, and mirrors what was typed after the last checkpoint', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame'] });
		const doc = new Y.Doc();
		const idb = fakeIndexedDb();
		const store = deferUpdatesAfterPaint(doc, idb.write, {});
		const mirror = new UnloadMirror(doc, idb.persistence, 'n2', () => store.flush());
		doc.getText('t').insert(0, 'x');
		await vi.advanceTimersByTimeAsync(300);
		window.dispatchEvent(new Event('pagehide'));
		expect(localStorage.length).toBe(0); // IndexedDB holds 'x': nothing to mirror
		idb.unload();
		doc.getText('t').insert(1, 'y');
		window.dispatchEvent(new Event('pagehide'));
		expect(localStorage.length).toBe(1);
		expect(afterReload(idb.stored)).toBe('xy');
		mirror.destroy();
		store.stop();
	});
});
