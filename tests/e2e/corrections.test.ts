import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addUser, cli } from '../integration/harness';
import { hasChromium, useBrowserWorld, fillRequiredHeader } from '../support/browser';

let runs = 0;
/** Words unique to one run of one test, so that it finds its own notice and task only. */
const runTag = () => `đợt ${Date.now().toString(36)}${(runs++).toString(36)}`;

/** A notice long enough to scroll several screens on a phone, with assignment lines of long names. */
function longNotice(): string {
	const lines = ['THÔNG BÁO', 'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuẩn bị các hoạt động văn hóa, thể thao cuối năm', ''];
	for (let i = 1; i <= 24; i++) {
		lines.push(
			`${i}. Về nội dung thứ ${i}: tình hình triển khai các nhiệm vụ trọng tâm trong thời gian qua cơ bản bảo đảm tiến độ, tuy nhiên một số nội dung còn chậm so với kế hoạch đề ra, cần tập trung chỉ đạo quyết liệt hơn nữa trong thời gian tới.`,
			`Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức các hoạt động kỷ niệm đợt ${i}, xong trước ngày 30/12/2099.`
		);
	}
	return lines.join('\n\n');
}

/** The names on the chips of one agency-list field, in order. */
const chips = (page: Page, field: string) => page.getByTestId(`agency-list-${field}`).locator('.chip .name').allInnerTexts();
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe.skipIf(!hasChromium)('correcting a task’s agencies and reading a long notice in Chromium', () => {
	let longId = '';
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
		await cli(
			dataDir,
			'user',
			'add',
			'--username',
			'sovh',
			'--name',
			'Cán bộ Sở Văn hóa',
			'--role',
			'agency',
			'--agency',
			'Sở Văn hóa, Thể thao và Du lịch',
			'--password',
			'mat-khau-123'
		);
		const file = join(dataDir, 'thong-bao-dai.txt');
		writeFileSync(file, longNotice());
		longId = (await cli(dataDir, 'import', file, '--username', 'chuyenvien')).trim().split('\n').pop()!.trim();
	});

	it('corrects agencies from the keyboard: a name with commas stays one agency, a completion stores the directory name, "Sở Tài chánh" is flagged and only kept on purpose, and the corrected agency sees its task once issued', async () => {
		const RUN = runTag();
		const page = await world.signedIn('chuyenvien');
		await page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await page.waitForURL('**/notices/*');
		await fillRequiredHeader(page);
		await page.locator('[data-testid="editor"] .notice-body').click();
		await page.keyboard.type(`Giao Sở Tài chính chủ trì tổ chức ngày hội văn hóa các dân tộc (${RUN}), xong trước ngày 30/12/2099.`);
		await expect.poll(() => page.getByTestId('task-lead').first().innerText()).toBe('Sở Tài chính');

		// Open the task and walk into its lead field with the keyboard only.
		await page.locator('[data-testid="task-list"] .summary').first().focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => chips(page, 'fix-lead')).toEqual(['Sở Tài chính']);
		await page.keyboard.press('Tab'); // the chip's remove button
		await page.keyboard.press('Tab');
		expect(await focusedId(page)).toBe('fix-lead');

		// Backspace in the empty field removes the last agency.
		await page.keyboard.press('Backspace');
		await expect.poll(() => chips(page, 'fix-lead')).toEqual([]);

		// An abbreviation completes to the directory name, commas and all; Tab takes it and stays.
		await page.keyboard.type('Sở VHTTDL');
		await expect.poll(() => page.locator('#fix-lead-options [role="option"]').first().innerText()).toBe('Sở Văn hóa, Thể thao và Du lịch (Sở VHTTDL)');
		await page.keyboard.press('Tab');
		await expect.poll(() => chips(page, 'fix-lead')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
		expect(await focusedId(page)).toBe('fix-lead');

		// A misspelt name is flagged and not added; the near directory name is offered and picked.
		await page.keyboard.type('Sở Tài chánh');
		await page.keyboard.press('Enter');
		const leadField = page.getByTestId('agency-list-fix-lead');
		await expect.poll(() => leadField.getByRole('alert').innerText()).toContain('Chưa có trong danh mục');
		expect(await chips(page, 'fix-lead')).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
		expect((await page.locator('#fix-lead-options [role="option"]').allInnerTexts())[0]).toBe('Sở Tài chính');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await expect.poll(() => chips(page, 'fix-lead')).toEqual(['Sở Văn hóa, Thể thao và Du lịch', 'Sở Tài chính']);
		expect(await leadField.getByRole('alert').count()).toBe(0);

		// The same misspelling left in the support field blocks saving; nothing changes.
		await page.keyboard.press('Tab');
		expect(await focusedId(page)).toBe('fix-support');
		// A name retired by the 2025 merger completes to the agency that took it over.
		await page.keyboard.type('Sở KH&ĐT');
		await expect.poll(() => page.locator('#fix-support-options [role="option"]').first().innerText()).toBe('Sở Tài chính (Sở KH&ĐT)');
		await page.keyboard.press('Escape');
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		await page.keyboard.type('Sở Tài chánh');
		await page.getByRole('button', { name: 'Lưu sửa' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => page.locator('form.fix p.error[role="alert"]').innerText()).toContain('chưa có trong danh mục');
		expect(await page.getByTestId('task-lead').first().innerText()).toBe('Sở Tài chính');
		expect(await chips(page, 'fix-support')).toEqual([]);

		// Kept on purpose, it is saved and the task keeps warning about it.
		await page.getByRole('button', { name: 'Giữ tên này' }).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => chips(page, 'fix-support')).toEqual(['Sở Tài chánh']);
		expect(await page.getByTestId('agency-list-fix-support').locator('.chip.unknown .flag').innerText()).toBe('Chưa có trong danh mục');
		expect(await focusedId(page)).toBe('fix-support');
		await page.keyboard.press('Enter'); // empty field: submits the form
		await expect.poll(() => page.getByTestId('task-lead').first().innerText()).toBe('Sở Văn hóa, Thể thao và Du lịch; Sở Tài chính');
		const summary = page.locator('[data-testid="task-list"] .summary').first();
		expect(await summary.innerText()).toContain('Phối hợp: Sở Tài chánh');
		expect(await summary.innerText()).toContain('Phối hợp chưa có trong danh mục');
		expect(await summary.innerText()).toContain('Đã sửa bởi Phạm Văn Chuyên');
		await expect.poll(() => page.getByTestId('saved').innerText()).toBe('Mọi thay đổi đã lưu trên máy chủ');

		// Issued, the task reaches the agency whose name has commas in it.
		page.once('dialog', (d) => void d.accept());
		await page.getByLabel('Nguồn kết luận').selectOption('UBND');
		await page.getByRole('button', { name: 'Ban hành' }).click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: 'Đã ban hành' }).count()).toBe(1);
		const agency = await world.signedIn('sovh');
		await agency.goto(world.server.url + '/tasks');
		await expect
			.poll(() =>
				agency
					.getByTestId('tracker')
					.getByRole('link', { name: new RegExp(`ngày hội văn hóa.*${RUN}`) })
					.count()
			)
			.toBe(1);
	});

	it('keeps the sync badge in view on a phone after scrolling to the end of a long notice, sets the text ragged right there, and chips do not stretch justified lines', async () => {
		const page = await world.signedIn('chuyenvien', { viewport: { width: 390, height: 844 } });
		await page.goto(`${world.server.url}/notices/${longId}`);
		await expect.poll(() => page.getByTestId('editor').getAttribute('data-ready')).toBe('true');
		await expect.poll(() => page.getByTestId('connection').getAttribute('data-state')).toBe('online');
		await expect.poll(() => page.locator('.notice-body .task-chip').count()).toBeGreaterThanOrEqual(24);

		await page.locator('.notice-body p').last().scrollIntoViewIfNeeded();
		expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(3000);
		const badge = await page.getByTestId('connection').boundingBox();
		expect(badge).not.toBeNull();
		expect(badge!.y).toBeGreaterThanOrEqual(0);
		expect(badge!.y + badge!.height).toBeLessThanOrEqual(844);
		// Visible, not merely inside the viewport: nothing is drawn over it.
		const onTop = await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('[data-testid="connection"]'), {
			x: badge!.x + badge!.width / 2,
			y: badge!.y + badge!.height / 2
		});
		expect(onTop).toBe(true);
		expect(await page.locator('.notice-body').evaluate((el) => getComputedStyle(el).textAlign)).toBe('left');

		// In every line with a chip, no gap between two words is wider than a few spaces. Measured
		// where the body is justified (a small tablet: a phone sets it ragged right, 40 characters a line
		// being too few to justify well).
		await page.setViewportSize({ width: 640, height: 1024 });
		expect(await page.locator('.notice-body').evaluate((el) => getComputedStyle(el).textAlign)).toBe('justify');
		const widest = await page.evaluate(widestGapBeforeChips);
		expect(widest.lines).toBeGreaterThan(24);
		expect(widest.gap).toBeLessThan(widest.space * 4);
		// The same measure on the same text sees the gaps of an unbreakable chip (the old layout).
		await page.addStyleTag({ content: '.notice-body .task-chip { display: inline-block !important; white-space: nowrap; }' });
		const unbreakable = await page.evaluate(widestGapBeforeChips);
		expect(unbreakable.gap).toBeGreaterThan(widest.space * 10);
	});

	it('keeps the caret in sight while typing: a line in view does not move, a line under the sticky bars comes out from under them', async () => {
		const page = await world.signedIn('chuyenvien');
		await page.goto(`${world.server.url}/notices/${longId}`);
		await expect.poll(() => page.getByTestId('editor').getAttribute('data-ready')).toBe('true');
		const caretTop = () => page.evaluate(() => window.getSelection()!.getRangeAt(0).getBoundingClientRect().top);
		const barsBottom = () =>
			page.evaluate(() => Math.max(...[...document.querySelectorAll('.main > .bar, .body-wrap > .toolbar')].map((e) => e.getBoundingClientRect().bottom)));
		const line = page.locator('.notice-body p').nth(20);
		await line.scrollIntoViewIfNeeded();
		await line.click();
		await page.keyboard.press('End');

		// In view: typing scrolls nothing.
		const before = await page.evaluate(() => window.scrollY);
		await page.keyboard.type('x');
		await expect.poll(() => line.innerText()).toContain('x');
		expect(await page.evaluate(() => window.scrollY)).toBe(before);

		// The page scrolled so that the caret's line is half hidden under the bars at the top.
		const cover = await barsBottom();
		expect(cover).toBeGreaterThan(20);
		await page.evaluate((by) => window.scrollBy(0, by), (await caretTop()) - cover + 6);
		await expect.poll(async () => (await caretTop()) < cover).toBe(true);
		await page.keyboard.type('y');
		await expect.poll(() => line.innerText()).toContain('xy');
		// The next key's scroll brings the whole caret out below the bars.
		await expect.poll(async () => (await caretTop()) >= (await barsBottom())).toBe(true);
	});
});

/**
 * Measured in the page: over the lines of the paragraphs that end with a chip (all but the last
 * line of each, which is not justified), the widest gap between two words, next to the width of
 * a plain space in the body's font.
 */
function widestGapBeforeChips(): { gap: number; space: number; lines: number } {
	let gap = 0;
	let lines = 0;
	const paragraphs = [...document.querySelectorAll('.notice-body p')].filter((p) => p.querySelector('.task-chip'));
	for (const p of paragraphs) {
		// Word boxes in reading order; the chip's words count for the lines, not for the gaps
		// (they are set in another font, after a margin).
		const boxes: { box: DOMRect; chip: boolean }[] = [];
		const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const chip = !!n.parentElement?.closest('.task-chip');
			const text = n.textContent ?? '';
			for (const m of text.matchAll(/\S+/g)) {
				const r = document.createRange();
				r.setStart(n, m.index);
				r.setEnd(n, m.index + m[0].length);
				for (const box of r.getClientRects()) if (box.width > 0) boxes.push({ box, chip });
			}
		}
		// A box left of the one before starts a new line (left-to-right text).
		const rows: { box: DOMRect; chip: boolean }[][] = [];
		for (const b of boxes) {
			const row = rows[rows.length - 1];
			const prev = row?.[row.length - 1];
			if (!row || !prev || b.box.left < prev.box.left - 1) rows.push([b]);
			else row.push(b);
		}
		for (const row of rows.slice(0, -1)) {
			lines++;
			for (let i = 1; i < row.length; i++) {
				const a = row[i - 1]!;
				const b = row[i]!;
				if (!a.chip && !b.chip) gap = Math.max(gap, b.box.left - a.box.right);
			}
		}
	}
	// Probes outside the editor (ProseMirror would take a change of its DOM for an edit).
	const font = getComputedStyle(paragraphs[0] ?? document.body).font;
	const probe = document.createElement('span');
	probe.textContent = 'a a';
	const probeA = document.createElement('span');
	probeA.textContent = 'aa';
	for (const el of [probe, probeA]) {
		el.style.cssText = 'position:absolute;visibility:hidden;white-space:pre';
		el.style.font = font;
		document.body.append(el);
	}
	const space = probe.getBoundingClientRect().width - probeA.getBoundingClientRect().width;
	probe.remove();
	probeA.remove();
	return { gap, space, lines };
}
