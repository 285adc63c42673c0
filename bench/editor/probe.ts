/**
 * In-page keystroke probe of `npm run bench:editor`, bundled by esbuild into an IIFE and injected
 * into every page under test (ours, stock, plain) before any of the page's own scripts run, so the
 * capturing keydown listener on `window` sees each key before the editor does.
 *
 * Keystroke-to-paint of one key = (end of the first frame after the editor's DOM shows the
 * character) − (the keydown event's `timeStamp`). "Shows the character": the first MutationObserver
 * batch in the editor root after the keydown in which the root's text is longer than at keydown
 * (an earlier, unrelated mutation, such as highlights of the previous key landing late, does not
 * count). "End of the frame": a `requestAnimationFrame` callback scheduled from that batch, then a
 * task posted from it with `scheduler.postTask` at 'user-blocking' priority (a MessageChannel
 * message where there is no scheduler); that task runs after the frame's style, layout and paint,
 * so it is an in-page proxy for "painted" (see afterFrame for why not a plain message). `timeStamp` is when the browser made
 * the event, so the time the key waited for a busy main thread is counted too; the handler's own
 * `performance.now()` is kept beside it (the difference is that queueing delay).
 *
 * Written for the browser only; no imports, so the bundle is tiny and has no helpers of its own.
 */

/** One measured key. All times are `performance.now()` milliseconds of the page. */
export interface KeyRecord {
	key: string;
	/** keydown `event.timeStamp`. */
	t0: number;
	/** When the capturing keydown listener ran. */
	tHandler: number;
	/** Root text length at keydown. */
	len0: number;
	/** First mutation batch showing a longer text. */
	tMut?: number;
	/** rAF callback of the frame after it. */
	tRaf?: number;
	/** MessageChannel task after that frame: "painted". */
	t1?: number;
	/**
	 * Cross-check from Chromium's own Event Timing: latest end (start + duration, to the next paint)
	 * of this key's keydown, keypress, beforeinput and input entries. Chromium reports only events
	 * of 16 ms or more, rounded to 8 ms, so fast keys have none.
	 */
	tEvent?: number;
	/** Tiptap transactions from this keydown to the next one (Tiptap editors only). */
	tx?: number;
}

/** Where to click so the caret lands at the end of a paragraph, and which paragraph it is. */
export interface CaretTarget {
	x: number;
	y: number;
	index: number;
	paragraphs: number;
	preview: string;
}

/** The probe's API on `window.__kbench`. */
export interface KeyProbe {
	/** Starts recording keys typed into `rootSelector`. */
	arm(rootSelector: string): void;
	/** Stops recording. */
	disarm(): void;
	/** Keys recorded so far whose frame has not ended yet. */
	pending(): number;
	/** Every record so far (finished or not), and forgets them. */
	take(): KeyRecord[];
	/** Scrolls to the middle paragraph with text (≥ 40 characters when there is one) and returns where to click at its end. */
	caretTarget(rootSelector: string): CaretTarget | null;
	/** The root's text with no-break spaces as spaces (contenteditable types trailing spaces as U+00A0). */
	text(rootSelector: string): string;
	/** Long tasks recorded while armed, and forgets them. */
	longTasks(): { start: number; end: number }[];
	/** Root width (border box, CSS px). */
	width(rootSelector: string): number;
}

declare global {
	interface Window {
		__kbench: KeyProbe;
	}
}

const records: KeyRecord[] = [];
/** Tiptap puts its Editor on the view's DOM node; counting its transactions shows how much work one key sets off. */
let transactions = 0;
let counting = false;
/** Transaction count at each record's keydown (same index as `records`). */
const txAtKeydown: number[] = [];
let root: Element | null = null;
let armed = false;
/** Event Timing entries of typing, while armed. */
const events: { name: string; start: number; end: number }[] = [];
const TYPING_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'input']);
const keepEvents = (entries: PerformanceEntryList): void => {
	for (const e of entries) if (armed && TYPING_EVENTS.has(e.name)) events.push({ name: e.name, start: e.startTime, end: e.startTime + e.duration });
};
const eventObserver = new PerformanceObserver((list) => keepEvents(list.getEntries()));
try {
	eventObserver.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
} catch {
	// A browser without Event Timing: the cross-check stays empty.
}
/** Long tasks (≥ 50 ms) while armed: where the main thread was busy between a key and its frame. */
const longTasks: { start: number; end: number }[] = [];
try {
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) if (armed) longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
	}).observe({ type: 'longtask' });
} catch {
	// no Long Tasks API
}
/** Keys whose character has not shown yet. */
let waiting: KeyRecord[] = [];
let unfinished = 0;

const textLength = (el: Element | null): number => (el ? (el.textContent ?? '').length : 0);

addEventListener(
	'keydown',
	(event) => {
		if (!armed) return;
		const rec: KeyRecord = { key: event.key, t0: event.timeStamp, tHandler: performance.now(), len0: textLength(root) };
		records.push(rec);
		txAtKeydown.push(transactions);
		waiting.push(rec);
		unfinished++;
	},
	{ capture: true }
);

const observer = new MutationObserver(() => {
	if (!waiting.length) return;
	const now = performance.now();
	const len = textLength(root);
	const shown = waiting.filter((r) => len > r.len0);
	if (!shown.length) return;
	waiting = waiting.filter((r) => !(len > r.len0));
	for (const r of shown) r.tMut = now;
	requestAnimationFrame(() => {
		const tRaf = performance.now();
		afterFrame(() => {
			const t1 = performance.now();
			for (const r of shown) {
				r.tRaf = tRaf;
				r.t1 = t1;
				unfinished--;
			}
		});
	});
});

interface PostTaskScheduler {
	postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

/**
 * Runs `callback` in the first task after the current frame is rendered. A 'user-blocking'
 * scheduler task goes ahead of tasks already queued at normal priority (timers, messages): with a
 * MessageChannel message the "paint" time also held every long task the editor had queued for
 * after the frame (seen on our page: Event Timing put the paint 200 ms before the message ran).
 */
function afterFrame(callback: () => void): void {
	const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
	if (scheduler?.postTask) {
		void scheduler.postTask(callback, { priority: 'user-blocking' });
		return;
	}
	const channel = new MessageChannel();
	channel.port1.onmessage = () => {
		channel.port1.close();
		callback();
	};
	channel.port2.postMessage(null);
}

/** Last text node of `el` that the user can put a caret in (not inside a contenteditable=false widget such as a task chip). */
function lastEditableText(el: Element): Text | null {
	const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
		acceptNode: (n) =>
			(n.parentElement?.closest('[contenteditable="false"]') ?? null) !== null || !(n.textContent ?? '').length
				? NodeFilter.FILTER_REJECT
				: NodeFilter.FILTER_ACCEPT
	});
	let last: Text | null = null;
	for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
	return last;
}

window.__kbench = {
	arm(rootSelector) {
		root = document.querySelector(rootSelector);
		if (!root) throw new Error(`no element ${rootSelector}`);
		const editor = (root as Element & { editor?: { on(event: 'transaction', fn: () => void): void } }).editor;
		if (editor && !counting) {
			counting = true;
			editor.on('transaction', () => void transactions++);
		}
		observer.disconnect();
		observer.observe(root, { subtree: true, childList: true, characterData: true });
		waiting = [];
		armed = true;
	},
	disarm() {
		armed = false;
	},
	pending: () => unfinished,
	take() {
		// Entries are delivered lazily; take the ones still queued.
		keepEvents(eventObserver.takeRecords());
		const out = records.splice(0).map((r) => ({ ...r }));
		const tx = txAtKeydown.splice(0);
		for (let i = 0; i < out.length; i++) {
			if (counting) out[i]!.tx = (tx[i + 1] ?? transactions) - tx[i]!;
			const from = out[i]!.t0 - 0.5;
			const until = out[i + 1]?.t0 ?? Infinity;
			for (const e of events) if (e.start >= from && e.start < until) out[i]!.tEvent = Math.max(out[i]!.tEvent ?? 0, e.end);
		}
		events.splice(0);
		return out;
	},
	caretTarget(rootSelector) {
		const el = document.querySelector(rootSelector);
		if (!el) return null;
		const paragraphs = [...el.querySelectorAll('p')];
		if (!paragraphs.length) return null;
		const mid = Math.floor(paragraphs.length / 2);
		let index = mid;
		for (let i = mid; i < paragraphs.length; i++) {
			if ((paragraphs[i]!.textContent ?? '').trim().length >= 40) {
				index = i;
				break;
			}
		}
		const p = paragraphs[index]!;
		p.scrollIntoView({ block: 'center' });
		const text = lastEditableText(p);
		let rect: DOMRect;
		if (text) {
			const range = document.createRange();
			range.setStart(text, text.length - 1);
			range.setEnd(text, text.length);
			const rects = range.getClientRects();
			rect = rects[rects.length - 1] ?? p.getBoundingClientRect();
			// On the right half of the last character: the caret goes after it.
			return { x: rect.right - 1, y: rect.top + rect.height / 2, index, paragraphs: paragraphs.length, preview: (p.textContent ?? '').slice(0, 50) };
		}
		rect = p.getBoundingClientRect();
		return { x: rect.left + 4, y: rect.top + rect.height / 2, index, paragraphs: paragraphs.length, preview: '' };
	},
	longTasks: () => longTasks.splice(0),
	text: (rootSelector) => (document.querySelector(rootSelector)?.textContent ?? '').replace(/\u00a0/g, ' '),
	width: (rootSelector) => document.querySelector(rootSelector)?.getBoundingClientRect().width ?? 0
};
