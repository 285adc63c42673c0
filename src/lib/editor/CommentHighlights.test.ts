// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from '@tiptap/core';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { CommentsDoc } from '#shared/doc/commentsDoc';
import { createNoticeEditor } from './createNoticeEditor';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey, type ProsemirrorBinding } from '@tiptap/y-tiptap';
import { CommentHighlights, anchorForSelection, anchorRange, commentHighlightsKey, createPositionLocator, threadRanges } from './CommentHighlights';

const editors: Editor[] = [];
afterEach(() => {
	while (editors.length) editors.pop()!.destroy();
});

function makeEditor(doc = new Y.Doc(), editable = true): { doc: Y.Doc; notice: NoticeDoc; editor: Editor } {
	const notice = new NoticeDoc(doc);
	const element = document.createElement('div');
	document.body.appendChild(element);
	const editor = createNoticeEditor({ element, notice, editable, extraExtensions: [CommentHighlights] });
	editors.push(editor);
	return { doc, notice, editor };
}

function syncDocs(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

/** Position of the first occurrence of `text` in the editor's document. */
function posOf(editor: Editor, text: string): number {
	let found = -1;
	editor.state.doc.descendants((node, pos) => {
		if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
		return found < 0;
	});
	if (found < 0) throw new Error(`"${text}" not in the editor`);
	return found;
}

/** Opens a thread on the first occurrence of `words`, as the panel does, and pushes the threads in. */
function commentOn(editor: Editor, comments: CommentsDoc, words: string, id = 't1'): void {
	const from = posOf(editor, words);
	editor.commands.setTextSelection({ from, to: from + words.length });
	const { anchor, quote } = anchorForSelection(editor.state);
	comments.addThread({ id, anchor, quote, text: 'Cần làm rõ.', author: { id: 'u', name: 'An' }, createdAt: 1 });
	push(editor, comments);
}

function push(editor: Editor, comments: CommentsDoc): void {
	const threads = comments.threads().map((t) => ({ id: t.id, anchor: t.anchor, resolved: t.status.resolved }));
	editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, { threads, activeId: null, showResolved: false }));
}

/** The text each highlight covers now. */
function highlighted(editor: Editor): string[] {
	return threadRanges(editor.state).map((r) => editor.state.doc.textBetween(r.from, r.to));
}

describe('comment highlights in the collaborative editor', () => {
	it('[CM3] highlights the commented words and keeps them highlighted while typing before and inside them', () => {
		const { editor } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p><p>Nhất trí chủ trương.</p>');
		const comments = new CommentsDoc(new Y.Doc());
		commentOn(editor, comments, 'Sở Tài chính');
		expect(highlighted(editor)).toEqual(['Sở Tài chính']);
		expect(editor.view.dom.querySelector('.comment-range')?.textContent).toBe('Sở Tài chính');

		editor.chain().setTextSelection(1).insertContent('Đề nghị: ').run();
		editor.chain().setTextSelection(posOf(editor, 'Tài')).insertContent('Kế hoạch và ').run();
		expect(highlighted(editor)).toEqual(['Sở Kế hoạch và Tài chính']);
	});

	it('[CM3] a comment from the very first character of the body resolves (y-tiptap treats position 1 specially)', () => {
		const { editor } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p>');
		const comments = new CommentsDoc(new Y.Doc());
		commentOn(editor, comments, 'Giao Sở');
		expect(highlighted(editor)).toEqual(['Giao Sở']);
	});

	it('[CM3] [CM4] follows a remote edit (applied as a whole-document replace) and drops the highlight when the words are deleted remotely', () => {
		const a = makeEditor();
		a.editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p><p>Nhất trí chủ trương.</p>');
		const b = makeEditor();
		syncDocs(a.doc, b.doc);
		const comments = new CommentsDoc(new Y.Doc());
		commentOn(a.editor, comments, 'Sở Tài chính');
		// The comment reaches B, which resolves it against its own copy of the notice.
		push(b.editor, comments);
		expect(highlighted(b.editor)).toEqual(['Sở Tài chính']);

		b.editor.chain().setTextSelection(1).insertContent('Đề nghị: ').run();
		syncDocs(a.doc, b.doc);
		expect(a.editor.getText()).toContain('Đề nghị: Giao');
		expect(highlighted(a.editor)).toEqual(['Sở Tài chính']);

		const from = posOf(b.editor, 'Sở Tài chính');
		b.editor
			.chain()
			.setTextSelection({ from, to: from + 'Sở Tài chính'.length })
			.deleteSelection()
			.run();
		syncDocs(a.doc, b.doc);
		expect(highlighted(a.editor)).toEqual([]);
		expect(anchorRange(a.editor.state, comments.threads()[0]!.anchor)).toBeNull();
	});

	it('refreshing the highlights neither moves the selection nor changes the document', () => {
		const { editor, notice } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p>');
		const comments = new CommentsDoc(new Y.Doc());
		commentOn(editor, comments, 'Tài chính');
		editor.commands.setTextSelection(3);
		const before = Y.encodeStateVector(notice.doc);
		push(editor, comments);
		expect(editor.state.selection.from).toBe(3);
		expect(editor.state.selection.to).toBe(3);
		expect(Y.encodeStateVector(notice.doc)).toEqual(before);
	});

	it('[CM3] a reader (read-only editor) can anchor a comment on a selection without writing to the notice', () => {
		const a = makeEditor();
		a.editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p>');
		const reader = makeEditor(new Y.Doc(), false);
		syncDocs(a.doc, reader.doc);
		const before = Y.encodeStateVector(reader.doc);
		const comments = new CommentsDoc(new Y.Doc());
		commentOn(reader.editor, comments, 'chủ trì');
		expect(highlighted(reader.editor)).toEqual(['chủ trì']);
		expect(Y.encodeStateVector(reader.doc)).toEqual(before);
		push(a.editor, comments);
		expect(highlighted(a.editor)).toEqual(['chủ trì']);
	});

	it("the batched position locator gives y-tiptap's position for every place in text, across headings, lists, hard breaks and marks", () => {
		const { editor } = makeEditor();
		editor.commands.setContent(
			'<h2>Phần I</h2><p>Giao <strong>Sở Tài chính</strong> chủ trì.<br>Dòng hai.</p><ol><li><p>Mục một</p></li><li><p>Mục <em>hai</em></p><ul><li><p>Con</p></li></ul></li></ol><p></p><p>Cuối.</p>'
		);
		const binding = (ySyncPluginKey.getState(editor.state) as { binding: ProsemirrorBinding }).binding;
		const locate = createPositionLocator(binding);
		let checked = 0;
		editor.state.doc.descendants((node, pos) => {
			if (!node.isTextblock) return true;
			for (let p = pos + 1; p <= pos + 1 + node.content.size; p++) {
				const rel = absolutePositionToRelativePosition(p, binding.type, binding.mapping);
				const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc)!;
				const ours = locate({ type: abs.type, index: abs.index });
				expect(ours, `position ${p}`).toBe(p);
				if (p > 1) expect(relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping)).toBe(p);
				checked++;
			}
			return false;
		});
		expect(checked).toBeGreaterThan(60);
	});

	it('refuses to comment on an empty selection with a Vietnamese message', () => {
		const { editor } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính chủ trì.</p>');
		editor.commands.setTextSelection(4);
		expect(() => anchorForSelection(editor.state)).toThrow('Hãy chọn đoạn văn bản cần bình luận.');
	});
});
