/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** True when the browser is installed; e2e suites skip with a message otherwise. */
export const hasChromium = existsSync(CHROMIUM);

/** Launches headless Chromium with the flags this sandbox needs (no background networking). */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
	});
}

/** Signs in through the login form and waits for the notice list. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await page.getByLabel('Tên đăng nhập').fill(username);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	try {
		await page.getByRole('heading', { name: 'Thông báo kết luận' }).waitFor({ timeout: 15_000 });
	} catch (e) {
		const main = await page.locator('main').innerText().catch(() => '(no main)');
		throw new Error(`sign-in of ${username} did not reach the notice list; at ${page.url()}: ${main.slice(0, 500)}`, { cause: e });
	}
}
