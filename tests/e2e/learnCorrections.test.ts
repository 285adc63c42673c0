import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, cli } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

/** A wording the shipped matcher does not resolve ("chánh" for "chính"): read as an unknown party. */
const MISSPELT = 'Giao Sở Tài chánh chủ trì lập kế hoạch vốn đầu tư công năm 2027, xong trước ngày 30/01/2099.';
/** A report of facts the extractor reads as a task; the office says it is not one. */
const NOT_A_TASK = 'Sở Y tế báo cáo tình hình dịch bệnh trong tháng.';

const tasks = (page: Page) => page.getByTestId('task-list').locator(':scope > li');

async function newNotice(page: Page, lines: string[]): Promise<void> {
	await page.goto(page.url().replace(/\/notices\/.*$/, '/'));
	await page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
	await page.waitForURL('**/notices/*');
	await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
	await page.locator('[data-testid="editor"] .notice-body').click();
	for (const [i, line] of lines.entries()) {
		if (i) await page.keyboard.press('Enter');
		await page.keyboard.type(line);
	}
	await expect.poll(() => page.locator('.notice-body p').allInnerTexts()).toEqual(lines);
}

describe.skipIf(!hasChromium)('learning from corrections in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
		await addUser(dataDir, 'dongnghiep', 'Lê Thị Đồng', 'office');
		await addUser(dataDir, 'quantri', 'Quản Trị', 'admin');
		await addUser(dataDir, 'lanhdao', 'Nguyễn Văn Lãnh', 'leader');
	});

	it('a corrected lead and a dismissed line, remembered, shape every later notice: the new one needs no correction, an open page picks it up, the admin page lists it; a leader is not offered to teach', async () => {
		const page = await world.signedIn('chuyenvien');
		// A colleague has another notice open with the same misspelt wording.
		const other = await world.signedIn('dongnghiep');
		await newNotice(other, [MISSPELT]);
		await expect.poll(() => tasks(other).first().getByTestId('task-lead').innerText()).toBe('Sở Tài chánh');

		// A leader who may write to that notice corrects it too, but is not offered to teach the directory.
		await cli(world.dataDir, 'notice', 'share', '--notice', other.url().split('/notices/')[1]!, '--username', 'lanhdao', '--access', 'write');
		const leader = await world.signedIn('lanhdao');
		await leader.goto(other.url());
		await expect.poll(() => tasks(leader).first().getByTestId('task-lead').innerText()).toBe('Sở Tài chánh');
		await tasks(leader).first().locator('.summary').click();
		await leader.getByRole('button', { name: 'Không phải nhiệm vụ' }).click();
		await expect.poll(() => tasks(leader).first().innerText()).toContain('Không phải nhiệm vụ');
		expect(await leader.getByRole('button', { name: 'Ghi nhớ cho lần sau' }).count()).toBe(0);
		await leader.getByRole('button', { name: 'Theo văn bản' }).click();
		await expect.poll(() => tasks(other).first().innerText()).not.toContain('Không phải nhiệm vụ');

		await newNotice(page, [MISSPELT]);
		await expect.poll(() => tasks(page).first().getByTestId('task-deadline').innerText()).toBe('Trước 30/01/2099');
		expect(await tasks(page).first().getByTestId('task-lead').innerText()).toBe('Sở Tài chánh');
		expect(await tasks(page).first().innerText()).toContain('Chưa có trong danh mục');

		// Correct the lead to the directory agency, from the keyboard, and save.
		await tasks(page).first().locator('.summary').click();
		await page.locator('#fix-lead').click();
		await page.keyboard.press('Backspace');
		await page.keyboard.type('Sở Tài chính');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('agency-list-fix-lead').locator('.chip .name').allInnerTexts()).toEqual(['Sở Tài chính']);
		await page.getByRole('button', { name: 'Lưu sửa' }).click();
		await expect.poll(() => tasks(page).first().getByTestId('task-lead').innerText()).toBe('Sở Tài chính');

		// The saved correction offers to remember the wording as written.
		await expect.poll(() => page.getByTestId('teach').innerText()).toContain('“Sở Tài chánh” là Sở Tài chính');
		await page.getByRole('button', { name: 'Ghi nhớ cho lần sau' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('learn-note').innerText()).toBe('Đã ghi nhớ: “Sở Tài chánh” là Sở Tài chính.');
		await expect.poll(() => page.getByTestId('teach').count()).toBe(0);

		// The colleague's open page reads it when it comes back into view, without a reload.
		await other.bringToFront();
		await other.evaluate(() => window.dispatchEvent(new Event('focus')));
		await expect.poll(() => tasks(other).first().getByTestId('task-lead').innerText()).toBe('Sở Tài chính');
		expect(await tasks(other).first().innerText()).not.toContain('Chưa có trong danh mục');

		// Dismiss a line and remember it.
		await page.bringToFront();
		await page.locator('.notice-body p').last().click();
		await page.keyboard.press('End');
		await page.keyboard.press('Enter');
		await page.keyboard.type(NOT_A_TASK);
		await expect.poll(() => tasks(page).count()).toBe(2);
		await tasks(page).nth(1).locator('.summary').click();
		await page.getByRole('button', { name: 'Không phải nhiệm vụ' }).click();
		await expect.poll(() => tasks(page).nth(1).innerText()).toContain('Không phải nhiệm vụ');
		await page.getByRole('button', { name: 'Ghi nhớ cho lần sau' }).click();
		await expect.poll(() => page.getByTestId('learn-note').innerText()).toBe('Đã ghi nhớ: câu này sẽ không được coi là nhiệm vụ.');
		await expect.poll(() => tasks(page).count()).toBe(1);

		// A new notice with the same lines: the right lead without any correction, and no task from the report.
		await newNotice(page, [NOT_A_TASK, MISSPELT]);
		await expect.poll(() => tasks(page).first().getByTestId('task-deadline').innerText()).toBe('Trước 30/01/2099');
		expect(await tasks(page).count()).toBe(1);
		const only = tasks(page).first();
		expect(await only.getByTestId('task-lead').innerText()).toBe('Sở Tài chính');
		expect(await only.innerText()).not.toContain('Chưa có trong danh mục');
		expect(await only.innerText()).not.toContain('Đã sửa');
		expect(await page.getByRole('heading', { name: /Nhiệm vụ \(\d+\)/ }).innerText()).toBe('Nhiệm vụ (1)');

		// The admin page shows the alias among the agency's names and the phrasing, which can be forgotten.
		const admin = await world.signedIn('quantri');
		await admin.goto(`${world.server.url}/admin/agencies`);
		await admin.getByPlaceholder('Lọc theo tên…').fill('Sở Tài chính');
		await expect.poll(() => admin.locator('tbody tr').first().innerText()).toContain('Sở Tài chánh');
		expect(await admin.getByTestId('non-tasks').innerText()).toContain(NOT_A_TASK);
		await admin.getByRole('button', { name: `Bỏ ghi nhớ câu “${NOT_A_TASK}”` }).click();
		await expect.poll(() => admin.getByTestId('non-tasks').count()).toBe(0);
		await expect.poll(() => admin.getByRole('status').innerText()).toContain('Đã bỏ ghi nhớ');
	});
});
