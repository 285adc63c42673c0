/**
 * The sentences of a task report, worded as seed 001 words them ("… đã giao 206 nhiệm vụ …:
 * có 129 nhiệm vụ đã hoàn thành (62,6%), 55 nhiệm vụ quá hạn (chiếm 26,7%), 22 nhiệm vụ đang
 * thực hiện (chiếm 10,7%)"), so the .docx, the .xlsx and the screen say the same thing.
 */
import { formatCount, formatPercent } from './vnNumber';
import type { OutcomeGroup, TaskReport } from './reportTypes';
import { shortDate } from './vnDate';

/** Who assigns the tasks, as the sentence names them. */
export const DEFAULT_ASSIGNER = 'UBND tỉnh, Chủ tịch UBND tỉnh';

/** The period as it follows "Trong": a custom "từ … đến …" label reads "thời gian từ … đến …". */
export function periodPhrase(label: string): string {
	return label.startsWith('từ ') ? `thời gian ${label}` : label;
}

/**
 * The group the report's own sentences speak of: the tasks "UBND tỉnh, Chủ tịch UBND tỉnh" assigned
 * (seed 001, 3.2), kept apart from the Party committee's, the Council's and the Government's,
 * which have sentences of their own ({@link otherGroupSentences}).
 */
export function ubndGroup(report: TaskReport): OutcomeGroup {
	return report.groups.find((g) => g.key === 'UBND') ?? report.totals;
}

/** The figures sentence over the tasks `assigner` assigned (seed 001 style); by default the UBND group. */
export function figuresSentence(report: TaskReport, assigner = DEFAULT_ASSIGNER, group: OutcomeGroup = ubndGroup(report)): string {
	const head = `Trong ${periodPhrase(report.period.label)}, ${assigner} đã giao ${formatCount(group.counts.assigned)} nhiệm vụ cho các cơ quan, đơn vị, địa phương`;
	return outcomeSentence(report, head, group);
}

/** `head` (who gave how many tasks), then how they stand, as the report's sentences say it. */
function outcomeSentence(report: TaskReport, head: string, group: OutcomeGroup): string {
	const c = group.counts;
	const r = group.ofAssigned;
	if (c.assigned === 0) return `${head}.`;
	const asOf = report.partial ? ` (số liệu tính đến ngày ${shortDate(report.evaluatedOn)})` : '';
	return (
		`${head}${asOf}. Kết quả thực hiện cụ thể như sau: có ${formatCount(c.done)} nhiệm vụ đã hoàn thành (${formatPercent(r.done)}), ` +
		`trong đó ${formatCount(c.doneOnTime)} nhiệm vụ hoàn thành đúng hạn, ${formatCount(c.doneLate)} nhiệm vụ hoàn thành quá hạn; ` +
		`${formatCount(c.overdue)} nhiệm vụ quá hạn (chiếm ${formatPercent(r.overdue)}), ${formatCount(c.within)} nhiệm vụ đang thực hiện trong hạn (chiếm ${formatPercent(r.within)}).`
	);
}

/**
 * The sentence over the tasks already due (national-report style), or null when none is due. Its
 * parts add up to its whole: a task due today, or reported done and not yet confirmed, is due but
 * neither done nor late, and is said so.
 */
export function dueSentence(report: TaskReport, group: OutcomeGroup = ubndGroup(report)): string | null {
	const d = group.counts.due;
	const r = group.ofDue;
	if (d.total === 0) return null;
	const pending =
		d.within > 0 ? `, ${formatCount(d.within)} nhiệm vụ đến hạn trong ngày hoặc đã báo cáo hoàn thành, đang chờ xác nhận (${formatPercent(r.within)})` : '';
	return (
		`Trong số ${formatCount(d.total)} nhiệm vụ đã đến hạn, có ${formatCount(d.doneOnTime)} nhiệm vụ hoàn thành đúng hạn (đạt ${formatPercent(r.doneOnTime)}), ` +
		`${formatCount(d.doneLate)} nhiệm vụ hoàn thành quá hạn (${formatPercent(r.doneLate)}), ${formatCount(d.overdue)} nhiệm vụ quá hạn chưa hoàn thành (${formatPercent(r.overdue)})${pending}.`
	);
}

/** One figures sentence per other source group that assigned tasks in the period (Tỉnh ủy, HĐND, Chính phủ…). */
export function otherGroupSentences(report: TaskReport): string[] {
	return report.groups
		.filter((g) => g.key !== 'UBND' && g.counts.total > 0)
		.map((g) =>
			// The tasks outside the four sources have no one who "gave" them: named by what they are.
			g.key === 'OTHER'
				? outcomeSentence(
						report,
						`Trong ${periodPhrase(report.period.label)}, có ${formatCount(g.counts.assigned)} nhiệm vụ khác được theo dõi (${g.label.toLocaleLowerCase('vi')})`,
						g
					)
				: figuresSentence(report, g.label, g)
		);
}

/** The cancelled-tasks sentence ("có 09 nhiệm vụ thôi không thực hiện"), or null when none. */
export function cancelledSentence(report: TaskReport): string | null {
	const c = report.totals.counts;
	if (c.cancelled === 0) return null;
	return `Ngoài ra, có ${formatCount(c.cancelled)} nhiệm vụ thôi không thực hiện, không tính vào tổng số nhiệm vụ được giao.`;
}
