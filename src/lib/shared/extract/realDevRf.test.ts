/**
 * General rules read off the "rf" batch of the development half of the real corpus
 * (tests/fixtures/extract/real/dev/rf_*, provenance in SOURCES.rf.md). Each test quotes real text
 * and names the file it comes from; the rule is one of the language or the layout of conclusion
 * notices as they are found, not of that file.
 */
import { describe, expect, it } from 'vitest';
import { extractNotice } from './notice';
import { segmentNotice } from './text';

/** The opening of rf_01 (VPCP 365/TB-VPCP, 2026) as the crawled Markdown page has it. */
const PAGE_HEAD = [
	'---',
	'layout: van-ban',
	'title: Thông báo số 365/TB-VPCP của Văn phòng Chính phủ',
	'description: Kết luận của Phó Thủ tướng Thường trực Chính phủ Phạm Gia Túc tại buổi làm việc với lãnh đạo Thành phố Hồ Chí Minh',
	'date: 2026-07-10',
	'sokyhieu: 365/TB-VPCP',
	'coquanquanbanhanh: Văn phòng Chính phủ',
	'docid: "218847"',
	'tags:',
	'  - VPCP',
	'  - Thông báo',
	'  - Kết luận',
	'  - TP.HCM',
	'categories:',
	'  - van-phong-chinh-phu',
	'---',
	'',
	'# Thông báo số 365/TB-VPCP',
	'',
	'## VĂN PHÒNG CHÍNH PHỦ',
	'',
	'**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**',
	'',
	'**Độc lập - Tự do - Hạnh phúc**',
	'',
	'**Số:** 365/TB-VPCP',
	'',
	'**Hà Nội, ngày 10 tháng 7 năm 2026**',
	'',
	'## THÔNG BÁO',
	'',
	'**Kết luận của Phó Thủ tướng Thường trực Chính phủ Phạm Gia Túc tại buổi làm việc với lãnh đạo Thành phố Hồ Chí Minh**',
	'',
	'Sau khi nghe báo cáo của Ủy ban nhân dân Thành phố Hồ Chí Minh, ý kiến của các Bộ, cơ quan, Phó Thủ tướng Thường trực Chính phủ Phạm Gia Túc kết luận như sau:',
	''
];

describe('a notice saved as a Markdown page', () => {
	it('[L16] drops the front matter, reads the issuer without its heading mark and a numbered heading by its number (real text, rf_01, VPCP 365/TB-VPCP, 2026)', () => {
		const text = [
			...PAGE_HEAD,
			'### II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 06 THÁNG CUỐI NĂM 2026',
			'',
			'**1.** Quán triệt, triển khai nghiêm túc, kịp thời, hiệu quả chỉ đạo của đồng chí Tổng Bí thư, Chủ tịch nước Tô Lâm tại Phiên họp Chính phủ thường kỳ tháng 6 năm 2026.',
			'',
			'### II. VỀ CÁC KIẾN NGHỊ CỦA THÀNH PHỐ HỒ CHÍ MINH',
			'',
			'**4.** Giao Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện và phối hợp với Ủy ban nhân dân Thành phố Hồ Chí Minh tổng hợp, báo cáo Thủ tướng Chính phủ kết quả thực hiện các nhiệm vụ.',
			'',
			'---',
			'',
			'**Nơi nhận:**'
		].join('\n');
		const blocks = segmentNotice(text);
		// No line of the metadata is a block; the heading's number is its marker.
		expect(blocks.some((b) => /layout:|sokyhieu|^VPCP$|^TP\.HCM$/u.test(b.text))).toBe(false);
		const heading = blocks.find((b) => b.text.startsWith('VỀ CÁC KIẾN NGHỊ'));
		expect(heading?.marker).toBe('II.');
		expect(heading?.markerType).toBe('roman');
		expect(blocks.some((b) => b.text === '---')).toBe(false);
		const r = extractNotice(text);
		expect(r.issuer).toBe('Văn phòng Chính phủ');
		expect(r.noticeDate).toBe('2026-07-10');
		// The issuer's heading passes no one: the subject-less item under a heading that names no
		// one is no task; the item that names its party is.
		expect(r.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([['Văn phòng Chính phủ']]);
		expect(r.text.slice(r.assignments[0]!.span.start).startsWith('Giao Văn phòng Chính phủ theo dõi')).toBe(true);
	});
});

describe('deadlines of ";"-steps', () => {
	it('[A8] a deadline set in its own aside dates the last ";"-step only (real text, rf_01, VPCP 365/TB-VPCP, 2026)', () => {
		const text = [
			...PAGE_HEAD,
			'### III. VỀ CÁC KIẾN NGHỊ CỦA THÀNH PHỐ HỒ CHÍ MINH',
			'',
			'**1.** Về phát triển hạ tầng năng lượng:',
			'',
			'- Giao Bộ Công Thương: (i) Nghiên cứu kiến nghị của Thành phố về nâng công suất, bổ sung các dự án điện gió vào quy hoạch và xử lý theo thẩm quyền và quy định trong quá trình điều chỉnh Quy hoạch điện VIII; (ii) Chủ trì, phối hợp với các bộ, cơ quan liên quan hướng dẫn Thành phố nghiên cứu, xây dựng Trung tâm dự trữ năng lượng tại xã Long Sơn theo quy định (hoàn thành trong tháng 8 năm 2026) và hỗ trợ Thành phố trong việc tìm kiếm nhà đầu tư.'
		].join('\n');
		const r = extractNotice(text);
		expect(r.assignments.map((a) => [a.lead.map((l) => l.text), a.deadline?.kind === 'period' ? `${a.deadline.from}..${a.deadline.to}` : null])).toEqual([
			[['Bộ Công Thương'], null],
			[['Bộ Công Thương'], '2026-08-01..2026-08-31']
		]);
		// Each step keeps its own words: the second opens at "(ii) Chủ trì".
		const [, second] = r.assignments;
		expect(r.text.slice(second!.actionSpan.start, second!.actionSpan.start + 40)).toContain('(ii) Chủ trì');
	});
});
