import { describe, expect, it } from 'vitest';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

/** The widths that stick out of a page: its document, and the first elements wider than the viewport. */
const overflow = (page: import('playwright-core').Page) =>
	page.evaluate(() => {
		const vw = document.documentElement.clientWidth;
		const wide = [...document.querySelectorAll('body *')]
			.filter((el) => {
				const r = el.getBoundingClientRect();
				if (!(r.width > 0 && r.right > vw + 1) || getComputedStyle(el).position === 'fixed') return false;
				// Inside a box that scrolls sideways (a wide table's own scroller), it does not widen the page.
				for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
					if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return false;
				return true;
			})
			// Only the outermost: a wide table's cells say nothing more than the table does.
			.filter((el, _i, all) => !all.some((o) => o !== el && o.contains(el)))
			.slice(0, 5)
			.map(
				(el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} → ${Math.round(el.getBoundingClientRect().right)}px`
			);
		return { scroll: document.documentElement.scrollWidth, vw, wide };
	});

describe.skipIf(!hasChromium)('a 390 px phone (issue 9): no page is wider than the screen', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
	});

	it('shows a notice, the notice list, the tasks and the reports within 390 px', async () => {
		const page = await world.signedIn('chuyenvien', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
		await page.getByRole('button', { name: '+ Tạo thông báo mới' }).click();
		await page.waitForURL('**/notices/*');
		await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
		const pages = [page.url(), `${world.server.url}/`, `${world.server.url}/tasks`, `${world.server.url}/reports`];
		for (const url of pages) {
			if (page.url() !== url) await page.goto(url);
			await page.waitForLoadState('networkidle');
			const o = await overflow(page);
			expect({ url: new URL(url).pathname, ...o }).toEqual({ url: new URL(url).pathname, scroll: o.vw, vw: o.vw, wide: [] });
		}
	});
});
