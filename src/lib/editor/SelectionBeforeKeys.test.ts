// @vitest-environment happy-dom
/**
 * [DS9] A key command acts at the caret the browser shows, even when ProseMirror has not yet
 * heard of the caret's move (its `selectionchange` still queued). The proof needs a browser's
 * selection (happy-dom has none ProseMirror can read): tests/e2e/keysAfterCaretMove.test.ts.
 * This one pins the private ProseMirror field the extension relies on, so that an upgrade which
 * renames it fails here and not in a meeting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from '@tiptap/core';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { createNoticeEditor } from './createNoticeEditor';
import { domObserverOf } from './SelectionBeforeKeys';

let editor: Editor | undefined;
afterEach(() => {
	editor?.destroy();
	editor = undefined;
	document.body.innerHTML = '';
});

function open(): Editor {
	const element = document.createElement('div');
	document.body.appendChild(element);
	editor = createNoticeEditor({ element, notice: new NoticeDoc(new Y.Doc()), editable: true });
	return editor;
}

describe('[DS9] key commands after a caret move the editor has not heard of', () => {
	it("finds ProseMirror's DOM observer with the flush it calls", () => {
		const view = open().view;
		expect(domObserverOf(view)).toBeDefined();
	});
});
