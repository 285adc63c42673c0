import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser } from '../integration/harness';
import { hasChromium, signIn, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

/** The body's text as the person reads it, without the other participants' caret labels. */
const editorText = (page: Page) =>
	page.locator('[data-testid="editor"] .notice-body').evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		// Carets and task chips are decorations drawn over the text, not the text: chips come and go as
		// the tasks are read again after a pause, so a snapshot with them differs from one without.
		copy.querySelectorAll('.collaboration-carets__caret, .task-chip').forEach((c) => c.remove());
		return Array.from(copy.querySelectorAll('p, h1, h2, h3, li'))
			.filter((b) => !b.querySelector('p'))
			.map((b) => b.textContent ?? '')
			.join('\n');
	});

describe.skipIf(!hasChromium)('co-writing a notice in Chromium', () => {
	const world = useBrowserWorld();
	const newPage = () => world.newPage();
	const dataDir = world.dataDir;

	it('offers to create the first administrator on the first visit, then signs in', async () => {
		const { page } = await newPage();
		await page.goto(world.server.url + '/');
		await page.waitForURL('**/setup');
		await page.getByLabel('Họ và tên').fill('Nguyễn Thị Quản Trị');
		await page.getByLabel('Tên đăng nhập').fill('admin');
		await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('ngắn');
		await page.getByLabel('Nhập lại mật khẩu').fill('ngắn');
		await page.getByRole('button', { name: 'Tạo quản trị viên' }).click();
		await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Vui lòng sửa');
		await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-quan-tri');
		await page.getByLabel('Nhập lại mật khẩu').fill('mat-khau-quan-tri');
		await page.getByRole('button', { name: 'Tạo quản trị viên' }).click();
		// Step 2, the office profile, may be skipped (issue 9 [4]).
		await page.getByRole('link', { name: 'Bỏ qua, khai báo sau' }).click();
		await page.getByRole('heading', { name: 'Thông báo kết luận' }).waitFor();
		expect(await page.getByTestId('current-user').innerText()).toBe('Nguyễn Thị Quản Trị');

		// A wrong password is refused with a clear Vietnamese message.
		const other = await newPage();
		await other.page.goto(world.server.url + '/login');
		await other.page.getByLabel('Tên đăng nhập').fill('admin');
		await other.page.getByLabel('Mật khẩu').fill('sai-mat-khau');
		await other.page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect.poll(() => other.page.getByRole('alert').innerText()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
	});

	it('lets two people type into the same notice at once and see each other', async () => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
		const a = await newPage();
		const b = await newPage();
		await signIn(a.page, world.server.url, 'an', 'mat-khau-123');
		await signIn(b.page, world.server.url, 'binh', 'mat-khau-123');

		await a.page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.page.waitForURL('**/notices/*');
		const noticeUrl = a.page.url();
		await a.page.getByPlaceholder('Kết luận của … tại cuộc họp …').fill('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 01/2024');
		await b.page.goto(noticeUrl);

		// Presence: each sees the other in the list.
		await expect.poll(() => a.page.getByTestId('presence').innerText()).toContain('Lê Thị Bình');
		await expect.poll(() => b.page.getByTestId('presence').innerText()).toContain('Trần Văn An');
		// The header field typed by A shows up at B.
		await expect
			.poll(() => b.page.getByPlaceholder('Kết luận của … tại cuộc họp …').inputValue())
			.toBe('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 01/2024');

		const bodyA = a.page.locator('[data-testid="editor"] .notice-body');
		const bodyB = b.page.locator('[data-testid="editor"] .notice-body');
		await bodyA.click();
		await a.page.keyboard.type('Giao Sở Tài chính chủ trì, phối hợp với các sở. ');
		await bodyB.click();
		await b.page.keyboard.press('Control+End');
		// Typing through an IME: a composition that ends in a Vietnamese word.
		const cdp = await b.context.newCDPSession(b.page);
		await cdp.send('Input.imeSetComposition', { text: 'Vie', selectionStart: 3, selectionEnd: 3 });
		await cdp.send('Input.imeSetComposition', { text: 'Việ', selectionStart: 3, selectionEnd: 3 });
		await cdp.send('Input.insertText', { text: 'Việt' });
		await b.page.keyboard.type(' xong trước ngày 30/01/2024.');

		await expect.poll(() => editorText(a.page)).toContain('Việt xong trước ngày 30/01/2024.');
		await expect.poll(async () => (await editorText(a.page)) === (await editorText(b.page))).toBe(true);
		const text = await editorText(a.page);
		expect(text).toContain('Giao Sở Tài chính chủ trì');
		expect(text.normalize('NFC')).toBe(text);

		// Carets: A sees B's named caret in the text, and B sees A's.
		await expect.poll(() => a.page.locator('.collaboration-carets__label', { hasText: 'Lê Thị Bình' }).count()).toBe(1);
		await bodyA.click();
		await expect.poll(() => b.page.locator('.collaboration-carets__label', { hasText: 'Trần Văn An' }).count()).toBe(1);
		await expect.poll(() => a.page.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');

		// The list shows the notice under its title, found by a search typed without diacritics.
		await a.page.goto(world.server.url + '/?q=' + encodeURIComponent('giao ban thang 01/2024'));
		await expect.poll(() => a.page.getByTestId('notice-link').allInnerTexts()).toEqual(['Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 01/2024']);
		await a.page.goto(world.server.url + '/?q=' + encodeURIComponent('không có thông báo này'));
		expect(await a.page.getByTestId('notice-link').count()).toBe(0);
	});

	it('keeps typing offline, survives a reload while offline, and merges when back online', async () => {
		const a = await newPage();
		const b = await newPage();
		await signIn(a.page, world.server.url, 'an', 'mat-khau-123');
		await signIn(b.page, world.server.url, 'binh', 'mat-khau-123');
		await a.page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.page.waitForURL('**/notices/*');
		const noticeUrl = a.page.url();
		await a.page.locator('[data-testid="editor"] .notice-body').click();
		await a.page.keyboard.type('Dòng trực tuyến của An.');
		await b.page.goto(noticeUrl);
		await expect.poll(() => editorText(b.page)).toContain('Dòng trực tuyến của An.');

		// The service worker is active and holds this page, so an offline reload can open it.
		await b.page.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
		await b.page.waitForFunction(async (u) => !!(await caches.match(u)), noticeUrl);

		await b.context.setOffline(true);
		await expect.poll(() => b.page.getByTestId('connection').getAttribute('data-state')).toBe('offline');
		const bodyB = b.page.locator('[data-testid="editor"] .notice-body');
		await bodyB.click();
		await b.page.keyboard.press('Control+End');
		await b.page.keyboard.press('Enter');
		await b.page.keyboard.type('Bình viết khi mất mạng.');
		await expect.poll(async () => Number(await b.page.getByTestId('saved').getAttribute('data-unsaved'))).toBeGreaterThan(0);
		// Meanwhile A keeps writing online.
		await a.page.locator('[data-testid="editor"] .notice-body').click();
		await a.page.keyboard.press('Control+End');
		await a.page.keyboard.press('Enter');
		await a.page.keyboard.type('An viết tiếp khi Bình mất mạng.');
		expect(await editorText(a.page)).not.toContain('Bình viết khi mất mạng.');

		// Reload with no network: the worker serves the app, IndexedDB the notice.
		await b.page.reload();
		await expect.poll(() => editorText(b.page)).toContain('Bình viết khi mất mạng.');
		await expect.poll(() => b.page.getByTestId('connection').getAttribute('data-state')).toBe('offline');
		await expect.poll(async () => Number(await b.page.getByTestId('saved').getAttribute('data-unsaved'))).toBeGreaterThan(0);
		await b.page.locator('[data-testid="editor"] .notice-body').click();
		await b.page.keyboard.press('Control+End');
		await b.page.keyboard.type(' Sau khi tải lại.');

		await b.context.setOffline(false);
		await expect.poll(() => editorText(a.page), { timeout: 20_000 }).toContain('Bình viết khi mất mạng. Sau khi tải lại.');
		await expect.poll(() => editorText(b.page)).toContain('An viết tiếp khi Bình mất mạng.');
		await expect.poll(async () => (await editorText(a.page)) === (await editorText(b.page))).toBe(true);
		// Opening, reloading and reconnecting added no empty paragraphs of their own.
		expect((await editorText(a.page)).split('\n')[0]).toBe('Dòng trực tuyến của An.');
		await expect.poll(() => b.page.getByTestId('saved').innerText(), { timeout: 20_000 }).toBe('Mọi thay đổi đã lưu trên máy chủ');
		await expect.poll(() => b.page.getByTestId('connection').getAttribute('data-state')).toBe('online');
	});
});
