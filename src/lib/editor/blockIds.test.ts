// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Editor } from '@tiptap/core';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { createNoticeEditor } from './createNoticeEditor';

const editors: Editor[] = [];
afterEach(() => {
	while (editors.length) editors.pop()!.destroy();
});

function makeEditor(doc = new Y.Doc()): { doc: Y.Doc; notice: NoticeDoc; editor: Editor } {
	const notice = new NoticeDoc(doc);
	const element = document.createElement('div');
	document.body.appendChild(element);
	const editor = createNoticeEditor({ element, notice, editable: true });
	editors.push(editor);
	return { doc, notice, editor };
}

/** Exchanges all missing updates between two docs, both ways. */
function syncDocs(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

function ids(notice: NoticeDoc): string[] {
	return notice.blocks().map((b) => b.id);
}

function expectUnique(list: string[]): void {
	expect(list.every((id) => id.length > 0)).toBe(true);
	expect(new Set(list).size).toBe(list.length);
}

/** Position just after the `n`-th character of the text of block `index` (0-based). */
function posIn(editor: Editor, index: number, n: number): number {
	let found = -1;
	let i = 0;
	editor.state.doc.forEach((node, offset) => {
		if (i++ === index) found = offset + 1 + n;
	});
	return found;
}

describe('block ids in the collaborative editor', () => {
	it('[DS3] gives every typed block an id, unique in the doc', () => {
		const { editor, notice } = makeEditor();
		editor.commands.setContent('<h2>Một</h2><p>Hai</p><p>Ba</p>');
		expect(notice.blocks().map((b) => b.text)).toEqual(['Một', 'Hai', 'Ba']);
		expectUnique(ids(notice));
	});

	it('[DS5] splitting a block keeps its id on the first half and gives the second half a fresh id', () => {
		const { editor, notice } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính chủ trì. Giao Sở Xây dựng phối hợp.</p>');
		const [before] = ids(notice);
		editor
			.chain()
			.setTextSelection(posIn(editor, 0, 26))
			.splitBlock()
			.run();
		const after = ids(notice);
		expect(after).toHaveLength(2);
		expect(after[0]).toBe(before);
		expectUnique(after);
	});

	it('[DS5] merging two blocks keeps the id of the block that absorbs the other', () => {
		const { editor, notice } = makeEditor();
		editor.commands.setContent('<p>Giao Sở Tài chính</p><p>chủ trì thực hiện.</p>');
		const [first] = ids(notice);
		editor
			.chain()
			.setTextSelection(posIn(editor, 1, 0))
			.joinBackward()
			.run();
		expect(ids(notice)).toEqual([first]);
		expect(notice.blocks()[0]?.text).toBe('Giao Sở Tài chínhchủ trì thực hiện.');
	});

	it('[DS5] pasting blocks that carry ids already in the doc gives them fresh ids', () => {
		const { editor, notice } = makeEditor();
		editor.commands.setContent('<p>Dòng một</p><p>Dòng hai</p>');
		const existing = ids(notice);
		const html = notice
			.blocks()
			.map((b) => `<p data-id="${b.id}">${b.text}</p>`)
			.join('');
		// Pasted above the originals: the originals must keep their ids (their tasks stay put).
		editor.commands.insertContentAt(0, html);
		const all = ids(notice);
		expect(all).toHaveLength(4);
		expectUnique(all);
		expect(all.slice(2)).toEqual(existing);
	});

	it('[DS5] two docs splitting and typing the same block concurrently end identical, with unique ids', () => {
		const a = makeEditor();
		a.editor.commands.setContent('<p>Giao Sở Tài chính chủ trì, phối hợp với các sở.</p>');
		const b = makeEditor();
		syncDocs(a.doc, b.doc);
		expect(ids(b.notice)).toEqual(ids(a.notice));
		// Concurrent: A splits the block, B splits it elsewhere and types into it.
		a.editor
			.chain()
			.setTextSelection(posIn(a.editor, 0, 17))
			.splitBlock()
			.run();
		b.editor
			.chain()
			.setTextSelection(posIn(b.editor, 0, 26))
			.splitBlock()
			.insertContent('Mới: ')
			.run();
		syncDocs(a.doc, b.doc);
		expect(a.notice.blocks()).toEqual(b.notice.blocks());
		expectUnique(ids(a.notice));
		expect(a.notice.blocks().length).toBe(3);
	});

	it('[DS5] two docs creating blocks concurrently never share an id', () => {
		const a = makeEditor();
		const b = makeEditor();
		a.editor.commands.setContent('<p>A1</p><p>A2</p>');
		b.editor.commands.setContent('<p>B1</p><p>B2</p>');
		syncDocs(a.doc, b.doc);
		expect(a.notice.blocks()).toEqual(b.notice.blocks());
		expectUnique(ids(a.notice));
	});
});

describe('a body built outside the editor', () => {
	it('[DS3] opens in the editor unchanged: headings, numbered items, emphasis and ids', () => {
		const doc = new Y.Doc();
		const notice = new NoticeDoc(doc);
		let k = 0;
		notice.setBody(
			[
				{ type: 'heading', level: 2, runs: [{ text: 'I. Nhiệm vụ' }] },
				{ type: 'paragraph', runs: [{ text: 'Giao ' }, { text: 'Sở Tài chính', bold: true }, { text: ' chủ trì.', italic: true }] },
				{ type: 'paragraph', list: 'ordered', runs: [{ text: 'Một' }] },
				{ type: 'paragraph', list: 'ordered', runs: [{ text: 'Hai' }] }
			],
			() => `b${k++}`
		);
		const before = notice.content.toString();
		const { editor } = makeEditor(doc);
		expect(editor.getHTML()).toContain('<strong>Sở Tài chính</strong>');
		expect(editor.getHTML()).toContain('<ol');
		expect(notice.blocks().map((b) => [b.id, b.text, b.list?.kind ?? null])).toEqual([
			['b0', 'I. Nhiệm vụ', null],
			['b1', 'Giao Sở Tài chính chủ trì.', null],
			['b2', 'Một', 'ordered'],
			['b3', 'Hai', 'ordered']
		]);
		// Binding the editor changed nothing but perhaps a trailing empty paragraph.
		expect(notice.content.toString().startsWith(before.replace(/<paragraph id="[^"]*"><\/paragraph>$/, ''))).toBe(true);
	});
});
