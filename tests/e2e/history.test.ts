import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

const TITLE = 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban tháng 01/2024';
const LINE1 = 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát nguồn vốn, xong trước ngày 30/01/2024.';
const LINE2 = 'Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo trước ngày 15/02/2024.';

/** The body's paragraphs as the person reads them, without the task chips the editor draws. */
const paragraphs = (page: Page) =>
	page.locator('[data-testid="editor"] .notice-body').evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.task-chip, .collaboration-carets__caret').forEach((c) => c.remove());
		return Array.from(copy.querySelectorAll('p')).map((p) => p.textContent ?? '');
	});

describe.skipIf(!hasChromium)('version history of a notice in Chromium', () => {
	const env = { HISTORY_INTERVAL_MS: process.env.HISTORY_INTERVAL_MS, HISTORY_PAUSE_MS: process.env.HISTORY_PAUSE_MS };
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		// [HS2] shortened so that versions appear within a second of typing.
		process.env.HISTORY_INTERVAL_MS = '1000';
		process.env.HISTORY_PAUSE_MS = '300';
	});
	afterAll(() => {
		for (const [k, v] of Object.entries(env)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
	});

	/** Collects console errors and uncaught exceptions of a page. */
	const watchErrors = (page: Page): string[] => {
		const errors: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
		});
		page.on('pageerror', (e) => errors.push(`${page.url()}: ${String(e)}`));
		return errors;
	};

	it('[HS9][HS8] lists versions with author and time, shows the body and task diff of one, and restores it as a new draft that opens with its text', async () => {
		const a = await world.signedIn('an');
		const errors = watchErrors(a);
		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		const noticeUrl = a.url();
		await a.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		await a.getByPlaceholder('Kết luận của … tại cuộc họp …').fill(TITLE);
		await a.locator('[data-testid="editor"] .notice-body').click();
		await a.keyboard.type(LINE1);
		await expect.poll(() => a.getByTestId('task-list').locator('li').first().getByTestId('task-deadline').innerText()).toBe('Trước 30/01/2024');

		// The link on the notice page opens the history; once editing paused, the newest version
		// is the text as typed.
		await a.getByRole('link', { name: 'Lịch sử phiên bản' }).click();
		await a.getByRole('heading', { name: 'Lịch sử phiên bản' }).waitFor();
		let newest = '';
		await expect
			.poll(async () => {
				await a.goto(`${noticeUrl}/history`);
				const first = a.locator('table.versions tbody tr').first();
				if ((await first.count()) === 0) return false;
				newest = (await first.locator('a').innerText()).replace('Phiên bản ', '');
				await a.goto(`${noticeUrl}/history/${newest}`);
				return (await a.getByRole('status').allInnerTexts()).includes('Phiên bản này giống hệt bản hiện tại.');
			})
			.toBe(true);
		await a.goto(`${noticeUrl}/history`);
		const row = a.locator('table.versions tbody tr').first();
		expect(await row.innerText()).toContain('Trần Văn An');
		expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(await row.locator('time').innerText()).toMatch(/\d/);

		// Edit on: a second assignment line, and a corrected deadline for the first one.
		await a.goto(noticeUrl);
		await a.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		// Into the body, then to its end by keyboard: a click in the line itself may land on the task
		// chip (a button), and End only reaches the end of a wrapped line's first row.
		await a.locator('[data-testid="editor"] .notice-body').click();
		await a.keyboard.press('Control+End');
		await a.keyboard.press('Enter');
		await a.keyboard.type(LINE2);
		await expect.poll(() => a.getByTestId('task-list').locator('li').count()).toBe(2);
		await a.getByTestId('task-list').locator('li').first().getByRole('button').first().click();
		await a.getByLabel('Thời hạn', { exact: true }).fill('2024-02-20');
		await a.getByRole('button', { name: 'Lưu sửa' }).click();
		await expect.poll(() => a.locator('.notice-body .task-chip').first().innerText()).toBe('Sở Tài chính · Hết 20/02/2024');

		// The version's page: the new line as an insertion, the new task, the changed deadline.
		await a.getByRole('link', { name: 'Lịch sử phiên bản' }).click();
		await a.getByRole('link', { name: `Phiên bản ${newest}`, exact: true }).click();
		await a.getByRole('heading', { name: `Phiên bản ${newest}` }).waitFor();
		await expect
			.poll(async () => {
				await a.reload();
				return a.getByTestId('task-diff').locator('li.changed').count();
			})
			.toBe(1);
		expect(await a.getByTestId('body-diff').locator('.block.inserted ins').innerText()).toBe(LINE2);
		expect(await a.getByTestId('body-diff').locator('.block.unchanged').first().innerText()).toBe(LINE1);
		const appeared = await a.getByTestId('task-diff').locator('li.appeared').innerText();
		expect(appeared).toContain('Nhiệm vụ mới');
		expect(appeared).toContain('Sở Y tế');
		const changed = await a.getByTestId('task-diff').locator('li.changed').innerText();
		expect(changed).toContain('thời hạn');
		expect(changed).toContain('Trước 30/01/2024');
		expect(changed).toContain('Hết 20/02/2024');

		// Restore: a new draft opens with the version's text; the original keeps both lines.
		await a.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await a.getByRole('button', { name: 'Khôi phục thành dự thảo mới' }).click();
		await a.waitForURL((url) => /\/notices\/[^/]+$/.test(url.pathname) && !noticeUrl.endsWith(url.pathname));
		await a.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		await expect.poll(() => paragraphs(a)).toEqual([LINE1]);
		expect(await a.getByPlaceholder('Kết luận của … tại cuộc họp …').inputValue()).toBe(`${TITLE} (khôi phục từ phiên bản ${newest} của thông báo “${TITLE}”)`);
		await expect.poll(() => a.locator('.notice-body .task-chip').first().innerText()).toBe('Sở Tài chính · Trước 30/01/2024');

		await a.goto(noticeUrl);
		await a.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		await expect.poll(() => paragraphs(a)).toEqual([LINE1, LINE2]);
		// The history pages log nothing. The notice page itself logs Svelte's
		// effect_update_depth_exceeded while its editor runs, also without this feature (found while
		// writing this test, reported to the lead), so errors are checked on the history pages only.
		expect(errors.filter((e) => new URL(e.slice(0, e.indexOf(': '))).pathname.includes('/history'))).toEqual([]);
	});
});
