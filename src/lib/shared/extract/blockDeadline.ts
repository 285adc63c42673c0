/**
 * The deadline stage of the block reader: which deadline belongs to which clause, and where a clause
 * group splits into tasks of their own deadlines (RULES.md D, A2).
 */
import type { Deadline, Span } from './types';
import { CLOSE_PAREN, OPEN_PAREN, SEMICOLON, skipSpaces } from './blockClauses';
import type { Parse } from './blockParties';
import { ASSURANCE_WORDS, COMPLETION_WORDS, wordsAlt } from './lexicon';

/** The first deadline (sorted by start) that starts in `[a, b)`: a binary search. */
export function firstDeadlineIn(deadlines: readonly Deadline[], a: number, b: number): Deadline | null {
	let lo = 0;
	let hi = deadlines.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((deadlines[mid] as Deadline).span.start < a) lo = mid + 1;
		else hi = mid;
	}
	const d = deadlines[lo];
	return d && d.span.start < b ? d : null;
}

export function sameDeadline(a: Deadline | null, b: Deadline | null): boolean {
	if (!a || !b) return a === b;
	if (a.kind !== b.kind) return false;
	switch (a.kind) {
		case 'date':
			return b.kind === 'date' && a.date === b.date;
		case 'period':
			return b.kind === 'period' && a.from === b.from && a.to === b.to;
		case 'recurring':
			return b.kind === 'recurring' && a.frequency === b.frequency;
		case 'event':
			return true;
		default:
			return assertNever(a);
	}
}

function assertNever(x: never): never {
	throw new Error(`unexpected ${JSON.stringify(x)}`);
}

/** ", bảo đảm (việc …) hoàn thành …": a completion the task is to ensure. */
const ASSURED_COMPLETION_RE = new RegExp(
	`,\\s*(?:${wordsAlt(ASSURANCE_WORDS)})\\s+(?:[^;]{0,80}?\\s)?(?:${wordsAlt(COMPLETION_WORDS)})(?![\\p{L}\\p{M}])`,
	'u'
);

/**
 * Report-back, target ("phấn đấu …") and standalone deadline clauses close the whole task, not
 * just their clause.
 */
const WHOLE_TASK_DEADLINE_RE =
	/^(?:(?:xong|hoàn thành|hoàn tất)\b|báo cáo|kết quả|phấn đấu|(?:lưu ý|trong đó)|(?:chậm nhất|trước|hết|từ nay)|(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)\s+(?:tổng hợp,?\s+)?báo cáo)/u;

/**
 * Splits a clause group whose deadline sits in a later ";"-clause that is its own task
 * ("Phối hợp …; thực hiện …; khẩn trương giao … hoàn thành trước ngày 30/7/2026").
 */
export function splitByDeadline(parse: Parse, span: Span, deadline: Deadline | null, predStart = span.start): Span[] {
	// A recurring rule ("định kỳ trước ngày 25 hằng tháng", "03 giờ một lần") or a time limit
	// counted from an event ("trong 10 ngày kể từ ngày nhận đủ hồ sơ") paces the whole task.
	if (!deadline || deadline.kind === 'recurring' || deadline.kind === 'event') return [span];
	const { text } = parse;
	let depth = 0;
	let lastSemi = -1;
	let openAt = -1;
	for (let i = span.start; i < deadline.span.start; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN) {
			depth++;
			openAt = i;
		} else if (c === CLOSE_PAREN && depth > 0) depth--;
		else if (c === SEMICOLON && depth === 0) lastSemi = i;
	}
	// [A8] "…; (ii) Chủ trì … theo quy định (hoàn thành trong tháng 8 năm 2026)": a deadline that is an
	// aside of its own, right after its opening parenthesis, dates its ";"-step as if written bare.
	const ownAside = depth === 1 && text.slice(openAt + 1, deadline.span.start).trim() === '';
	if (lastSemi < 0 || (depth > 0 && !ownAside)) return [span];
	// "X chủ trì, phối hợp với Y hoàn thiện hồ sơ …; chi trả … trước ngày …": a task opened jointly
	// with a co-operating party runs on through its ";"-steps (the support would be lost on a split).
	if (/^[\s,]*(?:chủ trì,?\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)\s/u.test(text.slice(predStart, predStart + 40))) return [span];
	// "theo dõi, đôn đốc; tham mưu … trong tháng 01/2025": a clause of a few words with no object
	// is not a task of its own.
	if (lastSemi > predStart && text.slice(predStart, lastSemi).trim().split(/\s+/u).length <= 4) return [span];
	const clause = skipSpaces(text, lastSemi + 1);
	if (WHOLE_TASK_DEADLINE_RE.test(text.slice(clause, clause + 48).toLowerCase())) return [span];
	// "…; xóa các vùng lõm sóng, hoàn thành trong năm 2026": a completion phrase set off by a comma
	// at the end of the item closes the whole list of tasks, not only the last one, unless the last
	// clause is a procedure of its own ("…; giao X lập hồ sơ, gửi Sở Y thẩm định, trình …, hoàn
	// thành trước ngày …").
	const ownProcedure = /,\s*(?:gửi|trình)\s/u.test(text.slice(clause, deadline.span.start));
	if (
		!ownProcedure &&
		/^(?:xong|hoàn thành|hoàn tất)(?![\p{L}\p{M}])/u.test(deadline.text) &&
		/,\s*$/u.test(text.slice(Math.max(span.start, deadline.span.start - 4), deadline.span.start)) &&
		!text.slice(deadline.span.end, span.end).includes(';')
	)
		return [span];
	// [A2] "…; tăng cường kiểm tra, đôn đốc …, bảo đảm hoàn thành việc áp dụng … chậm nhất đến ngày …":
	// the completion the task is to ensure, set off by a comma, dates the whole task.
	if (ASSURED_COMPLETION_RE.test(text.slice(clause, deadline.span.start))) return [span];
	// A clause that reports back ("tổng hợp báo cáo … tại cuộc họp …") closes the whole task.
	if (/báo cáo/u.test(text.slice(clause, deadline.span.end))) return [span];
	return [
		{ start: span.start, end: lastSemi },
		{ start: clause, end: span.end }
	];
}
