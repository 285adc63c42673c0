/**
 * Assignment tables pasted as plain text. Word and most PDF readers paste a table row per line
 * with its cells separated by tabs (or, from Markdown, by "|"). A header row names the columns
 * ("Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời hạn hoàn thành"); every row
 * under it is one assignment: the lead from the "chủ trì" column, support from the "phối hợp"
 * column, the deadline from the "thời hạn" column ("Quý II/2024", "Tháng 4/2024", "Hằng quý",
 * "Trước ngày 15/4/2024"; "Thường xuyên" is none).
 */
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { findParties } from '../agencies/matcher';
import { findDeadlines } from './deadline';
import type { AgencyDirectory, IsoDate } from '../agencies/types';
import type { AgencyRef, Assignment, Deadline, Span } from './types';
import { explained } from './ruleIds';

/** Column indices of an assignment table, read from its header row. */
export interface TableColumns {
	lead: number;
	support: number;
	deadline: number;
	task: number;
}

/** One cell of a row: its text and where it is in the row. */
export interface Cell extends Span {
	text: string;
}

/** Splits a source line into cells (tabs, or Markdown pipes); null when it is not a table row. */
export function splitCells(line: string): Cell[] | null {
	const sep = line.includes('\t') ? '\t' : /^\s*\|.*\|\s*$/u.test(line) ? '|' : null;
	if (!sep) return null;
	const cells: Cell[] = [];
	let from = 0;
	for (let i = 0; i <= line.length; i++) {
		if (i < line.length && line[i] !== sep) continue;
		const raw = line.slice(from, i);
		const lead = raw.length - raw.trimStart().length;
		const text = raw.trim();
		cells.push({ text, start: from + lead, end: from + lead + text.length });
		from = i + 1;
	}
	if (sep === '|') {
		// "| a | b |": the pipes at both ends leave empty cells.
		if (!cells[0]?.text) cells.shift();
		if (!cells[cells.length - 1]?.text) cells.pop();
		if (cells.every((c) => /^:?-{3,}:?$/u.test(c.text))) return [];
	}
	return cells.length >= 3 ? cells : null;
}

/** Reads the header row of an assignment table; null when the row is not one. */
export function tableHeader(cells: readonly Cell[]): TableColumns | null {
	// Header cells are short labels; a row of content has at least one long cell.
	if (cells.some((c) => c.text.length > 50)) return null;
	const find = (re: RegExp, not = -1) => cells.findIndex((c, i) => i !== not && re.test(c.text));
	const lead = find(/chủ trì|^(?:cơ quan|đơn vị)(?:\s+(?:thực hiện|được giao|thực hiện chính))?$/iu);
	if (lead < 0) return null;
	return {
		lead,
		support: find(/phối hợp/iu, lead),
		deadline: find(/thời hạn|thời gian|tiến độ|hoàn thành/iu, lead),
		task: find(/nội dung|nhiệm vụ|công việc|việc cần làm/iu, lead)
	};
}

/** The deadline of a "thời hạn" cell: written as a phrase, or as the bare period or date. */
function cellDeadline(cell: Cell, noticeDate?: IsoDate): Deadline | null {
	const t = cell.text;
	if (!t || /^(?:thường xuyên|liên tục|hằng ngày)$/iu.test(t)) return null;
	const tries = [t, `trong ${t}`, `định kỳ ${t}`, `trước ngày ${t}`];
	for (const phrase of tries) {
		const d = findDeadlines(phrase, noticeDate)[0];
		if (d && d.kind !== 'event') return { ...d, text: t, span: { start: cell.start, end: cell.end } };
	}
	return null;
}

/** The parties of a cell: its mentions, or the whole cell as written when nothing is recognised. */
function cellParties(cell: Cell, directory: AgencyDirectory, noticeDate?: IsoDate): AgencyRef[] {
	if (!cell.text) return [];
	const mentions = findParties(cell.text, { directory, ...(noticeDate ? { asOf: noticeDate } : {}) });
	const covered = mentions.reduce((n, m) => n + (m.end - m.start), 0);
	const gaps = cell.text.length - covered;
	// Names separated only by commas and "và" — else the cell is one name the directory lacks.
	if (mentions.length && gaps <= mentions.length * 5)
		return mentions.map((m) => ({
			name: m.name,
			text: m.text,
			kind: m.kind,
			known: m.known,
			span: { start: cell.start + m.start, end: cell.start + m.end },
			...(m.agencyId ? { agencyId: m.agencyId } : {}),
			...(m.successorName ? { successorName: m.successorName } : {})
		}));
	return [{ name: cell.text, text: cell.text, kind: 'unknown', known: false, span: { start: cell.start, end: cell.end } }];
}

/** The assignment of one table row (offsets into the row), or null for an empty row. */
export function rowAssignment(
	cells: readonly Cell[],
	cols: TableColumns,
	context: { noticeDate?: IsoDate; directory?: AgencyDirectory } = {}
): Assignment | null {
	const directory = context.directory ?? DEFAULT_DIRECTORY;
	const leadCell = cells[cols.lead];
	if (!leadCell?.text) return null;
	const lead = cellParties(leadCell, directory, context.noticeDate);
	const supportCell = cols.support >= 0 ? cells[cols.support] : undefined;
	const support = supportCell ? cellParties(supportCell, directory, context.noticeDate).filter((r) => !/liên quan$/u.test(r.text)) : [];
	const deadlineCell = cols.deadline >= 0 ? cells[cols.deadline] : undefined;
	const taskCell =
		(cols.task >= 0 ? cells[cols.task] : undefined) ??
		[...cells].filter((c, i) => i !== cols.lead && i !== cols.support && i !== cols.deadline).sort((a, b) => b.text.length - a.text.length)[0];
	const first = cells[0] as Cell;
	const last = cells[cells.length - 1] as Cell;
	const deadline = deadlineCell ? cellDeadline(deadlineCell, context.noticeDate) : null;
	return {
		span: { start: first.start, end: last.end },
		lead,
		support,
		officials: [],
		action: taskCell?.text ?? '',
		actionSpan: taskCell ? { start: taskCell.start, end: taskCell.end } : { start: first.start, end: first.start },
		deadline,
		...explained(['L7'], lead, support, deadline)
	};
}
