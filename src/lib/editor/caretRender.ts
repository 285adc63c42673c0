/**
 * Colleagues' carets in the body (CollaborationCaret's `render` option). The name label sits above
 * the line and would cover the words of the line above for as long as the colleague's caret
 * stays there; so it shows while the caret moves (the colleague types or moves around), fades
 * out {@link LABEL_MS} after it stops, and shows again while the pointer is over the caret.
 *
 * Moves are seen by comparing each caret's offset position every {@link WATCH_MS}: the widget's
 * DOM is reused by ProseMirror while the colleague types in the same text, so its creation alone
 * does not tell that they are typing, and the offsets (unlike screen positions) do not change
 * when the page scrolls.
 */

/** How long a label stays after its caret last moved. */
export const LABEL_MS = 1500;
/** How often the carets' positions are compared. */
export const WATCH_MS = 200;

/** The user as CollaborationCaret passes it (its colour already checked to be `#rrggbb`). */
export interface CaretUser {
	name?: unknown;
	color?: unknown;
}

interface Watched {
	caret: HTMLElement;
	left: number;
	top: number;
	hideAt: number;
}

/** Carets per document being watched, with the timer that watches them (none when no caret). */
const watchers = new WeakMap<Document, { carets: Set<Watched>; timer: ReturnType<typeof setInterval> }>();

function watch(item: Watched): void {
	const doc = item.caret.ownerDocument;
	let w = watchers.get(doc);
	if (!w) {
		const carets = new Set<Watched>();
		const timer = setInterval(() => tick(doc), WATCH_MS);
		w = { carets, timer };
		watchers.set(doc, w);
	}
	w.carets.add(item);
}

function tick(doc: Document): void {
	const w = watchers.get(doc);
	if (!w) return;
	const now = Date.now();
	for (const item of w.carets) {
		const { caret } = item;
		// A caret widget that ProseMirror replaced or removed is forgotten (its successor is
		// watched from its own creation), but only after a grace period: a caret just built is
		// not in the page yet.
		if (!caret.isConnected) {
			if (now > item.hideAt) w.carets.delete(item);
			continue;
		}
		if (caret.offsetLeft !== item.left || caret.offsetTop !== item.top) {
			item.left = caret.offsetLeft;
			item.top = caret.offsetTop;
			item.hideAt = now + LABEL_MS;
			caret.classList.add('is-active');
		} else if (now >= item.hideAt) caret.classList.remove('is-active');
	}
	if (w.carets.size === 0) {
		clearInterval(w.timer);
		watchers.delete(doc);
	}
}

/**
 * Builds a colleague's caret: a thin bar in their colour with their name above it, the name shown
 * while they move and on hover (see the `.collaboration-carets__*` styles of the notice page).
 */
export function renderCaret(user: CaretUser): HTMLElement {
	const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : '#6b7280';
	const name = typeof user.name === 'string' && user.name.trim() ? user.name : 'Người cùng soạn';
	const caret = document.createElement('span');
	caret.className = 'collaboration-carets__caret fades is-active';
	caret.style.borderColor = color;
	// Read as "Nguyễn Văn A đang ở đây" by screen readers that announce widgets; the visible
	// label is decoration.
	caret.setAttribute('aria-label', `${name} đang soạn ở đây`);
	caret.title = name;
	const label = document.createElement('span');
	label.className = 'collaboration-carets__label';
	label.style.backgroundColor = color;
	label.setAttribute('aria-hidden', 'true');
	label.textContent = name;
	caret.append(label);
	const item: Watched = { caret, left: Number.NaN, top: Number.NaN, hideAt: Date.now() + LABEL_MS };
	watch(item);
	return caret;
}
