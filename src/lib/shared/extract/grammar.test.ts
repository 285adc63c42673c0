/**
 * General rules of Vietnamese administrative grammar read by the extractor: declared short forms
 * of organisations, the speaking committee, coordinated clauses with their own deadlines,
 * qualifiers of plural localities, standing roles, purpose clauses, relative time limits and PDF
 * footnote numbers. Every example sentence is made up for the test.
 */
import { describe, expect, it } from 'vitest';
import { findParties } from '../agencies/matcher';
import { extractBlock } from './block';
import { findDeadlines } from './deadline';
import { extractNotice } from './notice';
import { segmentNotice } from './text';

const province = { noticeDate: '2025-03-10', issuer: 'UBND tỉnh Nam Định' };
const leads = (text: string, ctx: Parameters<typeof extractBlock>[1] = province) => extractBlock(text, ctx).map((a) => a.lead.map((l) => l.text));
const parties = (t: string) => findParties(t).map((m) => m.text);

describe('parties', () => {
	it('reads an organisation by its declared short form ("Công ty … (sau đây gọi tắt là Chủ đầu tư)")', () => {
		const notice = [
			'THÔNG BÁO',
			'Kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc với Công ty TNHH Xây dựng Hoàng Long',
			'Ngày 05/3/2025, Phó Chủ tịch UBND tỉnh làm việc với Công ty TNHH Xây dựng Hoàng Long (sau đây gọi tắt là Chủ đầu tư) về Dự án Cầu Đò Quan (sau đây gọi là Dự án). Phó Chủ tịch UBND tỉnh kết luận như sau:',
			'1. Yêu cầu Chủ đầu tư:',
			'a) Hoàn thiện hồ sơ thiết kế, gửi Sở Xây dựng trong tháng 4/2025.',
			'b) Bổ sung nhân lực, thiết bị để bảo đảm tiến độ.',
			'2. Sở Xây dựng hướng dẫn Chủ đầu tư hoàn thiện hồ sơ.'
		].join('\n');
		const out = extractNotice(notice);
		expect(out.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([['Chủ đầu tư'], ['Chủ đầu tư'], ['Sở Xây dựng']]);
		expect(out.assignments[0]?.deadline).toMatchObject({ kind: 'period', from: '2025-04-01', to: '2025-04-30' });
	});
	it('does not read a short form declared for a project as a party', () => {
		const notice = 'THÔNG BÁO\n\nNgày 05/3/2025, UBND tỉnh họp về Dự án Đường ven biển (sau đây gọi là Dự án).\n\n1. Dự án được khởi công trong năm 2024.';
		expect(extractNotice(notice).assignments).toEqual([]);
	});
	it('keeps a bare level word with an agency name ("Cục Thuế thành phố", "Văn phòng Ủy ban nhân dân thành phố")', () => {
		expect(parties('Cục Thuế thành phố đôn đốc việc nộp thuế')).toEqual(['Cục Thuế thành phố']);
		expect(findParties('Cục Thuế thành phố đôn đốc')[0]?.name).toBe('Cục Thuế tỉnh');
		expect(parties('Văn phòng Ủy ban nhân dân thành phố theo dõi, đôn đốc')).toEqual(['Văn phòng Ủy ban nhân dân thành phố']);
		expect(parties('Sở Y tế thành phố Hải Phòng kiểm tra')).toEqual(['Sở Y tế thành phố Hải Phòng']);
	});
	it('reads collectives with several heads sharing a list of names ("các Sở, ngành: Y tế, Giáo dục và Đào tạo")', () => {
		expect(leads('Đề nghị các Sở, ngành: Y tế, Giáo dục và Đào tạo chủ động rà soát các cơ sở trường học.')).toEqual([
			['các Sở, ngành: Y tế, Giáo dục và Đào tạo']
		]);
	});
	it('reads head words whose tone marks fold ("Tổng Liên đoàn", "Liên đoàn")', () => {
		expect(parties('Tổng Liên đoàn Lao động Việt Nam chỉ đạo công đoàn cơ sở')).toEqual(['Tổng Liên đoàn Lao động Việt Nam']);
		expect(parties('Liên đoàn Lao động tỉnh phối hợp')).toEqual(['Liên đoàn Lao động tỉnh']);
	});
	it('reads "Văn phòng thường trực Ban Chỉ đạo …" as one name, not the short form "Văn phòng"', () => {
		expect(leads('Văn phòng thường trực Ban An toàn giao thông tỉnh tổng hợp tình hình hằng ngày.')).toEqual([
			['Văn phòng thường trực Ban An toàn giao thông tỉnh']
		]);
	});
	it('keeps a "có …" qualifier with a plural locality when a predicate follows it', () => {
		expect(leads('UBND các xã có rừng phòng hộ kiểm tra phương án phòng cháy.')).toEqual([['UBND các xã có rừng phòng hộ']]);
		expect(parties('UBND các xã có văn bản gửi Sở Tài chính')).toEqual(['UBND các xã', 'Sở Tài chính']);
	});
	it('ends an unknown name at a predicate verb ("Báo Nam Định tăng thời lượng …")', () => {
		expect(leads('Về tuyên truyền: Đài Phát thanh và Truyền hình tỉnh, Báo Nam Định tăng thời lượng đưa tin.')).toEqual([
			['Đài Phát thanh và Truyền hình tỉnh', 'Báo Nam Định']
		]);
	});
});

describe('who is charged', () => {
	it('reads a committee without a place name that praises or requests as the speaker', () => {
		expect(leads('Ủy ban nhân dân huyện ghi nhận cố gắng của các xã; đồng thời đề nghị Phòng Kinh tế huyện sớm tổng hợp kết quả.')).toEqual([
			['Phòng Kinh tế huyện']
		]);
		expect(leads('Ủy ban nhân dân thành phố yêu cầu Sở Xây dựng kiểm tra chất lượng công trình.')).toEqual([['Sở Xây dựng']]);
	});
	it('[A2] splits one sentence charging three parties, each with its own deadline', () => {
		const out = extractBlock(
			'Về phòng chống dịch: Sở Y tế rà soát trang thiết bị trước ngày 15/3/2025, Bảo hiểm xã hội tỉnh cập nhật danh sách người tham gia bảo hiểm, UBND các huyện có trạm y tế xuống cấp rà soát nhu cầu sửa chữa trước ngày 30/4/2025.',
			province
		);
		expect(out.map((a) => [a.lead.map((l) => l.text), a.deadline && a.deadline.kind === 'date' ? a.deadline.date : null])).toEqual([
			[['Sở Y tế'], '2025-03-15'],
			[['Bảo hiểm xã hội tỉnh'], null],
			[['UBND các huyện có trạm y tế xuống cấp'], '2025-04-30']
		]);
	});
	it('reads a standing role ("là cơ quan thường trực") as the charge of its subject', () => {
		const [a] = extractBlock('Sở Nội vụ là cơ quan thường trực, tổng hợp kết quả, báo cáo UBND tỉnh định kỳ hằng quý.', province);
		expect(a?.lead.map((l) => l.text)).toEqual(['Sở Nội vụ']);
		expect(a?.deadline).toMatchObject({ kind: 'recurring', frequency: 'quarterly' });
	});
	it('charges the receiving agency with the purpose of a dispatch, past a deadline ("gửi X trước ngày … để thẩm định, trình …")', () => {
		const out = extractBlock('UBND các xã lập danh sách hộ nghèo, gửi Sở Nội vụ trước ngày 10/5/2025 để thẩm định, trình UBND tỉnh phê duyệt.', province);
		expect(out.map((a) => a.lead.map((l) => l.text))).toEqual([['UBND các xã'], ['Sở Nội vụ']]);
		expect(out[1]?.deadline).toBeNull();
	});
	it('does not charge the receiving agency when the purpose is only to compile ("để tổng hợp")', () => {
		const out = extractBlock('UBND các xã lập danh sách hộ nghèo, gửi Sở Nội vụ trước ngày 10/5/2025 để tổng hợp.', province);
		expect(out.map((a) => a.lead.map((l) => l.text))).toEqual([['UBND các xã']]);
	});
	it('gives a responsible chairman his own assignment ("Chủ tịch UBND … chịu trách nhiệm …")', () => {
		expect(
			leads('UBND các xã hoàn thành kiểm kê đất công trước ngày 31/5/2025. Chủ tịch UBND các xã chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để chậm trễ.')
		).toEqual([['UBND các xã'], ['Chủ tịch UBND các xã']]);
	});
	it('reads the party after a topic lead-in ("Về công tác …: Giao X …", "Đối với …: X …")', () => {
		expect(leads('Về công tác quy hoạch: Giao Sở Xây dựng rà soát quy hoạch chung.')).toEqual([['Sở Xây dựng']]);
		expect(leads('Đối với các điểm trường lẻ: UBND các huyện Ý Yên, Nghĩa Hưng bố trí giáo viên.')).toEqual([['UBND các huyện Ý Yên, Nghĩa Hưng']]);
	});
});

describe('deadlines of the whole task', () => {
	it('keeps a short clause before ";" in the task its deadline closes ("theo dõi, kiểm tra; tham mưu … trong tháng 6/2025")', () => {
		const out = extractBlock('Thanh tra tỉnh theo dõi, kiểm tra; tham mưu Chủ tịch UBND tỉnh xử lý các vi phạm trong tháng 6/2025.', province);
		expect(out).toHaveLength(1);
		expect(out[0]?.deadline).toMatchObject({ kind: 'period', from: '2025-06-01', to: '2025-06-30' });
	});
	it('does not split a task paced by a recurring rule or a limit counted from an event', () => {
		const a = extractBlock('Sở Xây dựng hướng dẫn các chủ đầu tư lập hồ sơ; cấp giấy phép trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ.', province);
		expect(a).toHaveLength(1);
		expect(a[0]?.deadline?.kind).toBe('event');
		const b = extractBlock('Giao Đài Khí tượng Thủy văn tỉnh theo dõi diễn biến mưa lũ; khi có lũ lớn, cập nhật bản tin 06 giờ một lần.', province);
		expect(b).toHaveLength(1);
		expect(b[0]?.deadline).toMatchObject({ kind: 'recurring', frequency: 'daily' });
	});
	it('reads "không quá N ngày kể từ …" as a limit relative to an event', () => {
		expect(findDeadlines('giải quyết trong thời hạn không quá 05 ngày kể từ ngày nhận đơn.', '2025-03-10')[0]).toMatchObject({
			kind: 'event',
			text: 'trong thời hạn không quá 05 ngày kể từ ngày nhận đơn'
		});
	});
	it('reads "N tuần một lần" as a recurring rule', () => {
		expect(findDeadlines('kiểm tra hiện trường 02 tuần một lần.')[0]).toMatchObject({ kind: 'recurring', frequency: 'weekly' });
	});
	it('reads "trước năm học …" and "trước mùa mưa bão" as events', () => {
		expect(findDeadlines('sửa chữa phòng học trước năm học 2025 - 2026.')[0]).toMatchObject({ kind: 'event' });
		expect(findDeadlines('gia cố đê điều trước mùa mưa bão năm 2025.')[0]).toMatchObject({ kind: 'event' });
	});
});

describe('PDF text', () => {
	it('[L6] drops a footnote number glued to a document number whose issuer code takes no digits', () => {
		const [b] = segmentNotice('1. Quán triệt Nghị quyết số 57-NQ/TW2 và Nghị định số 10/2025/NĐ-CP3; Nghị quyết số 12/2024/QH15 vẫn giữ nguyên.');
		expect(b?.text).toBe('Quán triệt Nghị quyết số 57-NQ/TW và Nghị định số 10/2025/NĐ-CP; Nghị quyết số 12/2024/QH15 vẫn giữ nguyên.');
	});
});

describe('approvals that name who acts', () => {
	// The form of two real VPCP letters in the development half (rc_01 "Đồng ý về chủ trương Ủy ban
	// nhân dân tỉnh Quảng Nam nghiên cứu, lập Đề án …", rc_07 "Đồng ý Ủy ban nhân dân tỉnh Thái
	// Nguyên lập Đề án …"); the sentences here are made up.
	it.each([
		['Đồng ý về chủ trương Sở Tài chính nghiên cứu, lập Đề án thí điểm tín chỉ rừng.', 'Sở Tài chính'],
		['Đồng ý về nguyên tắc Sở Giao thông vận tải tổ chức lễ thông xe trong tháng 10/2025.', 'Sở Giao thông vận tải'],
		['Chấp thuận Sở Xây dựng tổ chức lễ khởi công trong tháng 10/2025.', 'Sở Xây dựng'],
		['Cơ bản thống nhất Sở Nội vụ hoàn thiện hồ sơ, trình Ủy ban nhân dân tỉnh.', 'Sở Nội vụ']
	])('[P3] "%s" → lead %s', (sentence, lead) => {
		expect(leads(sentence)).toEqual([[lead]]);
	});

	it('an approval of a proposal names no one to act', () => {
		expect(leads('Đồng ý về chủ trương đầu tư dự án đường ven biển.')).toEqual([]);
	});
});

describe('a province letter in one paragraph (the form of a real UBND tỉnh Lào Cai letter, dev half rc_05)', () => {
	const ctx = { issuer: 'UBND tỉnh Lào Cai' };
	it('[A3] "Sau khi xem xét Chủ tịch … giao X …": the opener is skipped, X is the lead', () => {
		expect(leads('Sau khi xem xét Chủ tịch Ủy ban nhân dân tỉnh giao Sở Xây dựng chủ trì kiểm tra hiện trạng công trình.', ctx)).toEqual([['Sở Xây dựng']]);
	});
	it('[A1] "Báo cáo kết quả … trước ngày …" without a subject is the report-back of the task before: one task, its deadline', () => {
		const text =
			'Giao Sở Xây dựng chủ trì kiểm tra hiện trạng công trình, xử lý vi phạm (nếu có). Báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh trước ngày 30/8/2026.';
		const got = extractBlock(text, ctx);
		expect(got.map((a) => [a.lead.map((l) => l.text), a.deadline?.kind === 'date' ? a.deadline.date : null])).toEqual([[['Sở Xây dựng'], '2026-08-30']]);
	});
	it('[V2] the closing "Yêu cầu X, Y … triển khai thực hiện./." is no task; a closing with a real action still is', () => {
		expect(leads('Yêu cầu Sở Xây dựng, Sở Tài chính, các cơ quan, đơn vị liên quan triển khai thực hiện./.', ctx)).toEqual([]);
		expect(leads('Yêu cầu Sở Xây dựng khẩn trương lập kế hoạch sửa chữa, triển khai thực hiện./.', ctx)).toEqual([['Sở Xây dựng']]);
	});
});

describe('a topic that points back (the form of a real VPCP letter, dev half rc_13)', () => {
	it('[S4] "Về việc này, Phó Thủ tướng … yêu cầu X …" charges X', () => {
		expect(
			leads('Về việc này, Phó Thủ tướng Chính phủ yêu cầu Ủy ban nhân dân tỉnh Khánh Hòa khẩn trương kiểm tra, báo cáo trước ngày 30/8/2016.', {
				issuer: 'Văn phòng Chính phủ'
			})
		).toEqual([['Ủy ban nhân dân tỉnh Khánh Hòa']]);
	});
	it('a topic heading still is none', () => {
		expect(leads('Về công tác quản lý đất đai của Sở Tài nguyên và Môi trường.', { issuer: 'Văn phòng Chính phủ' })).toEqual([]);
	});
});

describe('the standing body of a committee (the form of a real VPCP letter, dev half ra_07)', () => {
	it('[P7] "Thường trực Ban Chỉ đạo X chủ trì, phối hợp với …" has the standing body as lead', () => {
		const text = 'Thường trực Ban Chỉ đạo Tây Bắc chủ trì, phối hợp với Ủy ban nhân dân tỉnh Lai Châu tổ chức hội nghị tổng kết.';
		expect(leads(text, { issuer: 'Văn phòng Chính phủ' })).toEqual([['Thường trực Ban Chỉ đạo Tây Bắc']]);
	});
});
