/**
 * General rules read off the "re" batch of the development half of the real corpus
 * (tests/fixtures/extract/real/dev/re_*, provenance in SOURCES.re.md). Each test quotes real text
 * and names the file it comes from; the rule is one of the language or the layout of administrative
 * letters, not of that file.
 */
import { describe, expect, it } from 'vitest';
import { foldKey } from '../agencies/fold';
import { findParties } from '../agencies/matcher';
import { extractBlock, headingAssignee } from './block';
import { extractNotice } from './notice';
import { findDeadlines } from './deadline';
import { segmentNotice } from './text';

const laoCai = { noticeDate: '2026-07-10', issuer: 'Ủy ban nhân dân tỉnh Lào Cai' };
const leadsOf = (text: string) => extractNotice(text).assignments.map((a) => a.lead.map((l) => l.text));

describe('layout of PDF and OCR text', () => {
	it('[L11] reads the legacy-font "ƣ" as "ư" (real text, re_07, Cục ĐCK 1178/ĐCK-CTT, 2025)', () => {
		const text = [
			'       2. Về địa giới hành chính áp dụng cho thành lập CCN',
			'       Hiện nay, cả nƣớc đã hoàn thành việc sắp xếp các đơn vị hành chính cấp',
			'tỉnh và cấp xã. Vì vậy, đề nghị địa phƣơng căn cứ địa giới hành chính mới đã',
			'đƣợc điều chỉnh để xác định địa điểm trong quá trình thành lập, mở rộng CCN;',
			'điều chỉnh Quyết định thành lập, mở rộng CCN (nếu có) trên địa bàn.'
		].join('\n');
		const r = extractNotice(text);
		expect(r.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([['địa phương']]);
		// Offsets still point into the text as given.
		const [a] = r.assignments;
		expect(r.text.slice(a?.span.start, (a?.span.start ?? 0) + 16)).toBe('Vì vậy, đề nghị ');
		expect(foldKey('Sở Công Thƣơng')).toBe(foldKey('Sở Công Thương'));
	});

	it('[L12] starts the recipient list on its own block after an OCR line ending in noise (real text, re_05, Bộ Tài chính 8388/BTC-QLCS, 2026)', () => {
		const text = [
			'b) Lập hồ sơ, quản lý, lưu trữ hồ SƠ về tài sản theo quy định của pháp luật;',
			'rà soát, phân loại, giao, lập hồ sơ, mở sổ và thực hiện kế toán tài sản kết cấu hạ',
			'tầng do Nhà nước đầu tư, quản lý thuộc phạm vi quản lý theo quy định tại Nghị',
			'định số 178/2026/NĐ-CP và pháp luật có liên quan.',
			'',
			'Mong nhận được sự quan tâm, phối hợp của Quý Cơ quan. l',
			'',
			'Nơi nhận:',
			'',
			'- Như trên;',
			'',
			'- Thủ tướng Chính phủ (để b/c);',
			'',
			'- Văn phòng Chính phủ;',
			'',
			'- Cục Đầu tư nước ngoài (cơ quan quản lý',
			'chuyên ngành về khu công nghiệp, khu kinh',
			'tế, khu chế xuất);'
		].join('\n');
		expect(segmentNotice(text).map((b) => b.text)).toContain('Nơi nhận:');
		// No recipient is read as a party charged with a task.
		const named = extractNotice(text).assignments.flatMap((a) => a.lead.map((l) => l.text));
		expect(named).not.toContain('Thủ tướng Chính phủ');
		expect(named).not.toContain('Cục Đầu tư nước ngoài');
	});
});

describe('headings and topics', () => {
	it('[S1] passes every party of a heading that is only a list of parties (real text, re_02, UBND tỉnh Lào Cai 7432/UBND-XD, 2026)', () => {
		const heading = 'Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường';
		expect(headingAssignee(heading, laoCai)?.map((r) => r.text)).toEqual([
			'Công an tỉnh',
			'các sở, ban, ngành, đoàn thể tỉnh',
			'Ủy ban nhân dân các xã, phường'
		]);
		// A heading with a verb is still read by its groups, a lone party with its qualifier.
		expect(headingAssignee('Ủy ban nhân dân các xã, phường có cụm công nghiệp', laoCai)?.map((r) => r.text)).toEqual([
			'Ủy ban nhân dân các xã, phường có cụm công nghiệp'
		]);
	});

	it('[S4] reads past "Về các nội dung trên," (real text, re_09, Văn phòng Chính phủ 4115/VPCP-TTĐT, 2017)', () => {
		const text =
			'Về các nội dung trên, Thủ tướng Chính phủ yêu cầu Chủ tịch Ủy ban nhân dân thành phố Hà Nội chỉ đạo kiểm tra nội dung báo chí phản ánh, xử lý theo đúng thẩm quyền và quy định của pháp luật, báo cáo Thủ tướng Chính phủ kết quả thực hiện trước ngày 10 tháng 5 năm 2017.';
		const [a, ...rest] = extractBlock(text, { noticeDate: '2017-04-23', issuer: 'Văn phòng Chính phủ' });
		expect(rest).toEqual([]);
		expect(a?.lead.map((l) => l.text)).toEqual(['Chủ tịch Ủy ban nhân dân thành phố Hà Nội']);
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2017-05-10' });
		expect(a?.rules).toContain('S4');
	});
});

describe('parties', () => {
	it('[P14] reads "đơn vị nêu trên" as the party of the items under the lead-in (real text, re_03, Sở Công Thương Lào Cai 1894/TB-SCT, 2026)', () => {
		expect(findParties('Sở Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:').map((m) => [m.text, m.kind])).toContainEqual([
			'đơn vị nêu trên',
			'generic'
		]);
		const text = [
			'  UBND TỈNH LÀO CAI             CỘNG HÕA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
			' SỞ CÔNG THƯƠNG                          Độc lập - Tự do - Hạnh phúc',
			'',
			'  Số: 1894 /TB-SCT                   Lào Cai, ngày 09 tháng 4 năm 2026',
			'',
			'                              THÔNG BÁO',
			'      2. Kiến nghị',
			'      Để việc chấp hành quy định của pháp luật về quản lý và sử dụng VLNCN được tốt hơn, Sở Công Thương yêu cầu đơn vị nêu trên thực hiện một số nội dung sau:',
			'      - Tiếp tục thực hiện giám sát việc lập hộ chiếu nổ mìn khoa học, cẩn thận',
			'và đầy đủ các nội dung theo quy định tại Thông tư số 23/2024/TT-BCT ngày',
			'07/11/2024 của Bộ Công Thương.'
		].join('\n');
		expect(leadsOf(text)).toEqual([['đơn vị nêu trên']]);
		// The level of a collective belongs to it.
		expect(findParties('các sở, ban, ngành, đoàn thể tỉnh').map((m) => m.text)).toEqual(['các sở, ban, ngành, đoàn thể tỉnh']);
	});

	it('[P15] reads "… có ý kiến như sau:" as the speaker, who charges no one (real text, re_07, Cục ĐCK 1178/ĐCK-CTT, 2025)', () => {
		const intro =
			'Ngày 03 tháng 7 năm 2025, Cục Đổi mới sáng tạo, chuyển đổi xanh và Khuyến công (Cục ĐCK) nhận được Công văn số 212/SCT-QLCN ngày 03 tháng 7 năm 2025 của Sở Công Thương tỉnh Lào Cai về việc xin ý kiến hướng dẫn điều kiện thành lập, mở rộng cụm công nghiệp (CCN) theo địa giới hành chính mới; sau khi xem xét, Cục ĐCK có ý kiến như sau:';
		expect(headingAssignee(intro, { issuer: 'Bộ Công Thương' }) ?? []).toEqual([]);
		expect(headingAssignee('Bộ Tài chính có ý kiến như sau:') ?? []).toEqual([]);
		// A bare "có ý kiến" is a task.
		expect(extractBlock('Sở Tài chính có ý kiến bằng văn bản gửi Sở Xây dựng trước ngày 15/8/2026.', laoCai).map((a) => a.lead.map((l) => l.text))).toEqual([
			['Sở Tài chính']
		]);
	});

	it('[P16] reads the bare "địa phương" after "đề nghị" as the addressee (real text, re_07), not "chủ đầu tư" after "giao"', () => {
		const [a] = extractBlock(
			'Vì vậy, đề nghị địa phương căn cứ địa giới hành chính mới đã được điều chỉnh để xác định địa điểm trong quá trình thành lập, mở rộng CCN; điều chỉnh Quyết định thành lập, mở rộng CCN (nếu có) trên địa bàn.',
			{ issuer: 'Bộ Công Thương' }
		);
		expect(a?.lead.map((l) => [l.text, l.kind])).toEqual([['địa phương', 'generic']]);
		expect(a?.rules).toContain('P16');
		// Seed 004 (2): "giao chủ đầu tư" names a role, no party.
		const seed = extractBlock(
			'Chủ tịch UBND cấp huyện chỉ đạo các cơ quan chuyên môn rà soát, có phương án cụ thể số lượng trụ sở cần xây mới; giao chủ đầu tư và có kế hoạch cụ thể để triển khai thực hiện đảm bảo yêu cầu.',
			{ issuer: 'UBND tỉnh Bắc Giang' }
		);
		expect(seed.flatMap((t) => t.lead.map((l) => l.text))).not.toContain('chủ đầu tư');
	});

	it('[P17] reads parties separated by ";" and skips ", căn cứ chức năng, nhiệm vụ được giao" (real text, re_01, UBND tỉnh Lào Cai 7103/UBND-TH, 2026, item 7a)', () => {
		const text =
			'Các sở, ban, ngành; Ủy ban nhân dân các xã, phường; các cơ quan, đơn vị và doanh nghiệp, căn cứ chức năng, nhiệm vụ được giao khẩn trương tổ chức triển khai thực hiện; hoàn thành việc rà soát, thống kê, phân loại, giao tài sản kết cấu hạ tầng theo đúng tiến độ quy định tại Nghị định số 178/2026/NĐ-CP.';
		const [a, ...rest] = extractBlock(text, laoCai);
		expect(rest).toEqual([]);
		expect(a?.lead.map((l) => l.text)).toEqual(['Các sở, ban, ngành', 'Ủy ban nhân dân các xã, phường', 'các cơ quan, đơn vị và doanh nghiệp']);
	});
});

describe('the closing formula', () => {
	it('[V2] drops the closing "… nghiêm túc tổ chức triển khai thực hiện./." and its "nếu phát sinh khó khăn … báo cáo" tail (real text, re_01, re_02, re_06)', () => {
		const closings = [
			// re_01 (UBND tỉnh Lào Cai 7103/UBND-TH, 2026)
			'Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường; người đứng đầu các cơ quan, đơn vị, doanh nghiệp nghiêm túc tổ chức triển khai thực hiện./.',
			// re_02 (UBND tỉnh Lào Cai 7432/UBND-XD, 2026), item 3
			'Thủ trưởng các sở, ban, ngành, đoàn thể tỉnh; Chủ tịch Ủy ban nhân dân các xã, phường; người đứng đầu các cơ quan, đơn vị có liên quan chịu trách nhiệm tổ chức triển khai thực hiện nghiêm túc các nội dung nêu trên; trong quá trình thực hiện nếu phát sinh khó khăn, vướng mắc vượt thẩm quyền, kịp thời báo cáo Sở Xây dựng để tổng hợp, tham mưu Ủy ban nhân dân tỉnh xem xét, chỉ đạo theo quy định./.',
			// re_06 (Bộ Nông nghiệp và Môi trường 1153/BNNMT-QLĐĐ, 2026)
			'Bộ Nông nghiệp và Môi trường trân trọng đề nghị Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương quan tâm thực hiện./.'
		];
		for (const text of closings) expect(extractBlock(text, laoCai)).toEqual([]);
		// A closing sentence with a real action and a deadline is still a task.
		expect(extractBlock('Sở Tài chính chịu trách nhiệm tổ chức thẩm định hồ sơ, báo cáo UBND tỉnh trước ngày 20/7/2026./.', laoCai)).toHaveLength(1);
	});
});

describe('deadlines', () => {
	it('[D5] reads the days of a report schedule ("Báo cáo 6 tháng: … trước ngày 05/7") as recurring (real text, re_01, item 7a)', () => {
		const six = findDeadlines(
			'Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7; Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7 (riêng năm 2026 thực hiện báo cáo năm).',
			'2026-07-10'
		);
		expect(six.map((d) => [d.kind, d.kind === 'recurring' ? d.frequency : '', d.text])).toEqual([
			['recurring', 'half-yearly', 'trước ngày 05/7'],
			['recurring', 'half-yearly', 'trước ngày 10/7']
		]);
		const year = findDeadlines(
			'Báo cáo năm: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 15/12; Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.',
			'2026-07-10'
		);
		expect(year.map((d) => (d.kind === 'recurring' ? d.frequency : d.kind))).toEqual(['yearly', 'yearly']);
		// A report-back with a day and no schedule label is that day.
		expect(findDeadlines('Báo cáo kết quả về Sở Tài chính trước ngày 15/8.', '2026-07-10')).toMatchObject([{ kind: 'date', date: '2026-08-15' }]);
	});

	it('[D1] reads "chậm nhất đến ngày 01 tháng 7 năm 2028" as that day, included (real text, re_02)', () => {
		expect(
			findDeadlines(
				'bảo đảm hoàn thành việc áp dụng các giải pháp kỹ thuật đối với các cơ sở, công trình thuộc đối tượng áp dụng chậm nhất đến ngày 01 tháng 7 năm 2028 theo yêu cầu của Bộ Xây dựng.'
			)
		).toMatchObject([{ kind: 'date', date: '2028-07-01', inclusive: true, text: 'chậm nhất đến ngày 01 tháng 7 năm 2028' }]);
	});
});

describe('one party, one task', () => {
	it('[A2] keeps "…; tăng cường kiểm tra, đôn đốc …, bảo đảm … hoàn thành … trước ngày …" one task (real text, re_02, item 2)', () => {
		const text =
			'Đồng thời, chủ trì phối hợp với Công an tỉnh tăng cường công tác kiểm tra, đôn đốc việc triển khai thực hiện trên địa bàn tỉnh; tổng hợp tình hình, kết quả thực hiện, tham mưu Ủy ban nhân dân tỉnh chỉ đạo xử lý các nội dung phát sinh, bảo đảm việc triển khai đồng bộ, thống nhất và hoàn thành đúng thời hạn trước ngày 01 tháng 7 năm 2028 theo quy định của Bộ Xây dựng.';
		const inherited = [{ name: 'Sở Xây dựng', text: 'Sở Xây dựng', kind: 'agency' as const, known: true }];
		const [a, ...rest] = extractBlock(text, { ...laoCai, inheritedLead: inherited });
		expect(rest).toEqual([]);
		expect(a?.lead.map((l) => l.text)).toEqual(['Sở Xây dựng']);
		expect(a?.deadline).toMatchObject({ kind: 'date', date: '2028-07-01' });
	});
});

describe('an OCR letter with a signature stamp (real text, re_05, Bộ Tài chính 8388/BTC-QLCS, 2026)', () => {
	const RE05 = [
		'===== Trang 1 =====',
		'Ký bởi: BỘ TÀI CHÍNH',
		'Cơ quan: 28 Trần Hưng Đạo.',
		'Thời gian ký: 19/06/2026 14:18:57 +07:00',
		'',
		'BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc',
		'Số: Z32Ø/BTC-QLCS Hà Nội, ngày / tháng 6 năm 2026',
		'',
		'V/v Triển khai thực hiện Nghị định',
		'số 178/2026/NĐ-CP của Chính phủ',
		'quy định việc quản lý, sử dụng và',
		'khai thác tài sản kết cấu hạ tầng do',
		'Nhà nước đầu tư, quản lý.',
		'',
		'Kính gửi: DA ä .',
		'- Các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương;',
		'- Uy ban nhân dân các tỉnh, thành phô trực thuộc trung ương.',
		'',
		'Ngày 20/5/2026, Chính phủ đã ban hành Nghị định số 178/2026/NĐ-CP quy',
		'định việc quản lý, sử dụng và khai thác tài sản kết cầu hạ tầng do Nhà nước đầu tư,',
		'quản lý (sau đây gọi là Nghị định số 178/2026/NĐ-CP), có hiệu lực thi hành từ',
		'ngày 06/7/2026. Để triển khai thực hiện có hiệu quả Nghị định số 178/2026/NĐ-',
		'CP, Bộ Tài chính đề nghị các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương',
		'(sau đây gọi là Bộ, cơ quan trung ương) và Ủy ban nhân dân các tỉnh, thành phô',
		'trực thuộc trung ương tập trung chỉ đạo triển khai đầy đủ các nhiệm vụ, trách nhiệm',
		'được giao theo quy định tại Nghị định số 178/2026/NĐ-CP và pháp luật có liên',
		'quan; trong đó lưu ý các nhiệm vụ, giải pháp trọng tâm sau:',
		'',
		'I. Tổ chức tuyên truyền, phổ biến nội dung của Nghị định số',
		'178/2026/NĐ-CP của Chính phủ và các văn bản hướng dẫn thực hiện tới các cơ',
		'quan, tô chức, đơn vị, doanh nghiệp có liên quan.',
		'',
		'===== Trang 2 =====',
		'3. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3',
		'Nghị định số 178/2026/NĐ-CP)',
		'',
		'd) Hướng dẫn về loại tài sản, danh mục tài sản kết cấu hạ tầng giao cho',
		'doanh nghiệp quản lý tài sản theo từng hình thức quy định tại khoản 1 Điều 35 Nghị định số 178/2026/NĐ-CP.',
		'',
		'Mong nhận được sự quan tâm, phối hợp của Quý Cơ quan. l',
		'',
		'Nơi nhận:',
		'',
		'- Như trên;',
		'',
		'- Thủ tướng Chính phủ (để b/c);'
	].join('\n');
	const r = extractNotice(RE05);

	it('[L13] reads the signature stamp, the subject line after the number and the addressees as header', () => {
		expect(r.issuer).toBe('Bộ Tài chính');
		// "Kính gửi: - Các Bộ, cơ quan ngang bộ, …;" is the addressee, not a task.
		expect(r.assignments.some((a) => r.text.slice(a.span.start).startsWith('Các Bộ, cơ quan ngang bộ'))).toBe(false);
	});

	it('[P11] goes on after a declared short form "(sau đây gọi là Bộ, cơ quan trung ương)" and names the party by it', () => {
		expect(r.assignments[0]?.lead.map((l) => l.text)).toEqual(['Bộ, cơ quan trung ương', 'Ủy ban nhân dân các tỉnh']);
	});

	it('[L14] drops the OCR page separator "===== Trang 2 =====" and [S1] reads "Đối với X (aside)" as a heading', () => {
		expect(segmentNotice(RE05).some((b) => b.text.includes('Trang 2'))).toBe(false);
		expect(r.assignments.map((a) => a.lead.map((l) => l.text))).toContainEqual(['các Bộ quản lý chuyên ngành']);
	});

	it('[V2] drops the courtesy "Mong nhận được sự quan tâm, phối hợp của Quý Cơ quan."', () => {
		expect(r.assignments.some((a) => r.text.slice(a.span.start).startsWith('Mong nhận được'))).toBe(false);
		expect(r.assignments).toHaveLength(2);
	});

	it('[D4] reads "trong thời hạn 06 tháng, kể từ ngày … có hiệu lực thi hành" as an event, the comma notwithstanding', () => {
		expect(
			findDeadlines(
				'thì trong thời hạn 06 tháng, kể từ ngày quy định của pháp luật chuyên ngành quy định về tài sản kết cấu hạ tầng khác đó có hiệu lực thi hành, Bộ quản lý chuyên ngành có trách nhiệm',
				'2026-06-19'
			)
		).toMatchObject([{ kind: 'event' }]);
	});
});

describe('an intro that lists its parties in the items below', () => {
	it('[S7] reads "Giao các sở … gồm: - Sở X (đối với …); … Có trách nhiệm: a) …" as the points of the listed parties (real text, re_01, item 2)', () => {
		const text = [
			'       2. Các sở quản lý nhà nước chuyên ngành về hạ tầng',
			'      Giao các sở quản lý nhà nước chuyên ngành về hạ tầng theo ngành, lĩnh',
			'vực gồm:',
			'       - Sở Công Thương (đối với tài sản kết cấu hạ tầng cụm công nghiệp và hạ',
			'tầng thương mại);',
			'      - Sở Xây dựng (đối với tài sản kết cấu hạ tầng đô thị);',
			'      - Ban Quản lý Khu kinh tế, Ban Quản lý các khu công nghiệp (đối với tài',
			'sản kết cấu hạ tầng khu kinh tế, khu công nghiệp thuộc phạm vi được giao',
			'quản lý).',
			'      Có trách nhiệm:',
			'       a) Chủ trì, phối hợp với các cơ quan, đơn vị, địa phương tổ chức rà soát,',
			'thống kê, phân loại toàn bộ tài sản kết cấu hạ tầng thuộc phạm vi quản lý.',
			'      b) Hướng dẫn, đôn đốc các cơ quan, đơn vị được giao quản lý tài sản thực',
			'hiện việc lập, quản lý hồ sơ.',
			'      3. Ủy ban nhân dân các xã, phường',
			'      a) Tổ chức quán triệt, triển khai thực hiện đầy đủ các quy định của Nghị định.'
		].join('\n');
		const r = extractNotice(text);
		const listed = ['Sở Công Thương', 'Sở Xây dựng', 'Ban Quản lý Khu kinh tế', 'Ban Quản lý các khu công nghiệp'];
		expect(r.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([listed, listed, ['Ủy ban nhân dân các xã, phường']]);
		// "… địa phương tổ chức rà soát": the verb "tổ chức" is no further head of the collective.
		expect(r.assignments[0]?.support.map((l) => l.text)).toEqual(['các cơ quan, đơn vị, địa phương']);
	});
});

describe('pdftotext -layout paragraphs', () => {
	it('[L15] joins a line at the margin after ";" to its indented paragraph (real text, re_01, item 7a)', () => {
		const text = [
			'      7. Tổ chức thực hiện',
			'       a) Các sở, ban, ngành; Ủy ban nhân dân các xã, phường; các cơ quan, đơn',
			'vị và doanh nghiệp, căn cứ chức năng, nhiệm vụ được giao khẩn trương tổ chức',
			'triển khai thực hiện; hoàn thành việc rà soát, thống kê, phân loại, giao tài sản kết',
			'cấu hạ tầng theo đúng tiến độ quy định tại Nghị định số 178/2026/NĐ-CP.',
			'       Các sở quản lý chuyên ngành định kỳ tổng hợp báo cáo kết quả thực hiện',
			'việc rà soát, thống kê, phân loại, giao tài sản gửi Sở Tài chính tổng hợp chung,',
			'báo cáo Ủy ban nhân dân tỉnh như sau:',
			'      - Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7;',
			'Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7 (riêng năm',
			'2026 thực hiện báo cáo năm).',
			'      - Báo cáo năm: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 15/12;',
			'Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 20/12.'
		].join('\n');
		const blocks = segmentNotice(text).map((b) => b.text);
		expect(blocks).toContain(
			'Báo cáo 6 tháng: Các cơ quan, đơn vị gửi Sở Tài chính trước ngày 05/7; Sở Tài chính tổng hợp báo cáo Ủy ban nhân dân tỉnh trước ngày 10/7 (riêng năm 2026 thực hiện báo cáo năm).'
		);
		const sch = extractNotice(text).assignments.filter((a) => a.deadline?.kind === 'recurring');
		expect(sch.map((a) => [a.lead.map((l) => l.text).join(' + '), a.deadline?.text])).toEqual([
			['Các cơ quan, đơn vị', 'trước ngày 05/7'],
			['Sở Tài chính', 'trước ngày 10/7'],
			['Các cơ quan, đơn vị', 'trước ngày 15/12'],
			['Sở Tài chính', 'trước ngày 20/12']
		]);
	});
});

describe('a ministry letter to the councils and committees (real text, re_06, Bộ Nông nghiệp và Môi trường 1153/BNNMT-QLĐĐ, 2026)', () => {
	const RE06 = [
		'BỘ NÔNG NGHIỆP VÀ ',
		'MÔI TRƯỜNG',
		'------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
		'Độc lập - Tự do - Hạnh phúc ',
		'---------------',
		'Số: 1153/BNNMT-QLĐĐ',
		'V/v triển khai Nghị định số 49/2026/NĐ-CP của Chính phủ | Hà Nội, ngày 03 tháng 02 năm 2026',
		'',
		'Kính gửi: | - Hội đồng nhân dân các tỉnh, thành phố trực thuộc Trung ương;',
		'- Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương.',
		'',
		'Để bảo đảm các điều kiện cần thiết cho việc tổ chức thi hành Nghị quyết số 254/2025/QH15 và Nghị định số 49/2026/NĐ-CP, Bộ Nông nghiệp và Môi trường đề nghị Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố khẩn trương thực hiện các nhiệm vụ sau:',
		'\t1. Bố trí nguồn lực để tổ chức triển khai thi hành trên địa bàn tỉnh, thành phố.',
		'\t2. Tập trung tổ chức thực hiện Nghị quyết số 254/2025/QH15 và Nghị định số 49/2026/NĐ-CP, trong đó: Đề nghị sớm ban hành quy định về trình tự, thủ tục hành chính về đất đai. Bộ Nông nghiệp và Môi trường gửi các thủ tục hành chính về đất đai đã được rà soát hoàn thiện trong quá trình soạn thảo Nghị định số 49/2026/NĐ-CP để tham khảo trong quá trình tổ chức thực hiện Nghị định (chi tiết tại Phụ lục kèm theo).',
		'Bộ Nông nghiệp và Môi trường trân trọng đề nghị Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương quan tâm thực hiện./.'
	].join('\n');
	const r = extractNotice(RE06);
	const both = ['Hội đồng nhân dân các tỉnh, thành phố', 'Ủy ban nhân dân các tỉnh, thành phố'];

	it('[L5] reads the issuer written over two lines after "VÀ"', () => {
		expect(r.issuer).toBe('Bộ Nông nghiệp và Môi trường');
	});

	it('[P18] gives the bare council the committee\'s place: "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố"', () => {
		expect(r.assignments.map((a) => a.lead.map((l) => l.text))).toEqual([both, both]);
	});

	it('[V4] does not charge the issuer with what it tells of its own doing ("Bộ … gửi các thủ tục … để tham khảo")', () => {
		expect(r.assignments.flatMap((a) => a.lead.map((l) => l.text))).not.toContain('Bộ Nông nghiệp và Môi trường');
	});
});

describe('statements and closings in a Sở letter', () => {
	it('[V1] reads "Qua quá trình kiểm tra …, cho thấy các đơn vị cơ bản đã chấp hành …" as a finding (real text, re_03)', () => {
		const text =
			'Qua quá trình kiểm tra việc chấp hành quy định của pháp luật trong bảo quản, sử dụng vật liệu nổ công nghiệp của các đơn vị: Công ty cổ phần Xây dựng giao thông Yên Bái (Gói thầu số 13); Công ty TNHH Hiệp Phú (Gói thầu số 15) cho thấy các đơn vị cơ bản đã chấp hành tương đối tốt các quy định của pháp luật.';
		expect(extractBlock(text, { issuer: 'Sở Công Thương' })).toEqual([]);
	});

	it('[V2] drops "Yêu cầu đồng chí … và Trưởng phòng … nghiêm túc triển khai thực hiện. Trong quá trình thực hiện, nếu có khó khăn …" (real text, re_04)', () => {
		const inherited = [{ name: 'Phòng Quản lý công nghiệp', text: 'Phòng Quản lý công nghiệp', kind: 'unknown' as const, known: false }];
		const text =
			'Yêu cầu đồng chí Hoàng Văn Thuân - Phó Giám đốc Sở và Trưởng phòng Quản lý Công nghiệp nghiêm túc triển khai thực hiện. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo Giám đốc Sở xem xét, chỉ đạo./.';
		expect(extractBlock(text, { issuer: 'Sở Công Thương', inheritedLead: inherited })).toEqual([]);
	});
});

describe('a paragraph that elaborates the list item before it', () => {
	it('[A7] keeps "Đối với trình tự, thủ tục … thì cần căn cứ vào …" in the task of item 2 (real text, re_06)', () => {
		const text = [
			'Bộ Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các tỉnh, thành phố khẩn trương thực hiện các nhiệm vụ sau:',
			'\t1. Bố trí nguồn lực để tổ chức triển khai thi hành trên địa bàn tỉnh, thành phố.',
			'\t2. Tập trung tổ chức thực hiện Nghị quyết số 254/2025/QH15 và Nghị định số 49/2026/NĐ-CP, trong đó: Đề nghị sớm ban hành quy định về trình tự, thủ tục hành chính về đất đai.',
			'Đối với trình tự, thủ tục hành chính liên quan đến nghĩa vụ tài chính của người sử dụng đất thì ngoài căn cứ các quy định của Nghị định số 49/2026/NĐ-CP thì cần căn cứ vào Nghị định số 50/2026/NĐ-CP ngày 31/01/2026 của Chính phủ về tiền sử dụng đất, tiền thuê đất.',
			'\t3. Kịp thời báo cáo về Bộ Nông nghiệp và Môi trường những khó khăn, vướng mắc trong quá trình tổ chức thi hành (nếu có).'
		].join('\n');
		const r = extractNotice(text);
		expect(r.assignments.map((a) => r.text.slice(a.span.start, a.span.start + 12))).toEqual(['Bố trí nguồn', 'Tập trung tổ', 'Kịp thời báo']);
	});
});

describe('a task whose details follow it', () => {
	it('[S8] reads "Chủ trì, phối hợp … tham mưu Lãnh đạo Sở triển khai … , bao gồm:" as the task and its dashes as its details (real text, re_04, Sở Công Thương Lào Cai 5085/SCT-VP, 2026)', () => {
		const text = [
			'         2. Phòng Quản lý công nghiệp',
			'      Chủ trì, phối hợp với các đơn vị liên quan tham mưu Lãnh đạo Sở triển khai',
			'thực hiện các nhiệm vụ, quyền hạn được ủy quyền tại Quyết định số 1883/QĐ-',
			'UBND và Quyết định số 2867/QĐ-UBND bảo đảm đúng quy định của pháp luật,',
			'bao gồm:',
			'      - Huấn luyện, kiểm tra, cấp, cấp lại giấy chứng nhận huấn luyện kỹ thuật an',
			'toàn vật liệu nổ công nghiệp quy định tại khoản 1 Điều 6, Điều 9 và điểm b, khoản',
			'1 Điều 18 Nghị định số 181/2024/NĐ-CP ngày 31/12/2024 của Chính phủ;',
			'      - Cấp, cấp lại, cấp điều chỉnh giấy phép sử dụng vật liệu nổ công nghiệp cho',
			'các tổ chức, doanh nghiệp sử dụng vật liệu nổ trên địa bàn quản lý phân cấp cho',
			'Ủy ban nhân dân tỉnh.'
		].join('\n');
		const r = extractNotice(text);
		expect(r.assignments.map((a) => [a.lead.map((l) => l.text).join(' + '), r.text.slice(a.span.start, a.span.start + 8)])).toEqual([
			['Phòng Quản lý công nghiệp', 'Chủ trì,']
		]);
	});
});
