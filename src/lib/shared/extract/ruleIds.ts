/**
 * The rules of RULES.md a task can be found by, with what a specialist reads about each in the task
 * panel, and how much doubt each puts on the reading ({@link confidenceOf}). `rules.test.ts` checks
 * that every id here is a rule of RULES.md.
 */
import type { AgencyRef } from './types';

/** Vietnamese, one line each: why the task was read as it was. */
export const RULE_LABELS = {
	L7: 'Một hàng của bảng nhiệm vụ, đọc theo cột',
	S1: 'Cơ quan chủ trì lấy từ đề mục phía trên',
	S4: 'Câu mở bằng “Về việc này”: đọc phần sau dấu phẩy',
	S5: 'Cơ quan chủ trì ghi đầu đoạn, trước dấu hai chấm',
	P1: 'Có từ giao việc (“Giao”, “Yêu cầu”, “Đề nghị”) trước cơ quan',
	P2: 'Người chủ trì cuộc họp yêu cầu cơ quan',
	P3: 'Ý kiến đồng ý nêu cơ quan thực hiện',
	P6: 'Có cơ quan chưa có trong danh mục',
	P8: 'Cơ quan là chủ ngữ của câu, không có từ giao việc',
	P9: 'Câu bị động nêu cơ quan thực hiện (“được giao cho …”)',
	U1: 'Cơ quan phối hợp sau “phối hợp với”, “cùng”, “hỗ trợ”',
	D1: 'Hạn là một ngày',
	D2: 'Hạn là một tháng, quý, nửa năm hoặc năm',
	D3: 'Hạn định kỳ',
	D4: 'Hạn theo một sự kiện, không có ngày cụ thể',
	A1: 'Gộp câu bổ sung vào nhiệm vụ của câu trước',
	A2: 'Một câu giao cho nhiều cơ quan, mỗi cơ quan một hạn',
	A3: 'Bỏ qua trạng ngữ mở đầu câu',
	A4: 'Câu không có chủ ngữ: giao cho cơ quan của câu trước',
	A5: 'Việc của cơ quan nhận văn bản (“gửi … để …”)',
	P10: 'Cơ quan chủ trì là một nhóm chung (“các sở, ngành”)',
	P13: 'Chủ ngữ kèm mệnh đề “chưa …”: việc giao ở sau dấu phẩy',
	P16: 'Cơ quan nhận văn bản chỉ ghi chung (“đề nghị địa phương …”)'
} as const satisfies Record<string, string>;

/** A rule id of RULES.md that a task can carry. */
export type RuleId = keyof typeof RULE_LABELS;

/** Below this a task is marked "cần kiểm tra" in the panel and on its chip. */
export const WEAK_CONFIDENCE = 0.7;

/**
 * How much each rule takes off the confidence (the reading is less sure when it relies on it):
 * an unknown agency may be a misread name, a lead taken from a heading or from the sentence before
 * may be the wrong one, a subject with no verb of assigning may be a statement.
 */
const DOUBT: Partial<Record<RuleId, number>> = {
	P6: 0.35,
	P10: 0.25,
	A4: 0.2,
	A5: 0.25,
	P9: 0.15,
	P8: 0.1,
	P13: 0.1,
	P16: 0.25,
	S1: 0.1,
	S5: 0.05,
	D4: 0.05
};

/**
 * The confidence of a task read by `rules`, in [0, 1]: the product of one minus each rule's doubt,
 * two decimals. 1 for "Giao Sở Tài chính chủ trì …, xong trước ngày …" with known agencies.
 */
export function confidenceOf(rules: readonly RuleId[]): number {
	let c = 1;
	for (const r of new Set(rules)) c *= 1 - (DOUBT[r] ?? 0);
	return Math.round(c * 100) / 100;
}

/** What makes a reading doubtful, in Vietnamese: the labels of its rules that carry doubt, most doubtful first. */
export function doubtsOf(rules: readonly RuleId[]): string[] {
	return rules
		.filter((r) => (DOUBT[r] ?? 0) > 0)
		.sort((a, b) => (DOUBT[b] ?? 0) - (DOUBT[a] ?? 0))
		.map((r) => RULE_LABELS[r]);
}

/** The rules a task's parties add: an unknown lead or support agency, a generic lead. */
export function partyRules(lead: readonly AgencyRef[], support: readonly AgencyRef[]): RuleId[] {
	const out: RuleId[] = [];
	if ([...lead, ...support].some((r) => r.kind === 'unknown')) out.push('P6');
	if (lead.length && lead.every((r) => r.kind === 'generic')) out.push('P10');
	if (support.length) out.push('U1');
	return out;
}

/** The deadline rule of a deadline kind. */
export function deadlineRule(kind: 'date' | 'period' | 'recurring' | 'event'): RuleId {
	return kind === 'date' ? 'D1' : kind === 'period' ? 'D2' : kind === 'recurring' ? 'D3' : 'D4';
}

/** Everything a finished assignment carries about how it was read. */
export function explained(
	rules: readonly RuleId[],
	lead: readonly AgencyRef[],
	support: readonly AgencyRef[],
	deadline: { kind: 'date' | 'period' | 'recurring' | 'event' } | null
): { rules: RuleId[]; confidence: number } {
	const all = [...rules, ...partyRules(lead, support), ...(deadline ? [deadlineRule(deadline.kind)] : [])];
	const unique = [...new Set(all)];
	return { rules: unique, confidence: confidenceOf(unique) };
}
