import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

const body = (page: Page) => page.locator('[data-testid="editor"] .notice-body');
const threads = (page: Page) => page.getByTestId('comment-thread');

/** Selects the first occurrence of `text` in the body the way a mouse would (a DOM selection). */
async function selectText(page: Page, text: string): Promise<void> {
	await body(page).evaluate((root, wanted) => {
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const i = (n.textContent ?? '').indexOf(wanted);
			if (i < 0) continue;
			const range = document.createRange();
			range.setStart(n, i);
			range.setEnd(n, i + wanted.length);
			const sel = document.getSelection()!;
			sel.removeAllRanges();
			sel.addRange(range);
			return;
		}
		throw new Error(`not in the body: ${wanted}`);
	}, text);
	await page.waitForFunction((wanted) => document.getSelection()?.toString() === wanted, text);
}

/** Collects console errors and uncaught exceptions of a page. */
function watchErrors(page: Page, into: string[], who: string): void {
	page.on('console', (m) => {
		if (m.type() === 'error') into.push(`${who}: ${m.text()}`);
	});
	page.on('pageerror', (e) => into.push(`${who}: ${e.message}`));
}

describe.skipIf(!hasChromium)('comments on a notice in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'lanhdao', 'Nguyễn Văn Lãnh', 'leader');
	});

	it('[P12] an office user comments on a range, a leader who only reads the draft sees it live, replies, resolves, comments too, and a comment written offline arrives once the network is back', async () => {
		const errors: string[] = [];
		const an = await world.signedIn('an');
		watchErrors(an, errors, 'an');
		await an.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await an.waitForURL('**/notices/*');
		const noticeUrl = an.url();
		await body(an).click();
		await an.keyboard.type('Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/01/2024.');
		await an.keyboard.press('Enter');
		await an.keyboard.type('Nhất trí chủ trương đầu tư dự án.');

		const leaderPage = await world.signedIn('lanhdao');
		watchErrors(leaderPage, errors, 'leader');
		await leaderPage.goto(noticeUrl);
		await expect.poll(() => leaderPage.getByText('Bạn chỉ có quyền xem thông báo này.').count()).toBe(1);
		await expect.poll(() => body(leaderPage).innerText()).toContain('Nhất trí chủ trương');

		// An selects "Sở Tài chính" and comments with the keyboard shortcut.
		await selectText(an, 'Sở Tài chính');
		await an.keyboard.press('Control+Alt+M');
		await an.getByLabel('Nội dung bình luận').fill('Đề nghị ghi rõ cơ quan phối hợp.');
		await an.keyboard.press('Control+Enter');
		await expect.poll(() => threads(an).count()).toBe(1);
		await expect.poll(() => an.locator('.notice-body .comment-range').innerText()).toBe('Sở Tài chính');

		// The leader sees it live, highlighted in the read-only body.
		await expect.poll(() => threads(leaderPage).innerText()).toContain('Đề nghị ghi rõ cơ quan phối hợp.');
		expect(await threads(leaderPage).innerText()).toContain('Trần Văn An');
		await expect.poll(() => leaderPage.locator('.notice-body .comment-range').innerText()).toBe('Sở Tài chính');

		// Clicking the highlight picks the thread; the leader replies and resolves it.
		await leaderPage.locator('.notice-body .comment-range').click();
		await leaderPage.getByPlaceholder('Trả lời…').fill('Bổ sung Sở Xây dựng phối hợp.');
		await leaderPage.getByRole('button', { name: 'Trả lời', exact: true }).click();
		await expect.poll(() => an.getByTestId('comment-reply').innerText()).toContain('Bổ sung Sở Xây dựng phối hợp.');
		await leaderPage.getByRole('button', { name: 'Đã xử lý' }).click();
		await expect.poll(() => threads(an).innerText()).toContain('Đã xử lý — Nguyễn Văn Lãnh');
		await expect.poll(() => an.locator('.notice-body .comment-range.resolved').count()).toBe(1);
		// An reopens it; the leader sees it open again.
		await an.getByRole('button', { name: 'Mở lại' }).click();
		await expect.poll(() => leaderPage.getByRole('button', { name: 'Đã xử lý' }).count()).toBe(1);
		await expect.poll(() => leaderPage.locator('.notice-body .comment-range.resolved').count()).toBe(0);

		// The leader comments on the read-only body with the button.
		await selectText(leaderPage, 'chủ trương đầu tư');
		await leaderPage.getByRole('button', { name: 'Bình luận', exact: true }).click();
		await leaderPage.getByLabel('Nội dung bình luận').fill('Cần ý kiến Sở Kế hoạch và Đầu tư.');
		await leaderPage.getByRole('button', { name: 'Gửi bình luận' }).click();
		await expect.poll(() => threads(an).count()).toBe(2);
		// In document order: the first paragraph's thread first.
		await expect.poll(() => threads(an).last().innerText()).toContain('Cần ý kiến Sở Kế hoạch và Đầu tư.');
		expect(await leaderPage.getByRole('alert').count()).toBe(0);

		// Offline, the leader comments again; An sees it once the leader is back online.
		await leaderPage.context().setOffline(true);
		await selectText(leaderPage, 'rà soát nguồn vốn');
		await leaderPage.keyboard.press('Control+Alt+M');
		await leaderPage.getByLabel('Nội dung bình luận').fill('Viết khi mất mạng.');
		await leaderPage.getByRole('button', { name: 'Gửi bình luận' }).click();
		await expect.poll(() => threads(leaderPage).count()).toBe(3);
		await expect.poll(() => leaderPage.getByTestId('comments-unsaved').count()).toBe(1);
		expect(await threads(an).count()).toBe(2);
		await leaderPage.context().setOffline(false);
		await expect.poll(() => threads(an).count(), { timeout: 20_000 }).toBe(3);
		await expect.poll(() => threads(an).nth(1).innerText()).toContain('Viết khi mất mạng.');
		await expect.poll(() => leaderPage.getByTestId('comments-unsaved').count(), { timeout: 20_000 }).toBe(0);
		// The notice itself was never written by the leader: no refusal, no error.
		expect(await leaderPage.getByRole('alert').count()).toBe(0);
		expect(errors).toEqual([]);
	});

	it('[CM1] [CM4] a comment written offline survives a reload while offline, reaches the others once the network is back, and is kept as an orphan when its words are deleted', async () => {
		const an = await world.signedIn('an');
		await an.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await an.waitForURL('**/notices/*');
		const noticeUrl = an.url();
		await body(an).click();
		await an.keyboard.type('Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm.');
		const leaderPage = await world.signedIn('lanhdao');
		await leaderPage.goto(noticeUrl);
		await expect.poll(() => body(leaderPage).innerText()).toContain('an toàn thực phẩm');
		// The service worker holds this page, so an offline reload can open it.
		await leaderPage.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
		await leaderPage.waitForFunction(async (u) => !!(await caches.match(u)), noticeUrl);

		await leaderPage.context().setOffline(true);
		await selectText(leaderPage, 'Sở Y tế');
		await leaderPage.keyboard.press('Control+Alt+M');
		await leaderPage.getByLabel('Nội dung bình luận').fill('Ghi thêm thời hạn báo cáo.');
		await leaderPage.keyboard.press('Control+Enter');
		await expect.poll(() => leaderPage.getByTestId('comments-unsaved').count()).toBe(1);

		await leaderPage.reload();
		await expect.poll(() => threads(leaderPage).innerText()).toContain('Ghi thêm thời hạn báo cáo.');
		await expect.poll(() => leaderPage.locator('.notice-body .comment-range').innerText()).toBe('Sở Y tế');
		await expect.poll(() => leaderPage.getByTestId('comments-unsaved').count()).toBe(1);
		expect(await threads(an).count()).toBe(0);

		await leaderPage.context().setOffline(false);
		await expect.poll(() => threads(an).innerText(), { timeout: 20_000 }).toContain('Ghi thêm thời hạn báo cáo.');
		await expect.poll(() => an.locator('.notice-body .comment-range').innerText()).toBe('Sở Y tế');
		await expect.poll(() => leaderPage.getByTestId('comments-unsaved').count(), { timeout: 20_000 }).toBe(0);

		// [CM4] An deletes the commented words: both see the thread kept, with its quote, marked plainly.
		await body(an).click();
		await selectText(an, 'Sở Y tế');
		await an.keyboard.press('Backspace');
		await expect.poll(() => body(an).innerText()).not.toContain('Sở Y tế');
		await expect.poll(() => body(leaderPage).innerText()).not.toContain('Sở Y tế');
		for (const page of [an, leaderPage]) {
			await expect.poll(() => page.getByTestId('comment-orphan').innerText()).toBe('Đoạn được bình luận đã bị xóa khỏi văn bản');
			expect(await threads(page).innerText()).toContain('Sở Y tế');
			expect(await page.locator('.notice-body .comment-range').count()).toBe(0);
		}
	});
});
