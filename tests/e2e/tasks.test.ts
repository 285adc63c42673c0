import { describe, expect, it } from 'vitest';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

describe.skipIf(!hasChromium)('assignment lines become live tasks in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
	});
	const signedIn = world.signedIn;

	/** An creates a notice and Bình opens it in another browser: both editors ready. */
	async function bothOnNewNotice() {
		const a = await signedIn('an');
		const b = await signedIn('binh');
		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		await b.goto(a.url());
		await b.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		return { a, b };
	}

	it("shows a line typed in one browser as a task in the other browser's panel, and syncs corrections", async () => {
		const { a, b } = await bothOnNewNotice();

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
		await b.getByLabel('Thời hạn', { exact: true }).fill('2024-02-15');
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

	it('marks a doubtful reading "cần kiểm tra" in the panel and on the chip, says why, and clears the mark once someone corrects it', async () => {
		const { a, b } = await bothOnNewNotice();
		await a.locator('[data-testid="editor"] .notice-body').click();
		// A sure line, then one whose lead the directory does not know.
		await a.keyboard.type('Giao Sở Xây dựng chủ trì kiểm tra công trình trường học, xong trước ngày 15/01/2024.');
		await a.keyboard.press('Enter');
		await a.keyboard.type('Giao Trung tâm Phát triển quỹ đất huyện Yên Thế rà soát hồ sơ, xong trước ngày 30/01/2024.');

		// B's panel counts one task to check and marks that one only.
		await expect.poll(() => b.getByTestId('task-list').locator('li').count()).toBe(2);
		await expect.poll(() => b.getByTestId('weak-count').innerText()).toBe('1 nhiệm vụ cần kiểm tra');
		const rows = b.getByTestId('task-list').locator(':scope > li');
		expect(await rows.nth(0).getByTestId('task-weak').count()).toBe(0);
		expect(await rows.nth(1).getByTestId('task-weak').innerText()).toBe('Cần kiểm tra');
		// A's chips: the doubtful one is marked and its title says why.
		const weakChip = a.locator('.notice-body .task-chip.weak');
		await expect.poll(() => weakChip.count()).toBe(1);
		expect(await a.locator('.notice-body .task-chip').count()).toBe(2);
		expect(await weakChip.getAttribute('title')).toContain('Có cơ quan chưa có trong danh mục');

		// "Xem việc cần kiểm tra" opens it, with the rules that read it and the confidence.
		await b.getByRole('button', { name: 'Xem việc cần kiểm tra' }).click();
		const open = b.getByTestId('task-list').locator('li.selected');
		await expect.poll(() => open.getByTestId('task-lead').innerText()).toBe('Trung tâm Phát triển quỹ đất huyện Yên Thế');
		expect(await open.getByTestId('task-rules').innerText()).toContain('P6 Có cơ quan chưa có trong danh mục');
		expect(await open.locator('.why summary').innerText()).toMatch(/độ tin cậy \d+ %/);

		// B corrects the lead to a directory agency: the mark goes, in both browsers.
		await b.locator('#fix-lead').focus();
		await b.keyboard.press('Backspace');
		await b.keyboard.type('Sở Tài nguyên và Môi trường');
		await b.keyboard.press('Tab');
		await b.getByRole('button', { name: 'Lưu sửa' }).click();
		await expect.poll(() => weakChip.count()).toBe(0);
		await expect.poll(() => b.getByTestId('weak-count').count()).toBe(0);
		await expect.poll(() => a.getByTestId('weak-count').count()).toBe(0);
	});
});
