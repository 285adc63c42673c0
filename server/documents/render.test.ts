/**
 * Renders an exported notice with LibreOffice (headless) and checks the printed result: A4 pages,
 * the header and title on page 1, the page number from page 2, recipients and signer on the last
 * page. Skips with a message when LibreOffice (or poppler's pdfinfo/pdftotext) is not installed:
 * `apt-get install -y libreoffice-writer poppler-utils`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoticeDoc, type NoticeMeta } from '#shared/doc/noticeDoc';
import { importNoticeFile } from './importNotice';
import { noticeDocx } from './noticeDocx';
import { DATED_NOTICE, openImportWorld, type ImportWorld } from './testWorld';

const run = promisify(execFile);
const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
const soffice = which('soffice') || which('libreoffice');
const poppler = !!which('pdfinfo') && !!which('pdftotext');
if (!soffice) console.warn('[documents] LibreOffice (soffice) không có: bỏ qua phép thử in ra PDF. Cài: apt-get install -y libreoffice-writer');
else if (!poppler) console.warn('[documents] pdfinfo/pdftotext không có: chỉ kiểm tra rằng LibreOffice xuất được PDF. Cài: apt-get install -y poppler-utils');

const SEEDS = process.env.SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds');
/** Seed 004 (six pages) when the samples are there, else a one-page notice. */
const seed004 = existsSync(SEEDS) ? readdirSync(SEEDS).find((n) => n.startsWith('004') && n.endsWith('.txt')) : undefined;

describe.skipIf(!soffice)('an exported notice printed by LibreOffice', () => {
	let world: ImportWorld;
	let dir: string;
	let pdf: string;
	let meta: NoticeMeta;

	beforeAll(async () => {
		world = await openImportWorld();
		dir = mkdtempSync(path.join(tmpdir(), 'kl-render-'));
		const source = seed004 ? readFileSync(path.join(SEEDS, seed004)) : Buffer.from(DATED_NOTICE);
		const { id } = await importNoticeFile(world, world.user, seed004 ?? 'dated.txt', source);
		const doc = await world.notices.loadDoc(id);
		meta = new NoticeDoc(doc).readMeta();
		writeFileSync(path.join(dir, 'notice.docx'), await noticeDocx(doc));
		doc.destroy();
		// A profile of its own: a LibreOffice already running (or a parallel test) holds the default one.
		await run(
			soffice,
			[`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'notice.docx')],
			{ timeout: 120_000 }
		);
		pdf = path.join(dir, 'notice.pdf');
	}, 180_000);
	afterAll(async () => {
		await world?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	const pageText = async (page: number) => (await run('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'])).stdout;
	const pageCount = async () => Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)![1]);

	it('produces a PDF', () => {
		expect(existsSync(pdf)).toBe(true);
		expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
	});

	it.skipIf(!poppler)('prints on A4 pages, as many as the text needs', async () => {
		const info = (await run('pdfinfo', [pdf])).stdout;
		expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
		const pages = await pageCount();
		if (seed004) expect(pages).toBeGreaterThanOrEqual(4);
		expect(pages).toBeLessThanOrEqual(seed004 ? 9 : 2);
	});

	it.skipIf(!poppler)('shows the issuer, the national name and motto, the number and the title on page 1, without a page number', async () => {
		const first = await pageText(1);
		const flat = first.replace(/\s+/g, ' ');
		expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
		expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
		expect(flat).toContain(meta.issuingBody);
		expect(flat).toMatch(new RegExp(`Số:\\s*${meta.number}\\s*/${meta.symbol}`));
		expect(flat).toContain('THÔNG BÁO');
		expect(flat).toContain(meta.title.split(' ').slice(0, 8).join(' '));
		expect(first.trimStart().startsWith('1')).toBe(false);
	});

	it.skipIf(!poppler)('numbers the pages from page 2, at the top', async () => {
		const pages = await pageCount();
		if (pages < 2) return;
		expect((await pageText(2)).trimStart().split('\n')[0]!.trim()).toBe('2');
		expect((await pageText(pages)).trimStart().split('\n')[0]!.trim()).toBe(String(pages));
	});

	it.skipIf(!poppler)('puts the recipients and the signer on the last page', async () => {
		const last = (await pageText(await pageCount())).replace(/\s+/g, ' ');
		expect(last).toContain('Nơi nhận:');
		expect(last).toContain('- Lưu: VT');
		expect(last).toContain(meta.signerTitle);
		expect(last).toContain(meta.signerName);
	});
});
