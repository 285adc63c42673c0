/**
 * Task status the way Vietnamese offices count it, computed from dates and events — never typed.
 * All days are calendar days in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 *
 * - not done: within the deadline / due soon (3 days or less left) / overdue / no deadline;
 * - awaiting the office's confirmation (the agency reported it done);
 * - done: on time / late — judged against the ORIGINAL deadline for statistics, and also against
 *   the working deadline (moved by an approved extension, gia hạn) for the agency's own view;
 * - cancelled (thôi thực hiện), with a reason.
 * A period deadline ("trong Quý III/2021") is due on the last day of the period.
 */

/** An ISO calendar day, YYYY-MM-DD. */
export type IsoDay = string;

/** How many days before the due day a task counts as due soon. */
export const DUE_SOON_DAYS = 3;

/** What the tracker knows about one official task. */
export interface TaskFacts {
	/** Due day as issued (null: no deadline, a recurring rule or an event). */
	originalDue: IsoDay | null;
	/** Due day after approved extensions (equals originalDue when none). */
	workingDue: IsoDay | null;
	/** Day the agency reported it done and awaits confirmation (cleared when rejected). */
	reportedDoneOn?: IsoDay | null;
	/** Day the work was done, set when the office confirms the report. */
	completedOn?: IsoDay | null;
	/** Day it was cancelled (thôi thực hiện). */
	cancelledOn?: IsoDay | null;
	cancelReason?: string | null;
}

/** Sub-state of an unfinished task. */
export type OpenDue = 'within' | 'due-soon' | 'overdue' | 'no-deadline';

/** A task's status, switched exhaustively by every view. */
export type TaskStatus =
	| { kind: 'open'; due: OpenDue; daysLeft: number | null }
	| { kind: 'awaiting-confirmation'; reportedOn: IsoDay; due: OpenDue }
	| { kind: 'done'; onTime: boolean; onTimeWorking: boolean; completedOn: IsoDay }
	| { kind: 'cancelled'; reason: string; cancelledOn: IsoDay };

/** Today in Asia/Ho_Chi_Minh (UTC+7 all year). */
export function vnToday(now: Date = new Date()): IsoDay {
	return vnDay(now.getTime());
}

/** The Asia/Ho_Chi_Minh calendar day of an instant (ms since epoch). */
export function vnDay(ms: number): IsoDay {
	return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: IsoDay, b: IsoDay): number {
	return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

/** Adds `n` days to a day. */
export function addDays(day: IsoDay, n: number): IsoDay {
	return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

function openDue(due: IsoDay | null, today: IsoDay): { due: OpenDue; daysLeft: number | null } {
	if (!due) return { due: 'no-deadline', daysLeft: null };
	const left = daysBetween(today, due);
	if (left < 0) return { due: 'overdue', daysLeft: left };
	if (left <= DUE_SOON_DAYS) return { due: 'due-soon', daysLeft: left };
	return { due: 'within', daysLeft: left };
}

/** Computes the status of a task on `today`. */
export function computeStatus(facts: TaskFacts, today: IsoDay): TaskStatus {
	if (facts.cancelledOn) return { kind: 'cancelled', reason: facts.cancelReason ?? '', cancelledOn: facts.cancelledOn };
	if (facts.completedOn) {
		const c = facts.completedOn;
		return {
			kind: 'done',
			completedOn: c,
			onTime: !facts.originalDue || c <= facts.originalDue,
			onTimeWorking: !facts.workingDue || c <= facts.workingDue
		};
	}
	if (facts.reportedDoneOn) return { kind: 'awaiting-confirmation', reportedOn: facts.reportedDoneOn, due: openDue(facts.workingDue, today).due };
	const o = openDue(facts.workingDue, today);
	return { kind: 'open', due: o.due, daysLeft: o.daysLeft };
}

/** Filterable status keys (one per leaf of TaskStatus). */
export const STATUS_KEYS = ['within', 'due-soon', 'overdue', 'no-deadline', 'awaiting', 'done-on-time', 'done-late', 'cancelled'] as const;
/** One of STATUS_KEYS. */
export type StatusKey = (typeof STATUS_KEYS)[number];

/** The filter key of a status. */
export function statusKey(s: TaskStatus): StatusKey {
	switch (s.kind) {
		case 'open':
			return s.due;
		case 'awaiting-confirmation':
			return 'awaiting';
		case 'done':
			return s.onTime ? 'done-on-time' : 'done-late';
		case 'cancelled':
			return 'cancelled';
		default:
			return assertNever(s);
	}
}

/** Vietnamese label of a status key. */
export const STATUS_LABELS: Record<StatusKey, string> = {
	within: 'Đang thực hiện, trong hạn',
	'due-soon': 'Sắp đến hạn',
	overdue: 'Quá hạn',
	'no-deadline': 'Không thời hạn',
	awaiting: 'Chờ xác nhận hoàn thành',
	'done-on-time': 'Hoàn thành đúng hạn',
	'done-late': 'Hoàn thành quá hạn',
	cancelled: 'Thôi thực hiện'
};

/** Label of a status, with the days left or late when it helps. */
export function statusLabel(s: TaskStatus): string {
	if (s.kind === 'open' && s.daysLeft !== null) {
		if (s.due === 'overdue') return `Quá hạn ${-s.daysLeft} ngày`;
		if (s.due === 'due-soon') return s.daysLeft === 0 ? 'Đến hạn hôm nay' : `Còn ${s.daysLeft} ngày`;
	}
	return STATUS_LABELS[statusKey(s)];
}

function assertNever(x: never): never {
	throw new Error(`unexpected status ${JSON.stringify(x)}`);
}
