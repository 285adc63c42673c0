import { describe, expect, it } from 'vitest';
import { extractNotice } from './notice';
import { segmentNotice } from './text';

describe('PDF normalisation', () => {
	const pdf = [
		' THÔNG BÁO ',
		'',
		'Số: 12/TB-VPUBND',
		'',
		'Ngày 14/03/2022, tại Trụ sở UBND tỉnh, Thường trực UBND tỉnh tổ chức cuộc họp; đồng chí Chủ tịch UBND tỉnh ',
		'',
		'kết luận như sau: ',
		'',
		'1. Yêu cầu các chuyên viên và lãnh đạo Văn phòng UBND tỉnh theo dõi tiến độ, báo cáo Thường ',
		'',
		'trực UBND tỉnh trước ngày 20/3/2022; tham mưu văn bản đôn đốc các sở, ngành liên quan1. ',
		'',
		'12',
		'',
		'2. Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư rà soát nguồn vốn hằng năm của',
		'',
		'tỉnh.',
		'                                                              ',
		'1 Gồm các sở: Tài chính, Xây dựng.'
	].join('\n');

	it('joins broken lines, drops page numbers, footnotes and glued footnote numbers', () => {
		const blocks = segmentNotice(pdf);
		const texts = blocks.map((b) => b.text);
		expect(texts).toContain(
			'Yêu cầu các chuyên viên và lãnh đạo Văn phòng UBND tỉnh theo dõi tiến độ, báo cáo Thường trực UBND tỉnh trước ngày 20/3/2022; tham mưu văn bản đôn đốc các sở, ngành liên quan.'
		);
		expect(texts.some((t) => t.includes('Gồm các sở'))).toBe(false);
		expect(texts.some((t) => /^12$/u.test(t))).toBe(false);
	});

	it('reports offsets into the NFC text of the original file', () => {
		const result = extractNotice(pdf);
		expect(result.noticeDate).toBe('2022-03-14');
		const [first, second] = result.assignments;
		expect(first?.lead.map((l) => l.text)).toEqual(['các chuyên viên', 'lãnh đạo Văn phòng UBND tỉnh']);
		expect(pdf.slice(first!.span.start, first!.span.start + 23)).toBe('Yêu cầu các chuyên viên');
		const d = first?.deadline;
		expect(d && pdf.slice(d.span.start, d.span.end)).toBe('trước ngày 20/3/2022');
		const lead = second?.lead[0]?.span;
		expect(lead && pdf.slice(lead.start, lead.end)).toBe('Sở Tài chính');
		expect(second?.support.map((s) => s.name)).toEqual(['Sở Kế hoạch và Đầu tư']);
		expect(pdf.slice(second!.span.end - 5, second!.span.end)).toBe('tỉnh.');
	});

	it('normalises decomposed (NFD) input and reports offsets into its NFC form', () => {
		const nfd = 'Giao Sở Tài chính hướng dẫn, xong trước ngày 10/01/2024.'.normalize('NFD');
		const result = extractNotice(nfd);
		const lead = result.assignments[0]?.lead[0]?.span;
		expect(lead && result.text.slice(lead.start, lead.end)).toBe('Sở Tài chính');
	});
});

describe('document structure', () => {
	const notice = [
		'THÔNG BÁO',
		'Kết luận của Chủ tịch UBND tỉnh',
		'',
		'Ngày 27/12/2023, Chủ tịch UBND tỉnh chủ trì hội nghị giao ban. Chủ tịch UBND tỉnh kết luận như sau:',
		'',
		'Ghi nhận và biểu dương các huyện, thành phố đã có nhiều cố gắng.',
		'',
		'Để hoàn thành kế hoạch năm 2024, yêu cầu UBND huyện, thành phố cần tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:',
		'',
		'(1) Tập trung triển khai các Nghị quyết của Tỉnh ủy; hoàn thành trước ngày **15/01/2024**.',
		'',
		'(2) UBND huyện Việt Yên tập trung chuẩn bị công bố thành lập thị xã.',
		'',
		'2. Về một số kiến nghị của các huyện',
		'',
		'2.1. Kiến nghị của UBND huyện Tân Yên về đường 398B: Nhất trí.',
		'',
		'2.2. Kiến nghị của UBND huyện Lục Nam về cấp nước: Giao Phó Chủ tịch UBND tỉnh Lê Ô Pích kiểm tra, chỉ đạo giải quyết trong tháng 01/2024.',
		'',
		'Trên đây là thông báo kết luận của Chủ tịch UBND tỉnh; các cơ quan, đơn vị liên quan nghiên cứu, triển khai thực hiện./.',
		'',
		'Nơi nhận:',
		'- Sở Tài chính;',
		'- UBND huyện, thành phố;'
	].join('\n');
	const result = extractNotice(notice);

	it('gives the items under a list intro its assignee, until a shallower heading', () => {
		expect(result.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([
			['UBND huyện, thành phố'],
			['UBND huyện Việt Yên'],
			['Phó Chủ tịch UBND tỉnh Lê Ô Pích']
		]);
		expect(result.assignments[0]?.lead[0]?.inherited).toBe(true);
	});

	it('reads the deadline of an item, with markdown emphasis removed', () => {
		expect(result.assignments[0]?.deadline).toMatchObject({ kind: 'date', date: '2024-01-15' });
		expect(result.assignments[2]?.deadline).toMatchObject({ kind: 'period', from: '2024-01-01', to: '2024-01-31' });
	});

	it('classifies praise, headings, the closing and the recipient list', () => {
		const roles = result.blocks.map((b) => b.role);
		expect(roles.filter((r) => r === 'recipients')).toHaveLength(3);
		expect(roles).toContain('closing');
		expect(result.blocks.find((b) => b.text.startsWith('2. Về') || b.text.startsWith('Về một số'))?.role).toBe('heading');
	});
});

describe('a list intro after sentences of its own', () => {
	// Real text (tests/fixtures/extract/real/dev/ra_01, Văn phòng Chính phủ 2024), shortened.
	const text = [
		'2. Bộ Tài chính thực hiện nghiêm các ý kiến chỉ đạo của Lãnh đạo Chính phủ; chủ trì, phối hợp chặt chẽ với các Bộ Tài nguyên và Môi trường, Tư pháp hoàn thiện dự thảo Đề án, trình Thủ tướng Chính phủ xem xét, quyết định trước ngày 20 tháng 10 năm 2024. Trong đó chú ý một số nội dung sau:',
		'- Về việc xây dựng văn bản quy phạm về thí điểm sàn giao dịch các-bon:',
		'Nghiên cứu kỹ lưỡng quy định của pháp luật hiện hành.'
	].join('\n');

	it('[S6] keeps the task its first sentences carry, with the deadline, and still passes its lead to the items below', () => {
		const { assignments } = extractNotice(text, { noticeDate: '2024-09-30' });
		const dated = assignments.find((a) => a.deadline?.kind === 'date');
		expect(dated?.lead.map((l) => l.name)).toEqual(['Bộ Tài chính']);
		expect(dated?.deadline).toMatchObject({ date: '2024-10-20' });
		expect(assignments.at(-1)?.lead.map((l) => l.name)).toEqual(['Bộ Tài chính']);
		expect(assignments.at(-1)?.action).toMatch(/^Nghiên cứu kỹ lưỡng/u);
	});

	it('[S6] reads a preamble of context before the intro as no task', () => {
		const { assignments } = extractNotice(
			'Báo Người lao động ra ngày 01 tháng 9 năm 2010 có bài phản ánh về tình trạng khai thác titan trái phép. Về việc này, Thủ tướng Chính phủ chỉ đạo:\nYêu cầu Bộ Công Thương kiểm tra, xử lý, báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 9 năm 2010.',
			{ noticeDate: '2010-09-10' }
		);
		expect(assignments.map((a) => a.lead.map((l) => l.text))).toEqual([['Bộ Công Thương']]);
	});
});
