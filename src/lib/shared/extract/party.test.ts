/**
 * Party-committee notices (Thông báo of a Tỉnh ủy) and the grammar they share with other notices:
 * Party bodies as charged parties, "lãnh đạo, chỉ đạo" as a verb, the Standing Committee as the
 * speaker, district and commune Party committees as a pattern, place names that begin with an
 * agency word, and completion phrases that close a whole item. Every example is made up.
 */
import { describe, expect, it } from 'vitest';
import { findParties, resolveAgency } from '../agencies/matcher';
import { extractBlock, headingAssignee } from './block';
import { findDeadlines } from './deadline';
import { extractNotice } from './notice';

const party = { noticeDate: '2024-11-05', issuer: 'Tỉnh ủy Hà Nam' };
const leads = (text: string, ctx: Parameters<typeof extractBlock>[1] = party) => extractBlock(text, ctx).map((a) => a.lead.map((l) => l.text));
const parties = (t: string) => findParties(t).map((m) => m.text);

describe('Party bodies', () => {
	it('knows the provincial Party bodies as charged parties, not as the Tỉnh ủy', () => {
		for (const name of [
			'Ban cán sự đảng UBND tỉnh',
			'Đảng đoàn HĐND tỉnh',
			'Đảng đoàn Ủy ban MTTQ tỉnh',
			'Ban Tổ chức Tỉnh ủy',
			'Ban Tuyên giáo Tỉnh ủy',
			'Ban Tuyên giáo và Dân vận Tỉnh ủy',
			'Ban Nội chính Tỉnh ủy',
			'Ban Dân vận Tỉnh ủy',
			'Ủy ban Kiểm tra Tỉnh ủy',
			'Văn phòng Tỉnh ủy',
			'Đảng ủy các cơ quan Đảng tỉnh',
			'Đảng ủy UBND tỉnh',
			'Đảng ủy Quân sự tỉnh',
			'Đảng ủy Công an tỉnh'
		]) {
			const entry = resolveAgency(name);
			expect(entry?.name, name).toBeTruthy();
			expect(entry?.kind, name).not.toBe('authority');
			expect(entry?.name, name).not.toBe('Tỉnh ủy');
		}
		expect(resolveAgency('Ban cán sự Đảng Ủy ban nhân dân tỉnh')?.name).toBe('Ban cán sự đảng UBND tỉnh');
	});
	it('charges the Ban cán sự đảng named after "đề nghị", and its items inherit it', () => {
		expect(leads('Đề nghị Ban cán sự đảng UBND tỉnh chỉ đạo rà soát các dự án chậm tiến độ.')).toEqual([['Ban cán sự đảng UBND tỉnh']]);
		expect(
			headingAssignee('Thời gian tới, đề nghị Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh thực hiện các nhiệm vụ sau:', party)?.map((r) => r.text)
		).toEqual(['Ban cán sự đảng UBND tỉnh']);
	});
	it('reads "lãnh đạo (, chỉ đạo)" after a Party body as its verb, not part of its name', () => {
		expect(leads('Đảng ủy UBND tỉnh lãnh đạo, chỉ đạo UBND tỉnh hoàn thiện đề án sáp nhập các thôn.')).toEqual([['Đảng ủy UBND tỉnh']]);
		expect(leads('Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh ban hành nghị quyết về học phí.')).toEqual([['Đảng đoàn HĐND tỉnh']]);
		expect(leads('Đảng ủy Khối Trường học lãnh đạo các chi bộ tổ chức sinh hoạt chuyên đề.')).toEqual([['Đảng ủy Khối Trường học']]);
		// "lãnh đạo" before a party is still a title.
		expect(parties('Lãnh đạo Sở Y tế dự họp')).toEqual(['Lãnh đạo Sở Y tế']);
	});
	it('does not make the body led by a Party body a supporting party', () => {
		const [a] = extractBlock('Đảng đoàn Ủy ban MTTQ tỉnh lãnh đạo Ủy ban MTTQ tỉnh phối hợp với Ban Dân vận Tỉnh ủy tổ chức đối thoại với Nhân dân.', party);
		expect(a?.lead.map((l) => l.text)).toEqual(['Đảng đoàn Ủy ban MTTQ tỉnh']);
		expect(a?.support).toEqual([]);
	});
	it('reads Party collectives as one generic party ("Các cấp ủy, tổ chức đảng", "các đảng bộ, chi bộ")', () => {
		expect(leads('Các cấp ủy, tổ chức đảng quán triệt nghị quyết đến từng đảng viên.')).toEqual([['Các cấp ủy, tổ chức đảng']]);
		expect(parties('các đảng bộ, chi bộ trực thuộc rà soát')).toEqual(['các đảng bộ, chi bộ trực thuộc']);
	});
});

describe('district and commune Party committees', () => {
	it('reads Huyện ủy / Thị ủy / Thành ủy and Đảng ủy xã / phường as a pattern, with their place names', () => {
		expect(parties('Huyện ủy Thanh Liêm, Thị ủy Kim Bảng và Đảng ủy xã Liêm Sơn chỉ đạo')).toEqual([
			'Huyện ủy Thanh Liêm',
			'Thị ủy Kim Bảng',
			'Đảng ủy xã Liêm Sơn'
		]);
		expect(parties('Đảng ủy các xã, phường chỉ đạo')).toEqual(['Đảng ủy các xã, phường']);
		expect(parties('theo ý kiến của huyện ủy')).toEqual([]);
	});
	it('reads the standing committees of several district committees as one party', () => {
		const [a] = extractBlock(
			'Ban Thường vụ các huyện ủy, thị ủy, thành ủy lãnh đạo tổ chức tốt đại hội chi bộ; định kỳ trước ngày 25 hằng tháng báo cáo kết quả về Ban Tổ chức Tỉnh ủy.',
			party
		);
		expect(a?.lead.map((l) => l.text)).toEqual(['Ban Thường vụ các huyện ủy, thị ủy, thành ủy']);
		expect(a?.deadline).toMatchObject({ kind: 'recurring', frequency: 'monthly' });
	});
});

describe('the Standing Committee speaks', () => {
	it('is the speaker, not a charged party, when it concludes, agrees or assigns', () => {
		expect(headingAssignee('Ban Thường vụ Tỉnh ủy kết luận như sau:', party)).toBeNull();
		expect(leads('Ban Thường vụ Tỉnh ủy cơ bản thống nhất với báo cáo của Ban cán sự đảng UBND tỉnh.')).toEqual([]);
		expect(leads('Ban Thường vụ Tỉnh ủy giao Ủy ban Kiểm tra Tỉnh ủy kiểm tra việc kê khai tài sản, báo cáo trước ngày 15/12/2024.')).toEqual([
			['Ủy ban Kiểm tra Tỉnh ủy']
		]);
		expect(leads('Thường trực Tỉnh ủy yêu cầu Văn phòng Tỉnh ủy theo dõi việc thực hiện.')).toEqual([['Văn phòng Tỉnh ủy']]);
	});
	it('charges the party after "lưu ý" or "chỉ đạo" when the speaker says it', () => {
		expect(leads('Ban Thường vụ Tỉnh ủy lưu ý các cấp ủy, tổ chức đảng phải nêu cao tinh thần tự phê bình.')).toEqual([['các cấp ủy, tổ chức đảng']]);
		expect(leads('Thường trực Tỉnh ủy chỉ đạo Đảng ủy Quân sự tỉnh lãnh đạo tốt công tác tuyển quân.')).toEqual([['Đảng ủy Quân sự tỉnh']]);
	});
});

describe('places that begin with an agency word', () => {
	it('reads a two-word place after a locality unit as a place ("Vụ Bản", "Hội Xuân", "Đoàn Kết")', () => {
		expect(parties('UBND các huyện: Vụ Bản, Ý Yên, Hải Hậu rà soát')).toEqual(['UBND các huyện: Vụ Bản, Ý Yên, Hải Hậu']);
		expect(parties('UBND huyện Vụ Bản chủ trì')).toEqual(['UBND huyện Vụ Bản']);
		expect(parties('các xã Đoàn Kết, Hội Xuân kiểm tra')).toEqual(['các xã Đoàn Kết, Hội Xuân']);
		expect(parties('Ban Thường vụ Huyện ủy Vụ Bản chỉ đạo')).toEqual(['Ban Thường vụ Huyện ủy Vụ Bản']);
	});
	it('still reads an agency after a locality list', () => {
		expect(parties('UBND các huyện Ý Yên, Cục Thống kê tỉnh rà soát')).toEqual(['UBND các huyện Ý Yên', 'Cục Thống kê tỉnh']);
		expect(parties('UBND các xã Yên Bằng, Ban Quản lý dự án huyện rà soát')).toEqual(['UBND các xã Yên Bằng', 'Ban Quản lý dự án huyện']);
		expect(parties('UBND các xã Yên Bằng, Báo Hà Nam Ninh đưa tin')).toEqual(['UBND các xã Yên Bằng', 'Báo Hà Nam Ninh']);
	});
});

describe('names and qualifiers', () => {
	it('ends an unknown name at a verb that takes an object ("Vụ Pháp chế sửa đổi thông tư")', () => {
		expect(parties('Vụ Pháp chế sửa đổi thông tư về thi đua')).toEqual(['Vụ Pháp chế']);
		expect(parties('Giao Cục Nhà giáo xây dựng dự thảo quy chế')).toEqual(['Cục Nhà giáo']);
		expect(parties('Hội Nông dân tỉnh xây dựng kế hoạch tập huấn')).toEqual(['Hội Nông dân tỉnh']);
		// Inside a name the verb follows a lower-case word.
		expect(parties('Ban Quản lý dự án đầu tư xây dựng huyện rà soát')).toEqual(['Ban Quản lý dự án đầu tư xây dựng huyện']);
	});
	it('keeps a "có …" qualifier with a collective when a predicate follows it', () => {
		expect(
			leads('Thủ trưởng các cơ quan có nhiều đơn thư tồn đọng phải trực tiếp đối thoại với công dân.', { noticeDate: '2024-11-05', issuer: 'Bộ Tư pháp' })
		).toEqual([['Thủ trưởng các cơ quan có nhiều đơn thư tồn đọng']]);
	});
});

describe('deadlines', () => {
	it('reads a session named by its place in the year as an event ("tại kỳ họp thường lệ cuối năm 2024")', () => {
		expect(findDeadlines('thông qua nghị quyết tại kỳ họp thường lệ cuối năm 2024.', '2024-11-05')[0]).toMatchObject({ kind: 'event' });
	});
	it('lets a completion phrase set off by a comma close the whole item ("…; …, hoàn thành trước ngày …")', () => {
		const out = extractBlock('Sở Nội vụ hướng dẫn sắp xếp cán bộ dôi dư; giải quyết chế độ nghỉ hưu trước tuổi, hoàn thành trước ngày 31/12/2024.', party);
		expect(out).toHaveLength(1);
		expect(out[0]?.deadline).toMatchObject({ kind: 'date', date: '2024-12-31' });
	});
	it('keeps the deadline with the last clause when that clause is a procedure of its own', () => {
		const out = extractBlock(
			'Sở Nội vụ theo dõi việc sắp xếp các thôn; khẩn trương giao các xã lập hồ sơ sáp nhập thôn, gửi Sở Nội vụ thẩm định, trình UBND tỉnh, hoàn thành trước ngày 31/12/2024.',
			party
		);
		expect(out.map((a) => (a.deadline?.kind === 'date' ? a.deadline.date : null))).toEqual([null, '2024-12-31']);
	});
});

describe('a Tỉnh ủy notice', () => {
	it('charges the addressee named in the list intro, and drops PDF footnotes under a rule', () => {
		const notice = [
			'TỈNH ỦY HÀ NAM',
			'Số 210-TB/TU Hà Nam, ngày 05 tháng 11 năm 2024',
			'THÔNG BÁO',
			'kết luận của Ban Thường vụ Tỉnh ủy về công tác cán bộ',
			'Ngày 01/11/2024, Ban Thường vụ Tỉnh ủy họp nghe báo cáo theo Kết luận số 12-KL/TW1. Ban Thường vụ Tỉnh ủy kết luận như sau:',
			'1. Đề nghị Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo thực hiện các nhiệm vụ sau:',
			'- Chỉ đạo Sở Nội vụ rà soát vị trí việc làm, hoàn thành trong tháng 12/2024.',
			'_______________',
			'1 Kết luận số 12-KL/TW ngày 02/01/2024 của Bộ Chính trị.',
			'- Chỉ đạo sắp xếp trụ sở dôi dư, không để lãng phí.',
			'2. Ủy ban Kiểm tra Tỉnh ủy kiểm tra việc thực hiện tại kỳ họp thường lệ cuối năm 2024.'
		].join('\n');
		const out = extractNotice(notice);
		expect(out.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([
			['Ban cán sự đảng UBND tỉnh'],
			['Ban cán sự đảng UBND tỉnh'],
			['Ủy ban Kiểm tra Tỉnh ủy']
		]);
		expect(out.assignments[0]?.deadline).toMatchObject({ kind: 'period', from: '2024-12-01', to: '2024-12-31' });
		expect(out.assignments[2]?.deadline?.kind).toBe('event');
		expect(out.text.slice(out.assignments[1]?.span.start, out.assignments[1]?.span.end)).not.toContain('Bộ Chính trị');
	});
});

describe('collectives with a level', () => {
	it('[P10] reads "Các sở, ban, ngành cấp tỉnh" as one collective, level and all (real text, rc_17)', () => {
		const [a] = extractBlock(
			'Các sở, ban, ngành cấp tỉnh theo chức năng nhiệm vụ, phối hợp với Sở Nông nghiệp và Môi trường hướng dẫn các địa phương triển khai thực hiện.',
			{ issuer: 'UBND tỉnh Lào Cai' }
		);
		expect(a?.lead.map((l) => [l.text, l.kind])).toEqual([['Các sở, ban, ngành cấp tỉnh', 'generic']]);
	});
});

describe('a named kind in the plural in a list of parties', () => {
	it('[P12] keeps "các Công ty Lâm nghiệp" as one more lead after a named one (real wording, development half rc_17)', () => {
		const got = extractBlock(
			'Vườn quốc gia Hoàng Liên, các Công ty Lâm nghiệp chủ động nghiên cứu, triển khai thực hiện các nội dung thuộc trách nhiệm, thẩm quyền của chủ rừng, đảm bảo đúng quy định.',
			{}
		);
		expect(got.map((a) => a.lead.map((r) => r.name))).toEqual([['Vườn quốc gia Hoàng Liên', 'các Công ty Lâm nghiệp']]);
		// A collective that starts with "các" is still read as the collective it is.
		expect(extractBlock('Giao Sở Tài chính, các sở, ngành liên quan rà soát.', {}).map((a) => a.lead.map((r) => r.name))).toEqual([
			['Sở Tài chính', 'các sở, ngành liên quan']
		]);
	});
});
