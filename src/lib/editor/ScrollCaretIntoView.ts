import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** Options of {@link ScrollCaretIntoView}. */
export interface ScrollCaretOptions {
	/** The bars that stay on top of the text when it scrolls (sticky status bar, toolbar). */
	coveredBy: () => readonly Element[];
}

/** Space kept between the caret and an edge of what is visible, in px (ProseMirror's default is 5). */
const MARGIN = 8;

/** Where the bars on top of the text end, in viewport px (0 when none covers the top). */
function coveredTop(coveredBy: () => readonly Element[]): number {
	let top = 0;
	for (const el of coveredBy()) top = Math.max(top, el.getBoundingClientRect().bottom);
	return top;
}

/**
 * True when the caret, as the DOM selection ProseMirror has just set shows it, is inside the
 * visible part of the page: below the bars that cover the top (`coveredBy`) and above the bottom of
 * the visual viewport (a phone's keyboard shrinks it). False when it cannot tell (no range, a
 * range with no box, a selection that is not a caret): ProseMirror then measures and scrolls.
 */
export function caretInView(view: EditorView, coveredBy: () => readonly Element[]): boolean {
	if (!view.state.selection.empty) return false;
	const doc = view.dom.ownerDocument;
	const win = doc.defaultView;
	const sel = doc.getSelection();
	if (!win || !sel || sel.rangeCount === 0 || !view.dom.contains(sel.focusNode)) return false;
	// One layout, as any editor pays to show the caret; every later read is of a laid-out page.
	const caret = sel.getRangeAt(0).getBoundingClientRect();
	if (!caret.height) return false;
	const top = coveredTop(coveredBy);
	const bottom = win.visualViewport ? win.visualViewport.offsetTop + win.visualViewport.height : win.innerHeight;
	return caret.top >= top + MARGIN && caret.bottom <= bottom - MARGIN;
}

/**
 * Scrolls the caret into view the cheap way when it is already in view. ProseMirror's default,
 * after every transaction that asks for it (every keystroke), measures the caret and then every
 * ancestor up to the window — a rect, three sizes and the computed style of each: on the notice
 * page, inside its grid and sticky bars, that walk cost 1.6 ms a key against 0.4 in a stock editor
 * on a bare page (bench:editor --profile). Here the caret is measured once and compared with what
 * is visible; only when it is out of view, or when that cannot be told, does ProseMirror's own
 * scrolling run — and that also scrolls it out from under the sticky bars, which the default did
 * not know about.
 */
export const ScrollCaretIntoView = Extension.create<ScrollCaretOptions>({
	name: 'scrollCaretIntoView',
	addOptions() {
		return { coveredBy: () => [] };
	},
	addProseMirrorPlugins() {
		const { coveredBy } = this.options;
		// Read when ProseMirror scrolls: a caret under the sticky bars counts as out of view
		// (threshold) and is scrolled out below them (margin). ProseMirror's own default knows
		// only the window's edges and left such a caret hidden.
		const clearOfBars = {
			get top() {
				return coveredTop(coveredBy) + MARGIN;
			},
			bottom: MARGIN,
			left: 5,
			right: 5
		};
		return [
			new Plugin({
				key: new PluginKey('scrollCaretIntoView'),
				props: {
					// true = handled (nothing to do); false = ProseMirror scrolls as it always does.
					handleScrollToSelection: (view) => caretInView(view, coveredBy),
					scrollThreshold: clearOfBars,
					scrollMargin: clearOfBars
				}
			})
		];
	}
});
