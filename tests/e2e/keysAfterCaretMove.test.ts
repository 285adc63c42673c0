import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../integration/harness';
import { hasChromium, launchChromium } from '../support/browser';

/** The notice editor (our whole extension set) bundled for a bare page, as `window.Ed`. */
async function bundle(): Promise<string> {
	const out = await build({
		stdin: {
			contents: `export { createNoticeEditor } from './src/lib/editor/createNoticeEditor';
export { NoticeDoc } from './src/lib/shared/doc/noticeDoc';
export { Doc } from 'yjs';`,
			resolveDir: ROOT,
			loader: 'ts'
		},
		bundle: true,
		format: 'iife',
		globalName: 'Ed',
		write: false
	});
	return out.outputFiles[0]!.text;
}

interface Ed {
	createNoticeEditor: typeof import('../../src/lib/editor/createNoticeEditor').createNoticeEditor;
	NoticeDoc: typeof import('../../src/lib/shared/doc/noticeDoc').NoticeDoc;
	Doc: typeof import('yjs').Doc;
}

/**
 * [DS9] The browser moves the caret for Ctrl+End or a click and tells ProseMirror only through a
 * queued `selectionchange`. Here the caret is moved and Enter pressed in one task, as Chromium
 * runs them when input waits behind a busy frame: Enter must split the line the caret is in.
 */
describe.skipIf(!hasChromium)('key commands right after the caret moved, in Chromium', () => {
	let browser: Browser | undefined;
	let page: Page;
	beforeAll(async () => {
		browser = await launchChromium();
		page = await browser.newPage();
		await page.setContent('<div id="editor"></div>');
		await page.addScriptTag({ content: await bundle() });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('splits the last line after Ctrl+End, not the first line where the editor last saw the caret', async () => {
		const blocks = await page.evaluate(() => {
			const { createNoticeEditor, NoticeDoc, Doc } = (window as unknown as { Ed: Ed }).Ed;
			const editor = createNoticeEditor({ element: document.getElementById('editor')!, notice: new NoticeDoc(new Doc()), editable: true });
			editor.commands.setContent('<p>Dòng một.</p><p>Dòng hai.</p>');
			editor.commands.focus('start');
			if (editor.state.selection.from !== 1) throw new Error('caret not at the start');
			// What Ctrl+End does natively, then Enter, before any selectionchange has run.
			const last = Array.from(editor.view.dom.querySelectorAll('p')).at(-1)!.firstChild!;
			document.getSelection()!.collapse(last, last.textContent!.length);
			editor.view.dom.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true, cancelable: true }));
			const out: string[] = [];
			editor.state.doc.forEach((b) => void out.push(b.textContent));
			return out;
		});
		expect(blocks).toEqual(['Dòng một.', 'Dòng hai.', '']);
	});
});
