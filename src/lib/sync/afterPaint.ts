import * as Y from 'yjs';

/** A Y.Doc 'update' listener of a library (y-websocket's sender, y-indexeddb's writer). */
export type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/**
 * Moves a library's per-update work (sending a frame, writing to IndexedDB) off the keystroke's
 * frame: `handler` is taken off the doc and called once per frame, after the frame is painted,
 * with the updates of that frame merged. Updates whose origin is `owner` are skipped, as the
 * library itself would skip them (what it applied itself). While the page is hidden there is no
 * frame: the work runs in the next task. `flush()` runs it now (the page is going, the session
 * closes). Nothing is lost meanwhile: the unload mirror keeps what IndexedDB has not proven stored.
 */
export function deferUpdatesAfterPaint(doc: Y.Doc, handler: UpdateHandler, owner: unknown): { flush(): void; stop(): void; drop(): void } {
	let queued: Uint8Array[] = [];
	let scheduled = false;
	const channel = new MessageChannel();
	const flush = () => {
		scheduled = false;
		if (!queued.length) return;
		const batch = queued;
		queued = [];
		handler(batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), null);
	};
	channel.port1.onmessage = flush;
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === owner) return;
		queued.push(update);
		if (scheduled) return;
		scheduled = true;
		// rAF runs just before the frame is painted; a message posted from it runs right after.
		if (document.visibilityState === 'hidden') setTimeout(flush, 0);
		else {
			requestAnimationFrame(() => channel.port2.postMessage(0));
			// A page hidden before its frame gets no frame: do not wait for one.
			setTimeout(flush, 100);
		}
	};
	doc.off('update', handler);
	doc.on('update', onUpdate);
	return {
		flush,
		stop() {
			flush();
			doc.off('update', onUpdate);
			channel.port1.close();
		},
		/** Stops without doing what is queued (the local copy is being dropped on purpose). */
		drop() {
			queued = [];
			doc.off('update', onUpdate);
			channel.port1.close();
		}
	};
}
