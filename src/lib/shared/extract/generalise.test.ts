/**
 * Rules that carry the extractor beyond provincial notices: the Government Office's and
 * ministries' notices, 2025+ provinces, PDF and two-column headers, pasted tables, long input.
 */
import { describe, expect, it } from 'vitest';
import { findParties } from '../agencies/matcher';
import { extractBlock } from './block';
import { findDeadlines } from './deadline';
import { extractNotice } from './notice';
import { extractSequence } from './sequence';
import { segmentNotice } from './text';
import { rowAssignment, splitCells, tableHeader } from './table';

const central = { noticeDate: '2025-05-14', issuer: 'Văn phòng Chính phủ' };
const leads = (text: string, ctx = central) => extractBlock(text, ctx).map((a) => a.lead.map((l) => l.text));
const texts = (t: string) => findParties(t).map((m) => [m.text, m.kind]);

describe('parties of central and ministry notices', () => {
	it('reads a head noun shared by names that run over lower-case words ("các Bộ: …, Nông nghiệp và Môi trường, Tư pháp")', () => {
		expect(leads('Các Bộ: Xây dựng, Tài chính, Nông nghiệp và Môi trường, Tư pháp khẩn trương rà soát các quy định.')).toEqual([
			['Các Bộ: Xây dựng, Tài chính, Nông nghiệp và Môi trường, Tư pháp']
		]);
	});
	it('skips a scope adverbial between subject and predicate ("theo chức năng, nhiệm vụ được giao")', () => {
		expect(leads('Bộ Công an, Thanh tra Chính phủ theo chức năng, nhiệm vụ được giao tăng cường kiểm tra.')).toEqual([['Bộ Công an', 'Thanh tra Chính phủ']]);
	});
	it('reads ministry departments (Vụ, Cục, Thanh tra Bộ, Văn phòng Bộ) as parties, but not a crop season', () => {
		expect(texts('Vụ Kế hoạch - Tài chính phối hợp với Văn phòng Bộ rà soát')).toEqual([
			['Vụ Kế hoạch - Tài chính', 'unknown'],
			['Văn phòng Bộ', 'unknown']
		]);
		expect(texts('Giao Thanh tra Bộ kiểm tra')).toEqual([['Thanh tra Bộ', 'unknown']]);
		expect(texts('Vụ Đông Xuân năm nay được mùa')).toEqual([]);
	});
	it('ends an unknown name at a predicate whose tone marks fold ("rà soát", "hoàn thành")', () => {
		expect(texts('Cục Thủy lợi rà soát')).toEqual([['Cục Thủy lợi', 'unknown']]);
		expect(texts('Văn phòng Bộ hoàn thành báo cáo')).toEqual([['Văn phòng Bộ', 'unknown']]);
	});
	it('reads "các Cục, Vụ" as a collective only when written with capitals', () => {
		expect(texts('Đề nghị các Cục, Vụ khẩn trương hoàn thành')[0]).toEqual(['các Cục, Vụ', 'generic']);
		expect(texts('các vụ việc phức tạp')).toEqual([]);
	});
	it('keeps "thuộc Bộ" with the collective it qualifies', () => {
		expect(texts('Thủ trưởng các đơn vị thuộc Bộ tập trung rà soát')[0]?.[0]).toBe('Thủ trưởng các đơn vị thuộc Bộ');
	});
	it('reads a minister or deputy minister by title and name as a leader charged directly', () => {
		const [a] = extractBlock('Giao Thứ trưởng Lê Công Thành chỉ đạo Cục Biến đổi khí hậu xây dựng kế hoạch.', central);
		expect(a?.lead.map((l) => l.text)).toEqual(['Thứ trưởng Lê Công Thành']);
		expect(a?.officials.map((l) => l.text)).toEqual(['Thứ trưởng Lê Công Thành']);
	});
	it('reads the chairs of all provinces in a central notice as a local official', () => {
		expect(texts('Chủ tịch Ủy ban nhân dân tỉnh, thành phố chịu trách nhiệm')).toEqual([['Chủ tịch Ủy ban nhân dân tỉnh, thành phố', 'localOfficial']]);
	});
	it('keeps "trực thuộc trung ương" with the provinces it qualifies', () => {
		expect(texts('Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương bố trí quỹ đất')[0]?.[0]).toBe(
			'Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương'
		);
	});
	it('extends a directory name by the proper name written after it ("Ban Quản lý Khu kinh tế Đông Nam")', () => {
		expect(texts('Ban Quản lý Khu kinh tế Đông Nam chủ trì')[0]?.[0]).toBe('Ban Quản lý Khu kinh tế Đông Nam');
		expect(texts('phối hợp với Kho bạc Nhà nước Khu vực VIII tham mưu')[0]?.[0]).toBe('Kho bạc Nhà nước Khu vực VIII');
	});
	it('knows associations ("Hiệp hội Doanh nghiệp tỉnh") as parties', () => {
		expect(leads('Đề nghị Hiệp hội Doanh nghiệp tỉnh tiếp tục phản ánh kịp thời khó khăn.')).toEqual([['Hiệp hội Doanh nghiệp tỉnh']]);
	});
});

describe('directives and statements', () => {
	it('[V1] does not charge the party of a statement of shortcoming ("… chưa giải quyết dứt điểm")', () => {
		expect(
			leads('Sở Tài nguyên và Môi trường, UBND thành phố Đông Hà chưa giải quyết dứt điểm hồ sơ.', { noticeDate: '2024-03-19', issuer: 'UBND tỉnh' })
		).toEqual([]);
	});
	it('[P4] treats the chair who agrees, trusts or hopes as the speaker, not an assignee', () => {
		expect(leads('Chủ tịch UBND tỉnh tin tưởng cộng đồng doanh nghiệp sẽ đồng hành.', { noticeDate: '2024-03-19', issuer: 'UBND tỉnh' })).toEqual([]);
		const r = extractBlock('Về kiến nghị của tỉnh: Thủ tướng Chính phủ đồng ý về chủ trương; giao Bộ Tài chính xử lý trong tháng 7 năm 2025.', central);
		expect(r.map((a) => [a.lead.map((l) => l.text), a.deadline?.kind])).toEqual([[['Bộ Tài chính'], 'period']]);
	});
	it('keeps a periodic report-back clause with the task it reports on', () => {
		const r = extractBlock('Rút ngắn thời gian giải quyết thủ tục; định kỳ hằng tháng báo cáo kết quả về Bộ Xây dựng.', {
			...central,
			inheritedLead: [{ name: 'X', text: 'X', kind: 'unknown', known: false }]
		});
		expect(r).toHaveLength(1);
		expect(r[0]?.deadline?.kind).toBe('recurring');
	});
	it('keeps a target clause ("phấn đấu … trong năm 2025") with the task it aims at', () => {
		const r = extractBlock('Sở Tài chính đôn đốc thu nợ thuế; phấn đấu hoàn thành vượt dự toán trong năm 2025.', central);
		expect(r).toHaveLength(1);
		expect(r[0]?.deadline).toMatchObject({ kind: 'period', from: '2025-01-01' });
	});
});

describe('deadlines', () => {
	it('reads a report due at a meeting named only by its month as an event', () => {
		expect(findDeadlines('báo cáo tại cuộc họp giao ban Bộ tháng 7 năm 2025.', '2025-07-10').map((d) => d.kind)).toEqual(['event']);
		expect(findDeadlines('báo cáo tại phiên họp UBND tỉnh thường kỳ tháng 4/2024', '2024-03-22').map((d) => d.kind)).toEqual(['event']);
	});
});

describe('plain-text layout', () => {
	it('[L1] joins a PDF line that goes on in lower case after ";"', () => {
		const line = 'Sở TN&MT hướng dẫn UBND các huyện, thị xã, thành phố hoàn thiện hồ sơ xác định giá đất cụ thể, dự án trọng điểm;';
		const pdf = `${line}\nhoàn thành trong tháng 10/2023.\n${'Một dòng văn bản khác đủ dài để làm chiều rộng trang của tệp PDF này.'}\n`;
		expect(segmentNotice(pdf)[0]?.text).toMatch(/;\s+hoàn thành trong tháng 10\/2023\.$/u);
	});
	it('[L4] reads the notice date and issuer from a two-column header pasted on one line', () => {
		const t = [
			' UBND TỈNH HÀ TĨNH              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ',
			'    VĂN PHÒNG                          Độc lập - Tự do - Hạnh phúc ',
			'Số: 356/TB-VP                        Hà Tĩnh, ngày 12 tháng 9 năm 2023 ',
			'THÔNG BÁO ',
			'Kết luận của đồng chí Phó Chủ tịch UBND tỉnh tại cuộc họp nghe báo cáo tiến độ giải ngân ',
			'Ngày 08/9/2023, đồng chí Phó Chủ tịch UBND tỉnh chủ trì cuộc họp. ',
			'1. Giao UBND thị xã Kỳ Anh hoàn thành bồi thường trong 03 tháng. '
		].join('\n');
		const r = extractNotice(t);
		expect(r.noticeDate).toBe('2023-09-12');
		expect(r.issuer).toBe('Văn phòng UBND tỉnh Hà Tĩnh');
		expect(r.assignments[0]?.deadline).toMatchObject({ kind: 'period', from: '2023-09-12', to: '2023-12-12' });
	});
});

describe('tables pasted as text', () => {
	const header = 'TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn hoàn thành';
	it('reads the header row of an assignment table, and not a row of content', () => {
		expect(tableHeader(splitCells(header) ?? [])).toEqual({ lead: 2, support: 3, deadline: 4, task: 1 });
		expect(tableHeader(splitCells('4\tTheo dõi, tổng hợp tình hình thực hiện các dự án trọng điểm của tỉnh\tSở Tài chính\t\tHằng quý') ?? [])).toBeNull();
	});
	it('[L7] gives one assignment per row, with the deadline read from a bare period, date or frequency', () => {
		const cols = tableHeader(splitCells(header) ?? []);
		if (!cols) throw new Error('no header');
		const row = (r: string) => rowAssignment(splitCells(r) ?? [], cols, { noticeDate: '2024-03-22' });
		const a = row('1\tHoàn thiện hồ sơ\tSở Văn hóa và Thể thao\tSở Kế hoạch và Đầu tư, Sở Xây dựng\tTháng 4/2024');
		expect(a?.lead.map((l) => l.text)).toEqual(['Sở Văn hóa và Thể thao']);
		expect(a?.support.map((l) => l.text)).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Xây dựng']);
		expect(a?.deadline).toMatchObject({ kind: 'period', from: '2024-04-01', to: '2024-04-30' });
		expect(row('2\tĐấu giá đất\tUBND các huyện, thành phố, thị xã\t\tQuý II/2024')?.deadline).toMatchObject({ kind: 'period', to: '2024-06-30' });
		expect(row('3\tTheo dõi\tSở Tài chính\t\tHằng quý')?.deadline).toMatchObject({ kind: 'recurring', frequency: 'quarterly' });
		expect(row('4\tKiểm tra\tSở Xây dựng\t\tThường xuyên')?.deadline).toBeNull();
	});
	it('maps row assignments to offsets in the notice', () => {
		const t = `1. Phân công như sau:\n${header}\n1\tRà soát nợ đọng\tSở Tài chính\t\tTrước ngày 15/4/2024\n`;
		const r = extractNotice(t, { noticeDate: '2024-03-22' });
		expect(r.assignments).toHaveLength(1);
		const a = r.assignments[0];
		expect(a && t.slice(a.lead[0]?.span?.start, a.lead[0]?.span?.end)).toBe('Sở Tài chính');
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2024-04-15' });
	});
});

describe('long and hostile input', () => {
	it('reads a long paragraph without punctuation in linear time', () => {
		const t = 'Giao Sở Tài chính chủ trì, phối hợp với các cơ quan liên quan rà soát '.repeat(20000);
		const t0 = performance.now();
		extractNotice(t);
		expect(performance.now() - t0).toBeLessThan(3000);
	});
	it('does not rescan thousands of heading-shaped lines for every block', () => {
		const blocks = Array.from({ length: 20000 }, () => ({ text: 'CỘNG HÒA XÃ HỘI', markerType: 'none' as const, rank: 99, openEnded: true }));
		const t0 = performance.now();
		expect(extractSequence(blocks)).toHaveLength(20000);
		expect(performance.now() - t0).toBeLessThan(3000);
	});
	it('gives offsets into the NFC text for NFD and CRLF input', () => {
		const t = 'THÔNG BÁO\r\nSố: 1/TB-UBND\r\n\r\n1. Giao Sở Tài chính rà soát, báo cáo trước ngày 20/01/2024.\r\n';
		const nfd = t.normalize('NFD');
		const r = extractNotice(nfd);
		const a = r.assignments[0];
		expect(r.text).toBe(t.normalize('NFC'));
		expect(a && r.text.slice(a.lead[0]?.span?.start, a.lead[0]?.span?.end)).toBe('Sở Tài chính');
		expect(a && r.text.slice(a.span.end - 1, a.span.end)).toBe('.');
	});
});
