/**
 * Issue 9 [6]: nothing typed is lost offline on a task's page, in Chromium. A progress report
 * written offline leaves with the file chosen for it once the network is back; a report the server
 * refuses on replay (the task was withdrawn meanwhile) stays on the page with the server's reason,
 * its text copyable, and can be dropped; the other forms say plainly that they need the network
 * and keep what was typed — never an error page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, cli } from '../integration/harness';
import { hasChromium, fillRequiredHeader, useBrowserWorld } from '../support/browser';

describe.skipIf(!hasChromium)('a task page offline in Chromium', () => {
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
	});
	const signedIn = world.signedIn;

	/** A notice with two tasks of Sở Tài chính, issued; returns their pages' addresses as the agency reaches them. */
	const issueTwo = async (office: Page, agency: Page, run: string) => {
		await office.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await office.waitForURL('**/notices/*');
		await fillRequiredHeader(office);
		await office.locator('[data-testid="editor"] .notice-body').click();
		await office.keyboard.type(`Giao Sở Tài chính chủ trì lập dự toán (${run}), xong trước ngày 15/12/2099.`);
		await office.keyboard.press('Enter');
		await office.keyboard.type(`Giao Sở Tài chính chủ trì kiểm tra quỹ đất (${run}), xong trước ngày 20/12/2099.`);
		await expect.poll(() => office.getByTestId('task-deadline').count()).toBe(2);
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		office.once('dialog', (d) => void d.accept());
		await office.getByLabel('Nguồn kết luận').selectOption('UBND');
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(1);
		const open = async (words: string) => {
			await agency.goto(world.server.url + '/tasks');
			await agency
				.getByTestId('tracker')
				.getByRole('link', { name: new RegExp(`${words}.*${run}`) })
				.click();
			await agency.waitForURL('**/tasks/*/*');
			await agency.getByLabel('Nội dung', { exact: true }).waitFor();
			return agency.url();
		};
		return { budget: await open('dự toán'), land: await open('quỹ đất') };
	};

	it('sends a report written offline with its file, keeps a refused one with the reason, and says plainly what needs the network', async () => {
		const RUN = `đợt ${Date.now().toString(36)}`;
		const office = await signedIn('chuyenvien');
		const agency = await signedIn('sotc');
		const { budget, land } = await issueTwo(office, agency, RUN);

		// Offline on the first task: a report with a file waits in the outbox with its file.
		await agency.goto(budget);
		await agency.getByLabel('Nội dung', { exact: true }).waitFor();
		await agency.context().setOffline(true);
		await agency.getByLabel('Nội dung', { exact: true }).fill('Đã lập dự toán sơ bộ (viết khi mất mạng).');
		await agency.getByLabel('Tỷ lệ hoàn thành (%)').fill('50');
		await agency
			.getByLabel('Tệp đính kèm (tối đa 10 MB mỗi tệp)')
			.setInputFiles({ name: 'du-toan.txt', mimeType: 'text/plain', buffer: Buffer.from('Dự toán: 12 tỷ đồng') });
		await agency.getByRole('button', { name: 'Gửi báo cáo' }).click();
		await expect.poll(() => agency.getByRole('status').filter({ hasText: 'Đang ngoại tuyến' }).innerText()).toContain('(kèm 1 tệp)');
		// A done report needs the network: said plainly, the result typed is kept, no error page.
		await agency.getByLabel('Kết quả').fill('Đã trình dự toán');
		await agency.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
		await expect.poll(() => agency.getByTestId('need-network').innerText()).toContain('Cần có mạng để báo cáo hoàn thành');
		expect(await agency.getByLabel('Kết quả').inputValue()).toBe('Đã trình dự toán');
		expect(await agency.getByTestId('task-status').innerText()).toBe('Đang thực hiện, trong hạn');

		// Back online: the report leaves once, with its file.
		await agency.context().setOffline(false);
		await expect.poll(() => agency.getByTestId('history').innerText(), { timeout: 20_000 }).toContain('50% — Đã lập dự toán sơ bộ');
		await expect.poll(() => agency.getByRole('link', { name: 'du-toan.txt' }).count()).toBe(1);
		const file = await agency.request.get(world.server.url + (await agency.getByRole('link', { name: 'du-toan.txt' }).getAttribute('href'))!);
		expect(await file.text()).toBe('Dự toán: 12 tỷ đồng');
		expect(await agency.getByTestId('outbox-count').count()).toBe(0);

		// Offline on the second task, while the office withdraws it: the replay is refused, and the
		// report stays on the page with the server's reason.
		await agency.goto(land);
		await agency.getByLabel('Nội dung', { exact: true }).waitFor();
		await agency.context().setOffline(true);
		await agency.getByLabel('Nội dung', { exact: true }).fill('Đã kiểm tra 40 ha (viết khi mất mạng).');
		await agency.getByLabel('Tỷ lệ hoàn thành (%)').fill('20');
		await agency.getByRole('button', { name: 'Gửi báo cáo' }).click();
		await expect.poll(() => agency.getByTestId('outbox-count').innerText()).toBe('1 báo cáo đang chờ gửi khi có mạng.');
		await office.goto(land);
		await office.getByLabel('Lý do', { exact: true }).last().fill('Đã giao cho cơ quan khác');
		await office.getByRole('button', { name: 'Thôi thực hiện' }).click();
		await expect.poll(() => office.getByTestId('task-status').innerText()).toContain('Thôi thực hiện');
		await agency.context().setOffline(false);
		const refused = agency.getByTestId('refused-report');
		await expect.poll(() => refused.innerText(), { timeout: 20_000 }).toContain('Nhiệm vụ đã thôi thực hiện.');
		expect(await refused.getByRole('textbox').inputValue()).toBe('Đã kiểm tra 40 ha (viết khi mất mạng).');
		await agency.reload();
		await expect.poll(() => agency.getByTestId('refused-report').count()).toBe(1);
		await agency.getByRole('button', { name: 'Bỏ báo cáo này' }).click();
		await expect.poll(() => agency.getByTestId('refused-report').count()).toBe(0);
	});

	it('says plainly that issuing needs the network, and issues once it is back', async () => {
		const RUN = `đợt ${Date.now().toString(36)}`;
		const office = await signedIn('chuyenvien');
		await office.goto(world.server.url + '/');
		await office.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await office.waitForURL('**/notices/*');
		await fillRequiredHeader(office);
		await office.locator('[data-testid="editor"] .notice-body').click();
		await office.keyboard.type(`Giao Sở Tài chính chủ trì rà soát hồ sơ (${RUN}), xong trước ngày 15/12/2099.`);
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		await office.getByLabel('Nguồn kết luận').selectOption('UBND');
		await office.context().setOffline(true);
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('alert').allInnerTexts()).toContainEqual(expect.stringContaining('Cần có mạng để ban hành thông báo'));
		expect(await office.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(0);
		await office.context().setOffline(false);
		await expect.poll(() => office.getByTestId('connection').getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
		office.once('dialog', (d) => void d.accept());
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(1);
	});
});
