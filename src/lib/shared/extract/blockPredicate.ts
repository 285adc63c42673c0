/**
 * The predicate stage of the block reader: whether a subject-less sentence directs anything, and
 * the action a task is, in short (RULES.md V).
 */
import type { Deadline, Span } from './types';
import { AGREEMENT_RE, NARRATIVE_RE, PRAISE_RE } from './blockWords';

/** True when a sentence with no subject still reads as a directive, not a statement. */
export function isDirective(sentence: string): boolean {
	const s = sentence.trim();
	if (AGREEMENT_RE.test(s) || PRAISE_RE.test(s) || NARRATIVE_RE.test(s)) return false;
	const firstClause = s.split(/[,;:]/u)[0] ?? s;
	const modal = /(?:^|\s)(?:cần|phải)(?![\p{L}\p{M}])/u.test(s);
	if (/\slà(?:\s|:)/u.test(` ${firstClause}`) && !modal) return false;
	if (/^Việc\s/u.test(s) && !modal) return false;
	const head = s.split(/\s+/u, 4).join(' ');
	if (/(?:^|\s)(?:đã|đang|vừa)(?:\s|$)/u.test(head)) return false;
	return true;
}

/** Trims a predicate to a short action phrase. */
export function actionOf(text: string, span: Span, deadline: Deadline | null): { action: string; span: Span } {
	let s = span.start;
	let e = span.end;
	const head = /^[\s,:;]*(?:(?:cần phải|cần|phải|có trách nhiệm)\s+)?/u.exec(text.slice(s, s + 30));
	if (head) s += head[0].length;
	while (e > s && /[\s.,;:/]/u.test(text[e - 1] ?? '')) e--;
	let action = text.slice(s, e);
	if (deadline && deadline.span.start >= s && deadline.span.end <= e) {
		action = (text.slice(s, deadline.span.start) + text.slice(deadline.span.end, e))
			.replace(/\s*,\s*$/u, '')
			.replace(/\s+([,.;])/gu, '$1')
			.trim();
	}
	if (action.length > 220) action = `${action.slice(0, 220).replace(/\s+\S*$/u, '')}…`;
	action = action.charAt(0).toUpperCase() + action.slice(1);
	return { action, span: { start: s, end: e } };
}
