import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser } from '../integration/harness';
import { hasChromium, fillRequiredHeader, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

/** The body's text as the person reads it, one line per block, without carets or chips. */
const editorText = (page: Page) =>
	page.locator('[data-testid="editor"] .notice-body').evaluate((el) => {
		const copy = el.cloneNode(true) as HTMLElement;
		copy.querySelectorAll('.collaboration-carets__caret, .task-chip').forEach((c) => c.remove());
		return Array.from(copy.querySelectorAll('p, h1, h2, h3, li'))
			.filter((b) => !b.querySelector('p'))
			.map((b) => b.textContent ?? '')
			.join('\n');
	});

const unsavedOf = async (page: Page) => Number(await page.getByTestId('saved').getAttribute('data-unsaved'));

type TaskRow = { taskId: string; state: string; action: string; lead: string[] };

describe.skipIf(!hasChromium)('nothing is lost at issue, and an expired session says so', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'binh', 'Lê Thị Bình', 'office');
		await addUser(dataDir, 'lanh', 'Nguyễn Văn Lãnh', 'leader');
	});

	/** A opens a new notice and types `line`; resolves with its URL once the server has it. */
	async function newNotice(a: Page, line: string): Promise<string> {
		await a.goto(world.server.url + '/');
		await a.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await a.waitForURL('**/notices/*');
		await fillRequiredHeader(a);
		await a.locator('[data-testid="editor"] .notice-body').click();
		await a.keyboard.type(line);
		await expect.poll(() => a.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		return a.url();
	}

	const tasksOf = async (page: Page, noticeId: string): Promise<TaskRow[]> =>
		((await (await page.request.get(`${world.server.url}/api/tasks?notice=${noticeId}&limit=100`)).json()) as { tasks: TaskRow[] }).tasks;

	it('warns before issuing that a connected colleague still has changes the server has not confirmed', async () => {
		const a = await world.signedIn('an');
		const noticeUrl = await newNotice(a, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
		const b = await world.signedIn('binh');
		// Hold back the server's "saved" acknowledgements (type 100) to B: its changes stay unconfirmed.
		await b.routeWebSocket(/\/sync\//, (ws) => {
			const server = ws.connectToServer();
			server.onMessage((message) => {
				if (typeof message !== 'string' && message[0] === 100) return;
				ws.send(message);
			});
		});
		await b.goto(noticeUrl);
		await expect.poll(() => editorText(b)).toContain('rà soát nguồn vốn');
		await b.locator('[data-testid="editor"] .notice-body').click();
		await b.keyboard.press('Control+End');
		await b.keyboard.type(' Bình sửa.');
		await expect.poll(() => unsavedOf(b)).toBeGreaterThan(0);

		// A's issue panel marks Bình, from Bình's awareness.
		const bRow = a.getByTestId('issue-peers').locator('li', { hasText: 'Lê Thị Bình' });
		await expect.poll(async () => Number(await bRow.getAttribute('data-unsaved'))).toBeGreaterThan(0);
		await expect.poll(() => a.getByTestId('issue-warning').innerText()).toMatch(/Lê Thị Bình còn \d+ thay đổi chưa lưu lên máy chủ/);

		// Pressing "Ban hành" asks first, naming Bình; dismissing it issues nothing.
		let asked = '';
		a.once('dialog', (d) => {
			asked = d.message();
			void d.dismiss();
		});
		await a.getByLabel('Nguồn kết luận').selectOption('CT_UBND');
		await a.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => asked).toMatch(/Lê Thị Bình còn \d+ thay đổi chưa lưu lên máy chủ/);
		expect(asked).toContain('dự thảo bổ sung, đính chính');
		expect(await a.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(0);
		expect(await a.locator('[data-testid="editor"] .notice-body').getAttribute('contenteditable')).toBe('true');
		await b.context().close();
	});

	it('keeps a task line typed offline, across an offline reload, as an amendment draft when the notice was issued meanwhile', async () => {
		const a = await world.signedIn('an');
		const noticeUrl = await newNotice(a, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
		const noticeId = noticeUrl.split('/').pop()!;
		const b = await world.signedIn('binh');
		await b.goto(noticeUrl);
		await expect.poll(() => editorText(b)).toContain('rà soát nguồn vốn');
		// The service worker holds this page, so the offline reload below can open it.
		await b.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true');
		await b.waitForFunction(async (u) => !!(await caches.match(u)), noticeUrl);

		await b.context().setOffline(true);
		await expect.poll(() => b.getByTestId('connection').getAttribute('data-state')).toBe('offline');
		await b.locator('[data-testid="editor"] .notice-body').click();
		await b.keyboard.press('Control+End');
		await b.keyboard.press('Enter');
		const lateLine = 'Giao Sở Xây dựng chủ trì kiểm tra công trình trường học, xong trước ngày 15/11/2099.';
		await b.keyboard.type(lateLine);
		await expect.poll(() => unsavedOf(b)).toBeGreaterThan(0);
		await b.reload();
		await expect.poll(() => editorText(b)).toContain(lateLine);
		await expect.poll(() => unsavedOf(b)).toBeGreaterThan(0);

		// A cannot see Bình (offline); the confirmation still says late changes are kept.
		let asked = '';
		a.once('dialog', (d) => {
			asked = d.message();
			void d.accept();
		});
		await a.getByLabel('Nguồn kết luận').selectOption('CT_UBND');
		await a.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => a.getByRole('status').filter({ hasText: 'Đã ban hành' }).innerText()).toContain('số 1/TB-VP');
		expect(asked).toContain('ngoại tuyến');
		const issuedText = await editorText(a);
		const issuedTasks = await tasksOf(a, noticeId);
		expect(issuedTasks.map((t) => t.state)).toEqual(['official']);

		// B comes back: its line goes to an amendment draft, and B is told where, with a link.
		await b.context().setOffline(false);
		const banner = b.getByTestId('amendment-banner');
		await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toContain('Thông báo đã được ban hành trước khi thay đổi của bạn lên máy chủ');
		// B's copy was dropped: it shows the issued text, with nothing left unsaved.
		await expect.poll(() => editorText(b)).toBe(issuedText);
		expect(await b.getByTestId('saved').innerText()).toBe('Chỉ xem');
		// The banner is the server's: it is still there after another reload.
		await b.reload();
		await expect.poll(() => banner.innerText()).toContain('dự thảo bổ sung, đính chính');
		await expect.poll(() => editorText(b)).toBe(issuedText);

		// The issued notice and its tracker rows did not change.
		expect(await editorText(a)).not.toContain('Sở Xây dựng');
		expect(await tasksOf(a, noticeId)).toEqual(issuedTasks);

		// The draft holds B's line; its task is a draft task of the draft; the office may edit it.
		await b.getByTestId('amendment-link').first().click();
		await b.waitForURL((u) => !u.pathname.endsWith(noticeId));
		const amendmentId = b.url().split('/').pop()!;
		await expect.poll(() => editorText(b)).toContain(lateLine);
		expect(await editorText(b)).toContain('rà soát nguồn vốn');
		await expect.poll(() => b.getByTestId('amends').innerText()).toContain('số 1/TB-VP');
		await expect.poll(async () => (await tasksOf(a, amendmentId)).find((t) => t.lead.includes('Sở Xây dựng'))?.state).toBe('draft');
		expect(await b.locator('[data-testid="editor"] .notice-body').getAttribute('contenteditable')).toBe('true');

		// The issued notice lists the draft for everyone.
		await a.reload();
		await expect.poll(() => a.getByTestId('amendments').innerText()).toContain('thay đổi của Lê Thị Bình');
		// Only Bình's: the issuer's own page sent nothing after the issue.
		expect(await a.getByTestId('amendments').locator('li').count()).toBe(1);
	});

	it('says an expired session has expired, signs in again in a window and then syncs what was typed meanwhile', async () => {
		const a = await world.signedIn('an');
		const noticeUrl = await newNotice(a, 'Dòng đầu của An.');
		const b = await world.signedIn('binh');
		await b.goto(noticeUrl);
		await expect.poll(() => editorText(b)).toContain('Dòng đầu của An.');
		await expect.poll(() => b.getByTestId('connection').getAttribute('data-state')).toBe('online');

		await b.context().setOffline(true);
		await expect.poll(() => b.getByTestId('connection').getAttribute('data-state')).toBe('offline');
		await b.locator('[data-testid="editor"] .notice-body').click();
		await b.keyboard.press('Control+End');
		await b.keyboard.type(' Bình gõ khi phiên hết hạn.');
		await expect.poll(() => unsavedOf(b)).toBeGreaterThan(0);
		// The session ends on the server meanwhile (expired, or signed out elsewhere).
		world.sessionEnded(b.context());
		const db = new Database(join(world.dataDir, 'ketluan.db'));
		try {
			db.prepare(`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'binh')`).run();
		} finally {
			db.close();
		}
		await b.context().setOffline(false);

		await expect.poll(() => b.getByTestId('connection').innerText()).toBe('Phiên đăng nhập đã hết hạn');
		expect(await unsavedOf(b)).toBeGreaterThan(0);
		expect(await editorText(a)).not.toContain('Bình gõ khi phiên hết hạn.');

		const popupOpened = b.waitForEvent('popup');
		await b.getByRole('link', { name: 'Đăng nhập lại' }).click();
		const popup = await popupOpened;
		await popup.getByLabel('Tên đăng nhập').fill('binh');
		await popup.getByLabel('Mật khẩu').fill('mat-khau-123');
		await popup.getByRole('button', { name: 'Đăng nhập' }).click();

		// The window closes by itself, sync resumes, and nothing typed was lost.
		await expect.poll(() => popup.isClosed()).toBe(true);
		await expect.poll(() => b.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');
		await expect.poll(() => editorText(a)).toContain('Dòng đầu của An. Bình gõ khi phiên hết hạn.');
		expect(await b.getByTestId('connection').getAttribute('data-state')).toBe('online');
	});

	it('lets a leader, who only reads the draft, issue it from the notice page', async () => {
		const a = await world.signedIn('an');
		const noticeUrl = await newNotice(a, 'Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, xong trước ngày 30/12/2099.');
		const noticeId = noticeUrl.split('/').pop()!;
		const leader = await world.signedIn('lanh');
		await leader.goto(noticeUrl);
		await expect.poll(() => editorText(leader)).toContain('an toàn thực phẩm');
		expect(await leader.locator('[data-testid="editor"] .notice-body').getAttribute('contenteditable')).toBe('false');
		leader.once('dialog', (d) => void d.accept());
		await leader.getByLabel('Nguồn kết luận').selectOption('CT_UBND');
		await leader.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => leader.getByRole('status').filter({ hasText: 'Đã ban hành' }).innerText()).toMatch(/số \d+\/TB-VP/);
		expect((await tasksOf(leader, noticeId)).map((t) => t.state)).toEqual(['official']);
		await leader.context().close();
	});
});
