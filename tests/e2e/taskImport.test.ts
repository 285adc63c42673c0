/**
 * Issue 9 [7] in Chromium: the office uploads its old tracking sheet, maps the column the page
 * could not guess, previews the rows (a bad one says why), confirms, and finds the tasks in the
 * list; the next upload of the same layout is mapped already, and the same file is not imported again.
 */
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addUser } from '../integration/harness';
import { hasChromium, useBrowserWorld } from '../support/browser';

/** A sheet whose lead column is headed "Đầu mối" (not guessed), with two good rows and a bad one. */
async function sheet(tag: string): Promise<Buffer> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('Nhiệm vụ');
	ws.addRow(['STT', 'Nội dung nhiệm vụ', 'Đầu mối', 'Thời hạn', 'Trạng thái']);
	ws.addRow([1, `Rà soát giải ngân vốn đầu tư công (${tag})`, 'Sở Tài chính', '30/12/2099', 'Đang thực hiện']);
	ws.addRow([2, `Kiểm tra chợ đầu mối (${tag})`, 'Ban Quản lý chợ Xanh', '31/12/2099', '']);
	ws.addRow([3, `Tổng kết công tác y tế (${tag})`, 'Sở Y tế', '', 'Đã hoàn thành']);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.skipIf(!hasChromium)('importing an old tracking sheet in Chromium', () => {
	const world = useBrowserWorld(async (dataDir) => {
		await addUser(dataDir, 'chuyenvien', 'Phạm Văn Chuyên', 'office');
	});

	it('uploads, maps the lead column, previews with the bad row explained, imports the good rows, and remembers the mapping', async () => {
		const tag = `đợt ${Date.now().toString(36)}`;
		const file = { name: 'theo-doi-cu.xlsx', mimeType: XLSX, buffer: await sheet(tag) };
		const page = await world.signedIn('chuyenvien');
		await page.goto(world.server.url + '/tasks');
		await page.getByTestId('tracker-import').click();
		await page.getByRole('heading', { name: 'Nhập bảng theo dõi nhiệm vụ' }).waitFor();
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');

		await page.getByLabel('Tệp Excel (.xlsx)', { exact: true }).setInputFiles(file);
		await page.getByRole('button', { name: 'Xem trước' }).click();
		// "Đầu mối" is not a header the page knows: it asks for the lead column.
		await expect.poll(() => page.getByRole('alert').first().innerText()).toBe('Hãy chọn cột cho “Cơ quan chủ trì”.');
		expect(await page.getByLabel('Nội dung nhiệm vụ', { exact: true }).inputValue()).toBe('2');
		expect(await page.getByLabel('Thời hạn', { exact: true }).inputValue()).toBe('4');
		expect(await page.getByRole('button', { name: /^Nhập \d+ nhiệm vụ hợp lệ$/ }).count()).toBe(0);

		await page.getByLabel('Cơ quan chủ trì', { exact: true }).selectOption({ label: 'C: Đầu mối' });
		await page.getByRole('button', { name: 'Xem trước' }).click();
		await expect.poll(() => page.getByTestId('import-counts').innerText()).toBe('Đọc được 3 dòng: 2 dòng hợp lệ sẽ được nhập, 1 dòng lỗi sẽ bỏ qua.');
		const checks = page.getByTestId('row-check');
		expect(await checks.nth(0).innerText()).toBe('Hợp lệ');
		expect(await checks.nth(1).innerText()).toBe('Bỏ qua: Cơ quan chủ trì “Ban Quản lý chợ Xanh” không có trong danh mục cơ quan.');
		expect(await checks.nth(2).innerText()).toContain('Không có ngày hoàn thành');

		await page.getByRole('button', { name: 'Nhập 2 nhiệm vụ hợp lệ' }).click();
		await expect
			.poll(() => page.getByTestId('import-done').innerText())
			.toContain('Đã nhập 2 nhiệm vụ, bỏ qua 1 dòng lỗi vào “Nhiệm vụ chuyển từ bảng theo dõi (theo-doi-cu.xlsx,');
		await page.getByRole('link', { name: 'Xem các nhiệm vụ đã nhập' }).click();
		await expect.poll(() => page.getByTestId('tracker-total').innerText()).toBe('2 nhiệm vụ');
		const tracker = page.getByTestId('tracker');
		expect(await tracker.innerText()).toContain(`Rà soát giải ngân vốn đầu tư công (${tag})`);
		expect(await tracker.innerText()).toContain('Hoàn thành');

		// The same layout again: mapped as chosen last time; the same file is not imported twice.
		await page.goto(world.server.url + '/tasks/import');
		await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
		await page.getByLabel('Tệp Excel (.xlsx)', { exact: true }).setInputFiles(file);
		await page.getByRole('button', { name: 'Xem trước' }).click();
		await expect.poll(() => page.getByTestId('prior-file').innerText()).toContain('Tệp này đã được nhập ngày');
		expect(await page.getByLabel('Cơ quan chủ trì', { exact: true }).inputValue()).toBe('3');
		expect(await page.getByText('Cách chọn cột lần trước của bảng cùng mẫu được dùng lại.').count()).toBe(1);
		expect(await page.getByTestId('import-counts').innerText()).toBe(
			'Đọc được 3 dòng: 0 dòng hợp lệ sẽ được nhập, 3 dòng lỗi sẽ bỏ qua (trong đó 2 dòng đã nhập trước đây).'
		);
		expect(await page.getByRole('button', { name: /^Nhập \d+ nhiệm vụ hợp lệ$/ }).count()).toBe(0);
	});
});
