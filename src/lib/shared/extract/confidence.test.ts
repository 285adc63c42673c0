import { describe, expect, it } from 'vitest';
import { extractBlock, headingAssignee } from './block';
import { extractNotice } from './notice';
import { RULE_LABELS, WEAK_CONFIDENCE, confidenceOf, doubtsOf } from './ruleIds';

const ctx = { noticeDate: '2023-12-27', issuer: 'UBND tỉnh Bắc Giang' };
const read = (text: string, extra: object = {}) => extractBlock(text, { ...ctx, ...extra });

describe('why a task was found, and how sure the reading is', () => {
	it('[P1] a "Giao" with a known agency and a day is sure, and says so', () => {
		const [a] = read('Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát nguồn vốn, xong trước ngày 30/01/2024.');
		expect(a?.rules).toEqual(['P1', 'U1', 'D1']);
		expect(a?.confidence).toBe(1);
	});

	it('[P6] an agency the directory lacks makes the task one to check, with the reason', () => {
		const [a] = read('Giao Trung tâm Phát triển quỹ đất huyện Yên Thế rà soát hồ sơ, xong trước ngày 30/01/2024.');
		expect(a?.lead.map((l) => l.kind)).toEqual(['unknown']);
		expect(a?.rules).toContain('P6');
		expect(a?.confidence).toBeLessThan(WEAK_CONFIDENCE);
		expect(doubtsOf(a?.rules ?? [])[0]).toBe(RULE_LABELS.P6);
	});

	it('[P8] a subject with an action and no verb of assigning is read, a little less surely', () => {
		const [a] = read('Sở Tài chính rà soát, tổng hợp nhu cầu kinh phí của các huyện.');
		expect(a?.lead.map((l) => l.name)).toEqual(['Sở Tài chính']);
		expect(a?.rules).toEqual(['P8']);
		expect(a?.confidence).toBeGreaterThanOrEqual(WEAK_CONFIDENCE);
		expect(a?.confidence).toBeLessThan(1);
	});

	it('[P9] a passive that names its agent charges the agent', () => {
		const [a] = read('Việc kiểm tra an toàn thực phẩm được giao cho Sở Y tế chủ trì thực hiện, xong trước ngày 15/01/2024.');
		expect(a?.lead.map((l) => l.name)).toEqual(['Sở Y tế']);
		expect(a?.rules).toContain('P9');
	});

	it('[P10] a generic collective as lead is kept as written and marked for checking when nothing else names it', () => {
		const [a] = read('Giao các sở, ban, ngành tập trung rà soát thủ tục hành chính.');
		expect(a?.lead.map((l) => l.kind)).toEqual(['generic']);
		expect(a?.rules).toContain('P10');
		expect(a?.confidence).toBeLessThan(1);
	});

	it('[S1] a lead from the heading above is noted', () => {
		const lead = headingAssignee('Sở Công Thương', ctx) ?? []; // "a) Sở Công Thương", its marker read apart
		const [a] = read('Chủ trì theo dõi, đôn đốc các chủ đầu tư đẩy nhanh tiến độ.', { inheritedLead: lead });
		expect(a?.lead.map((l) => l.name)).toEqual(['Sở Công Thương']);
		expect(a?.rules).toContain('S1');
	});

	it('[S5] a paragraph opening with its party and a colon charges the clauses after it', () => {
		const [a] = read('UBND huyện Yên Thế: khẩn trương hoàn thiện hồ sơ giải phóng mặt bằng.');
		expect(a?.lead.map((l) => l.text)).toEqual(['UBND huyện Yên Thế']);
		expect(a?.rules).toContain('S5');
	});

	it('[A4] a subject-less directive after a sentence with a party is that party’s, and doubtful', () => {
		const tasks = read(
			'Sở Tài chính rà soát nguồn vốn đầu tư công, xong trước ngày 10/01/2024. Tham mưu UBND tỉnh phân bổ vốn cho các dự án trọng điểm trước ngày 20/01/2024.'
		);
		expect(tasks.map((t) => t.rules)).toEqual([
			['P8', 'D1'],
			['A4', 'D1']
		]);
		expect(tasks[1]?.lead.map((l) => l.name)).toEqual(['Sở Tài chính']);
		expect(tasks[1]?.confidence).toBeLessThan(tasks[0]?.confidence ?? 0);
	});

	it('[A5] the agency a document is sent to for an action of its own gets that task', () => {
		const tasks = read('Giao UBND các huyện rà soát nhu cầu, gửi về Sở Tài chính để tổng hợp, tham mưu UBND tỉnh bố trí kinh phí.');
		const own = tasks.find((t) => t.rules.includes('A5'));
		expect(own?.lead.map((l) => l.name)).toEqual(['Sở Tài chính']);
		expect(own?.confidence).toBeLessThan(1);
	});

	it('[A1] a merged elaboration is noted on the task it joins', () => {
		const tasks = read('Giao Sở Xây dựng kiểm tra chất lượng công trình. Lưu ý: báo cáo kết quả trước ngày 20/01/2024.');
		expect(tasks).toHaveLength(1);
		expect(tasks[0]?.rules).toEqual(expect.arrayContaining(['P1', 'A1', 'D1']));
	});

	it('[L7] a row of a table of tasks says it was read by column', () => {
		const text = [
			'THÔNG BÁO',
			'Kết luận của Chủ tịch UBND tỉnh',
			'STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời hạn',
			'1\tRà soát quy hoạch\tSở Xây dựng\tSở Tài chính\t30/01/2024'
		].join('\n');
		const [a] = extractNotice(text).assignments;
		expect(a?.rules).toEqual(expect.arrayContaining(['L7', 'U1']));
	});

	it('multiplies the doubts of the rules that carry one, once each', () => {
		expect(confidenceOf(['P1', 'D1'])).toBe(1);
		expect(confidenceOf(['P6', 'P6'])).toBe(confidenceOf(['P6']));
		expect(confidenceOf(['P6', 'S1'])).toBeLessThan(confidenceOf(['P6']));
	});
});

describe('nested content', () => {
	it('[V3] reads no lead in the wording a plan is to carry ("theo hướng: Bộ X chủ trì …"), real text', () => {
		// tests/fixtures/extract/real/dev/ra_01 (Văn phòng Chính phủ, 2024), shortened.
		const tasks = read(
			'Bộ Tài chính làm việc cụ thể, thống nhất với Bộ Tài nguyên và Môi trường về nội dung phân công nhiệm vụ tại Đề án theo hướng: Bộ Tài nguyên và Môi trường chủ trì thực hiện nhóm các nhiệm vụ quản lý nhà nước liên quan đến hạn ngạch phát thải; Bộ Tài chính chủ trì thực hiện quản lý nhà nước liên quan đến hoạt động giao dịch.',
			{ issuer: 'Văn phòng Chính phủ' }
		);
		expect(tasks.map((t) => t.lead.map((l) => l.name))).toEqual([['Bộ Tài chính']]);
	});

	it('[V3] without a colon, the nested wording ends with its clause: a charge after ";" still counts', () => {
		const tasks = read('Sở Nội vụ nghiên cứu phương án sắp xếp theo hướng Sở Tư pháp tiếp nhận chức năng; Sở Tài chính bố trí kinh phí thực hiện.');
		expect(tasks.map((t) => t.lead.map((l) => l.name))).toEqual([['Sở Nội vụ'], ['Sở Tài chính']]);
	});
});

describe('the issuing body speaking in its own letter', () => {
	it('[P2] a ministry that "kính đề nghị" a province charges the province, not itself (real wording, rd_01)', () => {
		const tasks = read('Bộ Nông nghiệp và Môi trường kính đề nghị UBND tỉnh Lào Cai chỉ đạo các cơ quan chuyên môn rà soát số liệu phát thải khí nhà kính.', {
			issuer: 'BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG'
		});
		expect(tasks.map((t) => t.lead.map((l) => l.text))).toEqual([['UBND tỉnh Lào Cai']]);
		expect(tasks[0]?.rules).toContain('P2');
	});

	it('[P2] an office issuing for its leaders is still charged in what it issues', () => {
		const tasks = read('Văn phòng UBND tỉnh chỉ đạo Trung tâm Phục vụ hành chính công tỉnh rà soát quy trình tiếp nhận hồ sơ.', {
			issuer: 'VĂN PHÒNG UBND TỈNH BẮC GIANG'
		});
		expect(tasks.map((t) => t.lead.map((l) => l.name))).toEqual([['Văn phòng UBND tỉnh']]);
	});
});
