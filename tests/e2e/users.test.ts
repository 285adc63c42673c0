/**
 * Issue 9 [8] in Chromium: the administrator edits a user, locks and unlocks one, resets a password
 * to a one-time one; a user changes their own password and signs in with it. Issue 10 medium 8
 * [P13]: a notice open in the page of a user who gets locked says so and offers to sign in again,
 * keeping what was typed.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, createNotice, shareNotice } from '../integration/harness';
import { hasChromium, signIn, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

describe.skipIf(!hasChromium)('managing users in Chromium (issue 9 [8], issue 10 medium 8)', () => {
	let noticeId = '';
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'quantri', 'Quản trị viên', 'admin');
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
		await addUser(dataDir, 'chi', 'Phạm Minh Chi', 'office');
		noticeId = await createNotice(dataDir, 'quantri');
		await shareNotice(dataDir, noticeId, 'binh', 'write');
	});

	/** The administrator's page of one user, reached from the list. */
	async function openUser(admin: Page, displayName: string): Promise<void> {
		await admin.goto(`${world.server.url}/admin/users`);
		await admin.getByRole('link', { name: displayName, exact: true }).click();
		await admin.getByRole('heading', { name: displayName, level: 1 }).waitFor();
		await admin.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	}

	it('edits a user: the agency is taken from the directory, an unknown one is refused with the text kept', async () => {
		const admin = await world.signedIn('quantri');
		await openUser(admin, 'Trần Văn An');
		await admin.getByLabel('Họ và tên', { exact: true }).fill('Trần Văn Ân');
		await admin.getByLabel('Thư điện tử (nhận thư đôn đốc)', { exact: true }).fill('an@stc.gov.vn');
		await admin.getByLabel('Vai trò', { exact: true }).selectOption('agency');
		await admin.getByLabel('Cơ quan (với người dùng của cơ quan)', { exact: true }).fill('Sở Tài chánh');
		await admin.getByRole('button', { name: 'Lưu thay đổi' }).click();
		await expect.poll(() => admin.getByText('không có trong danh mục cơ quan').count()).toBe(1);
		// Nothing changed, and what was typed is still there.
		expect(await admin.getByLabel('Họ và tên', { exact: true }).inputValue()).toBe('Trần Văn Ân');
		expect(await admin.getByLabel('Cơ quan (với người dùng của cơ quan)', { exact: true }).inputValue()).toBe('Sở Tài chánh');
		expect(await admin.getByLabel('Vai trò', { exact: true }).inputValue()).toBe('agency');

		await admin.getByLabel('Cơ quan (với người dùng của cơ quan)', { exact: true }).fill('sở tài chính');
		// The form works from the keyboard: Enter in a field sends it.
		await admin.getByLabel('Họ và tên', { exact: true }).press('Enter');
		await expect.poll(() => admin.getByRole('status').filter({ hasText: 'Đã lưu' }).count()).toBe(1);
		await admin.goto(`${world.server.url}/admin/users`);
		const text = await admin.locator('table tr', { hasText: 'Trần Văn Ân' }).innerText();
		expect(text).toContain('Sở Tài chính');
		expect(text).toContain('Cơ quan, đơn vị');
	});

	it('keeps the last active administrator: it cannot demote or lock itself', async () => {
		const admin = await world.signedIn('quantri');
		await openUser(admin, 'Quản trị viên');
		await admin.getByLabel('Vai trò', { exact: true }).selectOption('office');
		await admin.getByRole('button', { name: 'Lưu thay đổi' }).click();
		await expect.poll(() => admin.getByRole('alert').first().innerText()).toContain('quản trị viên cuối cùng còn hoạt động');
		await admin.getByRole('button', { name: 'Khóa tài khoản' }).click();
		await expect.poll(() => admin.getByRole('alert').first().innerText()).toContain('Bạn không thể tự khóa tài khoản của mình.');
		await admin.reload();
		expect(await admin.getByLabel('Vai trò', { exact: true }).inputValue()).toBe('admin');
	});

	it('locks a user: an open notice says so and keeps what was typed; the user cannot sign in until unlocked', async () => {
		const binh = await world.signedIn('binh');
		await binh.goto(`${world.server.url}/notices/${noticeId}`);
		await expect.poll(() => binh.getByTestId('connection').getAttribute('data-state')).toBe('online');
		await binh.locator('[data-testid="editor"] .notice-body').click();
		await binh.keyboard.type('Bình gõ trước khi bị khóa.');
		await expect.poll(() => binh.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');

		world.sessionEnded(binh.context());
		const admin = await world.signedIn('quantri');
		await openUser(admin, 'Lê Thị Bình');
		await admin.getByRole('button', { name: 'Khóa tài khoản' }).click();
		await expect.poll(() => admin.getByTestId('user-status').innerText()).toBe('Đã khóa');

		// [P13] The socket was closed at once: the page says why and offers to sign in again.
		await expect.poll(() => binh.getByTestId('connection').innerText()).toBe('Tài khoản của bạn đã bị khóa');
		expect(await binh.getByRole('link', { name: 'Đăng nhập lại' }).count()).toBe(1);
		await binh.keyboard.type(' Gõ thêm khi đã bị khóa.');
		await expect.poll(() => binh.getByTestId('saved').getAttribute('data-unsaved')).not.toBe('0');

		// Another tab of the same browser: signing in is refused while locked.
		const again = await binh.context().newPage();
		await again.goto(`${world.server.url}/login`);
		await again.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await again.getByLabel('Tên đăng nhập', { exact: true }).fill('binh');
		await again.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-123');
		await again.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect.poll(() => again.getByRole('alert').innerText()).toBe('Tài khoản này đã bị khóa. Hãy liên hệ quản trị viên.');

		await admin.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
		await expect.poll(() => admin.getByTestId('user-status').innerText()).toBe('Đang hoạt động');
		// Signed in again (in the other tab), the notice's page sends what was typed meanwhile.
		await signIn(again, world.server.url, 'binh', 'mat-khau-123');
		await expect.poll(() => binh.getByTestId('saved').innerText(), { timeout: 15_000 }).toBe('Mọi thay đổi đã lưu trên máy chủ');
	});

	it('resets a password to a one-time one, which the user must replace at the first sign-in', async () => {
		const admin = await world.signedIn('quantri');
		await openUser(admin, 'Phạm Minh Chi');
		await admin.getByLabel('Mật khẩu mới', { exact: true }).fill('ngan');
		await admin.getByRole('button', { name: 'Đặt mật khẩu này' }).click();
		await expect.poll(() => admin.getByText('Mật khẩu phải có ít nhất 8 ký tự.').count()).toBe(1);
		await admin.getByRole('button', { name: 'Tạo mật khẩu dùng một lần' }).click();
		const code = admin.getByTestId('one-time-password');
		await code.waitFor();
		const oneTime = (await code.innerText()).trim();
		expect(oneTime).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
		await admin.reload();
		// Shown once: not on the page any more.
		expect(await admin.getByTestId('one-time-password').count()).toBe(0);
		expect(await admin.getByTestId('user-status').innerText()).toBe('Phải đổi mật khẩu khi đăng nhập');

		const { page: chi } = await world.newPage();
		await chi.goto(`${world.server.url}/login`);
		await chi.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await chi.getByLabel('Tên đăng nhập', { exact: true }).fill('chi');
		await chi.getByLabel('Mật khẩu', { exact: true }).fill(oneTime);
		await chi.getByRole('button', { name: 'Đăng nhập' }).click();
		await chi.waitForURL('**/account/password');
		await expect.poll(() => chi.getByRole('alert').innerText()).toContain('mật khẩu dùng một lần');
		// Any other page leads back here until the password is changed.
		await chi.goto(`${world.server.url}/tasks`);
		await chi.waitForURL('**/account/password');
		await chi.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await chi.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(oneTime);
		await chi.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-cua-chi');
		await chi.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('mat-khau-cua-chi');
		await chi.getByRole('button', { name: 'Đổi mật khẩu' }).click();
		await expect.poll(() => chi.getByRole('status').innerText()).toContain('Đã đổi mật khẩu.');
		await chi.goto(`${world.server.url}/`);
		await chi.getByRole('heading', { name: 'Thông báo kết luận' }).waitFor();
	});

	it('a user changes their own password from the top bar and signs in with it', async () => {
		const an = await world.signedIn('an');
		await an.getByRole('link', { name: 'Đổi mật khẩu' }).click();
		await an.waitForURL('**/account/password');
		await an.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await an.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('sai-mat-khau');
		await an.getByLabel('Mật khẩu mới', { exact: true }).fill('mat-khau-moi-cua-an');
		await an.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('mat-khau-moi-cua-an');
		await an.getByLabel('Nhập lại mật khẩu mới', { exact: true }).press('Enter');
		await expect.poll(() => an.getByText('Mật khẩu hiện tại không đúng.').count()).toBeGreaterThan(0);
		// What was typed is kept.
		expect(await an.getByLabel('Mật khẩu mới', { exact: true }).inputValue()).toBe('mat-khau-moi-cua-an');
		await an.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('mat-khau-123');
		await an.getByRole('button', { name: 'Đổi mật khẩu' }).click();
		await expect.poll(() => an.getByRole('status').innerText()).toContain('Đã đổi mật khẩu.');

		await an.getByRole('button', { name: 'Đăng xuất' }).click();
		await an.waitForURL('**/login');
		await an.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await an.getByLabel('Tên đăng nhập', { exact: true }).fill('an');
		await an.getByLabel('Mật khẩu', { exact: true }).fill('mat-khau-123');
		await an.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect.poll(() => an.getByRole('alert').innerText()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
		await signIn(an, world.server.url, 'an', 'mat-khau-moi-cua-an');
	});
});
