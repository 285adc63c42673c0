/**
 * Issue 9 [4] in Chromium: the first run asks for the office profile right after the first
 * administrator (prefilled with the defaults, skippable); what is saved there heads a new notice and
 * the report's .docx.
 */
import { describe, expect, it } from 'vitest';
import mammoth from 'mammoth';
import { hasChromium, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

describe.skipIf(!hasChromium)('the office profile on the first run (issue 9 [4])', () => {
	const world = useBrowserWorld();

	it('creates the administrator, then the office profile, which a new notice and the report take', async () => {
		const { page } = await world.newPage();
		await page.goto(world.server.url + '/');
		await page.waitForURL('**/setup');
		await page.getByLabel('Họ và tên', { exact: true }).fill('Nguyễn Thị Quản Trị');
		await page.getByLabel('Tên đăng nhập', { exact: true }).fill('admin');
		await page.getByLabel('Mật khẩu (ít nhất 8 ký tự)', { exact: true }).fill('mat-khau-quan-tri');
		await page.getByLabel('Nhập lại mật khẩu', { exact: true }).fill('mat-khau-quan-tri');
		await page.getByRole('button', { name: 'Tạo quản trị viên' }).click();

		// Step 2, prefilled with the defaults and offering to skip.
		await page.getByRole('heading', { name: 'Thông tin cơ quan', level: 1 }).waitFor();
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		expect(await page.getByLabel('Cơ quan chủ quản *', { exact: true }).inputValue()).toBe('UBND TỈNH');
		expect(await page.getByLabel('Cơ quan ban hành *', { exact: true }).inputValue()).toBe('VĂN PHÒNG');
		expect(await page.getByLabel('Chức vụ người ký báo cáo', { exact: true }).inputValue()).toBe('CHÁNH VĂN PHÒNG');
		expect(await page.getByRole('link', { name: 'Bỏ qua, khai báo sau' }).count()).toBe(1);

		// The place follows the governing body until it is typed.
		await page.getByLabel('Cơ quan chủ quản *', { exact: true }).fill('UBND tỉnh Cao Bằng');
		expect(await page.getByLabel('Địa danh *', { exact: true }).inputValue()).toBe('Cao Bằng');
		await page.getByLabel('Họ và tên người ký', { exact: true }).fill('Trịnh Sỹ Tài');
		await page.getByLabel('Chức vụ người ký báo cáo', { exact: true }).fill('Chánh Văn phòng');
		// From the keyboard: Enter in a field sends the form.
		await page.getByLabel('Họ và tên người ký', { exact: true }).press('Enter');
		await page.getByRole('heading', { name: 'Thông báo kết luận' }).waitFor();

		// A new notice starts with the office's header and place.
		await page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await page.waitForURL('**/notices/*');
		const parent = page.getByLabel('Cơ quan chủ quản (UBND TỈNH …)', { exact: true });
		await expect.poll(() => parent.inputValue()).toBe('UBND TỈNH CAO BẰNG');
		expect(await page.getByLabel('Cơ quan ban hành (VĂN PHÒNG)', { exact: true }).inputValue()).toBe('VĂN PHÒNG');
		expect(await page.getByLabel('Địa danh', { exact: true }).inputValue()).toBe('Cao Bằng');

		// The report's .docx: its header, place-and-date line and signer.
		const res = await page.request.get(`${world.server.url}/reports/export?format=docx&kind=year&year=2026`);
		expect(res.status()).toBe(200);
		const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.body()) })).value;
		expect(text).toContain('UBND TỈNH CAO BẰNG');
		expect(text).toMatch(/Cao Bằng, ngày/);
		expect(text).toContain('CHÁNH VĂN PHÒNG');
		expect(text).toContain('Trịnh Sỹ Tài');
	});
});
