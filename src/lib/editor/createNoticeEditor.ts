import { Editor, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration, { isChangeOrigin } from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import UniqueID from '@tiptap/extension-unique-id';
import type { NoticeDoc } from '#shared/doc/noticeDoc';
import { newBlockId } from '#shared/doc/blockId';
import { DedupeBlockIds } from './DedupeBlockIds';
import { onlyInlineEdits } from './inlineEdits';
import { TaskHighlights } from './TaskHighlights';
import { PastePlainText } from './pasteText';
import { SelectionBeforeKeys } from './SelectionBeforeKeys';
import { renderCaret } from './caretRender';

/** The awareness-carrying provider the caret extension needs (y-websocket's WebsocketProvider). */
export interface CaretProvider {
	awareness: { setLocalStateField(field: string, value: unknown): void };
}

/** Options of the notice body editor. */
export interface NoticeEditorOptions {
	element: HTMLElement | null;
	notice: NoticeDoc;
	/** When given, shows the other participants' carets and publishes ours. */
	provider?: CaretProvider;
	user?: { name: string; color: string };
	editable: boolean;
	/** More extensions (e.g. comment highlights), added after the collaboration ones. */
	extraExtensions?: AnyExtension[];
}

/** The block types that carry a stable id: task identity is the id of an assignment block. [DS3] */
export const BLOCK_TYPES = ['paragraph', 'heading'];

/** The Tiptap extensions of the notice body, without the collaboration ones (also used by tests). */
export function bodyExtensions(editable = true): AnyExtension[] {
	return [
		// The collaboration extension brings its own Yjs-aware undo; ProseMirror's would fight it.
		// A read-only editor must not add a trailing paragraph: that would be a change to the notice.
		StarterKit.configure({ undoRedo: false, link: { openOnClick: false }, ...(editable ? {} : { trailingNode: false }) }),
		UniqueID.configure({
			types: BLOCK_TYPES,
			attributeName: 'id',
			generateID: () => newBlockId(),
			// Remote changes arrive with the ids their author gave them; re-assigning ids to them
			// here would make two clients fight over the same block. [DS5] Typing inside a line
			// cannot make or duplicate a block: skipped (nearly every keystroke).
			filterTransaction: (tr) => !isChangeOrigin(tr) && !onlyInlineEdits(tr)
		}),
		DedupeBlockIds.configure({ types: BLOCK_TYPES, attributeName: 'id' }),
		TaskHighlights,
		PastePlainText,
		SelectionBeforeKeys
	];
}

/** Builds the collaborative body editor bound to the notice's `content` fragment. */
export function createNoticeEditor(opts: NoticeEditorOptions): Editor {
	const extensions: AnyExtension[] = [...bodyExtensions(opts.editable), Collaboration.configure({ fragment: opts.notice.content })];
	if (opts.provider && opts.user) extensions.push(CollaborationCaret.configure({ provider: opts.provider, user: opts.user, render: renderCaret }));
	extensions.push(...(opts.extraExtensions ?? []));
	return new Editor({
		element: opts.element,
		editable: opts.editable,
		extensions,
		editorProps: { attributes: { 'aria-label': 'Nội dung thông báo', class: 'notice-body' } }
	});
}
