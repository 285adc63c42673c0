import * as Y from 'yjs';

/** A Y.Doc 'update' listener of a library (y-websocket's sender, y-indexeddb's writer). */
export type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/** A coalescing "run this after the next painted frame" for one piece of work. */
export interface AfterPaint {
	/** Asks for one run after the next frame (calls before it happens add nothing). */
	schedule(): void;
	/** Releases the channel; later schedules do nothing. */
	close(): void;
}

/** Work waiting for the page's next painted frame, in the order it was asked for. */
const waiting = new Set<() => void>();
/** The frame asked for, if any (a counter, so that a late message of an earlier frame is ignored). */
let frameAsked = 0;
let frameCount = 0;
let backstop: ReturnType<typeof setTimeout> | undefined;
let channel: MessageChannel | undefined;

/** Runs everything waiting: the frame was painted (or the backstop fired, or the page is hidden). */
function runFrame(frame: number): void {
	if (frame !== frameAsked) return;
	frameAsked = 0;
	clearTimeout(backstop);
	backstop = undefined;
	const due = [...waiting];
	waiting.clear();
	for (const fn of due)
		try {
			fn();
		} catch (e) {
			// One channel's failure must not hold back the others' (sending, storing): report it apart.
			queueMicrotask(() => {
				throw e;
			});
		}
}

/** Asks for one run of the waiting work after the next frame, shared by every channel of the page. */
function askFrame(backstopMs: number): void {
	if (frameAsked) return;
	const frame = (frameAsked = ++frameCount);
	if (document.visibilityState === 'hidden') {
		backstop = setTimeout(() => runFrame(frame), 0);
		return;
	}
	if (!channel) {
		channel = new MessageChannel();
		channel.port1.onmessage = (e: MessageEvent<number>) => runFrame(e.data);
	}
	const port = channel.port2;
	requestAnimationFrame(() => port.postMessage(frame));
	backstop = setTimeout(() => runFrame(frame), backstopMs);
}

/**
 * Runs `fn` once right after the next frame is painted, however often it was scheduled before:
 * rAF callbacks run just before the paint, and a message posted from one runs right after it.
 * A hidden page has no frames, so there it runs in the next task; and a page hidden before its
 * frame does not wait for one either (`fn` runs at the latest `backstopMs` later). Every channel
 * of the page shares one frame — one rAF, one message and one backstop timer, cleared when the
 * frame comes — however many channels (sending, storing, carets, presence, toolbar) a key wakes:
 * four of each per key cost 0.8 ms a key in timers and messages alone (bench:editor --trace).
 */
export function afterPaint(fn: () => void, backstopMs = 100): AfterPaint {
	let scheduled = false;
	let closed = false;
	const run = () => {
		scheduled = false;
		if (!closed) fn();
	};
	return {
		schedule() {
			if (scheduled || closed) return;
			scheduled = true;
			waiting.add(run);
			askFrame(backstopMs);
		},
		close() {
			closed = true;
			scheduled = false;
			waiting.delete(run);
		}
	};
}

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
	const flush = () => {
		if (!queued.length) return;
		const batch = queued;
		queued = [];
		handler(batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), null);
	};
	const frame = afterPaint(flush);
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === owner) return;
		queued.push(update);
		frame.schedule();
	};
	doc.off('update', handler);
	doc.on('update', onUpdate);
	return {
		flush,
		stop() {
			flush();
			doc.off('update', onUpdate);
			frame.close();
		},
		/** Stops without doing what is queued (the local copy is being dropped on purpose). */
		drop() {
			queued = [];
			doc.off('update', onUpdate);
			frame.close();
		}
	};
}

/** The changes an Awareness 'update' event carries (client ids). */
export interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

/** An Awareness 'update' listener of a library (y-websocket's awareness sender). */
export type AwarenessHandler = (changes: AwarenessChanges, origin: unknown) => void;

/** The on/off part of y-protocols' Awareness used here. */
interface AwarenessEmitter {
	on(event: 'update', fn: AwarenessHandler): void;
	off(event: 'update', fn: AwarenessHandler): void;
}

/**
 * Moves a library's awareness sending off the keystroke's frame, as {@link deferUpdatesAfterPaint}
 * does for doc updates: the caret moves with every key, and y-websocket encodes and sends (socket
 * and BroadcastChannel) each move at once. Here the clients changed during a frame are sent once,
 * after the frame is painted, with their state at that moment (the protocol carries whole states,
 * so later ones replace earlier ones). A removal (the page closes, the session ends) goes at once,
 * with whatever was queued.
 */
export function deferAwarenessAfterPaint(awareness: AwarenessEmitter, handler: AwarenessHandler): { flush(): void; stop(): void } {
	const changed = new Set<number>();
	const flush = () => {
		if (!changed.size) return;
		const updated = [...changed];
		changed.clear();
		handler({ added: [], updated, removed: [] }, null);
	};
	const frame = afterPaint(flush);
	const onUpdate: AwarenessHandler = ({ added, updated, removed }) => {
		for (const id of added) changed.add(id);
		for (const id of updated) changed.add(id);
		for (const id of removed) changed.add(id);
		if (removed.length) flush();
		else frame.schedule();
	};
	awareness.off('update', handler);
	awareness.on('update', onUpdate);
	return {
		flush,
		stop() {
			flush();
			awareness.off('update', onUpdate);
			frame.close();
		}
	};
}
