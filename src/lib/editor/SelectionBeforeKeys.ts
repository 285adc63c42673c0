import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** The part of ProseMirror's DOM observer used here (not public API: checked by a test). */
interface DomObserver {
	flush(): void;
}

/** ProseMirror's DOM observer of a view, or undefined when a release renamed it. */
export function domObserverOf(view: EditorView): DomObserver | undefined {
	const observer = (view as unknown as { domObserver?: Partial<DomObserver> }).domObserver;
	return typeof observer?.flush === 'function' ? (observer as DomObserver) : undefined;
}

/**
 * Makes a key command act where the caret is on screen. The browser moves the caret itself for
 * navigation keys (Ctrl+End, arrows, a click) and ProseMirror learns of it only from the
 * `selectionchange` event, which Chromium queues behind pending input: on a busy page, an Enter
 * or Backspace pressed right after Ctrl+End ran with the old selection and split the first line
 * instead of the last. Before any key command, ProseMirror's own observer reads the DOM selection
 * (the same code path `selectionchange` would run), so the command sees the caret the person sees.
 * [DS9]
 */
export const SelectionBeforeKeys = Extension.create({
	name: 'selectionBeforeKeys',
	// Before every keymap (Tiptap runs plugins of higher priority first).
	priority: 100_000,
	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('selectionBeforeKeys'),
				props: {
					handleKeyDown: (view, event) => {
						// A printable character with no modifier runs no command: the browser inserts it
						// at its own caret and ProseMirror reads that change. Nothing to read first.
						if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) return false;
						domObserverOf(view)?.flush();
						return false;
					}
				}
			})
		];
	}
});
