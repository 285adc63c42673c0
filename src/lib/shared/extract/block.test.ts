import { describe, expect, it } from 'vitest';
import { extractBlock, headingAssignee } from './block';
import type { AgencyRef } from './types';

const ctx = { noticeDate: '2023-12-27', issuer: 'UBND tỉnh Bắc Giang' };
const leads = (text: string, extra: object = {}) => extractBlock(text, { ...ctx, ...extra }).map((a) => a.lead.map((l) => l.text));
const heading = (text: string) => headingAssignee(text, ctx) ?? [];
const districts: AgencyRef[] = heading('Để hoàn thành các mục tiêu, yêu cầu UBND huyện, thành phố cần tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:');

describe('leads', () => {
	it('[P1] takes the party after "Giao", with its deadline', () => {
		const [a] = extractBlock('Giao Sở Tài chính ban hành văn bản hướng dẫn để thực hiện thống nhất trên địa bàn tỉnh, xong trước ngày 10/01/2024.', ctx);
		expect(a?.lead.map((l) => l.name)).toEqual(['Sở Tài chính']);
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2024-01-10' });
		expect(a?.action).toMatch(/^Ban hành văn bản hướng dẫn/u);
	});
	it('gives several jointly charged agencies one assignment with several leads', () => {
		expect(leads('Giao Sở Tài chính, Sở Kế hoạch và Đầu tư hướng dẫn cụ thể các huyện, thành phố, xong trước ngày 28/02/2024.')).toEqual([
			['Sở Tài chính', 'Sở Kế hoạch và Đầu tư']
		]);
	});
	it('[A3] takes the grammatical subject, after an adverbial opener', () => {
		expect(leads('Trong năm 2026, Văn phòng cần định hình và thay đổi tư duy trong công tác tham mưu.')).toEqual([['Văn phòng']]);
	});
	it('skips the proposer in a "Kiến nghị của … :" lead-in and an agreement sentence', () => {
		expect(
			leads('Kiến nghị của UBND thành phố Bắc Giang về tổ chức Lễ hội: Nhất trí chủ trương. UBND thành phố Bắc Giang chủ động xây dựng kế hoạch.')
		).toEqual([['UBND thành phố Bắc Giang']]);
	});
	it('[P2] takes the party a requester charges: "Ủy ban nhân dân tỉnh yêu cầu X …"', () => {
		expect(
			leads('Ủy ban nhân dân tỉnh yêu cầu Lãnh đạo các sở, ngành, các Ban Quản lý dự án và Ủy ban nhân dân các xã, phường nêu cao tinh thần trách nhiệm.')
		).toEqual([['Lãnh đạo các sở, ngành', 'các Ban Quản lý dự án', 'Ủy ban nhân dân các xã, phường']]);
	});
	it('drops a restrictive clause from a coordinated subject', () => {
		expect(
			leads(
				'Các cơ quan, đơn vị, địa phương được giao chủ trì thực hiện nhiệm vụ và các chuyên viên Văn phòng UBND tỉnh theo dõi nhiệm vụ chịu trách nhiệm về tính kịp thời của thông tin.'
			)
		).toEqual([['Các cơ quan, đơn vị, địa phương', 'các chuyên viên Văn phòng UBND tỉnh']]);
	});
	it('gives two objects when one sentence charges two parties', () => {
		const found = extractBlock(
			'Giao Văn phòng UBND tỉnh tham mưu văn bản gửi Sở Xây dựng xem xét, thẩm định; trong đó yêu cầu Sở Xây dựng báo cáo Ban cán sự đảng UBND tỉnh trước ngày 30/01/2024.',
			ctx
		);
		expect(found.map((a) => [a.lead[0]?.text, a.deadline?.kind ?? null])).toEqual([
			['Văn phòng UBND tỉnh', null],
			['Sở Xây dựng', 'date']
		]);
		expect(found[0]?.span).toEqual(found[1]?.span);
	});
	it('splits two subjects of one sentence: "Ban A đẩy nhanh …; Ban B đẩy nhanh …"', () => {
		expect(
			leads(
				'Ban Quản lý dự án đầu tư xây dựng số 1 đẩy nhanh tiến độ Dự án đường trục chính; Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh đẩy nhanh tiến độ tuyến đường kết nối.'
			)
		).toEqual([['Ban Quản lý dự án đầu tư xây dựng số 1'], ['Ban Quản lý dự án đầu tư xây dựng công trình giao thông tỉnh']]);
	});
	it('[P6] keeps an unknown agency as written, marked unknown', () => {
		const [a] = extractBlock('Trung tâm Xúc tiến Đầu tư tỉnh tổ chức hội nghị xúc tiến đầu tư.', ctx);
		expect(a?.lead[0]).toMatchObject({ text: 'Trung tâm Xúc tiến Đầu tư tỉnh', known: false, kind: 'unknown' });
	});
	it('[P5] does not take a party the lead directs, addresses or reports to', () => {
		expect(leads('Giao Sở Tài chính có văn bản hướng dẫn UBND cấp huyện thực hiện việc chuyển nguồn.')).toEqual([['Sở Tài chính']]);
		expect(leads('UBND huyện Yên Thế có văn bản báo cáo Sở Tài chính để sớm được xem xét, trả lời.')).toEqual([['UBND huyện Yên Thế']]);
	});
});

describe('support and officials', () => {
	it('[U1] takes the parties after "chủ trì, phối hợp với" as support', () => {
		const [a] = extractBlock('Giao Sở TN&MT chủ trì, phối hợp với UBND các huyện có liên quan, tổng hợp báo cáo tại phiên giao ban ngày 12/01/2024.', ctx);
		expect(a?.support.map((s) => s.text)).toEqual(['UBND các huyện có liên quan']);
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2024-01-12' });
	});
	it("does not count as support a party that co-operates at the lead's direction", () => {
		const [a] = extractBlock('Chủ trì theo dõi, đôn đốc các chủ đầu tư phối hợp chặt chẽ với chính quyền địa phương đẩy nhanh giải phóng mặt bằng.', {
			...ctx,
			inheritedLead: heading('Sở Công Thương')
		});
		expect(a?.support).toEqual([]);
	});
	it('[U2] does not count meeting counterparts ("làm việc với") as support', () => {
		const [a] = extractBlock('UBND huyện Yên Thế chủ động làm việc với lãnh đạo Sở Tài nguyên và Môi trường để thống nhất chủ trương chung.', ctx);
		expect(a?.support).toEqual([]);
	});
	it('makes the leader advised ("tham mưu <leader>") an official', () => {
		const [a] = extractBlock(
			'Giao Văn phòng UBND tỉnh tham mưu Phó Chủ tịch UBND tỉnh Phan Thế Tuấn tổ chức làm việc với ngành Điện lực, xong trước ngày 30/01/2024.',
			ctx
		);
		expect(a?.lead.map((l) => l.text)).toEqual(['Văn phòng UBND tỉnh']);
		expect(a?.officials.map((l) => l.text)).toEqual(['Phó Chủ tịch UBND tỉnh Phan Thế Tuấn']);
	});
	it('makes a leader charged directly both lead and official, and not the agencies he directs', () => {
		const [a] = extractBlock('Giao Phó Chủ tịch UBND tỉnh Lê Ô Pích chỉ đạo Sở Giao thông vận tải tổ chức kiểm điểm, xong trước ngày 20/01/2024.', ctx);
		expect(a?.lead.map((l) => l.text)).toEqual(['Phó Chủ tịch UBND tỉnh Lê Ô Pích']);
		expect(a?.officials.map((l) => l.text)).toEqual(['Phó Chủ tịch UBND tỉnh Lê Ô Pích']);
		expect(a?.support).toEqual([]);
	});
	it('makes the leader who signs the directing document an official', () => {
		const [a] = extractBlock('Giao Văn phòng UBND tỉnh tham mưu văn bản của Chủ tịch UBND tỉnh giao Cục Thuế tỉnh nghiên cứu.', ctx);
		expect(a?.officials.map((l) => l.text)).toEqual(['Chủ tịch UBND tỉnh']);
	});
	it('does not make a leader who only receives a report an official', () => {
		const [a] = extractBlock('Giao Sở Tài nguyên và Môi trường tham mưu, kết quả báo cáo Phó Chủ tịch UBND tỉnh Lê Ô Pích trước ngày 15/01/2024.', ctx);
		expect(a?.officials).toEqual([]);
	});
});

describe('heading inheritance', () => {
	it('[S1] reads the assignee of a list intro, and of a heading that is only an agency', () => {
		expect(districts.map((r) => r.text)).toEqual(['UBND huyện, thành phố']);
		expect(heading('Ủy ban nhân dân các xã, phường có cụm công nghiệp').map((r) => r.text)).toEqual(['Ủy ban nhân dân các xã, phường có cụm công nghiệp']);
	});
	it('uses the short form a heading declares ("viết tắt là")', () => {
		expect(heading('Đồng thời, đề nghị Văn phòng UBND tỉnh (viết tắt là Văn phòng) triển khai thực hiện một số nhiệm vụ như sau:').map((r) => r.text)).toEqual([
			'Văn phòng'
		]);
	});
	it('[S2] names no assignee for a heading that names only the requester or a topic', () => {
		expect(headingAssignee('Về một số nhiệm vụ trọng tâm trong thời gian tới, Thường trực UBND tỉnh yêu cầu:', ctx)).toBeNull();
		expect(headingAssignee('Về công tác tổng hợp, báo cáo:', ctx)).toBeNull();
	});
	it('charges subject-less sentences to the inherited assignee and splits them by deadline', () => {
		const found = extractBlock('Tập trung triển khai các Nghị quyết của Tỉnh ủy. Tổ chức tổng kết thi đua, hoàn thành trước ngày 15/01/2024.', {
			...ctx,
			inheritedLead: districts
		});
		expect(found.map((a) => [a.lead[0]?.text, a.deadline?.kind ?? null])).toEqual([
			['UBND huyện, thành phố', null],
			['UBND huyện, thành phố', 'date']
		]);
	});
	it('[A1] merges an elaborating sentence about the same party ("Lưu ý: …")', () => {
		expect(
			extractBlock('Tiếp tục tăng cường công tác quản lý đất đai. Lưu ý: đối với các đơn vị dự kiến sắp xếp phải làm tốt công tác quản lý đất đai.', {
				...ctx,
				inheritedLead: districts
			})
		).toHaveLength(1);
	});
	it('[S3] lets a sentence with its own subject override the heading', () => {
		expect(leads('Hoàn thành 100% trụ sở Công an xã. Chủ tịch UBND cấp huyện chỉ đạo các cơ quan chuyên môn rà soát.', { inheritedLead: districts })).toEqual([
			['UBND huyện, thành phố'],
			['Chủ tịch UBND cấp huyện']
		]);
	});
});

describe('blocks that carry no assignment', () => {
	it.each([
		['background', 'Năm 2023, dù đứng trước nhiều khó khăn, thách thức; KTXH của tỉnh đã đạt được nhiều kết quả quan trọng.'],
		['praise', 'Ghi nhận và biểu dương các huyện, thành phố đã có sự tập trung, nỗ lực cao trong thực hiện các nhiệm vụ.'],
		['an agreement alone', 'Nhất trí chủ trương.'],
		['a statement of plans', 'Tỉnh đang có kế hoạch mở rộng tuyến đường trong giai đoạn tới nên trước mắt chưa triển khai thực hiện việc lắp đèn.'],
		['a directive with no party', 'Yêu cầu từ nay tất cả các dự án giao thông sau khi hoàn thành phải bàn giao trong thời hạn là 03 tháng.'],
		[
			'the closing boilerplate',
			'Trên đây là ý kiến kết luận của Thường trực UBND tỉnh, Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, tổ chức thực hiện./.'
		],
		['meeting narrative', 'Sau khi nghe Văn phòng UBND tỉnh báo cáo và các ý kiến phát biểu, Chủ tịch UBND tỉnh kết luận như sau:']
	])('finds nothing in %s', (_why, text) => {
		expect(extractBlock(text, { ...ctx, inheritedLead: [] })).toEqual([]);
	});
	it('does not charge a statement to the inherited assignee', () => {
		expect(extractBlock('Phát triển các cụm công nghiệp là nhiệm vụ quan trọng.', { ...ctx, inheritedLead: districts })).toEqual([]);
	});
});

it('reports spans of the parties and the deadline inside the block', () => {
	const text = 'Giao Sở Tài chính hướng dẫn, xong trước ngày 10/01/2024.';
	const [a] = extractBlock(text, ctx);
	const lead = a?.lead[0]?.span;
	expect(lead && text.slice(lead.start, lead.end)).toBe('Sở Tài chính');
	expect(a && a.deadline && text.slice(a.deadline.span.start, a.deadline.span.end)).toBe('xong trước ngày 10/01/2024');
	expect(a?.span).toEqual({ start: 0, end: text.length });
});
