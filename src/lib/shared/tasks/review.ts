/**
 * What to look at before issuing (issue panel, "Rà soát trước khi ban hành"): what extraction
 * flagged in the tasks and what the header still lacks. What extraction flagged does not block
 * issuing — what the issuer accepted without fixing is recorded with the issue; a header field
 * Decree 30 requires does (`missingForIssue`, checked again by the server when it issues).
 */
import type { NoticeMeta } from '../doc/noticeDoc';
import type { DraftTask } from './draftTasks';

/** Why an item is on the list. */
export type ReviewKind = 'header' | 'no-lead' | 'unknown-agency' | 'leader-lead' | 'vague-lead' | 'no-deadline' | 'deadline-before-notice' | 'low-confidence';

/** One thing to check: about a task (`taskId`) or about the header. */
export interface ReviewItem {
	/** Stable across re-reads while the problem stays (what an acceptance refers to). */
	key: string;
	kind: ReviewKind;
	taskId?: string;
	/** What is wrong, in Vietnamese. */
	message: string;
	/** Must be fixed before issuing (a header field Decree 30 requires): it cannot be accepted as it is. */
	required?: boolean;
}

/**
 * The header fields of a notice, with their names as the form shows them, and whether Decree
 * 30/2020 requires them for issuing (issuing body, symbol, place, date, title, recipients, signer):
 * a notice without them is not issued. A missing parent body is only flagged (a body with none
 * above it, such as a ministry, writes none).
 */
const HEADER_FIELDS: [keyof NoticeMeta, string, boolean][] = [
	['issuingParent', 'cơ quan chủ quản', false],
	['issuingBody', 'cơ quan ban hành', true],
	['symbol', 'ký hiệu', true],
	['place', 'địa danh', true],
	['date', 'ngày ban hành', true],
	['title', 'trích yếu (tiêu đề)', true],
	['recipients', 'nơi nhận', true],
	['signerName', 'người ký', true]
];

/** The header fields required for issuing that `meta` leaves blank, by their names ("địa danh"). */
export function missingForIssue(meta: NoticeMeta): string[] {
	return HEADER_FIELDS.filter(([field, , required]) => required && !String(meta[field] ?? '').trim()).map(([, label]) => label);
}

/** The last day a deadline allows, for comparison with the notice's date. */
function lastDay(t: DraftTask): string | null {
	const d = t.deadline;
	if (!d) return null;
	return d.kind === 'date' ? d.date : d.kind === 'period' ? d.to : null;
}

/** The review list of a notice: header gaps first, then the tasks in document order. */
export function reviewChecklist(tasks: readonly DraftTask[], meta: NoticeMeta): ReviewItem[] {
	const items: ReviewItem[] = [];
	for (const [field, label, required] of HEADER_FIELDS)
		if (!String(meta[field] ?? '').trim())
			items.push({ key: `header:${field}`, kind: 'header', message: `Phần đầu chưa có ${label}.`, ...(required ? { required: true } : {}) });
	tasks.forEach((t, i) => {
		if (t.dismissed) return;
		const n = `Nhiệm vụ ${i + 1}`;
		const add = (kind: ReviewKind, message: string, detail = '') =>
			items.push({ key: `${t.id}:${kind}${detail ? `:${detail}` : ''}`, kind, taskId: t.id, message: `${n}: ${message}` });
		if (t.lead.length === 0) add('no-lead', 'chưa xác định cơ quan chủ trì.');
		for (const l of t.lead) {
			if (l.kind === 'leader') add('leader-lead', `“${l.name}” là lãnh đạo, không phải cơ quan chủ trì.`, l.name);
			else if (l.kind === 'generic') add('vague-lead', `“${l.text}” không chỉ rõ cơ quan nào chủ trì.`, l.text);
			else if (!l.known) add('unknown-agency', `“${l.name}” không có trong danh mục cơ quan: cơ quan đó sẽ không thấy nhiệm vụ.`, l.name);
		}
		const last = lastDay(t);
		if (!t.deadline) add('no-deadline', 'chưa có thời hạn.');
		else if (last && meta.date && last < meta.date) add('deadline-before-notice', `thời hạn ${last.split('-').reverse().join('/')} trước ngày của thông báo.`);
		if (t.weak) add('low-confidence', 'cách đọc chưa chắc chắn (cần kiểm tra).');
	});
	return items;
}
