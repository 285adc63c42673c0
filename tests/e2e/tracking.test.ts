import { describe, expect, it } from 'vitest';
import { addUser, cli } from '../integration/harness';
import type { Page } from 'playwright-core';
import { fillRequiredHeader, hasChromium, useBrowserWorld } from '../support/browser';

let runs = 0;
/**
 * Words unique to one run of one test: a test finds its own notice and task by them, never one
 * left on the same server by an earlier test or an earlier attempt.
 */
const runTag = () => `đợt ${Date.now().toString(36)}${(runs++).toString(36)}`;

/** True once the page's origin has a kept copy of `url` in Cache Storage (the service worker's). */
const kept = (page: Page, url: string) => page.evaluate(async (u) => !!(await caches.match(u)), url);

describe.skipIf(!hasChromium)('issuing a notice and tracking its tasks in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
		await cli(
			dataDir,
			'user',
			'add',
			'--username',
			'sotc',
			'--name',
			'Cán bộ Sở Tài chính',
			'--role',
			'agency',
			'--agency',
			'Sở Tài chính',
			'--password',
			'mat-khau-123'
		);
		await cli(
			dataDir,
			'user',
			'add',
			'--username',
			'soyt',
			'--name',
			'Cán bộ Sở Y tế',
			'--role',
			'agency',
			'--agency',
			'Sở Y tế',
			'--password',
			'mat-khau-123'
		);
	});
	const signedIn = world.signedIn;

	it('issues a notice, the agency reports its task done, the office confirms, and the chip shows it done', async () => {
		const RUN = runTag();
		const office = await signedIn('chuyenvien');
		await office.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await office.waitForURL('**/notices/*');
		const noticeUrl = office.url();
		await office.getByPlaceholder('Kết luận của … tại cuộc họp …').fill('Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về giải ngân vốn đầu tư công');
		// Everything Decree 30 requires but the place; and no parent body, which is only flagged.
		await fillRequiredHeader(office, ['Địa danh']);
		await office.getByPlaceholder('Cơ quan chủ quản (UBND TỈNH …)', { exact: true }).fill('');
		await office.locator('[data-testid="editor"] .notice-body').click();
		await office.keyboard.type(`Giao Sở Tài chính chủ trì rà soát, điều chuyển vốn đầu tư công (${RUN}), xong trước ngày 30/12/2099.`);
		await expect.poll(() => office.getByTestId('task-deadline').first().innerText()).toBe('Trước 30/12/2099');
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');

		// Review before issuing: the blank header fields are listed. The place is required (Decree
		// 30): it cannot be accepted as it is, and issuing waits for it.
		const review = office.getByTestId('issue-review');
		await expect.poll(() => review.innerText()).toContain('Phần đầu chưa có địa danh.');
		expect((await review.locator('li.required').innerText()).replace(/\s+/g, ' ')).toBe('Bắt buộc Phần đầu chưa có địa danh.');
		expect(await review.locator('li.required input').count()).toBe(0);
		expect(await office.getByRole('button', { name: 'Ban hành' }).isDisabled()).toBe(true);
		expect(await office.getByTestId('issue-blocked').innerText()).toBe('Chưa thể ban hành: phần đầu còn thiếu địa danh.');
		await office.getByPlaceholder('Địa danh', { exact: true }).fill('Bắc Giang');
		await expect.poll(() => office.getByRole('button', { name: 'Ban hành' }).isDisabled()).toBe(false);
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		// The missing parent body is only flagged: the issuer accepts it as it is, and the
		// confirmation says how many points are still open.
		const before = await review.locator('li').count();
		await review.getByLabel('Phần đầu chưa có cơ quan chủ quản.').check();
		await expect.poll(() => review.locator('summary').innerText()).toBe(`Rà soát trước khi ban hành: ${before - 1}/${before} điểm chưa xử lý`);
		let confirmText = '';
		// Issue: the notice gets number 1 of its body this year and becomes read-only.
		office.once('dialog', (d) => {
			confirmText = d.message();
			void d.accept();
		});
		await office.getByLabel('Nguồn kết luận').selectOption('CT_UBND');
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('status').filter({ hasText: 'Đã ban hành' }).innerText()).toContain('số 1/TB-VP');
		// Everything was fixed or accepted: the confirmation has no open points to name.
		expect(before).toBe(1);
		expect(confirmText).not.toContain('điểm cần rà soát');
		await expect.poll(() => office.locator('[data-testid="editor"] .notice-body').getAttribute('contenteditable')).toBe('false');
		await expect.poll(() => office.locator('.notice-body .task-chip').innerText()).toContain('Sở Tài chính ·');

		// Another agency does not see the task at all.
		const other = await signedIn('soyt');
		await other.goto(world.server.url + '/tasks');
		expect(await other.getByTestId('tracker-total').innerText()).toBe('0 nhiệm vụ');

		// The agency reads the issued notice (read-only, live), with no error from the server.
		const agency = await signedIn('sotc');
		await agency.goto(noticeUrl);
		await expect.poll(() => agency.getByTestId('connection').getAttribute('data-state')).toBe('online');
		await expect.poll(() => agency.locator('.notice-body .task-chip').innerText()).toContain('Sở Tài chính ·');
		expect(await agency.locator('[data-testid="editor"] .notice-body').getAttribute('contenteditable')).toBe('false');
		expect(await agency.locator('p.form-error').count()).toBe(0);

		// The agency sees its task, reports progress and then reports it done.
		await agency.goto(world.server.url + '/tasks');
		await agency
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(`rà soát.*${RUN}`) })
			.click();
		await agency.getByLabel('Nội dung').fill('Đã rà soát 12 dự án, đề xuất điều chuyển 35 tỷ đồng.');
		await agency.getByLabel('Tỷ lệ hoàn thành (%)').fill('60');
		await agency.getByRole('button', { name: 'Gửi báo cáo' }).click();
		await expect.poll(() => agency.getByTestId('history').innerText()).toContain('60% — Đã rà soát 12 dự án');
		await agency.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
		await expect.poll(() => agency.getByTestId('task-status').innerText()).toBe('Chờ xác nhận hoàn thành');

		// The office confirms; the chip in the notice shows the task done on time.
		await office.goto(world.server.url + '/tasks?status=awaiting');
		await office
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(`rà soát.*${RUN}`) })
			.click();
		await office.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
		await expect.poll(() => office.getByTestId('task-status').innerText()).toBe('Hoàn thành đúng hạn');
		expect(await office.getByTestId('history').innerText()).toMatch(/Ban hành[\s\S]*Báo cáo tiến độ[\s\S]*Báo cáo hoàn thành[\s\S]*Xác nhận hoàn thành/);
		await office.goto(noticeUrl);
		await expect.poll(() => office.locator('.notice-body .task-chip').innerText()).toBe('Sở Tài chính · Hoàn thành đúng hạn');

		// The month's report counts it done on time, and exports as .docx and .xlsx.
		const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
		await office.goto(`${world.server.url}/reports?kind=month&year=${today.slice(0, 4)}&index=${Number(today.slice(5, 7))}`);
		const total = office.getByTestId('report-by-source').locator('tr', { hasText: 'Tổng cộng' });
		expect((await total.locator('td').allInnerTexts()).slice(1, 3)).toEqual(['01', '01 (100%)']);
		expect(await office.getByTestId('report-by-agency').innerText()).toContain('1. Sở Tài chính');
		expect((await office.getByTestId('report-sentence').allInnerTexts()).join(' ')).toMatch(/01 nhiệm vụ/);
		const docx = await office.request.get(world.server.url + (await office.getByTestId('export-docx').getAttribute('href'))!);
		expect(docx.status()).toBe(200);
		expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');
	});

	it('keeps the task list readable offline and sends a progress report written offline once, when back online', async () => {
		// The office issues a notice with one task for Sở Tài chính.
		const RUN = runTag();
		const office = await signedIn('chuyenvien');
		await office.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await office.waitForURL('**/notices/*');
		await fillRequiredHeader(office);
		await office.locator('[data-testid="editor"] .notice-body').click();
		await office.keyboard.type(`Giao Sở Tài chính chủ trì tổng hợp báo cáo quyết toán (${RUN}), xong trước ngày 15/12/2099.`);
		await expect.poll(() => office.getByTestId('task-deadline').first().innerText()).toBe('Trước 15/12/2099');
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		office.once('dialog', (d) => void d.accept());
		await office.getByLabel('Nguồn kết luận').selectOption('UBND');
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(1);

		// The agency opens its list and the task while online: both are kept for offline use.
		const agency = await signedIn('sotc');
		await agency.goto(world.server.url + '/tasks');
		await agency.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
		// Controlled, even when this page's navigation began while the worker was still installing
		// (the cause of the old flake): otherwise its client-side navigations bypass the worker.
		expect(await agency.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await agency
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(`quyết toán.*${RUN}`) })
			.click();
		await agency.getByLabel('Nội dung').waitFor();
		const taskUrl = agency.url();
		// Polled through evaluate: waitForFunction would take the pending Promise of an async
		// predicate as truthy and pass at once, which hid that nothing had been kept.
		await expect.poll(() => kept(agency, taskUrl)).toBe(true);
		await expect.poll(() => kept(agency, world.server.url + '/tasks')).toBe(true);

		await agency.context().setOffline(true);
		await agency.goto(world.server.url + '/tasks');
		expect(await agency.getByTestId('tracker').innerText()).toContain(`quyết toán (${RUN})`);
		await agency.goto(taskUrl);
		await agency.getByLabel('Nội dung').fill('Đã tổng hợp số liệu của 9 huyện (viết khi mất mạng).');
		await agency.getByLabel('Tỷ lệ hoàn thành (%)').fill('30');
		await agency.getByRole('button', { name: 'Gửi báo cáo' }).click();
		await expect.poll(() => agency.getByRole('status').filter({ hasText: 'Đang ngoại tuyến' }).count()).toBe(1);
		await expect.poll(() => agency.getByText('1 báo cáo đang chờ gửi khi có mạng.').count()).toBe(1);

		await agency.context().setOffline(false);
		await expect.poll(() => agency.getByTestId('history').innerText(), { timeout: 20_000 }).toContain('30% — Đã tổng hợp số liệu của 9 huyện');
		await agency.reload();
		expect((await agency.getByTestId('history').innerText()).match(/viết khi mất mạng/g)).toHaveLength(1);
		expect(await agency.getByText('báo cáo đang chờ gửi').count()).toBe(0);
	});
});
