// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from '@tiptap/core';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { createNoticeEditor } from './createNoticeEditor';
import { onlyInlineEdits } from './inlineEdits';

const editors: Editor[] = [];
afterEach(() => {
	while (editors.length) editors.pop()!.destroy();
});

function editorWith(html: string): Editor {
	const element = document.createElement('div');
	document.body.appendChild(element);
	const editor = createNoticeEditor({ element, notice: new NoticeDoc(new Y.Doc()), editable: true });
	editors.push(editor);
	editor.commands.setContent(html);
	return editor;
}

describe('onlyInlineEdits: the transactions the block-id plugins may skip [DS5]', () => {
	it('typing, deleting and replacing text inside one line, and marks, are inline edits', () => {
		const editor = editorWith('<p>Giao Sở Tài chính chủ trì</p><p>Thứ hai</p>');
		const { state } = editor;
		expect(onlyInlineEdits(state.tr.insertText('x', 3))).toBe(true);
		expect(onlyInlineEdits(state.tr.delete(3, 5))).toBe(true);
		expect(onlyInlineEdits(state.tr.insertText('Bộ', 6, 8))).toBe(true);
		expect(onlyInlineEdits(state.tr.addMark(1, 5, state.schema.marks.bold!.create()))).toBe(true);
		expect(onlyInlineEdits(state.tr.setSelection(state.selection))).toBe(true);
	});

	it('splitting, joining, deleting across lines, new attributes or pasted blocks are not', () => {
		const editor = editorWith('<p>Giao Sở Tài chính chủ trì</p><p>Thứ hai</p>');
		const { state } = editor;
		const firstEnd = state.doc.firstChild!.nodeSize;
		expect(onlyInlineEdits(state.tr.split(5))).toBe(false);
		expect(onlyInlineEdits(state.tr.join(firstEnd))).toBe(false);
		expect(onlyInlineEdits(state.tr.delete(5, firstEnd + 3))).toBe(false);
		expect(onlyInlineEdits(state.tr.setNodeMarkup(0, undefined, { ...state.doc.firstChild!.attrs, id: 'b-x' }))).toBe(false);
		expect(onlyInlineEdits(state.tr.insert(firstEnd, state.schema.nodes.paragraph!.create({ id: 'b-dup' })))).toBe(false);
	});

	it('a typed character still leaves every block with its own id, and a split gives the new line a new one', () => {
		const editor = editorWith('<p>Giao Sở Tài chính</p>');
		const ids = () => {
			const list: unknown[] = [];
			editor.state.doc.forEach((n) => list.push(n.attrs.id));
			return list;
		};
		const before = ids();
		editor.commands.insertContentAt(3, 'x');
		expect(ids()).toEqual(before);
		editor.commands.setTextSelection(5);
		editor.commands.splitBlock();
		const after = ids();
		expect(after).toHaveLength(2);
		expect(after[0]).toBe(before[0]);
		expect(typeof after[1]).toBe('string');
		expect(after[1]).not.toBe(after[0]);
	});
});
