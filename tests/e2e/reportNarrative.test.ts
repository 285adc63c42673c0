/**
 * Issue 9 [4] in Chromium: the office writes the report's paragraphs 1–3.1 for a period on
 * /reports, saves them (the page says what is saved and what is not), and finds them after a reload.
 */
import { describe, expect, it } from 'vitest';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

if (!hasChromium) console.warn('Bỏ qua e2e: chưa có Chromium (apt-get install -y chromium).');

const DIRECTION_LABEL = '1. Công tác chỉ đạo điều hành tháng 11/2026 của UBND tỉnh, Chủ tịch UBND tỉnh';
const PROGRAMME_LABEL = '3.1. Chương trình công tác';

describe.skipIf(!hasChromium)('the report’s written paragraphs in Chromium (issue 9 [4])', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		await addUser(dataDir, 'lanhdao', 'Lê Văn Lãnh', 'leader');
	});

	it('writes, saves from the keyboard and finds the paragraphs after a reload, for that period only', async () => {
		const page = await world.signedIn('an');
		const url = `${world.server.url}/reports?kind=month&year=2026&index=11`;
		await page.goto(url);
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		const state = page.getByTestId('narrative-state');
		expect(await state.innerText()).toBe('Chưa viết nội dung cho kỳ này.');

		const direction = page.getByLabel(DIRECTION_LABEL, { exact: true });
		await direction.fill('Trong tháng 11/2026, UBND tỉnh đã chỉ đạo quyết liệt.\nUBND tỉnh đã tổ chức 04 cuộc họp.');
		await expect.poll(() => state.innerText()).toBe('Có thay đổi chưa lưu.');
		await page.getByLabel(PROGRAMME_LABEL, { exact: true }).fill('Chương trình công tác tháng 11/2026 có tổng số 85 nhiệm vụ.');
		await page.getByLabel(PROGRAMME_LABEL, { exact: true }).press('Control+Enter');
		await expect.poll(() => state.innerText()).toMatch(/^Đã lưu lúc .+, Trần Văn An\.$/);

		await page.reload();
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		expect(await page.getByLabel(DIRECTION_LABEL, { exact: true }).inputValue()).toBe(
			'Trong tháng 11/2026, UBND tỉnh đã chỉ đạo quyết liệt.\nUBND tỉnh đã tổ chức 04 cuộc họp.'
		);
		expect(await page.getByLabel(PROGRAMME_LABEL, { exact: true }).inputValue()).toBe('Chương trình công tác tháng 11/2026 có tổng số 85 nhiệm vụ.');
		expect(await page.getByTestId('narrative-state').innerText()).toMatch(/^Đã lưu lúc/);

		// Emptying a section and saving with the button empties it.
		await page.getByLabel(PROGRAMME_LABEL, { exact: true }).fill('');
		await page.getByRole('button', { name: 'Lưu nội dung' }).click();
		await expect.poll(() => page.getByTestId('narrative-state').innerText()).toMatch(/^Đã lưu lúc/);
		await page.reload();
		expect(await page.getByLabel(PROGRAMME_LABEL, { exact: true }).inputValue()).toBe('');

		// Another period has its own (empty) paragraphs.
		await page.goto(`${world.server.url}/reports?kind=month&year=2026&index=10`);
		expect(await page.getByLabel('1. Công tác chỉ đạo điều hành tháng 10/2026 của UBND tỉnh, Chủ tịch UBND tỉnh', { exact: true }).inputValue()).toBe('');
	});

	it('shows a leader the paragraphs as text, without a form', async () => {
		const page = await world.signedIn('lanhdao');
		await page.goto(`${world.server.url}/reports?kind=month&year=2026&index=11`);
		await page.getByRole('heading', { name: DIRECTION_LABEL, exact: true }).waitFor();
		expect(await page.getByText('UBND tỉnh đã tổ chức 04 cuộc họp.', { exact: true }).count()).toBe(1);
		expect(await page.getByRole('button', { name: 'Lưu nội dung' }).count()).toBe(0);
	});
});
