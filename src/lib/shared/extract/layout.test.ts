/**
 * Layout normalisation on real text: the same notice laid out as different converters write it
 * must read as the same blocks. Seed 000 is a real notice pasted from its PDF (a line break on
 * every printed line); here its list numbers are also set alone on their lines, as a PDF-to-text
 * converter does when the number sits in a column of its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentNotice } from './text';
import { extractNotice } from './notice';
import { extractSequence } from './sequence';

const SEEDS = process.env.SEEDS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'seeds');
const haveSeeds = existsSync(SEEDS);
if (!haveSeeds) console.warn(`[extract] ${SEEDS} không có: bỏ qua các phép thử bố cục trên thông báo mẫu.`);
const seed = (prefix: string) =>
	readFileSync(
		path.join(
			SEEDS,
			readdirSync(SEEDS).find((n) => n.startsWith(prefix) && n.endsWith('.txt'))!
		),
		'utf8'
	);
const blocks = (text: string) => segmentNotice(text.normalize('NFC')).map((b) => [b.marker, b.text]);
const tasks = (text: string) => extractNotice(text.normalize('NFC')).assignments.map((a) => [a.lead.map((l) => l.name).join(' + '), a.deadline?.text ?? '']);

describe.skipIf(!haveSeeds)('layout normalisation on a real notice (seed 000)', () => {
	it('[L2] joins a list number printed alone on its line to the text on the next line', () => {
		const text = seed('000');
		const apart = text.replace(/^(\d{1,2}\.|[a-zđ]\)|-) +(?=\S)/gmu, '$1\n');
		expect(apart).not.toBe(text);
		expect(apart.match(/^\d{1,2}\.$/gmu)?.length).toBeGreaterThanOrEqual(3);
		expect(blocks(apart)).toEqual(blocks(text));
		expect(tasks(apart)).toEqual(tasks(text));
	});
});

describe('a two-column header pasted as table rows (real VPCP letters, development half)', () => {
	const real = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../../../../tests/fixtures/extract/real/dev', name), 'utf8');
	const leadsOf = (text: string) => extractNotice(text).assignments.map((a) => a.lead.map((l) => l.name));

	it('[L4] "VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA … |" rows are the header: the issuer is read, no row is a task', () => {
		const text = real('rc_07_vpcp-cv-2007-rung-atk-dinh-hoa.txt');
		const r = extractNotice(text);
		expect(r.issuer).toBe('Văn phòng Chính phủ');
		// The province is a charged party in the Government Office's letter, not the speaker.
		expect(leadsOf(text)).toEqual([['Ủy ban nhân dân tỉnh Thái Nguyên'], ['Bộ Nông nghiệp và Phát triển nông thôn']]);
	});

	it('Markdown-style rows ("| VĂN PHÒNG CHÍNH PHỦ ------- | …", "| --- | --- |", "| Số: … |") too', () => {
		const text = real('rc_01_vpcp-cv-2021-tin-chi-rung-quang-nam.txt');
		expect(extractNotice(text).issuer).toBe('Văn phòng Chính phủ');
		expect(leadsOf(text).every((l) => !l.includes('Văn phòng Chính phủ'))).toBe(true);
		expect(leadsOf(text).filter((l) => l.includes('Ủy ban nhân dân tỉnh Quảng Nam')).length).toBeGreaterThanOrEqual(2);
	});
});

describe('a province letter converted from PDF (real UBND tỉnh Lào Cai letter, development half rc_17)', () => {
	const text = readFileSync(path.resolve(import.meta.dirname, '../../../../tests/fixtures/extract/real/dev/rc_17_ubnd-laocai-cv-2026-nd180.txt'), 'utf8');
	const r = extractNotice(text);

	it('reads the issuer split over two lines beside the motto spelt "CỘNG HOÀ"', () => {
		expect(r.issuer).toBe('UBND tỉnh Lào Cai');
	});

	it('[L5] the wrapped subject line and the addressees under "Kính gửi:" are header, not tasks', () => {
		const header = r.blocks.filter((b) => b.role === 'header').map((b) => b.text);
		expect(header.some((t) => t.startsWith('Nghị định số 180/2026/NĐ-CP'))).toBe(true);
		expect(header).toContain('Các sở, ban, ngành cấp tỉnh;');
		expect(r.assignments.every((a) => !/^Các sở, ban, ngành cấp tỉnh;\s*$/u.test(text.slice(a.span.start, a.span.end)))).toBe(true);
		expect(r.assignments[0]?.lead.map((l) => l.name)).toEqual(['Sở Nông nghiệp và Môi trường']);
	});
});

describe('a table of tasks in the editor (blocks of tab-separated cells)', () => {
	it('[L7] the sequence reader gives one task a row, by the columns the header row names', () => {
		const rows = [
			'TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành',
			'1\tRà soát quy hoạch các khu tái định cư\tSở Xây dựng\tSở Tài chính\tQuý II/2024',
			'2\tBáo cáo tiến độ giải phóng mặt bằng\tSở Tài nguyên và Môi trường\t\tTrước ngày 15/4/2024'
		];
		const blocks = [
			{ text: 'Các nhiệm vụ cụ thể như sau:', markerType: 'none' as const, rank: 99, openEnded: false },
			...rows.map((text) => ({ text, markerType: 'none' as const, rank: 99, openEnded: true })),
			{ text: 'Văn phòng UBND tỉnh theo dõi, đôn đốc.', markerType: 'none' as const, rank: 99, openEnded: false }
		];
		const got = extractSequence(blocks, { noticeDate: '2024-03-22' });
		expect(got.map((r) => r.role)).toEqual(['heading', 'heading', 'body', 'body', 'body']);
		expect(got.slice(2, 4).map((r) => r.assignments.map((a) => [a.lead.map((l) => l.name), a.support.map((l) => l.name), a.action]))).toEqual([
			[[['Sở Xây dựng'], ['Sở Tài chính'], 'Rà soát quy hoạch các khu tái định cư']],
			[[['Sở Tài nguyên và Môi trường'], [], 'Báo cáo tiến độ giải phóng mặt bằng']]
		]);
		expect(got[3]?.assignments[0]?.deadline).toMatchObject({ kind: 'date', date: '2024-04-15', inclusive: false });
		// After the table, paragraphs are read as text again.
		expect(got[4]?.assignments[0]?.lead.map((l) => l.name)).toEqual(['Văn phòng UBND tỉnh']);
	});
});

describe('a number after a word that needs one', () => {
	it('[L8] joins "… tại Khoản" / "3 - Điều 61 …" (real text, ra_01) and still starts a block at a list number', () => {
		const blocks = segmentNotice(
			[
				'Bộ Nông nghiệp và Phát triển nông thôn khẩn trương có văn bản gửi Bộ Tài chính những nội dung liên quan theo quy định tại Khoản',
				'3 - Điều 61 Luật Lâm nghiệp và các Thỏa thuận, Hiệp định quốc tế mà Việt Nam tham gia.',
				'3. Bộ Tài chính hoàn thiện dự thảo Quyết định.'
			].join('\n')
		);
		expect(blocks.map((b) => b.text)).toEqual([
			'Bộ Nông nghiệp và Phát triển nông thôn khẩn trương có văn bản gửi Bộ Tài chính những nội dung liên quan theo quy định tại Khoản 3 - Điều 61 Luật Lâm nghiệp và các Thỏa thuận, Hiệp định quốc tế mà Việt Nam tham gia.',
			'Bộ Tài chính hoàn thiện dự thảo Quyết định.'
		]);
	});
});
