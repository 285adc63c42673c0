/**
 * Issue 9 [3]: corrections after issue, in Chromium against the real server. The office reassigns
 * an issued task to an agency whose name has commas (kept whole, picked from the directory), moves
 * its deadline with a đính chính number and a reason; the history says who, when and why, the new
 * lead sees the task and the old one no longer does, the chip of the frozen text follows; then the
 * office adds a task after issue, which its agency receives as new.
 */
import { describe, expect, it } from 'vitest';
import { addUser, cli } from '../integration/harness';
import type { Page } from 'playwright-core';
import { hasChromium, fillRequiredHeader, useBrowserWorld } from '../support/browser';

const agencyUser = (dataDir: string, username: string, name: string, agency: string) =>
	cli(dataDir, 'user', 'add', '--username', username, '--name', name, '--role', 'agency', '--agency', agency, '--password', 'mat-khau-123');

describe.skipIf(!hasChromium)('correcting an issued notice’s tasks in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
		await agencyUser(dataDir, 'sotc', 'Cán bộ Sở Tài chính', 'Sở Tài chính');
		await agencyUser(dataDir, 'sovh', 'Cán bộ Sở Văn hóa', 'Sở Văn hóa, Thể thao và Du lịch');
		await agencyUser(dataDir, 'soyt', 'Cán bộ Sở Y tế', 'Sở Y tế');
	});
	const signedIn = world.signedIn;

	/** The office writes one assignment line in a new notice and issues it; returns the notice's address. */
	const issueOne = async (office: Page, line: string, number: string) => {
		await office.goto(world.server.url + '/');
		await office.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await office.waitForURL('**/notices/*');
		const url = office.url();
		await fillRequiredHeader(office);
		await office.locator('[data-testid="editor"] .notice-body').click();
		await office.keyboard.type(line);
		await expect.poll(() => office.getByTestId('task-deadline').count()).toBeGreaterThan(0);
		await expect.poll(() => office.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		office.once('dialog', (d) => void d.accept());
		await office.getByLabel('Nguồn kết luận').selectOption('UBND');
		await office.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => office.getByRole('status').filter({ hasText: 'Đã ban hành' }).innerText()).toContain(`số ${number}/TB-VP`);
		return url;
	};

	it('reassigns, moves the deadline and adds a task, each recorded, and every view follows', async () => {
		const RUN = `đợt ${Date.now().toString(36)}`;
		const office = await signedIn('chuyenvien');
		const noticeUrl = await issueOne(office, `Giao Sở Tài chính chủ trì tổ chức lễ hội văn hóa (${RUN}), xong trước ngày 30/12/2099.`, '1');

		// The office opens the task and reassigns it: the lead picked from the directory's suggestions.
		await office.goto(world.server.url + '/tasks');
		await office
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(RUN) })
			.click();
		await office.waitForURL('**/tasks/*/*');
		const taskUrl = office.url();
		const lead = office.getByTestId('agency-list-fix-lead');
		await lead.getByRole('button', { name: 'Bỏ Sở Tài chính' }).click();
		await office.locator('#fix-lead').fill('văn hóa, thể thao');
		await office.locator('#fix-lead').press('Enter');
		await expect.poll(() => lead.locator('.chip .name').allInnerTexts()).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
		await office.getByLabel('Thời hạn', { exact: true }).fill('2100-01-15');
		await office.getByLabel('Số văn bản đính chính (nếu có)').first().fill('2/TB-VP');
		await office.getByLabel('Lý do', { exact: true }).first().fill('Theo ý kiến chỉ đạo của Chủ tịch UBND tỉnh');
		await office.getByRole('button', { name: 'Lưu đính chính' }).click();
		await expect
			.poll(() => office.getByTestId('history').innerText())
			.toContain(
				'Đính chính · Phạm Văn Chuyên: Chủ trì: Sở Tài chính → Sở Văn hóa, Thể thao và Du lịch; Thời hạn: 30/12/2099 → 15/01/2100. Lý do: Theo ý kiến chỉ đạo của Chủ tịch UBND tỉnh (theo văn bản số 2/TB-VP)'
			);
		expect(await office.locator('h1').innerText()).toBe('Sở Văn hóa, Thể thao và Du lịch');
		expect(await office.locator('.facts').innerText()).toContain('15/01/2100 (đã điều chỉnh; hạn gốc 30/12/2099)');

		// A name the directory does not know is refused in place, and nothing is saved.
		await office.locator('#fix-support').fill('Sở Tài chánh xyz');
		await office.getByLabel('Lý do', { exact: true }).first().fill('Thử');
		await office.getByRole('button', { name: 'Lưu đính chính' }).click();
		await expect.poll(() => office.getByRole('alert').allInnerTexts()).toContainEqual(expect.stringContaining('chưa có trong danh mục'));
		expect(await office.getByTestId('history').innerText()).not.toContain('Thử');

		// The new lead sees the task and was told; the former lead no longer sees it.
		const sovh = await signedIn('sovh');
		await sovh.goto(taskUrl);
		await expect.poll(() => sovh.locator('h1').innerText()).toBe('Sở Văn hóa, Thể thao và Du lịch');
		await sovh.goto(world.server.url + '/notifications');
		await expect.poll(() => sovh.locator('main').innerText()).toContain('Nhiệm vụ được giao thêm');
		const sotc = await signedIn('sotc');
		await sotc.goto(world.server.url + '/tasks');
		expect(await sotc.getByTestId('tracker-total').innerText()).toBe('0 nhiệm vụ');

		// The chip of the frozen text names the tracker's lead.
		await office.goto(noticeUrl);
		await expect.poll(() => office.locator('.notice-body .task-chip').innerText()).toContain('Sở Văn hóa, Thể thao và Du lịch ·');
		expect(await office.locator('.notice-body').innerText()).toContain('Giao Sở Tài chính chủ trì');

		// A task added after issue: listed beside the notice, received by its agency as new.
		await office.getByRole('link', { name: 'Bổ sung nhiệm vụ' }).click();
		await office.waitForURL('**/new');
		await office.getByLabel('Nội dung nhiệm vụ').fill(`Bảo đảm y tế cho lễ hội (${RUN})`);
		await office.locator('#add-lead').fill('Sở Y tế');
		await office.locator('#add-lead').press('Enter');
		await office.getByLabel('Thời hạn', { exact: true }).fill('2100-02-01');
		await office.getByLabel('Lý do', { exact: true }).fill('Bổ sung theo kết luận');
		await office.getByRole('button', { name: 'Bổ sung nhiệm vụ' }).click();
		await expect.poll(() => office.getByTestId('history').innerText()).toContain('Bổ sung sau ban hành · Phạm Văn Chuyên: Lý do: Bổ sung theo kết luận');
		await office.goto(noticeUrl);
		await expect
			.poll(() => office.getByRole('region', { name: 'Nhiệm vụ bổ sung sau ban hành' }).innerText())
			.toContain(`Sở Y tế: Bảo đảm y tế cho lễ hội (${RUN})`);
		const soyt = await signedIn('soyt');
		await soyt.goto(world.server.url + '/tasks');
		expect(await soyt.getByTestId('tracker-total').innerText()).toBe('1 nhiệm vụ');
	});

	it("puts a done report and an extension request in the office's inbox until they are decided", async () => {
		const RUN = `đợt ${Date.now().toString(36)}`;
		const office = await signedIn('chuyenvien');
		await issueOne(office, `Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm (${RUN}), xong trước ngày 30/12/2099.`, '2');
		const soyt = await signedIn('soyt');
		await soyt.goto(world.server.url + '/tasks');
		await soyt
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(RUN) })
			.click();
		await soyt.waitForURL('**/tasks/*/*');
		await soyt.getByLabel('Gia hạn đến ngày').fill('2100-03-01');
		await soyt.getByLabel('Lý do', { exact: true }).fill('Chờ kết quả xét nghiệm');
		await soyt.getByRole('button', { name: 'Gửi đề nghị' }).click();
		await expect.poll(() => soyt.getByTestId('history').innerText()).toContain('Đề nghị gia hạn');
		await soyt.getByRole('button', { name: 'Báo cáo hoàn thành' }).click();
		await expect.poll(() => soyt.getByTestId('task-status').innerText()).toBe('Chờ xác nhận hoàn thành');

		await office.goto(world.server.url + '/');
		await expect.poll(() => office.getByTestId('inbox-link').innerText()).toBe('Chờ xử lý (2)');
		await office.getByTestId('inbox-link').click();
		await office.waitForURL('**/inbox');
		expect(await office.getByTestId('inbox-extensions').innerText()).toContain('xin gia hạn đến 01/03/2100');
		expect(await office.getByTestId('inbox-extensions').innerText()).toContain('Lý do: Chờ kết quả xét nghiệm');
		await office
			.getByTestId('inbox-done')
			.getByRole('link', { name: new RegExp(RUN) })
			.click();
		await office.waitForURL('**/tasks/*/*');
		await office.getByRole('button', { name: 'Không đồng ý' }).click();
		await expect.poll(() => office.getByTestId('history').innerText()).toContain('Không đồng ý gia hạn');
		await office.getByRole('button', { name: 'Xác nhận hoàn thành' }).click();
		await expect.poll(() => office.getByTestId('task-status').innerText()).toBe('Hoàn thành đúng hạn');
		await office.goto(world.server.url + '/inbox');
		await expect.poll(() => office.getByTestId('inbox-link').innerText()).toBe('Chờ xử lý');
		expect(await office.locator('main').innerText()).toContain('Không có báo cáo nào chờ xác nhận.');
	});

	it('tracks a recurring deadline as one due day per occurrence, each report closing one', async () => {
		const RUN = `đợt ${Date.now().toString(36)}`;
		const office = await signedIn('chuyenvien');
		await issueOne(office, `Giao Sở Y tế chủ trì tổng hợp tình hình dịch bệnh (${RUN}), báo cáo UBND tỉnh trước ngày 20 hằng tháng.`, '3');
		const soyt = await signedIn('soyt');
		await soyt.goto(world.server.url + '/tasks');
		await soyt
			.getByTestId('tracker')
			.getByRole('link', { name: new RegExp(RUN) })
			.click();
		await soyt.waitForURL('**/tasks/*/*');
		const occ = soyt.getByRole('region', { name: /^Các kỳ báo cáo/ });
		await expect.poll(() => occ.locator('h2').innerText()).toBe('Các kỳ báo cáo (0/12 đã báo cáo)');
		const first = await soyt.getByTestId('occurrences').locator('li').first().innerText();
		expect(first).toMatch(/^Hạn 20\/\d\d\/\d{4}: chưa báo cáo$/);
		await soyt.getByLabel('Nội dung', { exact: true }).fill('Tình hình dịch bệnh tháng này: ổn định.');
		await soyt.getByLabel('Tỷ lệ hoàn thành (%)').fill('10');
		await soyt.getByRole('button', { name: 'Gửi báo cáo' }).click();
		await expect.poll(() => occ.locator('h2').innerText()).toBe('Các kỳ báo cáo (1/12 đã báo cáo)');
		expect(await soyt.getByTestId('occurrences').locator('li').first().innerText()).toMatch(/^Hạn 20\/\d\d\/\d{4}: báo cáo ngày \d\d\/\d\d\/\d{4}, đúng hạn$/);
	});
});
