/**
 * The shape of a task report (báo cáo kết quả thực hiện nhiệm vụ), shared by the server that
 * builds it (server/reports/monthlyReport.ts), the .docx/.xlsx writers and the charts.
 */
import type { SourceType } from '../tracker/sourceTypes';
import type { IsoDay } from './vnDate';

/** How the tasks of a group stood on the evaluation day. */
export interface OutcomeCounts {
	/** Official tasks issued in the period, cancelled ones included. */
	total: number;
	/** Cancelled (thôi thực hiện) by the evaluation day: reported apart, outside every base. */
	cancelled: number;
	/** Tasks assigned (giao): total − cancelled. The base of seed 001's percentages. */
	assigned: number;
	/** Done (hoàn thành) = doneOnTime + doneLate. */
	done: number;
	/** Done on or before the ORIGINAL deadline (or without one). */
	doneOnTime: number;
	/** Done after the original deadline. */
	doneLate: number;
	/** Not done, within the deadline: plain + due soon + no deadline + awaiting confirmation. */
	within: number;
	/** Not done and past the deadline in force on the evaluation day (quá hạn). */
	overdue: number;
	/** The parts of `within`. */
	withinParts: { inTime: number; dueSoon: number; noDeadline: number; awaiting: number };
	/**
	 * The tasks already due by the evaluation day (deadline in force on or before it), the base of
	 * the national reports' rates. Tasks with no deadline, or done ahead of a later deadline, are
	 * outside it.
	 */
	due: { total: number; done: number; doneOnTime: number; doneLate: number; within: number; overdue: number };
}

/** Percentages (0–100, unrounded; null when the base is empty). */
export interface OutcomeRates {
	done: number | null;
	doneOnTime: number | null;
	doneLate: number | null;
	within: number | null;
	overdue: number | null;
}

/** Counts of one group with its rates over both bases. */
export interface OutcomeGroup {
	counts: OutcomeCounts;
	/** Over all assigned tasks (as seed 001 does). */
	ofAssigned: OutcomeRates;
	/** Over the tasks already due by the evaluation day (as the national reports do). */
	ofDue: OutcomeRates;
}

/** One lead agency's row (cơ quan chủ trì). */
export interface AgencyReportRow extends OutcomeGroup {
	/** Rank by completion rate, then number of tasks (1 = best). */
	rank: number;
	agency: string;
}

/** One source type's row (nguồn kết luận); `source` null for tasks issued without one. */
export interface SourceReportRow extends OutcomeGroup {
	source: SourceType | null;
	label: string;
}

/**
 * Who assigned the tasks, as seed 001 keeps them apart: "UBND tỉnh, Chủ tịch UBND tỉnh" (the
 * UBND and CT_UBND sources together), the Party committee, the People's Council, the Government;
 * OTHER holds tasks issued without a source.
 */
export type SourceGroupKey = 'UBND' | 'TU' | 'HDND' | 'CP' | 'OTHER';

/** One group of sources: its figures, and its name as the report's sentences say it. */
export interface SourceGroupRow extends OutcomeGroup {
	key: SourceGroupKey;
	/** "UBND tỉnh, Chủ tịch UBND tỉnh" — the subject of "… đã giao N nhiệm vụ". */
	label: string;
}

/** A task report over one period. */
export interface TaskReport {
	period: { from: IsoDay; to: IsoDay; label: string };
	/** The day statuses are taken at: min(today, period end). */
	evaluatedOn: IsoDay;
	/** True when the period has not ended yet (figures are "đến nay"). */
	partial: boolean;
	totals: OutcomeGroup;
	/** Lead agencies, best completion rate first. A task with two leads counts for each. */
	byAgency: AgencyReportRow[];
	/** Tasks without any lead agency (counted in totals, absent from byAgency). */
	withoutLead: OutcomeCounts;
	/** Source types in SOURCE_TYPES order (all of them, zeros included), then tasks without one. */
	bySource: SourceReportRow[];
	/** The groups of seed 001, in its order (UBND first; OTHER only when it has tasks): they add up to `totals`. */
	groups: SourceGroupRow[];
}
