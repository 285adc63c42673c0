import { describe, expect, it } from 'vitest';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

describe.skipIf(!hasChromium)('adding users in Chromium (issue 9)', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'quantri', 'Quản trị viên', 'admin');
	});

	it('takes an agency from the directory by its own name, refuses one it does not know, and keeps the role for the next user', async () => {
		const page = await world.signedIn('quantri');
		await page.goto(`${world.server.url}/admin/users`);
		const add = async (username: string, agency: string) => {
			await page.getByLabel('Họ và tên').fill(`Cán bộ ${username}`);
			await page.getByLabel('Tên đăng nhập').fill(username);
			await page.getByLabel('Mật khẩu').fill('mat-khau-123');
			await page.getByLabel('Vai trò').selectOption('agency');
			await page.getByLabel('Cơ quan (với người dùng của cơ quan)').fill(agency);
			await page.getByRole('button', { name: 'Thêm', exact: true }).click();
		};
		await add('sotc', 'sở tài chính');
		await expect.poll(() => page.getByRole('status').innerText()).toContain('Đã tạo người dùng sotc');
		// Stored under the directory's name, so the user sees the tasks named "Sở Tài chính".
		await expect.poll(() => page.locator('table tr', { hasText: 'sotc' }).innerText()).toContain('Sở Tài chính');
		// The role stays as chosen (it fell back to "Quản trị viên" after each user).
		expect(await page.getByLabel('Vai trò').inputValue()).toBe('agency');

		await add('sotc2', 'Sở Tài chánh');
		await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Vui lòng sửa');
		expect(await page.getByText('không có trong danh mục cơ quan').count()).toBe(1);
		expect(await page.getByLabel('Cơ quan (với người dùng của cơ quan)').inputValue()).toBe('Sở Tài chánh');
		expect(await page.locator('table tr', { hasText: 'sotc2' }).count()).toBe(0);
	});
});
