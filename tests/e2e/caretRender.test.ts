import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ROOT } from '../integration/harness';
import { hasChromium, launchChromium } from '../support/browser';

/** caretRender.ts bundled for a bare page, as `window.CaretRender`. */
async function bundle(): Promise<string> {
	const out = await build({
		entryPoints: [join(ROOT, 'src/lib/editor/caretRender.ts')],
		bundle: true,
		format: 'iife',
		globalName: 'CaretRender',
		write: false
	});
	return out.outputFiles[0]!.text;
}

describe.skipIf(!hasChromium)('colleagues’ caret labels in Chromium', () => {
	let browser: Browser | undefined;
	let page: Page;
	beforeAll(async () => {
		browser = await launchChromium();
		page = await browser.newPage();
		await page.setContent('<p id="line" style="font: 16px serif; width: 300px">Giao Sở Tài chính chủ trì</p>');
		await page.addScriptTag({ content: await bundle() });
	});
	afterAll(async () => {
		await browser?.close();
	});

	it('shows the name while the colleague moves, hides it about 1.5 s after they stop, and shows it again when they type on', async () => {
		const startedAt = await page.evaluate(() => {
			const w = window as unknown as { CaretRender: typeof import('../../src/lib/editor/caretRender'); caret: HTMLElement };
			const caret = w.CaretRender.renderCaret({ name: 'Nguyễn Thị Bình', color: '#3b6fd8' });
			document.getElementById('line')!.append(caret);
			w.caret = caret;
			return Date.now();
		});
		const active = () => page.evaluate(() => (window as unknown as { caret: HTMLElement }).caret.classList.contains('is-active'));
		expect(await active()).toBe(true);
		expect(await page.evaluate(() => (window as unknown as { caret: HTMLElement }).caret.textContent)).toBe('Nguyễn Thị Bình');

		await expect.poll(active, { timeout: 5000 }).toBe(false);
		expect((await page.evaluate(() => Date.now())) - startedAt).toBeGreaterThanOrEqual(1400);

		// Typing before the caret moves it: the name comes back.
		await page.evaluate(() => (window as unknown as { caret: HTMLElement }).caret.before(' rà soát'));
		await expect.poll(active, { timeout: 5000 }).toBe(true);
		await expect.poll(active, { timeout: 5000 }).toBe(false);
	});

	it('keeps the name of a caret with no usable name or colour readable', async () => {
		const caret = await page.evaluate(() => {
			const w = window as unknown as { CaretRender: typeof import('../../src/lib/editor/caretRender') };
			const el = w.CaretRender.renderCaret({ name: '  ', color: 'red; background: url(x)' });
			return { text: el.textContent, color: el.style.borderColor, label: el.getAttribute('aria-label') };
		});
		expect(caret).toEqual({ text: 'Người cùng soạn', color: 'rgb(107, 114, 128)', label: 'Người cùng soạn đang soạn ở đây' });
	});
});
