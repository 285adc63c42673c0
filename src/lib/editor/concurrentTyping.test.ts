// @vitest-environment happy-dom
/**
 * Concurrent typing in one paragraph, with real ProseMirror views and our whole extension set
 * (block ids, id repair, task highlights, carets), each editor on its own Y.Doc, synced through a
 * relay that delays and interleaves updates at random. Every typist's sentence must come out
 * contiguous and in order, and every doc identical. [DS8]
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { TaskDeriver } from '#shared/tasks/draftTasks';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { createNoticeEditor } from './createNoticeEditor';
import { taskHighlightsKey } from './TaskHighlights';
import { mulberry32 } from '#shared/random/mulberry32';

interface Peer {
	doc: Y.Doc;
	notice: NoticeDoc;
	awareness: Awareness;
	editor: Editor;
	deriver: TaskDeriver;
	sentence: string;
	typed: number;
}

/** One message in flight from one peer to another: delivered in order per link, like a socket. */
interface Message {
	kind: 'update' | 'awareness';
	data: Uint8Array;
}

const editors: Editor[] = [];
afterEach(() => {
	while (editors.length) editors.pop()!.destroy();
	document.body.innerHTML = '';
});

const START = 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, xong trước ngày 30/01/2024.';
const SENTENCES = [' Nhất trí chủ trương đầu tư dự án.', ' Yêu cầu Sở Y tế báo cáo trong tháng 02/2024.', ' Đề nghị các huyện khẩn trương thực hiện.'];

function makePeer(doc: Y.Doc, sentence: string, name: string): Peer {
	const notice = new NoticeDoc(doc);
	const awareness = new Awareness(doc);
	const element = document.createElement('div');
	document.body.appendChild(element);
	const editor = createNoticeEditor({ element, notice, editable: true, provider: { awareness }, user: { name, color: '#3366cc' } });
	editors.push(editor);
	return { doc, notice, awareness, editor, deriver: new TaskDeriver(DEFAULT_DIRECTORY), sentence, typed: 0 };
}

/** Text of the first paragraph of the editor. */
function firstParagraph(editor: Editor): string {
	return editor.state.doc.firstChild?.textContent ?? '';
}

/** Puts the editor's caret after the `n`-th character of the first paragraph. */
function caretAt(editor: Editor, n: number): void {
	const { state } = editor.view;
	editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, 1 + n)));
}

/** Runs one seeded session of two or three people typing into the same paragraph. */
function runSession(seed: number, peers: number): { texts: string[]; peers: Peer[] } {
	const rand = mulberry32(seed);
	const first = makePeer(new Y.Doc(), SENTENCES[0]!, 'An');
	first.editor.commands.setContent(`<p>${START}</p><p>Đoạn thứ hai.</p>`);
	const all: Peer[] = [first];
	for (let i = 1; i < peers; i++) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(first.doc), 'relay');
		all.push(makePeer(doc, SENTENCES[i]!, `Người ${i}`));
	}
	// Each types at its own caret in the same paragraph: start, after the first clause, at the end.
	const anchors = [START.length, START.indexOf(',') + 1, 0];
	all.forEach((p, i) => caretAt(p.editor, anchors[i]!));

	// links[from][to]: messages in flight, delivered in order.
	const links: Message[][][] = all.map(() => all.map(() => []));
	all.forEach((p, from) => {
		p.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'relay') return;
			all.forEach((_, to) => to !== from && links[from]![to]!.push({ kind: 'update', data: update }));
		});
		p.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			if (origin === 'relay') return;
			const data = encodeAwarenessUpdate(p.awareness, [...added, ...updated, ...removed]);
			all.forEach((_, to) => to !== from && links[from]![to]!.push({ kind: 'awareness', data }));
		});
	});
	const deliver = (from: number, to: number, count: number) => {
		const queue = links[from]![to]!;
		const batch = queue.splice(0, count);
		const target = all[to]!;
		// Several updates arriving in one frame are applied together, as a merged update.
		const updates = batch.filter((m) => m.kind === 'update').map((m) => m.data);
		if (updates.length) Y.applyUpdate(target.doc, Y.mergeUpdates(updates), 'relay');
		for (const m of batch) if (m.kind === 'awareness') applyAwarenessUpdate(target.awareness, m.data, 'relay');
	};
	const refreshTasks = (p: Peer) => {
		const tasks = p.deriver.derive(p.notice.blocks(), p.notice.readMeta(), p.notice.readCorrections());
		p.editor.view.dispatch(p.editor.state.tr.setMeta(taskHighlightsKey, { tasks }).setMeta('addToHistory', false));
	};

	let guard = 0;
	while (all.some((p) => p.typed < p.sentence.length) && guard++ < 10_000) {
		const r = rand();
		if (r < 0.45) {
			const p = all[Math.floor(rand() * all.length)]!;
			if (p.typed < p.sentence.length) p.editor.view.dispatch(p.editor.state.tr.insertText(p.sentence[p.typed++]!));
		} else if (r < 0.9) {
			const from = Math.floor(rand() * all.length);
			const to = Math.floor(rand() * all.length);
			if (from !== to) deliver(from, to, 1 + Math.floor(rand() * 3));
		} else refreshTasks(all[Math.floor(rand() * all.length)]!);
	}
	// Let the network drain, then compare.
	for (let round = 0; round < 3; round++) all.forEach((_, from) => all.forEach((__, to) => from !== to && deliver(from, to, Infinity)));
	return { texts: all.map((p) => firstParagraph(p.editor)), peers: all };
}

describe('[DS8] people typing in the same paragraph at the same time', () => {
	for (const peers of [2, 3]) {
		it(`keeps every sentence of ${peers} typists contiguous and in order, and all docs identical (120 seeds)`, () => {
			for (let seed = 1; seed <= 120; seed++) {
				const { texts, peers: all } = runSession(seed * 7919 + peers, peers);
				const reference = texts[0]!;
				for (const [i, t] of texts.entries()) expect(t, `seed ${seed}: editor ${i} differs`).toBe(reference);
				for (const p of all) expect(reference, `seed ${seed}: “${p.sentence}” is not contiguous`).toContain(p.sentence);
				expect(Y.encodeStateVector(all[0]!.doc)).toEqual(Y.encodeStateVector(all[1]!.doc));
				// The text that was there is still there, in order, around the typed sentences.
				let rest = reference;
				for (const p of all) rest = rest.replace(p.sentence, '');
				expect(rest, `seed ${seed}`).toBe(START);
				while (editors.length) editors.pop()!.destroy();
				document.body.innerHTML = '';
			}
		});
	}

	it('keeps the caret after its own last character when a colleague types earlier in the paragraph', () => {
		const a = makePeer(new Y.Doc(), '', 'An');
		a.editor.commands.setContent('<p>Hello world</p>');
		const b = makePeer(new Y.Doc(), '', 'Bình');
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), 'relay');
		a.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'relay' && Y.applyUpdate(b.doc, u, 'relay'));
		b.doc.on('update', (u: Uint8Array, o: unknown) => o !== 'relay' && Y.applyUpdate(a.doc, u, 'relay'));
		caretAt(a.editor, 11);
		caretAt(b.editor, 0);
		for (let i = 0; i < 5; i++) {
			a.editor.view.dispatch(a.editor.state.tr.insertText('ABCDE'[i]!));
			if (i < 3) b.editor.view.dispatch(b.editor.state.tr.insertText('xyz'[i]!));
		}
		expect(firstParagraph(a.editor)).toBe('xyzHello worldABCDE');
		expect(firstParagraph(b.editor)).toBe('xyzHello worldABCDE');
	});
});
