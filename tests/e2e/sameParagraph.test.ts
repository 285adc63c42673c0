import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addUser } from '../integration/harness';
import { hasChromium, launchChromium, signIn, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

/** The text of the body's first paragraph as the person reads it, without colleagues' caret labels. */
const firstParagraph = (page: Page) =>
	page
		.locator('[data-testid="editor"] .notice-body > p')
		.first()
		.evaluate((el) => {
			const copy = el.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('.collaboration-carets__caret, .task-chip').forEach((c) => c.remove());
			return copy.textContent ?? '';
		});

/** Records console errors and uncaught exceptions of a page. */
function recordErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

describe.skipIf(!hasChromium)('[DS8] two people typing into one paragraph, each in their own Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
	});
	// A second browser process: the colleague's machine.
	let second: Browser | undefined;
	afterAll(async () => {
		await second?.close();
	});

	it('keeps both people’s sentences whole and in order while they type at human speed', async () => {
		const a = await world.signedIn('an');
		second = await launchChromium();
		const b = await (await second.newContext({ locale: 'vi-VN' })).newPage();
		await signIn(b, world.server.url, 'binh', 'mat-khau-123');
		const errorsA = recordErrors(a);
		const errorsB = recordErrors(b);

		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		const base = 'Giao Sở Tài chính chủ trì rà soát.';
		await a.locator('[data-testid="editor"][data-ready="true"] .notice-body').click();
		await a.keyboard.type(base);
		await b.goto(a.url());
		await expect.poll(() => firstParagraph(b)).toBe(base);

		// A types at the end of the paragraph, B at its start, at the same time.
		await a.keyboard.press('End');
		await b.locator('[data-testid="editor"] .notice-body').click();
		await b.keyboard.press('Control+Home');
		const sentenceA = ' Tuy nhien, toc do giai ngan con cham so voi ke hoach.';
		const sentenceB = 'Dong chi Pho Chu tich chu tri cuoc hop. ';
		await Promise.all([a.keyboard.type(sentenceA, { delay: 95 }), b.keyboard.type(sentenceB, { delay: 120 })]);

		const expected = sentenceB + base + sentenceA;
		await expect.poll(() => firstParagraph(a)).toBe(expected);
		await expect.poll(() => firstParagraph(b)).toBe(expected);
		await expect.poll(() => a.getByTestId('saved').getAttribute('data-unsaved')).toBe('0');
		await expect.poll(() => b.getByTestId('saved').getAttribute('data-unsaved')).toBe('0');
		expect(errorsA).toEqual([]);
		expect(errorsB).toEqual([]);
	});
});

describe.skipIf(!hasChromium)('nothing typed is lost when the page goes at once', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
	});

	it('keeps every character typed offline through a reload that comes right after the last key', async () => {
		const a = await world.signedIn('an');
		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		await a.locator('[data-testid="editor"][data-ready="true"] .notice-body').click();
		await a.keyboard.type('Dòng đầu.');
		await expect.poll(() => a.getByTestId('saved').getAttribute('data-unsaved')).toBe('0');
		await a.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
		await a.context().setOffline(true);
		await expect.poll(() => a.getByTestId('connection').getAttribute('data-state')).toBe('offline');
		await a.keyboard.press('Enter');
		const line = 'Giao Sở Xây dựng chủ trì kiểm tra công trình trường học, xong trước ngày 15/11/2099.';
		await a.keyboard.type(line);
		// No wait at all: the reload may come before IndexedDB has written the last keys.
		await a.reload();
		await a.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		await expect.poll(() => a.locator('[data-testid="editor"] .notice-body').innerText()).toContain(line);
		await expect.poll(async () => Number(await a.getByTestId('saved').getAttribute('data-unsaved'))).toBeGreaterThan(0);
	});
});
