import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, Selection, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { CommentError, MAX_QUOTE_LENGTH, createAnchor, resolveAnchor, type CommentAnchor, type YPoint } from '#shared/doc/commentsDoc';

/** Plugin key; dispatch `tr.setMeta(commentHighlightsKey, payload)` when the comments change. */
export const commentHighlightsKey = new PluginKey<CommentHighlightsState>('commentHighlights');

/** Event a click inside a commented range dispatches (bubbling) on the editor: `detail` is the thread id. */
export const COMMENT_SELECT_EVENT = 'ket-luan:comment-select';

/** What the highlights need of a thread. */
export interface HighlightedThread {
	id: string;
	anchor: CommentAnchor;
	resolved: boolean;
}

/** The threads to show, which one is selected in the panel, and whether resolved ones are shown. */
export interface CommentHighlightsPayload {
	threads: readonly HighlightedThread[];
	activeId: string | null;
	showResolved: boolean;
}

/** Plugin state: the last payload and its decorations (one per live thread, `spec.threadId`). */
export interface CommentHighlightsState {
	payload: CommentHighlightsPayload;
	decorations: DecorationSet;
}

/** Where a thread is in the editor now: its ProseMirror range. */
export interface ThreadRange {
	id: string;
	from: number;
	to: number;
}

const EMPTY: CommentHighlightsPayload = { threads: [], activeId: null, showResolved: false };

/** The y-tiptap binding of the collaboration extension (null before the editor is bound). */
function bindingOf(state: EditorState): ProsemirrorBinding | null {
	const ystate = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding | null } | undefined;
	return ystate?.binding ?? null;
}

/** A Yjs point as a ProseMirror position, through the binding's Y ↔ PM mapping. */
function toPm(binding: ProsemirrorBinding, point: YPoint): number | null {
	// Index 0 gives a type-level position; any other index names the character before it. Both
	// resolve exactly (y-tiptap treats an item-based position at pos ≤ 1 as misresolved).
	const rel = Y.createRelativePositionFromTypeIndex(point.type, point.index, -1);
	return relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
}

/** The ProseMirror range of an anchor in the bound editor, or null (orphan, missing, unbound). [CM4] */
export function anchorRange(state: EditorState, anchor: CommentAnchor): { from: number; to: number } | null {
	const binding = bindingOf(state);
	if (!binding) return null;
	return rangeWith(binding, state.doc, anchor);
}

function rangeWith(
	binding: ProsemirrorBinding,
	doc: PmNode,
	anchor: CommentAnchor,
	locate: (point: YPoint) => number | null = (p) => toPm(binding, p)
): { from: number; to: number } | null {
	const r = resolveAnchor(binding.type, anchor);
	if (r.kind !== 'live') return null;
	const from = locate(r.from);
	const to = locate(r.to);
	if (from === null || to === null || from >= to || to > doc.content.size) return null;
	return { from, to };
}

/**
 * The anchor and quote of the current selection, for a new thread. Throws CommentError when
 * nothing is selected. Reads the editor only; the selection does not move. [CM3]
 */
export function anchorForSelection(state: EditorState): { anchor: CommentAnchor; quote: string } {
	const binding = bindingOf(state);
	const sel = state.selection;
	if (!binding || sel.empty) throw new CommentError('empty-range', 'Hãy chọn đoạn văn bản cần bình luận.');
	// A whole-document or node selection starts and ends between blocks: move both ends into text.
	const from = Selection.findFrom(state.doc.resolve(sel.from), 1, true)?.from ?? sel.from;
	const to = Selection.findFrom(state.doc.resolve(sel.to), -1, true)?.to ?? sel.to;
	const quote = state.doc.textBetween(from, to, ' ').trim();
	if (from >= to || !quote) throw new CommentError('empty-range', 'Hãy chọn đoạn văn bản cần bình luận.');
	const point = (pos: number): YPoint => {
		const abs = Y.createAbsolutePositionFromRelativePosition(absolutePositionToRelativePosition(pos, binding.type, binding.mapping), binding.doc);
		if (!abs) throw new CommentError('empty-range', 'Không xác định được đoạn văn bản đã chọn; hãy chọn lại.');
		return { type: abs.type, index: abs.index };
	};
	return { anchor: createAnchor(point(from), point(to)), quote: quote.slice(0, MAX_QUOTE_LENGTH) };
}

/** The live range of every thread that has a decoration now, in document order. */
export function threadRanges(state: EditorState): ThreadRange[] {
	const plugin = commentHighlightsKey.getState(state);
	if (!plugin) return [];
	const seen = new Map<string, ThreadRange>();
	for (const d of plugin.decorations.find()) {
		const id = (d.spec as { threadId?: string }).threadId;
		if (id && !seen.has(id)) seen.set(id, { id, from: d.from, to: d.to });
	}
	return [...seen.values()].sort((a, b) => a.from - b.from || a.to - b.to);
}

/**
 * Converts many Yjs points to ProseMirror positions in one pass over the blocks they touch:
 * y-tiptap's relativePositionToAbsolutePosition walks the body from its start for every point,
 * which for every thread on every remote keystroke would cost O(threads × blocks). Gives the same
 * numbers (CommentHighlights.test.ts checks it against y-tiptap at every position).
 */
export function createPositionLocator(binding: Pick<ProsemirrorBinding, 'type' | 'mapping'>): (point: YPoint) => number | null {
	/** Per parent type: the offset of each child in the parent's content, and the content's size. */
	const children = new Map<unknown, { offsets: Map<unknown, number>; byIndex: number[]; size: number } | null>();
	/** Per type: the position where its content starts (inside its opening tag). */
	const starts = new Map<unknown, number | null>();

	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const layout = (parent: Y.AbstractType<any>) => {
		if (children.has(parent)) return children.get(parent)!;
		const offsets = new Map<unknown, number>();
		const byIndex: number[] = [];
		let off = 0;
		let ok = true;
		for (let n = parent._first; n !== null; n = n.right) {
			if (n.deleted || !(n.content instanceof Y.ContentType)) continue;
			const t = n.content.type;
			offsets.set(t, off);
			byIndex.push(off);
			const size = t instanceof Y.XmlText ? t._length : (binding.mapping.get(t) as { nodeSize?: number } | undefined)?.nodeSize;
			if (size === undefined) {
				// Not rendered (yet): nothing after it can be placed.
				ok = false;
				break;
			}
			off += size;
		}
		const result = ok ? { offsets, byIndex, size: off } : null;
		children.set(parent, result);
		return result;
	};
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const contentStart = (type: Y.AbstractType<any>): number | null => {
		if (type === binding.type) return 0;
		if (starts.has(type)) return starts.get(type)!;
		let result: number | null = null;
		const item = type._item;
		if (item && !item.deleted && item.parent instanceof Y.AbstractType) {
			const parentStart = contentStart(item.parent);
			const offset = parentStart === null ? undefined : layout(item.parent)?.offsets.get(type);
			if (parentStart !== null && offset !== undefined) result = parentStart + offset + (type instanceof Y.XmlText ? 0 : 1);
		}
		starts.set(type, result);
		return result;
	};
	return (point) => {
		const start = contentStart(point.type);
		if (start === null) return null;
		if (point.type instanceof Y.XmlText) return start + Math.min(point.index, point.type._length);
		const l = layout(point.type);
		if (!l) return null;
		return start + (point.index < l.byIndex.length ? l.byIndex[point.index]! : l.size);
	};
}

/** Resolves every thread of `payload` and builds its decorations on `doc`. */
function build(binding: ProsemirrorBinding | null, doc: PmNode, payload: CommentHighlightsPayload): DecorationSet {
	if (!binding || payload.threads.length === 0) return DecorationSet.empty;
	const locate = createPositionLocator(binding);
	const decos: Decoration[] = [];
	for (const t of payload.threads) {
		if (t.resolved && !payload.showResolved && t.id !== payload.activeId) continue;
		const range = rangeWith(binding, doc, t.anchor, locate);
		if (!range) continue;
		const cls = `comment-range${t.resolved ? ' resolved' : ''}${t.id === payload.activeId ? ' active' : ''}`;
		decos.push(Decoration.inline(range.from, range.to, { class: cls, 'data-thread-id': t.id }, { threadId: t.id }));
	}
	return DecorationSet.create(doc, decos);
}

/**
 * Highlights the commented ranges of the notice. Threads are pushed in (on a comments-doc change
 * only, never per keystroke). Between two pushes the highlights follow local edits by mapping;
 * a remote change, which y-tiptap applies by replacing the whole document, re-resolves the
 * anchors inside the same transaction instead, so nothing is dispatched for it. A click inside a
 * highlight dispatches {@link COMMENT_SELECT_EVENT}; it never moves the selection.
 */
export const CommentHighlights = Extension.create({
	name: 'commentHighlights',
	addProseMirrorPlugins() {
		return [
			new Plugin<CommentHighlightsState>({
				key: commentHighlightsKey,
				state: {
					init: () => ({ payload: EMPTY, decorations: DecorationSet.empty }),
					apply(tr, old, oldState, newState) {
						const payload = tr.getMeta(commentHighlightsKey) as CommentHighlightsPayload | undefined;
						// The binding object lives as long as the editor; the old state already has it.
						if (payload) return { payload, decorations: build(bindingOf(oldState) ?? bindingOf(newState), newState.doc, payload) };
						if (!tr.docChanged) return old;
						if (isChangeOrigin(tr) && old.payload.threads.length > 0)
							return { payload: old.payload, decorations: build(bindingOf(oldState) ?? bindingOf(newState), newState.doc, old.payload) };
						return { payload: old.payload, decorations: old.decorations.map(tr.mapping, tr.doc) };
					}
				},
				props: {
					decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
					handleDOMEvents: {
						click: (view, event) => {
							const target = event.target instanceof Element ? event.target.closest('[data-thread-id]') : null;
							// A drag that selects text inside a highlight is the start of a new comment, not a pick.
							if (target instanceof HTMLElement && target.dataset.threadId && (view.dom.ownerDocument.getSelection()?.isCollapsed ?? true))
								view.dom.dispatchEvent(new CustomEvent(COMMENT_SELECT_EVENT, { detail: target.dataset.threadId, bubbles: true }));
							return false;
						}
					}
				}
			})
		];
	}
});
