/**
 * General rules read off the development half of the real corpus (tests/fixtures/extract/real/dev).
 * Each test quotes a real sentence and names the file it comes from; the rule is a rule of the
 * language of administrative letters (Decree 30 style), not of that file.
 */
import { describe, expect, it } from 'vitest';
import { findParties } from '../agencies/matcher';
import { extractBlock } from './block';
import { segmentNotice } from './text';

const vpcp = { noticeDate: '2017-11-02', issuer: 'Văn phòng Chính phủ' };
const leads = (text: string, ctx: Parameters<typeof extractBlock>[1] = vpcp) => extractBlock(text, ctx).map((a) => a.lead.map((l) => l.text));

// Real text: rd_03 (Văn phòng Chính phủ, công văn 11676/VPCP-KTTH, 2017), item 1.
const RD03_ITEM1 =
	'Các Bộ, cơ quan ngang Bộ, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương, các Tập đoàn kinh tế, Tổng công ty nhà nước đến nay chưa có báo cáo theo văn bản số 4917/BKHĐT-PTDN ngày 16 tháng 6 năm 2017 của Bộ Kế hoạch và Đầu tư, khẩn trương gửi báo cáo về Bộ Kế hoạch và Đầu tư trước ngày 30 tháng 11 năm 2017 để tổng hợp, trình Thủ tướng Chính phủ.';

describe('collectives of state enterprises', () => {
	it('[P10] reads "các Tập đoàn kinh tế, Tổng công ty nhà nước" as one collective (real text, rd_03)', () => {
		const got = findParties(RD03_ITEM1).map((m) => [m.text, m.kind]);
		expect(got).toContainEqual(['các Tập đoàn kinh tế, Tổng công ty nhà nước', 'generic']);
		// A named corporation is still a name of its own.
		expect(findParties('Tập đoàn Điện lực Việt Nam báo cáo.').map((m) => m.text)).toEqual(['Tập đoàn Điện lực Việt Nam']);
	});
});

describe('a subject restricted by what it has not yet done', () => {
	it('[P13] reads the predicate after the comma of "… đến nay chưa có báo cáo …," (real text, rd_03)', () => {
		const [a, ...rest] = extractBlock(RD03_ITEM1, vpcp);
		expect(rest).toEqual([]);
		expect(a?.lead.map((l) => l.text)).toEqual([
			'Các Bộ, cơ quan ngang Bộ',
			'Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương',
			'các Tập đoàn kinh tế, Tổng công ty nhà nước'
		]);
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2017-11-30' });
		expect(a?.rules).toContain('P13');
		// The agency in the restrictive clause (whose letter was not answered) is not charged.
		expect(a?.support ?? []).toEqual([]);
	});

	it('[P13] leaves a bare statement of what was not done, with no predicate after a comma, unread', () => {
		expect(leads('Các Bộ, cơ quan ngang Bộ đến nay chưa có báo cáo theo văn bản số 4917/BKHĐT-PTDN ngày 16 tháng 6 năm 2017.')).toEqual([]);
		expect(leads('Sở Tài chính chưa có ý kiến về nội dung này, do còn chờ hồ sơ của nhà đầu tư.')).toEqual([]);
	});
});

describe('a cycle and the due day of each round', () => {
	it('[D3] gives a task the due day "trước ngày 30 tháng 6 hằng năm", not the cycle "định kỳ hai năm một lần" (real text, rd_01)', () => {
		// tests/fixtures/extract/real/dev/rd_01 (Bộ Nông nghiệp và Môi trường, 9389/BNNMT-BĐKH, 2025), item 1a, PDF lines joined.
		const text =
			'Chỉ đạo cơ quan chuyên môn trực thuộc có liên quan định kỳ hai năm một lần rà soát số liệu tiêu thụ năng lượng, công suất, quy mô của cơ sở thuộc danh mục lĩnh vực, cơ sở phát thải khí nhà kính phải thực hiện kiểm kê khí nhà kính của năm trước năm rà soát; đề xuất cập nhật, điều chỉnh danh mục cơ sở phát thải khí nhà kính phải kiểm kê khí nhà kính trên địa bàn theo tiêu chí quy định gửi Bộ Nông nghiệp và Môi trường, bộ quản lý lĩnh vực liên quan trước ngày 30 tháng 6 hằng năm để tổng hợp, trình Thủ tướng Chính phủ.';
		const inherited = [{ name: 'Ủy ban nhân dân các tỉnh', text: 'Ủy ban nhân dân các tỉnh', kind: 'locality' as const, known: false }];
		const [a, ...rest] = extractBlock(text, { noticeDate: '2025-11-20', issuer: 'Bộ Nông nghiệp và Môi trường', inheritedLead: inherited });
		expect(rest).toEqual([]);
		expect(a?.deadline).toMatchObject({ kind: 'recurring', frequency: 'yearly', text: 'trước ngày 30 tháng 6 hằng năm' });
		// A cycle alone is still the task's recurring deadline.
		const [b] = extractBlock('Sở Tài chính định kỳ 03 tháng một lần rà soát, cập nhật danh mục dự án.', { issuer: 'UBND tỉnh Lào Cai' });
		expect(b?.deadline).toMatchObject({ kind: 'recurring', frequency: 'monthly' });
	});
});

describe('footnotes under a page with no rule drawn above them', () => {
	// tests/fixtures/extract/real/dev/rd_07 (Sở Nông nghiệp và Môi trường tỉnh Lào Cai, 6795/SNNMT-KS, 2026), pdftotext -layout, pages 1–2.
	const RD07 = [
		'        - Quá trình hoạt động khai thác phải tuân thủ đúng thiết kế',
		'mỏ được đã được phê duyệt, không tự ý thay đổi thiết kế mỏ1 .',
		'        - Đăng ký, thông báo ngày bắt đầu xây dựng cơ bản mỏ, ngày bắt đầu khai',
		'1 Nội dung thiết kế mỏ được quy định tại Thông tư số 31/2025/TT-BCT ngày 16/5/2025 của Bộ Công Thương',
		'                                                              2',
		'',
		'thác khoáng sản với cơ quan quản lý nhà nước có thẩm quyền cấp giấy phép khai',
		'thác khoáng sản, trước khi thực hiện hoạt động đó theo đúng quy định của pháp',
		'luật2.',
		'      - Tổ chức, cá nhân hoạt động khoáng sản thực hiện bảo vệ tài nguyên địa',
		'chất chưa khai thác theo quy định tại Điều 7 Luật Địa chất và khoáng sản3.',
		'',
		'',
		'2 Hồ sơ, mẫu văn bản đăng ký ngày bắt đầu XD cơ bản mỏ, ngày bắt đầu khai thác KS được quy định tại Khoản 2 Điều 8 và',
		'',
		'Khoản 1 Điều 22 Thông tư số 36/2025/TT-BNNMT ngày 02/7/2025.',
		'3 Khi khai thác khoáng sản phải ưu tiên áp dụng công nghệ tiên tiến, phù hợp với quy mô, đặc điểm từng mỏ, loại khoáng sản',
		'',
		'để thu hồi tối đa các loại khoáng sản được phép khai thác.',
		'                                          3'
	].join('\n');

	it('[L10] drops a line that opens with the number of a reference glued to a word above it, and the page resumes after the page number (real text, rd_07)', () => {
		const blocks = segmentNotice(RD07.normalize('NFC')).map((b) => b.text);
		expect(blocks).toEqual([
			'Quá trình hoạt động khai thác phải tuân thủ đúng thiết kế mỏ được đã được phê duyệt, không tự ý thay đổi thiết kế mỏ .',
			'Đăng ký, thông báo ngày bắt đầu xây dựng cơ bản mỏ, ngày bắt đầu khai thác khoáng sản với cơ quan quản lý nhà nước có thẩm quyền cấp giấy phép khai thác khoáng sản, trước khi thực hiện hoạt động đó theo đúng quy định của pháp luật.',
			'Tổ chức, cá nhân hoạt động khoáng sản thực hiện bảo vệ tài nguyên địa chất chưa khai thác theo quy định tại Điều 7 Luật Địa chất và khoáng sản.'
		]);
	});

	it('[L10] keeps a line that opens with a number no reference above it carries', () => {
		const text = ['Giao Sở Tài chính rà soát các dự án.', '', '2 Sở Xây dựng hướng dẫn thủ tục.'].join('\n');
		expect(segmentNotice(text).map((b) => b.text)).toContain('2 Sở Xây dựng hướng dẫn thủ tục.');
	});
});

describe('where an unknown name ends', () => {
	it('[P6] ends a company name before the adverb that opens its predicate, "nghiêm túc" (real text, rd_07)', () => {
		// tests/fixtures/extract/real/dev/rd_07 (Sở Nông nghiệp và Môi trường tỉnh Lào Cai, 2026), closing paragraph, PDF line joined.
		const text =
			'Sở Nông nghiệp và Môi trường yêu cầu Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô nghiêm túc thực hiện; trong quá trình thực hiện có khó khăn vướng mắc kịp thời phối hợp, làm việc trực tiếp, phản ánh về Sở Nông nghiệp và Môi trường để được thống nhất, hướng dẫn thực hiện đúng quy định của pháp luật./.';
		expect(findParties(text).map((m) => [m.text, m.known])).toEqual([
			['Sở Nông nghiệp và Môi trường', true],
			['Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô', false],
			['Sở Nông nghiệp và Môi trường', true]
		]);
	});
});
