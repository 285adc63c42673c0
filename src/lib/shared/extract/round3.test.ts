/**
 * Round 3 of general rules: district-level bodies and company names in the matcher, rows labelled
 * with their party ("Sở X: …"), "Đối với X:" headings, passive charges ("được giao cho X chủ trì",
 * "được X tham mưu"), accountability sentences, calendar deadlines after an occasion, and joint
 * tasks run on through ";"-steps. Every example sentence is made up for the test.
 */
import { describe, expect, it } from 'vitest';
import { findParties } from '../agencies/matcher';
import { extractBlock, headingAssignee } from './block';
import { extractNotice } from './notice';

const province = { noticeDate: '2024-10-02', issuer: 'UBND tỉnh Phú Yên' };
const district = { noticeDate: '2024-10-02', issuer: 'UBND huyện Tuy An' };
const parties = (t: string) => findParties(t).map((m) => m.text);
const leads = (text: string, ctx: Parameters<typeof extractBlock>[1] = province) => extractBlock(text, ctx).map((a) => a.lead.map((l) => l.text));

describe('matcher: district bodies and companies', () => {
	it('reads "và" joining two capitalised halves of one name', () => {
		expect(parties('Phòng Nông nghiệp và Phát triển nông thôn hướng dẫn nông dân.')).toEqual(['Phòng Nông nghiệp và Phát triển nông thôn']);
		expect(parties('Phòng Văn hóa - Thể thao và Du lịch tổ chức hội thi.')).toEqual(['Phòng Văn hóa - Thể thao và Du lịch']);
	});

	it('stops at "và" when another party follows', () => {
		expect(parties('Phòng Kinh tế và Phòng Tư pháp rà soát.')).toEqual(['Phòng Kinh tế', 'Phòng Tư pháp']);
		expect(parties('Trung tâm Y tế và UBND xã Hòa Bình kiểm tra.')).toEqual(['Trung tâm Y tế', 'UBND xã Hòa Bình']);
	});

	it('keeps lower-case nouns after "và" that close a name with its level word', () => {
		expect(parties('Ban Quản lý dự án các công trình nông nghiệp và thủy lợi tỉnh bàn giao mặt bằng.')).toEqual([
			'Ban Quản lý dự án các công trình nông nghiệp và thủy lợi tỉnh'
		]);
	});

	it('reads bodies named by their level alone ("Công an huyện", "Văn phòng HĐND và UBND huyện")', () => {
		expect(parties('Công an thị xã tăng cường tuần tra.')).toEqual(['Công an thị xã']);
		expect(parties('Văn phòng HĐND và UBND quận tổng hợp.')).toEqual(['Văn phòng HĐND và UBND quận']);
		expect(parties('Ban Chỉ huy Quân sự huyện Đồng Xuân tổ chức diễn tập.')).toEqual(['Ban Chỉ huy Quân sự huyện Đồng Xuân']);
		// The provincial office keeps its directory entry.
		expect(findParties('Văn phòng UBND tỉnh theo dõi.')[0]?.known).toBe(true);
	});

	it('reads a company whose legal form is written in lower case', () => {
		expect(parties('Công ty cổ phần Cấp thoát nước Phú Yên khẩn trương sửa chữa.')).toEqual(['Công ty cổ phần Cấp thoát nước Phú Yên']);
		expect(parties('Công ty trách nhiệm hữu hạn Minh Phát bàn giao lại mặt bằng.')).toEqual(['Công ty trách nhiệm hữu hạn Minh Phát']);
	});
});

describe('row labels and headings', () => {
	it('charges the party a row is labelled with ("UBND huyện X: …")', () => {
		expect(leads('UBND huyện Sông Hinh: hoàn thành kiểm đếm tài sản trước ngày 15/10/2024.')).toEqual([['UBND huyện Sông Hinh']]);
		const [a] = extractBlock('Sở Xây dựng, Sở Công Thương: phối hợp với Công an tỉnh kiểm tra các công trình.', province);
		expect(a?.lead.map((l) => l.text)).toEqual(['Sở Xây dựng', 'Sở Công Thương']);
		expect(a?.support.map((l) => l.text)).toEqual(['Công an tỉnh']);
	});

	it('lets a party named after the label take the task ("yêu cầu Chủ tịch UBND huyện …")', () => {
		expect(leads('UBND huyện Đông Hòa: tiến độ cấp giấy chứng nhận còn chậm; yêu cầu Chủ tịch UBND huyện chấn chỉnh, báo cáo trước ngày 20/10/2024.')).toEqual([
			['Chủ tịch UBND huyện']
		]);
	});

	it('reads a district department heading ("2. Phòng Tài chính - Kế hoạch:") for the items under it', () => {
		const notice = [
			'THÔNG BÁO',
			'Kết luận của Chủ tịch UBND huyện tại cuộc họp giao ban',
			'Ngày 01/10/2024, Chủ tịch UBND huyện chủ trì cuộc họp giao ban.',
			'1. Phòng Tài chính - Kế hoạch:',
			'- Tham mưu phân bổ vốn sự nghiệp, hoàn thành trước ngày 25/10/2024.',
			'- Phối hợp với Chi cục Thuế đôn đốc thu ngân sách.'
		].join('\n');
		const out = extractNotice(notice);
		expect(out.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([['Phòng Tài chính - Kế hoạch'], ['Phòng Tài chính - Kế hoạch']]);
	});

	it('gives the items under "Đối với X:" to X', () => {
		expect(headingAssignee('Đối với Tổng công ty Điện lực miền Nam:', province)?.map((r) => r.text)).toEqual(['Tổng công ty Điện lực miền Nam']);
		// A topic after "Đối với" names no assignee. (List markers are stripped before a heading is read.)
		expect(headingAssignee('Đối với dự án đường ven biển:', province)).toBeNull();
	});
});

describe('passive charges and accountability', () => {
	it('reads the agent of "được giao cho X chủ trì"', () => {
		const [a] = extractBlock(
			'Việc kiểm tra nguồn gốc gỗ tại các xưởng chế biến được giao cho Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Công an tỉnh; báo cáo UBND tỉnh trước ngày 30/11/2024.',
			province
		);
		expect(a?.lead.map((l) => l.text)).toEqual(['Sở Nông nghiệp và Phát triển nông thôn']);
		expect(a?.support.map((l) => l.text)).toEqual(['Công an tỉnh']);
		expect(a?.deadline?.kind === 'date' && a.deadline.date).toBe('2024-11-30');
	});

	it('reads the agent of "được X tham mưu"', () => {
		expect(leads('Nguồn vốn sửa chữa trường học được Sở Tài chính tham mưu UBND tỉnh bố trí, xong trước ngày 05/11/2024.')).toEqual([['Sở Tài chính']]);
	});

	it('does not charge a collective named in a passive clause', () => {
		expect(leads('Các kiến nghị phải được cơ quan chuyên môn thẩm định kỹ.', { ...province, inheritedLead: [] })).toEqual([]);
	});

	it('merges an accountability sentence into the task it follows', () => {
		const out = extractBlock(
			'Yêu cầu Giám đốc các sở, ngành hoàn thành giải ngân đến hết ngày 31/12/2024. Người đứng đầu chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu không đạt kế hoạch.',
			province
		);
		expect(out).toHaveLength(1);
		expect(out[0]?.deadline?.kind === 'date' && out[0].deadline.date).toBe('2024-12-31');
	});
});

describe('deadlines and steps', () => {
	it('prefers a calendar deadline written after an occasion', () => {
		const [a] = extractBlock('Sở Nội vụ: tham mưu đề án, trình HĐND tỉnh tại kỳ họp thường lệ; hoàn thành trước ngày 12/11/2024.', province);
		expect(a?.deadline?.kind === 'date' && a.deadline.date).toBe('2024-11-12');
	});

	it('keeps a joint task whole across its ";"-steps', () => {
		const out = extractBlock(
			'Trung tâm Phát triển quỹ đất huyện phối hợp với UBND xã An Ninh lập phương án bồi thường; chi trả cho các hộ dân trước ngày 25/11/2024.',
			district
		);
		expect(out).toHaveLength(1);
		expect(out[0]?.support.map((l) => l.text)).toEqual(['UBND xã An Ninh']);
		expect(out[0]?.deadline?.kind === 'date' && out[0].deadline.date).toBe('2024-11-25');
	});

	it('reads a weekly day as a recurring deadline ("vào ngày thứ Bảy hằng tuần")', () => {
		const [a] = extractBlock('UBND các xã ra quân dọn vệ sinh vào sáng thứ Bảy hằng tuần.', district);
		expect(a?.deadline?.kind).toBe('recurring');
	});
});
