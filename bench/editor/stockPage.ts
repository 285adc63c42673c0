/**
 * Browser entry of the two reference pages of `npm run bench:editor`, bundled by esbuild:
 * `?mode=stock` — stock Tiptap 3 (StarterKit without undoRedo, Collaboration, CollaborationCaret on
 * an Awareness with no network) bound to a Y.Doc holding the notice's state, and `?mode=plain` — a
 * bare `<div contenteditable>` with the same body as HTML. `case` names the state file served
 * beside the page (`/state/<case>.bin`, a Y update of the whole notice); `w` is the body width in
 * CSS px, measured on our page so that line breaking (and so layout cost) is comparable.
 * Sets `document.body.dataset.ready = 'true'` once the body is on screen.
 */
import { Editor, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';

const params = new URLSearchParams(location.search);
const mode = params.get('mode');
const width = Number(params.get('w') ?? 0);

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The HTML a browser would show for the body: the element names Tiptap renders for these nodes. */
function toHtml(node: Y.XmlFragment | Y.XmlElement | Y.XmlText): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
			.map((op) => {
				if (typeof op.insert !== 'string') return '';
				let html = escapeHtml(op.insert);
				if (op.attributes?.italic) html = `<em>${html}</em>`;
				if (op.attributes?.bold) html = `<strong>${html}</strong>`;
				return html;
			})
			.join('');
	}
	const inner = node
		.toArray()
		.map((child) => toHtml(child as Y.XmlElement | Y.XmlText))
		.join('');
	if (node instanceof Y.XmlFragment && !(node instanceof Y.XmlElement)) return inner;
	const el = node as Y.XmlElement;
	switch (el.nodeName) {
		case 'paragraph':
			return `<p>${inner || '<br>'}</p>`;
		case 'heading':
			return `<h${Number(el.getAttribute('level') ?? 2)}>${inner}</h${Number(el.getAttribute('level') ?? 2)}>`;
		case 'orderedList':
			return `<ol>${inner}</ol>`;
		case 'bulletList':
			return `<ul>${inner}</ul>`;
		case 'listItem':
			return `<li>${inner}</li>`;
		case 'hardBreak':
			return '<br>';
		default:
			return inner;
	}
}

async function main(): Promise<void> {
	const res = await fetch(`/state/${params.get('case')}.bin`);
	if (!res.ok) throw new Error(`state ${params.get('case')}: HTTP ${res.status}`);
	const ydoc = new Y.Doc();
	Y.applyUpdate(ydoc, new Uint8Array(await res.arrayBuffer()));
	const notice = new NoticeDoc(ydoc);
	const host = document.getElementById('app')!;
	if (width > 0) host.style.width = `${width}px`;
	if (mode === 'stock' && params.get('ext')) {
		// Diagnostic (bench --stock-ext): our editor's extensions on the bare reference page.
		const awareness = new Awareness(ydoc);
		const ext = params.get('ext')!.split(',');
		const { createNoticeEditor } = await import('../../src/lib/editor/createNoticeEditor');
		const { CommentHighlights } = await import('../../src/lib/editor/CommentHighlights');
		const { ScrollCaretIntoView } = await import('../../src/lib/editor/ScrollCaretIntoView');
		const extra: AnyExtension[] = [];
		if (ext.includes('comments')) extra.push(CommentHighlights);
		if (ext.includes('scroll')) extra.push(ScrollCaretIntoView.configure({ coveredBy: () => [] }));
		createNoticeEditor({ element: host, notice, provider: { awareness }, user: { name: 'Bench', color: '#3b6fd8' }, editable: true, extraExtensions: extra });
	} else if (mode === 'stock') {
		const awareness = new Awareness(ydoc);
		new Editor({
			element: host,
			extensions: [
				StarterKit.configure({ undoRedo: false }),
				Collaboration.configure({ fragment: notice.content }),
				CollaborationCaret.configure({ provider: { awareness }, user: { name: 'Bench', color: '#3b6fd8' } })
			],
			editorProps: { attributes: { class: 'notice-body' } }
		});
	} else if (mode === 'plain') {
		const div = document.createElement('div');
		div.className = 'notice-body';
		div.contentEditable = 'true';
		div.innerHTML = toHtml(notice.content) || '<p><br></p>';
		host.append(div);
	} else {
		throw new Error(`unknown mode ${mode}`);
	}
	// One frame so the body is laid out before the bench clicks in it.
	requestAnimationFrame(() => (document.body.dataset.ready = 'true'));
}

main().catch((e: unknown) => {
	document.body.dataset.ready = 'error';
	document.body.dataset.error = String(e);
	throw e;
});
