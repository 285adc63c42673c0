/** Debian's Chromium driven by playwright-core (never a downloaded browser), for e2e suites. */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type Browser, type BrowserContext, type BrowserContextOptions, type ConsoleMessage, type Page } from 'playwright-core';
import { makeDataDir, removeDataDir, startServer, type ServerProcess } from '../integration/harness';
import { launchChromium } from './chromium';

export { CHROMIUM, hasChromium, launchChromium } from './chromium';

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
		const main = await page
			.locator('main')
			.innerText()
			.catch(() => '(no main)');
		throw new Error(`sign-in of ${username} did not reach the notice list; at ${page.url()}: ${main.slice(0, 500)}`, { cause: e });
	}
}

/**
 * Fills, on a notice's page, the header fields Decree 30 requires for issuing that a new notice
 * leaves blank (title, place, recipients, signer), except those named in `skip`; a field already
 * written is left as it is.
 */
export async function fillRequiredHeader(page: Page, skip: readonly string[] = []): Promise<void> {
	const fields: [string, string][] = [
		['Kết luận của … tại cuộc họp …', 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban'],
		['Địa danh', 'Bắc Giang'],
		['- Mỗi dòng một nơi nhận;', '- Các sở, ban, ngành;\n- Lưu: VT, TH.'],
		['Họ và tên người ký', 'Nguyễn Văn Bình']
	];
	for (const [placeholder, value] of fields) {
		if (skip.includes(placeholder)) continue;
		const field = page.getByPlaceholder(placeholder, { exact: true });
		if (!(await field.inputValue())) await field.fill(value);
	}
}

/** A real server on a fresh data directory plus Chromium, for one e2e suite. */
export interface BrowserWorld {
	readonly server: ServerProcess;
	readonly dataDir: string;
	readonly browser: Browser;
	/** A new browser context (its own cookies, storage and service worker) with one page. */
	newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
	/** A new context signed in as `username` (password mat-khau-123), on the notice list. */
	signedIn(username: string, options?: BrowserContextOptions): Promise<Page>;
	/**
	 * Tells the console guard that the test ended this context's session on purpose: from now on
	 * the browser's own reports of requests refused with 401 are expected (nothing else is).
	 */
	sessionEnded(context: BrowserContext): void;
}

/**
 * A console message a test may expect: the browser's own report of a request refused because the
 * test switched the context's network off (`net::ERR_INTERNET_DISCONNECTED`, for pages, the
 * service worker and WebSocket reconnections alike). Nothing else is tolerated.
 */
function expectedWhileOffline(message: ConsoleMessage, wentOffline: boolean): boolean {
	return wentOffline && message.text().includes('net::ERR_INTERNET_DISCONNECTED');
}

/**
 * The browser's own report of a request or WebSocket upgrade refused with 401, which a page cannot
 * silence: expected only after the test ended the context's session on purpose.
 */
function expectedSignedOut(message: ConsoleMessage, signedOut: boolean): boolean {
	const text = message.text();
	return signedOut && (text.includes('status of 401 (Unauthorized)') || text.includes('HTTP Authentication failed'));
}

/**
 * Registers beforeAll/afterAll hooks that start the server (after `prepare` made its users) and
 * Chromium, and close every context, the browser and the server afterwards. Every console error
 * and uncaught page error of every context made by the world fails the test it happened in
 * (afterEach), listed, except requests refused while a test has the context offline.
 */
export function useBrowserWorld(prepare: (dataDir: string) => Promise<void> = async () => {}): BrowserWorld {
	let server: ServerProcess | undefined;
	let browser: Browser | undefined;
	const dataDir = makeDataDir();
	const contexts: BrowserContext[] = [];
	const signedOut = new WeakSet<BrowserContext>();
	let problems: string[] = [];
	beforeEach(() => {
		problems = [];
	});
	afterEach(() => {
		const found = problems;
		problems = [];
		if (!found.length) return;
		const counts = new Map<string, number>();
		for (const p of found) counts.set(p, (counts.get(p) ?? 0) + 1);
		const list = [...counts].map(([p, n]) => `  - ${n > 1 ? `(${n}×) ` : ''}${p}`).join('\n');
		throw new Error(`console errors in the browser during this test:\n${list}`);
	});
	/** Records the context's console errors (pages and service worker) and uncaught page errors. */
	function watch(context: BrowserContext): void {
		let wentOffline = false;
		const setOffline = context.setOffline.bind(context);
		// Flagged before the switch: a request refused at the very moment counts as offline too.
		context.setOffline = async (offline: boolean) => {
			if (offline) wentOffline = true;
			await setOffline(offline);
		};
		context.on('console', (m) => {
			if (m.type() !== 'error' || expectedWhileOffline(m, wentOffline) || expectedSignedOut(m, signedOut.has(context))) return;
			const where = m.page()?.url() ?? m.worker()?.url() ?? '?';
			problems.push(`console.error at ${where}: ${m.text()}`);
		});
		context.on('weberror', (e) => problems.push(`uncaught error at ${e.page()?.url() ?? '?'}: ${e.error().stack ?? e.error().message}`));
	}
	beforeAll(async () => {
		await prepare(dataDir);
		server = await startServer(dataDir);
		browser = await launchChromium();
	});
	afterAll(async () => {
		for (const c of contexts) await c.close();
		await browser?.close();
		await server?.stop();
		removeDataDir(dataDir);
	});
	const world: BrowserWorld = {
		get server() {
			if (!server) throw new Error('the server starts in beforeAll');
			return server;
		},
		get browser() {
			if (!browser) throw new Error('the browser starts in beforeAll');
			return browser;
		},
		dataDir,
		async newPage(options = {}) {
			const context = await world.browser.newContext({ locale: 'vi-VN', ...options });
			contexts.push(context);
			watch(context);
			return { context, page: await context.newPage() };
		},
		async signedIn(username, options) {
			const { page } = await world.newPage(options);
			await signIn(page, world.server.url, username, 'mat-khau-123');
			return page;
		},
		sessionEnded(context) {
			signedOut.add(context);
		}
	};
	return world;
}
