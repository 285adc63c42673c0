import { describe, expect, it } from 'vitest';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

describe.skipIf(!hasChromium)('assignment lines become live tasks in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
	});
	const signedIn = world.signedIn;

	it("shows a line typed in one browser as a task in the other browser's panel, and syncs corrections", async () => {
		const a = await signedIn('an');
		const b = await signedIn('binh');
		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		await b.goto(a.url());
		await b.locator('[data-testid="editor"][data-ready="true"]').waitFor();

		await a.locator('[data-testid="editor"] .notice-body').click();
		await a.keyboard.type('Giao Sở Kế hoạch và Đầu tư chủ trì, phối hợp với Sở Tài chính tham mưu phân bổ vốn, xong trước ngày 30/01/2024.');

		const taskB = b.getByTestId('task-list').locator('li').first();
		// Wait for the whole line (typing takes a while), then check what B's panel reads from it.
		await expect.poll(() => taskB.getByTestId('task-deadline').innerText()).toBe('Trước 30/01/2024');
		expect(await taskB.getByTestId('task-lead').innerText()).toBe('Sở Kế hoạch và Đầu tư');
		expect(await taskB.innerText()).toContain('Phối hợp: Sở Tài chính');
		// The line is marked in A's editor: lead, support and deadline highlighted, and a chip.
		await expect.poll(() => a.locator('.notice-body .tk-lead').allInnerTexts()).toEqual(['Sở Kế hoạch và Đầu tư']);
		expect(await a.locator('.notice-body .tk-support').allInnerTexts()).toEqual(['Sở Tài chính']);
		expect((await a.locator('.notice-body .tk-deadline').allInnerTexts()).join('')).toContain('30/01/2024');
		expect(await a.locator('.notice-body .task-chip').innerText()).toBe('Sở Kế hoạch và Đầu tư · Trước 30/01/2024');

		// A background sentence is not a task.
		await a.keyboard.press('Enter');
		await a.keyboard.type('Năm 2023, tỉnh đạt nhiều kết quả quan trọng.');
		await expect.poll(() => a.locator('.notice-body p').count()).toBe(2);
		expect(await b.getByTestId('task-list').locator('li').count()).toBe(1);

		// B corrects the deadline from the panel; A's chip follows.
		await taskB.getByRole('button').first().click();
		await b.getByLabel('Thời hạn').fill('2024-02-15');
		await b.getByRole('button', { name: 'Lưu sửa' }).click();
		await expect.poll(() => a.locator('.notice-body .task-chip').innerText()).toBe('Sở Kế hoạch và Đầu tư · Hết 15/02/2024');
		await expect.poll(() => a.getByTestId('task-list').innerText()).toContain('Đã sửa bởi Lê Thị Bình');

		// Clicking A's chip opens the task in A's panel.
		await a.locator('.notice-body .task-chip').click();
		await expect.poll(() => a.getByTestId('task-list').locator('li.selected').count()).toBe(1);

		// Dismissing a line takes it out of the count everywhere.
		await b.getByRole('button', { name: 'Không phải nhiệm vụ' }).click();
		await expect.poll(() => a.getByRole('heading', { name: /Nhiệm vụ \(\d+\)/ }).innerText()).toBe('Nhiệm vụ (0)');
	});
});
