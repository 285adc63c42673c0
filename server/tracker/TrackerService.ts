import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import type { Deadline } from '#shared/extract/types';
import { foldVietnamese } from '#shared/text/fold';
import { addDays, computeStatus, statusKey, vnDay, type IsoDay, type StatusKey, type TaskStatus } from '#shared/tracker/status';
import { isIssueSourceType, isSourceType, type SourceType } from '#shared/tracker/sourceTypes';
import type { NotificationKind } from '#shared/tracker/notificationKinds';
import { isIsoDate } from '#shared/doc/metaRules';
import { shortDate } from '#shared/format/vnDate';
import { missingForIssue } from '#shared/tasks/review';
import type { Db } from '../db';
import type { User } from '../auth/types';
import { migrateTracker } from './schema';
import { closeOccurrence, makeOccurrences, migrateOccurrences, occurrencesOf } from './occurrences';
import { findIssuedNotice } from '../notices/NoticeRegistry';
import { STATUS_SQL, statusCondition, statusParams } from './statusSql';

/** An error of the tracker with a stable reason and a Vietnamese message. */
export class TrackerError extends Error {
	constructor(
		readonly reason: 'not-found' | 'forbidden' | 'invalid-input' | 'conflict',
		message: string
	) {
		super(message);
		this.name = 'TrackerError';
	}
}

export type { NotificationKind };

/** One notification as it was stored for an agency (for e-mail: the host sends it when SMTP is set). */
export interface StoredNotification {
	agency: string;
	kind: NotificationKind;
	text: string;
	ref: TaskRef;
	/** The task's action, to name it in a mail's subject. */
	action: string;
}

/**
 * A correction of an issued task (issue 9 [3]): the whole new lead and support lists (agency
 * names as the directory spells them, checked by the caller), the new working deadline (null: no
 * deadline), why, and the number of the đính chính notice that carries it, if one was issued.
 */
export interface TaskCorrection {
	lead: readonly string[];
	support: readonly string[];
	due: IsoDay | null;
	reason: string;
	/** "12/TB-VP": the correcting notice's number and symbol; '' when none was issued. */
	document: string;
}

/** A task added to an issued notice (by a đính chính / bổ sung), outside its frozen text. */
export interface AddedTask extends TaskCorrection {
	action: string;
}

/** A review item the issuer accepted without fixing it (IssuePanel): recorded with the issue. */
export interface AcceptedReview {
	key: string;
	taskId: string | null;
	message: string;
}

/** True for a TrackerError (by name: the SvelteKit bundle has its own copy of this class). */
export function isTrackerError(e: unknown): e is TrackerError {
	return e instanceof Error && e.name === 'TrackerError' && typeof (e as { reason?: unknown }).reason === 'string';
}

/** Identifies one task. */
export interface TaskRef {
	noticeId: string;
	taskId: string;
}

/** What the host lets the tracker do to a notice's document when issuing it. */
export interface IssueDocs {
	/** Refuses every further client change to the notice (before the server writes its number). */
	freeze(noticeId: string): void;
	/** Undoes `freeze` when issuing failed. */
	unfreeze(noticeId: string): void;
	/** Applies a server change to the notice's doc (persisted, broadcast) and returns the doc after it. */
	updateDoc(noticeId: string, change: (doc: Y.Doc) => void): Promise<Y.Doc>;
	/** Re-projects the notice's draft tasks from `doc` (the same extraction as the editor). */
	project(noticeId: string, doc: Y.Doc): void;
}

/** Filters of the tracker list. */
export interface TrackerFilter {
	/** Agency named as lead or support (or only one role), matched without diacritics. */
	agency?: string;
	agencyRole?: 'lead' | 'support' | 'any';
	status?: readonly StatusKey[];
	/** Working due day range (inclusive). */
	dueFrom?: IsoDay;
	dueTo?: IsoDay;
	source?: SourceType;
	noticeId?: string;
	/** Provincial leader in charge, matched without diacritics. */
	leader?: string;
	/** Words of the action, agencies or notice title, without diacritics. */
	q?: string;
	state?: 'draft' | 'official';
	sort?: 'due' | 'notice' | 'status' | 'agency';
	desc?: boolean;
	/** Also count tasks per lead agency over the whole filtered set (reads every row). */
	withCounts?: boolean;
	limit?: number;
	offset?: number;
}

/** A task row of the tracker. */
export interface TrackerRow {
	noticeId: string;
	noticeTitle: string;
	noticeNumber: string;
	taskId: string;
	state: 'draft' | 'official';
	lead: string[];
	support: string[];
	officials: string[];
	action: string;
	deadline: Deadline | null;
	dueOriginal: IsoDay | null;
	dueWorking: IsoDay | null;
	sourceType: SourceType | null;
	status: TaskStatus;
	statusKey: StatusKey;
	progressPercent: number;
	lastProgressAt: number | null;
}

/** Result of a list query. */
export interface TrackerPage {
	rows: TrackerRow[];
	total: number;
	/** Counts per lead agency over the whole filtered set, most tasks first (when asked for). */
	byAgency: { agency: string; total: number; overdue: number; done: number }[];
}

/** One entry of a task's history. */
export interface TaskEvent {
	at: number;
	actorName: string;
	kind: string;
	text: string;
	data: unknown;
}

/** Vietnamese names of history entries. */
export const EVENT_LABELS: Record<string, string> = {
	issued: 'Ban hành',
	progress: 'Báo cáo tiến độ',
	'reported-done': 'Báo cáo hoàn thành',
	'done-confirmed': 'Xác nhận hoàn thành',
	'done-rejected': 'Không xác nhận hoàn thành',
	'extension-requested': 'Đề nghị gia hạn',
	'extension-approved': 'Đồng ý gia hạn',
	'extension-refused': 'Không đồng ý gia hạn',
	cancelled: 'Thôi thực hiện',
	reminded: 'Đôn đốc',
	corrected: 'Đính chính',
	added: 'Bổ sung sau ban hành'
};

/** Ids of tasks added after issue ({@link TrackerService.addTask}): they have no line in the text. */
const ADDED_TASK_PREFIX = 'bs-';

/** True for a task added to an issued notice after its issue, outside its frozen text. */
export function isAddedTask(taskId: string): boolean {
	return taskId.startsWith(ADDED_TASK_PREFIX);
}

/** A đính chính notice's number as the office writes it: "12/TB-VP", "05/TB-UBND". */
const DOCUMENT_NUMBER = /^\d{1,6}\/[\p{Lu}\d]+(?:-[\p{Lu}\d]+)*$/u;

interface Row {
	notice_id: string;
	title: string;
	number: string;
	symbol: string;
	task_id: string;
	state: string;
	lead_json: string;
	support_json: string;
	officials_json: string;
	action: string;
	deadline_json: string | null;
	due_original: string | null;
	due_working: string | null;
	reported_done_on: string | null;
	completed_on: string | null;
	cancelled_on: string | null;
	cancel_reason: string | null;
	source_type: string | null;
	progress_percent: number;
	last_progress_at: number | null;
}

/** The columns of a tracker row (tasks `t` joined with notices `n`). */
const ROW_COLUMNS = `t.notice_id, n.title, n.number, n.symbol, t.task_id, t.state, t.lead_json, t.support_json, t.officials_json, t.action,
	t.deadline_json, t.due_original, t.due_working, t.reported_done_on, t.completed_on, t.cancelled_on, t.cancel_reason,
	t.source_type, t.progress_percent, t.last_progress_at`;

/** The leader filter for a page (walks the list order) and for a count (starts from the leader). */
const LEADER_PAGE = `EXISTS (SELECT 1 FROM task_officials o WHERE o.notice_id = t.notice_id AND o.task_id = t.task_id AND o.official = @leader)`;
const LEADER_COUNT = `(t.notice_id, t.task_id) IN (SELECT notice_id, task_id FROM task_officials WHERE official = @leader)`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c);
const clean = (s: string, max: number) => s.normalize('NFC').trim().slice(0, max);

/**
 * Official tasks after a notice is issued: status from dates and events, progress reports,
 * done reports and their confirmation, extensions, cancellations and reminders, with a history
 * of who did what. Permissions: an agency user sees and acts only on tasks naming its agency;
 * the office (and admin) confirms, decides and cancels; leaders read everything and issue.
 */
export class TrackerService {
	/** Called after a reminder is stored (the host e-mails the agency when SMTP is configured). */
	onReminder: ((reminder: { agency: string; text: string; byName: string; ref?: TaskRef }) => void) | null = null;
	/**
	 * Called after the transaction that stored a task's notification for an agency, once per
	 * notification ever stored (a repeated event stores nothing and calls nothing).
	 */
	onNotification: ((n: StoredNotification) => void) | null = null;
	/** Notifications of the running transaction, handed to onNotification once it commits. */
	#stored: StoredNotification[] = [];

	constructor(
		private readonly db: Db,
		private readonly now: () => number = Date.now
	) {
		migrateTracker(db);
		migrateOccurrences(db);
	}

	#today(): IsoDay {
		return vnDay(this.now());
	}

	// ---------------------------------------------------------------- issuing

	/**
	 * Issues (ban hành) a draft notice: freezes it, gives it the next number of its issuing body
	 * and year, writes number, date and state into the doc, keeps a snapshot, and makes its tasks
	 * official with their deadlines and the notice's source type.
	 */
	/** Issuing runs one notice at a time, so two notices never draw the same number. */
	#issuing: Promise<unknown> = Promise.resolve();

	issue(user: User, noticeId: string, input: { sourceType: string; date?: string; accepted?: AcceptedReview[] }, docs: IssueDocs): Promise<{ number: string }> {
		const run = this.#issuing.then(() => this.#issueNow(user, noticeId, input, docs));
		this.#issuing = run.catch(() => {
			/* a failed issue must not block the next one; the caller gets the error */
		});
		return run;
	}

	async #issueNow(
		user: User,
		noticeId: string,
		input: { sourceType: string; date?: string; accepted?: AcceptedReview[] },
		docs: IssueDocs
	): Promise<{ number: string }> {
		if (!['admin', 'office', 'leader'].includes(user.role))
			throw new TrackerError('forbidden', 'Chỉ lãnh đạo hoặc chuyên viên Văn phòng được ban hành thông báo.');
		if (!isIssueSourceType(input.sourceType))
			throw new TrackerError('invalid-input', 'Hãy chọn nguồn của kết luận (Tỉnh ủy, HĐND, UBND, Chủ tịch UBND tỉnh, Chính phủ).');
		if (input.date && !isIsoDate(input.date)) throw new TrackerError('invalid-input', 'Ngày ban hành không hợp lệ.');
		const notice = this.db.prepare('SELECT state, symbol FROM notices WHERE id = ?').get(noticeId) as { state: string; symbol: string } | undefined;
		if (!notice) throw new TrackerError('not-found', 'Không tìm thấy thông báo.');
		if (notice.state === 'issued') throw new TrackerError('conflict', 'Thông báo đã được ban hành.');

		docs.freeze(noticeId);
		let number = '';
		let date = '';
		let doc: Y.Doc;
		try {
			doc = await this.#writeIssued(noticeId, input.date ?? '', docs, (n, d) => ((number = n), (date = d)));
		} catch (e) {
			docs.unfreeze(noticeId);
			throw e;
		}
		docs.project(noticeId, doc);
		const notice2 = new NoticeDoc(doc);
		const meta = notice2.readMeta();
		const at = this.now();
		this.#transaction(() => {
			this.db
				.prepare(`UPDATE notices SET state = 'issued', number = ?, date = ?, symbol = ?, title = ?, source_type = ?, issued_at = ?, issued_by = ? WHERE id = ?`)
				.run(number, date, meta.symbol, meta.title, input.sourceType, at, user.id, noticeId);
			this.db
				.prepare(
					`UPDATE tasks SET state = 'official', source_type = ?, issued_at = ?, notice_date = ?, due_original = deadline_to, due_working = deadline_to WHERE notice_id = ?`
				)
				.run(input.sourceType, at, date, noticeId);
			// A recurring deadline becomes one due day per occurrence, from the notice's date.
			makeOccurrences(this.db, noticeId, date);
			this.db
				.prepare(`INSERT OR REPLACE INTO notice_snapshots (notice_id, at, doc_update, body_text, meta_json) VALUES (?, ?, ?, ?, ?)`)
				.run(noticeId, at, Buffer.from(Y.encodeStateAsUpdate(doc)), notice2.bodyText(), JSON.stringify(meta));
			const ids = this.db.prepare(`SELECT task_id FROM tasks WHERE notice_id = ?`).all(noticeId) as { task_id: string }[];
			// What the issuer accepted as it was (review before issuing) goes into each task's history;
			// what concerns the header, into every task's.
			const accepted = input.accepted ?? [];
			const general = accepted.filter((a) => !a.taskId).map((a) => a.message);
			for (const { task_id } of ids) {
				const own = accepted.filter((a) => a.taskId === task_id).map((a) => a.message);
				const notes = [...general, ...own];
				this.#event(noticeId, task_id, user, 'issued', `Số ${number}/${meta.symbol}${notes.length ? `. Chấp nhận khi ban hành: ${notes.join(' ')}` : ''}`);
			}
			// Each agency named hears of its new tasks (once per task, however often issuing is retried).
			const newTasks = this.db.prepare(`SELECT task_id, action, due_working FROM tasks WHERE notice_id = ?`).all(noticeId) as {
				task_id: string;
				action: string;
				due_working: string | null;
			}[];
			for (const t of newTasks) {
				const due = t.due_working ? `, hạn ${shortDate(t.due_working)}` : '';
				this.#notify(
					{ noticeId, taskId: t.task_id },
					'new-task',
					`Nhiệm vụ mới theo Thông báo số ${number}/${meta.symbol}: ${t.action.slice(0, 300)}${due}.`,
					user
				);
			}
		});
		return { number };
	}

	/**
	 * Writes number, date and state into the doc, reading the header as it is at that moment.
	 * The document decides (Decree 30/2020): a number written in the header ("Số: 45/TB-VP") is
	 * kept, and only a blank one takes the next number of its symbol and year; the date is the one
	 * chosen in the issue panel, else the header's, else today. A date after today or before the
	 * meeting, or a number already issued under the same symbol in that year, is refused and
	 * nothing is written.
	 */
	#writeIssued(noticeId: string, chosenDate: string, docs: IssueDocs, done: (number: string, date: IsoDay) => void): Promise<Y.Doc> {
		return docs.updateDoc(noticeId, (d) => {
			const n = new NoticeDoc(d);
			const meta = n.readMeta();
			const today = this.#today();
			const date = chosenDate || (isIsoDate(meta.date) ? meta.date : '') || today;
			// Decree 30/2020: a notice is not issued without these (the panel says so before).
			const missing = missingForIssue({ ...meta, date });
			if (missing.length) throw new TrackerError('invalid-input', `Chưa thể ban hành: phần đầu còn thiếu ${missing.join(', ')} (Nghị định 30/2020/NĐ-CP).`);
			if (date > today)
				throw new TrackerError('invalid-input', `Ngày ban hành ${shortDate(date)} sau ngày hôm nay (${shortDate(today)}): chưa thể ban hành với ngày này.`);
			if (isIsoDate(meta.meetingDate) && date < meta.meetingDate)
				throw new TrackerError('invalid-input', `Ngày ban hành ${shortDate(date)} trước ngày họp ${shortDate(meta.meetingDate)}: hãy xem lại ngày.`);
			const year = date.slice(0, 4);
			const written = meta.number.trim();
			if (written && !/^\d{1,6}$/.test(written))
				throw new TrackerError(
					'invalid-input',
					`Số văn bản “${written}” ở phần đầu không hợp lệ: chỉ ghi chữ số (ví dụ 45), hoặc để trống để lấy số tiếp theo.`
				);
			let number: string;
			if (written) {
				number = String(Number(written));
				if (findIssuedNotice(this.db, meta.symbol, number, year, noticeId))
					throw new TrackerError(
						'conflict',
						`Số ${number}/${meta.symbol} năm ${year} đã được dùng cho một thông báo đã ban hành: hãy sửa số ở phần đầu hoặc để trống.`
					);
			} else {
				// Decree 30/2020: numbers run per issuing body (its symbol) and calendar year.
				const row = this.db
					.prepare(`SELECT MAX(CAST(number AS INTEGER)) AS n FROM notices WHERE state = 'issued' AND symbol = ? AND substr(date, 1, 4) = ?`)
					.get(meta.symbol, year) as { n: number | null };
				number = String((row.n ?? 0) + 1);
			}
			done(number, date);
			n.writeMeta({ number, date, state: 'issued' }, 'tracker');
		});
	}

	/** Ids of issued notices (frozen again when the server restarts). */
	issuedNoticeIds(): string[] {
		return (this.db.prepare(`SELECT id FROM notices WHERE state = 'issued'`).all() as { id: string }[]).map((r) => r.id);
	}

	// ---------------------------------------------------------------- reading

	/**
	 * Tasks `user` may see, filtered and sorted. Every filter is written so that SQLite can use an
	 * index (status as date ranges, agencies through task_agencies), which keeps a page of the
	 * list under ~50 ms at 100 000 tasks (bench/tracker.ts). Counts per agency are computed only
	 * when asked for (`withCounts`): they read every filtered row.
	 */
	list(user: User, filter: TrackerFilter = {}): TrackerPage {
		const today = this.#today();
		const where: string[] = [];
		const params: Record<string, unknown> = { ...statusParams(today) };
		const byAgencies = (names: string[], role: 'lead' | 'support' | 'any', prefix: string) => {
			names.forEach((n, i) => (params[`${prefix}${i}`] = n));
			const list = names.map((_, i) => `@${prefix}${i}`).join(', ') || 'NULL';
			return `(t.notice_id, t.task_id) IN (SELECT notice_id, task_id FROM task_agencies WHERE agency_folded IN (${list})${role === 'any' ? '' : ` AND role = '${role}'`})`;
		};
		if (user.role === 'agency') {
			if (!user.agency) return { rows: [], total: 0, byAgency: [] };
			where.push(`t.state = 'official'`, byAgencies([foldVietnamese(user.agency)], 'any', 'own'));
		}
		if (filter.agency) where.push(byAgencies(this.#agenciesLike(filter.agency), filter.agencyRole ?? 'any', 'ag'));
		if (filter.status?.length) where.push(`(${filter.status.map((k) => `(${statusCondition(k)})`).join(' OR ')})`);
		if (filter.dueFrom) {
			where.push('t.due_working >= @dueFrom');
			params.dueFrom = filter.dueFrom;
		}
		if (filter.dueTo) {
			where.push('t.due_working <= @dueTo');
			params.dueTo = filter.dueTo;
		}
		if (filter.source) {
			where.push('t.source_type = @source');
			params.source = filter.source;
		}
		if (filter.noticeId) {
			where.push('t.notice_id = @notice');
			params.notice = filter.noticeId;
		}
		if (filter.state) {
			where.push('t.state = @state');
			params.state = filter.state;
		}
		if (filter.leader) {
			// An exact name from the list of leaders: "Chủ tịch UBND tỉnh" must not match every "Phó Chủ tịch …".
			// The page correlates on the primary key, so SQLite walks the list's order and stops at the
			// page's end; the count starts from the leader's index entries instead (see below).
			where.push(LEADER_PAGE);
			params.leader = filter.leader.normalize('NFC').trim();
		}
		if (filter.q) {
			const q = foldVietnamese(filter.q);
			// The trigram index answers substrings of three characters or more; shorter words scan.
			if (q.length >= 3) {
				// A quoted phrase on a trigram table is a substring search answered by the index.
				// The search rows share the task's rowid: the index answers without reading its content.
				where.push(`t.rowid IN (SELECT rowid FROM task_search WHERE task_search MATCH @q)`);
				params.q = `text : "${q.replace(/"/g, '""')}"`;
			} else {
				where.push(`t.agencies_folded || ' ' || COALESCE(t.search_folded, '') LIKE @q ESCAPE '\\'`);
				params.q = `%${escapeLike(q)}%`;
			}
		}
		const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
		const dir = filter.desc ? 'DESC' : 'ASC';
		const order = {
			due: `(t.due_working IS NULL) ${dir}, t.due_working ${dir}, t.notice_id, t.ord`,
			notice: `t.issued_at ${dir}, t.notice_id, t.ord`,
			status: `(${STATUS_SQL}) ${dir}, (t.due_working IS NULL), t.due_working, t.notice_id, t.ord`,
			agency: `t.lead_json ${dir}, t.notice_id, t.ord`
		}[filter.sort ?? 'due'];
		params.limit = Math.min(Math.max(filter.limit ?? 200, 1), 2000);
		params.offset = Math.max(filter.offset ?? 0, 0);
		// Filters through a subquery (agency, leader, words) are cheapest evaluated once: a window
		// count gives the total in the same pass. Index-range filters stream in index order and stop
		// at LIMIT, and their total is an index-only count; a window would read every row there.
		const oneEvaluation = Boolean(filter.agency || filter.q || user.role === 'agency');
		const window = oneEvaluation ? 'COUNT(*) OVER ()' : 'NULL';
		const rows = this.db
			.prepare(
				`SELECT ${ROW_COLUMNS}, page.total
				 FROM (SELECT t.rowid AS rid, ${window} AS total FROM tasks t ${whereSql} ORDER BY ${order} LIMIT @limit OFFSET @offset) page
				 JOIN tasks t ON t.rowid = page.rid JOIN notices n ON n.id = t.notice_id
				 ORDER BY ${order}`
			)
			.all(params) as (Row & { total: number })[];
		const countWhere = whereSql.replace(LEADER_PAGE, LEADER_COUNT);
		const total = rows[0]?.total ?? (this.db.prepare(`SELECT COUNT(*) AS c FROM tasks t ${countWhere}`).get(params) as { c: number }).c;
		const byAgency = filter.withCounts
			? (this.db
					.prepare(
						`SELECT a.agency AS agency, COUNT(*) AS total,
						        SUM(CASE WHEN (${STATUS_SQL}) = 'overdue' THEN 1 ELSE 0 END) AS overdue,
						        SUM(CASE WHEN (${STATUS_SQL}) IN ('done-on-time', 'done-late') THEN 1 ELSE 0 END) AS done
						 FROM tasks t JOIN task_agencies a ON a.notice_id = t.notice_id AND a.task_id = t.task_id AND a.role = 'lead'
						 ${whereSql} GROUP BY a.agency ORDER BY total DESC, a.agency LIMIT 200`
					)
					.all(params) as { agency: string; total: number; overdue: number; done: number }[])
			: [];
		return { rows: rows.map((r) => this.#toRow(r, today)), total, byAgency };
	}

	/** Folded agency names in use that contain `text` (folded): the agency filter's candidates. */
	#agenciesLike(text: string): string[] {
		const names = this.db
			.prepare(`SELECT DISTINCT agency_folded AS a FROM task_agencies WHERE agency_folded LIKE @p ESCAPE '\\' LIMIT 100`)
			.all({ p: `%${escapeLike(foldVietnamese(text))}%` }) as { a: string }[];
		return names.map((n) => n.a);
	}

	/** The provincial leaders named in tasks, for the leader filter's choices. */
	leaders(): string[] {
		const now = this.now();
		if (this.#leaders && now - this.#leaders.at < 60_000) return this.#leaders.names;
		const names = (this.db.prepare(`SELECT DISTINCT official AS name FROM task_officials ORDER BY 1 LIMIT 200`).all() as { name: string }[]).map((r) => r.name);
		this.#leaders = { at: now, names };
		return names;
	}
	#leaders: { at: number; names: string[] } | undefined;

	#toRow(r: Row, today: IsoDay): TrackerRow {
		const status = computeStatus(
			{
				originalDue: r.due_original,
				workingDue: r.due_working,
				reportedDoneOn: r.reported_done_on,
				completedOn: r.completed_on,
				cancelledOn: r.cancelled_on,
				cancelReason: r.cancel_reason
			},
			today
		);
		return {
			noticeId: r.notice_id,
			noticeTitle: r.title,
			noticeNumber: r.number ? `${r.number}/${r.symbol}` : '',
			taskId: r.task_id,
			state: r.state === 'official' ? 'official' : 'draft',
			lead: JSON.parse(r.lead_json) as string[],
			support: JSON.parse(r.support_json) as string[],
			officials: JSON.parse(r.officials_json) as string[],
			action: r.action,
			deadline: r.deadline_json ? (JSON.parse(r.deadline_json) as Deadline) : null,
			dueOriginal: r.due_original,
			dueWorking: r.due_working,
			sourceType: isSourceType(r.source_type) ? r.source_type : null,
			status,
			statusKey: statusKey(status),
			progressPercent: r.progress_percent,
			lastProgressAt: r.last_progress_at
		};
	}

	/** One task with its history, progress reports and extension requests; checks visibility. */
	detail(user: User, ref: TaskRef) {
		const row = this.#visibleRow(user, ref);
		const events = (
			this.db
				.prepare(`SELECT at, actor_name, kind, text, data_json FROM task_events WHERE notice_id = ? AND task_id = ? ORDER BY at, id`)
				.all(ref.noticeId, ref.taskId) as {
				at: number;
				actor_name: string;
				kind: string;
				text: string;
				data_json: string | null;
			}[]
		).map((e): TaskEvent => ({ at: e.at, actorName: e.actor_name, kind: e.kind, text: e.text, data: e.data_json ? JSON.parse(e.data_json) : null }));
		const progress = this.db
			.prepare(
				`SELECT id, at, author_name AS authorName, agency, text, percent, attachments_json AS attachments FROM progress_reports WHERE notice_id = ? AND task_id = ? ORDER BY at DESC`
			)
			.all(ref.noticeId, ref.taskId) as {
			id: string;
			at: number;
			authorName: string;
			agency: string | null;
			text: string;
			percent: number;
			attachments: string;
		}[];
		const extensions = this.db
			.prepare(
				`SELECT id, requested_due AS requestedDue, reason, state, requested_at AS requestedAt, decision_note AS decisionNote FROM extensions WHERE notice_id = ? AND task_id = ? ORDER BY requested_at DESC`
			)
			.all(ref.noticeId, ref.taskId) as { id: string; requestedDue: string; reason: string; state: string; requestedAt: number; decisionNote: string | null }[];
		return {
			task: row,
			occurrences: occurrencesOf(this.db, ref),
			events,
			progress: progress.map((p) => ({ ...p, attachments: JSON.parse(p.attachments) as { name: string; path: string; size: number }[] })),
			extensions
		};
	}

	#rawRow(ref: TaskRef): Row | undefined {
		return this.db
			.prepare(
				`SELECT ${ROW_COLUMNS}
				 FROM tasks t JOIN notices n ON n.id = t.notice_id WHERE t.notice_id = ? AND t.task_id = ?`
			)
			.get(ref.noticeId, ref.taskId) as Row | undefined;
	}

	/** The task's row when `user` may see it; an agency never learns that another agency's task exists. */
	#visibleRow(user: User, ref: TaskRef): TrackerRow {
		const r = this.#rawRow(ref);
		if (!r || (user.role === 'agency' && (r.state !== 'official' || !this.#names(user, ref, 'any'))))
			throw new TrackerError('not-found', 'Không tìm thấy nhiệm vụ.');
		return this.#toRow(r, this.#today());
	}

	/** True when the user's agency is named by the task in `role`. */
	#names(user: User, ref: TaskRef, role: 'lead' | 'any'): boolean {
		if (!user.agency) return false;
		return (
			this.db
				.prepare(`SELECT 1 FROM task_agencies WHERE notice_id = ? AND task_id = ? AND agency_folded = ?${role === 'lead' ? ` AND role = 'lead'` : ''}`)
				.get(ref.noticeId, ref.taskId, foldVietnamese(user.agency)) !== undefined
		);
	}

	// ---------------------------------------------------------------- agencies at work

	#officialOpen(user: User, ref: TaskRef, needLead: boolean): TrackerRow {
		const row = this.#visibleRow(user, ref);
		if (row.state !== 'official') throw new TrackerError('conflict', 'Nhiệm vụ chưa được ban hành.');
		if (row.status.kind === 'cancelled') throw new TrackerError('conflict', 'Nhiệm vụ đã thôi thực hiện.');
		if (row.status.kind === 'done') throw new TrackerError('conflict', 'Nhiệm vụ đã hoàn thành.');
		if (user.role === 'agency' && needLead && !this.#names(user, ref, 'lead'))
			throw new TrackerError('forbidden', 'Chỉ cơ quan chủ trì được báo cáo hoàn thành hoặc đề nghị gia hạn.');
		if (user.role === 'leader') throw new TrackerError('forbidden', 'Lãnh đạo chỉ xem nhiệm vụ.');
		return row;
	}

	/**
	 * Records a progress report. `id` is made by the client, so a report sent again from an
	 * offline outbox is stored once.
	 */
	reportProgress(
		user: User,
		ref: TaskRef,
		input: { id: string; text: string; percent: number; attachments?: { name: string; path: string; size: number }[] }
	): { created: boolean } {
		if (!/^[A-Za-z0-9_-]{8,64}$/.test(input.id)) throw new TrackerError('invalid-input', 'Mã báo cáo không hợp lệ.');
		if (this.db.prepare('SELECT 1 FROM progress_reports WHERE id = ?').get(input.id)) return { created: false };
		this.#officialOpen(user, ref, false);
		const text = clean(input.text, 4000);
		if (!text) throw new TrackerError('invalid-input', 'Hãy nhập nội dung báo cáo tiến độ.');
		if (!Number.isInteger(input.percent) || input.percent < 0 || input.percent > 100)
			throw new TrackerError('invalid-input', 'Tỷ lệ hoàn thành phải là số nguyên từ 0 đến 100.');
		const at = this.now();
		this.#transaction(() => {
			this.db
				.prepare(
					`INSERT INTO progress_reports (id, notice_id, task_id, at, author_id, author_name, agency, text, percent, attachments_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
				)
				.run(input.id, ref.noticeId, ref.taskId, at, user.id, user.displayName, user.agency, text, input.percent, JSON.stringify(input.attachments ?? []));
			this.db
				.prepare(`UPDATE tasks SET progress_percent = ?, last_progress_at = ? WHERE notice_id = ? AND task_id = ?`)
				.run(input.percent, at, ref.noticeId, ref.taskId);
			this.#event(ref.noticeId, ref.taskId, user, 'progress', `${input.percent}% — ${text}`, { id: input.id });
			closeOccurrence(this.db, ref, this.#today(), input.id);
		});
		return { created: true };
	}

	/** The lead agency reports the task done: it awaits the office's confirmation. */
	reportDone(user: User, ref: TaskRef, note: string): void {
		const row = this.#officialOpen(user, ref, true);
		if (row.status.kind === 'awaiting-confirmation') throw new TrackerError('conflict', 'Nhiệm vụ đang chờ Văn phòng xác nhận.');
		const today = this.#today();
		this.#transaction(() => {
			this.db.prepare(`UPDATE tasks SET reported_done_on = ?, progress_percent = 100 WHERE notice_id = ? AND task_id = ?`).run(today, ref.noticeId, ref.taskId);
			this.#event(ref.noticeId, ref.taskId, user, 'reported-done', clean(note, 2000));
		});
	}

	/** The office confirms a done report (the task is done on the day it was reported) or rejects it. */
	decideDone(user: User, ref: TaskRef, confirm: boolean, note: string): void {
		this.#requireOffice(user);
		const row = this.#visibleRow(user, ref);
		if (row.status.kind !== 'awaiting-confirmation') throw new TrackerError('conflict', 'Nhiệm vụ không ở trạng thái chờ xác nhận.');
		this.#transaction(() => {
			if (confirm) this.db.prepare(`UPDATE tasks SET completed_on = reported_done_on WHERE notice_id = ? AND task_id = ?`).run(ref.noticeId, ref.taskId);
			else this.db.prepare(`UPDATE tasks SET reported_done_on = NULL WHERE notice_id = ? AND task_id = ?`).run(ref.noticeId, ref.taskId);
			this.#event(ref.noticeId, ref.taskId, user, confirm ? 'done-confirmed' : 'done-rejected', clean(note, 2000));
			if (!confirm) {
				const why = clean(note, 2000);
				this.#notify(ref, 'done-rejected', `Văn phòng chưa xác nhận hoàn thành nhiệm vụ “${row.action.slice(0, 200)}”${why ? `: ${why}` : '.'}`, user, [
					'lead'
				]);
			}
		});
	}

	/** The lead agency asks to move the deadline, with a reason. */
	requestExtension(user: User, ref: TaskRef, input: { requestedDue: string; reason: string }): string {
		const row = this.#officialOpen(user, ref, true);
		if (!isIsoDate(input.requestedDue)) throw new TrackerError('invalid-input', 'Ngày đề nghị gia hạn không hợp lệ.');
		if (row.dueWorking && input.requestedDue <= row.dueWorking) throw new TrackerError('invalid-input', 'Ngày gia hạn phải sau thời hạn hiện tại.');
		const reason = clean(input.reason, 2000);
		if (!reason) throw new TrackerError('invalid-input', 'Hãy nêu lý do đề nghị gia hạn.');
		if (this.db.prepare(`SELECT 1 FROM extensions WHERE notice_id = ? AND task_id = ? AND state = 'pending'`).get(ref.noticeId, ref.taskId))
			throw new TrackerError('conflict', 'Đã có một đề nghị gia hạn đang chờ xử lý.');
		const id = randomUUID();
		this.#transaction(() => {
			this.db
				.prepare(
					`INSERT INTO extensions (id, notice_id, task_id, requested_due, reason, state, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`
				)
				.run(id, ref.noticeId, ref.taskId, input.requestedDue, reason, user.id, this.now());
			this.#event(ref.noticeId, ref.taskId, user, 'extension-requested', `Đến ${input.requestedDue.split('-').reverse().join('/')}: ${reason}`);
		});
		return id;
	}

	/** The office approves (moving the working deadline) or refuses an extension request. */
	decideExtension(user: User, extensionId: string, approve: boolean, note: string): void {
		this.#requireOffice(user);
		const ext = this.db.prepare(`SELECT notice_id, task_id, requested_due, state FROM extensions WHERE id = ?`).get(extensionId) as
			{ notice_id: string; task_id: string; requested_due: string; state: string } | undefined;
		if (!ext) throw new TrackerError('not-found', 'Không tìm thấy đề nghị gia hạn.');
		if (ext.state !== 'pending') throw new TrackerError('conflict', 'Đề nghị gia hạn đã được xử lý.');
		this.#transaction(() => {
			this.db
				.prepare(`UPDATE extensions SET state = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?`)
				.run(approve ? 'approved' : 'refused', user.id, this.now(), clean(note, 2000), extensionId);
			if (approve) this.db.prepare(`UPDATE tasks SET due_working = ? WHERE notice_id = ? AND task_id = ?`).run(ext.requested_due, ext.notice_id, ext.task_id);
			this.#event(ext.notice_id, ext.task_id, user, approve ? 'extension-approved' : 'extension-refused', clean(note, 2000), {
				requestedDue: ext.requested_due
			});
			const why = clean(note, 2000);
			const to = shortDate(ext.requested_due);
			this.#notify(
				{ noticeId: ext.notice_id, taskId: ext.task_id },
				approve ? 'extension-approved' : 'extension-refused',
				approve
					? `Đề nghị gia hạn đến ${to} đã được chấp thuận${why ? `: ${why}` : '.'}`
					: `Đề nghị gia hạn đến ${to} không được chấp thuận${why ? `: ${why}` : '.'}`,
				user,
				['lead']
			);
		});
	}

	/**
	 * The office withdraws a task (thôi thực hiện), with a reason and, when a đính chính notice
	 * carries it, that notice's number. The agencies named hear of it.
	 */
	cancel(user: User, ref: TaskRef, reason: string, document = ''): void {
		this.#requireOffice(user);
		const row = this.#visibleRow(user, ref);
		if (row.state !== 'official') throw new TrackerError('conflict', 'Chỉ hủy được nhiệm vụ đã ban hành.');
		if (row.status.kind === 'cancelled') throw new TrackerError('conflict', 'Nhiệm vụ đã thôi thực hiện.');
		const why = clean(reason, 2000);
		if (!why) throw new TrackerError('invalid-input', 'Hãy nêu lý do thôi thực hiện.');
		const doc = this.#documentNumber(document);
		this.#transaction(() => {
			this.db
				.prepare(`UPDATE tasks SET cancelled_on = ?, cancel_reason = ? WHERE notice_id = ? AND task_id = ?`)
				.run(this.#today(), why, ref.noticeId, ref.taskId);
			this.#event(ref.noticeId, ref.taskId, user, 'cancelled', doc ? `${why} (theo văn bản số ${doc})` : why, doc ? { document: doc } : undefined);
			this.#notify(ref, 'withdrawn', `Nhiệm vụ “${row.action.slice(0, 200)}” thôi thực hiện: ${why}`, user);
		});
	}

	// ---------------------------------------------------------------- corrections after issue

	/**
	 * Corrects an issued task without touching the frozen text (issue 9 [3]): reassigns its lead
	 * and support agencies and moves its working deadline. The original deadline stays for the
	 * statistics (on time means by the deadline the notice gave), except that a task issued with
	 * no deadline takes the corrected one as its original. Every change is one 'corrected' entry
	 * of the history (before, after, reason, actor, time, đính chính number); agencies named
	 * before or after hear of it, and a newly named one receives the task as new.
	 */
	correct(user: User, ref: TaskRef, input: TaskCorrection): void {
		this.#requireOffice(user);
		const row = this.#visibleRow(user, ref);
		if (row.state !== 'official') throw new TrackerError('conflict', 'Nhiệm vụ chưa ban hành: hãy sửa ngay trong dự thảo.');
		if (row.status.kind === 'cancelled') throw new TrackerError('conflict', 'Nhiệm vụ đã thôi thực hiện.');
		const next = this.#checkedCorrection(ref.noticeId, input);
		const before = { lead: row.lead, support: row.support, due: row.dueWorking };
		const changes: string[] = [];
		const list = (names: readonly string[]) => names.join('; ') || '(không có)';
		const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
		if (!same(before.lead, next.lead)) changes.push(`Chủ trì: ${list(before.lead)} → ${list(next.lead)}`);
		if (!same(before.support, next.support)) changes.push(`Phối hợp: ${list(before.support)} → ${list(next.support)}`);
		const dueText = (d: IsoDay | null) => (d ? shortDate(d) : 'không có thời hạn');
		if (before.due !== next.due) changes.push(`Thời hạn: ${dueText(before.due)} → ${dueText(next.due)}`);
		if (!changes.length) throw new TrackerError('invalid-input', 'Không có gì thay đổi: hãy sửa chủ trì, phối hợp hoặc thời hạn.');
		const named = new Set([...before.lead, ...before.support]);
		this.#transaction(() => {
			this.#writeParties(ref, next.lead, next.support, row.officials, row.action);
			this.db
				.prepare(`UPDATE tasks SET due_working = ?, due_original = COALESCE(due_original, ?), updated_at = ? WHERE notice_id = ? AND task_id = ?`)
				.run(next.due, next.due, this.now(), ref.noticeId, ref.taskId);
			const text = `${changes.join('; ')}. Lý do: ${next.reason}${next.document ? ` (theo văn bản số ${next.document})` : ''}`;
			this.#event(ref.noticeId, ref.taskId, user, 'corrected', text, {
				before,
				after: { lead: next.lead, support: next.support, due: next.due },
				reason: next.reason,
				document: next.document
			});
			const told = `Nhiệm vụ “${row.action.slice(0, 200)}” được đính chính — ${text}`;
			this.#notifyAgencies(ref, [...named], 'corrected', told, user);
			const fresh = [...next.lead, ...next.support].filter((a) => !named.has(a));
			this.#notifyAgencies(
				ref,
				fresh,
				'new-task',
				`Nhiệm vụ được giao thêm: ${row.action.slice(0, 300)}${next.due ? `, hạn ${shortDate(next.due)}` : ''}.`,
				user
			);
		});
	}

	/**
	 * Adds a task to an issued notice (a đính chính / bổ sung), outside the frozen text: official at
	 * once, of the notice's source and date (reports count it with the notice), in its history
	 * with the reason; its agencies receive it as a new task. Returns its id.
	 */
	addTask(user: User, noticeId: string, input: AddedTask): string {
		this.#requireOffice(user);
		const notice = this.db.prepare(`SELECT state, date, source_type FROM notices WHERE id = ?`).get(noticeId) as
			{ state: string; date: string; source_type: string | null } | undefined;
		if (!notice) throw new TrackerError('not-found', 'Không tìm thấy thông báo.');
		if (notice.state !== 'issued') throw new TrackerError('conflict', 'Thông báo chưa ban hành: hãy viết nhiệm vụ ngay trong dự thảo.');
		const action = clean(input.action, 4000);
		if (!action) throw new TrackerError('invalid-input', 'Hãy nhập nội dung nhiệm vụ.');
		const next = this.#checkedCorrection(noticeId, input);
		const taskId = `${ADDED_TASK_PREFIX}${randomUUID()}`;
		const { ord } = this.db.prepare(`SELECT COALESCE(MAX(ord), -1) + 1 AS ord FROM tasks WHERE notice_id = ?`).get(noticeId) as { ord: number };
		const deadline: Deadline | null = next.due
			? { kind: 'date', date: next.due, inclusive: true, text: shortDate(next.due), span: { start: 0, end: 0 } }
			: null;
		const ref = { noticeId, taskId };
		this.#transaction(() => {
			this.db
				.prepare(
					`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action,
					   deadline_json, deadline_from, deadline_to, due_original, due_working, corrected, updated_at, source_type, issued_at, notice_date)
					 VALUES (?, ?, '', ?, 'official', '[]', '[]', '[]', '', '', ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)`
				)
				.run(
					noticeId,
					taskId,
					ord,
					action,
					deadline && JSON.stringify(deadline),
					next.due,
					next.due,
					next.due,
					next.due,
					this.now(),
					notice.source_type,
					this.now(),
					notice.date
				);
			this.#writeParties(ref, next.lead, next.support, [], action);
			this.#event(noticeId, taskId, user, 'added', `Lý do: ${next.reason}${next.document ? ` (theo văn bản số ${next.document})` : ''}`, {
				reason: next.reason,
				document: next.document
			});
			this.#notify(ref, 'new-task', `Nhiệm vụ mới (bổ sung sau ban hành): ${action.slice(0, 300)}${next.due ? `, hạn ${shortDate(next.due)}` : ''}.`, user);
		});
		return taskId;
	}

	/** A correction's fields checked and cleaned, or a Vietnamese error naming what is wrong. */
	#checkedCorrection(noticeId: string, input: TaskCorrection): { lead: string[]; support: string[]; due: IsoDay | null; reason: string; document: string } {
		const names = (list: readonly string[]) => [...new Set(list.map((a) => clean(a, 200)).filter(Boolean))];
		const lead = names(input.lead);
		const support = names(input.support).filter((a) => !lead.includes(a));
		if (!lead.length) throw new TrackerError('invalid-input', 'Hãy chọn ít nhất một cơ quan chủ trì.');
		if (lead.length + support.length > 60) throw new TrackerError('invalid-input', 'Quá nhiều cơ quan trong một nhiệm vụ.');
		const due = input.due || null;
		if (due !== null && !isIsoDate(due)) throw new TrackerError('invalid-input', 'Thời hạn không hợp lệ.');
		const { date } = (this.db.prepare(`SELECT date FROM notices WHERE id = ?`).get(noticeId) as { date: string } | undefined) ?? { date: '' };
		if (due && isIsoDate(date) && due < date)
			throw new TrackerError('invalid-input', `Thời hạn ${shortDate(due)} trước ngày ban hành thông báo (${shortDate(date)}).`);
		const reason = clean(input.reason, 2000);
		if (!reason) throw new TrackerError('invalid-input', 'Hãy nêu lý do đính chính.');
		return { lead, support, due, reason, document: this.#documentNumber(input.document) };
	}

	/** A đính chính notice number as written ("12/TB-VP"), '' for none; anything else is refused. */
	#documentNumber(typed: string): string {
		const doc = clean(typed, 60).replace(/\s*\/\s*/, '/');
		if (doc && !DOCUMENT_NUMBER.test(doc)) throw new TrackerError('invalid-input', `Số văn bản “${doc}” không hợp lệ: ghi như 12/TB-VP, hoặc để trống.`);
		return doc;
	}

	/** Rewrites who a task names, with the rows that list, filter and search read. Inside a transaction. */
	#writeParties(ref: TaskRef, lead: readonly string[], support: readonly string[], officials: readonly string[], action: string): void {
		const folded = foldVietnamese([...lead, ...support].join(' | '));
		const search = foldVietnamese(`${officials.join(' ')} ${action.slice(0, 400)}`);
		const { rowid } = this.db
			.prepare(`UPDATE tasks SET lead_json = ?, support_json = ?, agencies_folded = ?, search_folded = ? WHERE notice_id = ? AND task_id = ? RETURNING rowid`)
			.get(JSON.stringify(lead), JSON.stringify(support), folded, search, ref.noticeId, ref.taskId) as { rowid: number };
		this.db.prepare(`DELETE FROM task_agencies WHERE notice_id = ? AND task_id = ?`).run(ref.noticeId, ref.taskId);
		const add = this.db.prepare(`INSERT OR IGNORE INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`);
		for (const a of lead) add.run(ref.noticeId, ref.taskId, 'lead', a, foldVietnamese(a));
		for (const a of support) add.run(ref.noticeId, ref.taskId, 'support', a, foldVietnamese(a));
		// The search row is keyed by the task's rowid (the one lookup FTS5 indexes, issue 10).
		this.db.prepare(`DELETE FROM task_search WHERE rowid = ?`).run(rowid);
		this.db
			.prepare(`INSERT INTO task_search (rowid, notice_id, task_id, text) VALUES (?, ?, ?, ?)`)
			.run(rowid, ref.noticeId, ref.taskId, `${folded} ${search}`);
	}

	/**
	 * Tells the agencies of a task what happened to it (new task, done report refused, extension
	 * decided): one row in their inbox (/notifications, the `reminders` table with its kind), once —
	 * the same event for the same task and agency is never written twice. Inside the caller's transaction.
	 */
	#notify(ref: TaskRef, kind: NotificationKind, text: string, by: User, roles: ('lead' | 'support')[] = ['lead', 'support']): void {
		const agencies = this.db
			.prepare(`SELECT DISTINCT agency FROM task_agencies WHERE notice_id = ? AND task_id = ? AND role IN (${roles.map(() => '?').join(', ')})`)
			.all(ref.noticeId, ref.taskId, ...roles) as { agency: string }[];
		this.#notifyAgencies(
			ref,
			agencies.map((a) => a.agency),
			kind,
			text,
			by
		);
	}

	/**
	 * {@link #notify} to the agencies given (a correction tells those it no longer names, too).
	 * `eventKey` names the event for "once": the same key for the same task and agency is never
	 * stored twice (default: one per moment, except a new task, which is new once). Returns how
	 * many were stored.
	 */
	#notifyAgencies(ref: TaskRef, agencies: readonly string[], kind: NotificationKind, text: string, by: User | null, eventKey?: string): number {
		const insert = this.db.prepare(
			`INSERT INTO reminders (id, agency, notice_id, task_id, text, at, by_id, by_name, kind, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
		);
		const key = eventKey ?? (kind === 'new-task' ? kind : `${kind}:${this.now()}`);
		let action: string | undefined;
		let stored = 0;
		for (const agency of agencies) {
			const { changes } = insert.run(
				randomUUID(),
				agency,
				ref.noticeId,
				ref.taskId,
				text,
				this.now(),
				by?.id ?? 'system',
				by?.displayName ?? 'Kết Luận (tự động)',
				kind,
				key
			);
			stored += changes;
			if (!changes || !this.onNotification) continue;
			action ??=
				(this.db.prepare(`SELECT action FROM tasks WHERE notice_id = ? AND task_id = ?`).get(ref.noticeId, ref.taskId) as { action: string } | undefined)
					?.action ?? '';
			this.#stored.push({ agency, kind, text, ref, action });
		}
		return stored;
	}

	/** Runs `write` in one transaction and then tells onNotification what it stored. */
	#transaction(write: () => void): void {
		this.#stored = [];
		try {
			this.db.transaction(write)();
		} catch (e) {
			this.#stored = [];
			throw e;
		}
		const stored = this.#stored;
		this.#stored = [];
		for (const n of stored)
			try {
				this.onNotification?.(n);
			} catch (e) {
				// The notification is stored and shown in the app whatever happens to its e-mail.
				console.error('Không chuyển được thông báo:', e);
			}
	}

	// ---------------------------------------------------------------- automatic reminders

	/**
	 * Reminds lead agencies of their deadlines (issue 9 [5]): `daysBefore` days before the working
	 * deadline (0: not before) and once it has passed unreported. Once per task, event and
	 * deadline — run it as often as you like; a deadline moved by an extension or a correction is
	 * a new deadline and is reminded again. Returns how many notifications were stored.
	 */
	sendDeadlineReminders(daysBefore: number): number {
		const today = this.#today();
		type Due = { notice_id: string; task_id: string; action: string; due_working: string };
		const open = "t.state = 'official' AND t.cancelled_on IS NULL AND t.completed_on IS NULL AND t.reported_done_on IS NULL";
		const columns = 'SELECT t.notice_id, t.task_id, t.action, t.due_working FROM tasks t';
		const soon =
			daysBefore > 0
				? (this.db.prepare(`${columns} WHERE ${open} AND t.due_working >= ? AND t.due_working <= ?`).all(today, addDays(today, daysBefore)) as Due[])
				: [];
		const late = this.db.prepare(`${columns} WHERE ${open} AND t.due_working < ?`).all(today) as Due[];
		let stored = 0;
		this.#transaction(() => {
			for (const t of soon)
				stored += this.#notifyLead(
					t,
					'due-soon',
					`Nhiệm vụ “${t.action.slice(0, 200)}” đến hạn ngày ${shortDate(t.due_working)}: đề nghị hoàn thành và báo cáo đúng hạn.`
				);
			for (const t of late)
				stored += this.#notifyLead(
					t,
					'overdue',
					`Nhiệm vụ “${t.action.slice(0, 200)}” đã quá hạn (hạn ${shortDate(t.due_working)}): đề nghị khẩn trương hoàn thành, báo cáo kết quả hoặc đề nghị gia hạn.`
				);
		});
		return stored;
	}

	/** Reminds the task's lead agencies of its working deadline, once per deadline; returns how many were stored. */
	#notifyLead(t: { notice_id: string; task_id: string; due_working: string }, kind: 'due-soon' | 'overdue', text: string): number {
		const leads = this.db.prepare(`SELECT agency FROM task_agencies WHERE notice_id = ? AND task_id = ? AND role = 'lead'`).all(t.notice_id, t.task_id) as {
			agency: string;
		}[];
		return this.#notifyAgencies(
			{ noticeId: t.notice_id, taskId: t.task_id },
			leads.map((l) => l.agency),
			kind,
			text,
			null,
			`${kind}:${t.due_working}`
		);
	}

	/** The office urges (đôn đốc) an agency, about one task or in general. */
	remind(user: User, input: { agency: string; text: string; ref?: TaskRef }): string {
		this.#requireOffice(user);
		const agency = clean(input.agency, 200);
		const text = clean(input.text, 2000);
		if (!agency) throw new TrackerError('invalid-input', 'Hãy chọn cơ quan cần đôn đốc.');
		if (!text) throw new TrackerError('invalid-input', 'Hãy nhập nội dung đôn đốc.');
		if (input.ref) this.#visibleRow(user, input.ref);
		const id = randomUUID();
		this.#transaction(() => {
			this.db
				.prepare(`INSERT INTO reminders (id, agency, notice_id, task_id, text, at, by_id, by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
				.run(id, agency, input.ref?.noticeId ?? null, input.ref?.taskId ?? null, text, this.now(), user.id, user.displayName);
			if (input.ref) this.#event(input.ref.noticeId, input.ref.taskId, user, 'reminded', `${agency}: ${text}`);
		});
		this.onReminder?.({ agency, text, byName: user.displayName, ...(input.ref ? { ref: input.ref } : {}) });
		return id;
	}

	/** The task whose progress report carries attachment `path`, if any. */
	attachmentOwner(path: string): TaskRef | undefined {
		const r = this.db
			.prepare(`SELECT notice_id, task_id FROM progress_reports WHERE attachments_json LIKE ? LIMIT 1`)
			.get(`%"path":"${path.replace(/[%_"\\]/g, '')}"%`) as { notice_id: string; task_id: string } | undefined;
		return r && { noticeId: r.notice_id, taskId: r.task_id };
	}

	/** Reminders addressed to the user's agency, newest first. */
	notifications(user: User): {
		id: string;
		kind: NotificationKind;
		text: string;
		at: number;
		byName: string;
		noticeId: string | null;
		taskId: string | null;
		read: boolean;
	}[] {
		if (!user.agency) return [];
		return (
			this.db
				.prepare(`SELECT id, kind, text, at, by_name, notice_id, task_id, read_at FROM reminders WHERE agency = ? ORDER BY at DESC, rowid DESC LIMIT 200`)
				.all(user.agency) as {
				kind: NotificationKind | null;
				id: string;
				text: string;
				at: number;
				by_name: string;
				notice_id: string | null;
				task_id: string | null;
				read_at: number | null;
			}[]
		).map((r) => ({
			id: r.id,
			kind: r.kind ?? 'remind',
			text: r.text,
			at: r.at,
			byName: r.by_name,
			noticeId: r.notice_id,
			taskId: r.task_id,
			read: r.read_at !== null
		}));
	}

	/**
	 * The office's inbox (issue 9 [5]): done reports waiting for confirmation and extension
	 * requests waiting for a decision, oldest first (the longest waiting on top).
	 */
	officeInbox(user: User): {
		doneReports: { noticeId: string; taskId: string; noticeNumber: string; lead: string[]; action: string; reportedOn: string }[];
		extensions: {
			id: string;
			noticeId: string;
			taskId: string;
			noticeNumber: string;
			lead: string[];
			action: string;
			requestedDue: string;
			reason: string;
			requestedAt: number;
		}[];
	} {
		this.#requireOffice(user);
		const number = (r: { number: string; symbol: string }) => (r.number ? `${r.number}/${r.symbol}` : '');
		const done = this.db
			.prepare(
				`SELECT t.notice_id, t.task_id, n.number, n.symbol, t.lead_json, t.action, t.reported_done_on FROM tasks t JOIN notices n ON n.id = t.notice_id
				 WHERE t.state = 'official' AND ${statusCondition('awaiting')} ORDER BY t.reported_done_on, t.rowid LIMIT 500`
			)
			.all() as { notice_id: string; task_id: string; number: string; symbol: string; lead_json: string; action: string; reported_done_on: string }[];
		const ext = this.db
			.prepare(
				`SELECT e.id, e.notice_id, e.task_id, n.number, n.symbol, t.lead_json, t.action, e.requested_due, e.reason, e.requested_at
				 FROM extensions e JOIN tasks t ON t.notice_id = e.notice_id AND t.task_id = e.task_id JOIN notices n ON n.id = e.notice_id
				 WHERE e.state = 'pending' AND t.cancelled_on IS NULL ORDER BY e.requested_at LIMIT 500`
			)
			.all() as {
			id: string;
			notice_id: string;
			task_id: string;
			number: string;
			symbol: string;
			lead_json: string;
			action: string;
			requested_due: string;
			reason: string;
			requested_at: number;
		}[];
		return {
			doneReports: done.map((r) => ({
				noticeId: r.notice_id,
				taskId: r.task_id,
				noticeNumber: number(r),
				lead: JSON.parse(r.lead_json) as string[],
				action: r.action,
				reportedOn: r.reported_done_on
			})),
			extensions: ext.map((r) => ({
				id: r.id,
				noticeId: r.notice_id,
				taskId: r.task_id,
				noticeNumber: number(r),
				lead: JSON.parse(r.lead_json) as string[],
				action: r.action,
				requestedDue: r.requested_due,
				reason: r.reason,
				requestedAt: r.requested_at
			}))
		};
	}

	/** How many items wait in the office's inbox (for the top bar). */
	officeInboxCount(): number {
		const row = this.db
			.prepare(
				`SELECT (SELECT COUNT(*) FROM tasks t WHERE t.state = 'official' AND ${statusCondition('awaiting')})
				      + (SELECT COUNT(*) FROM extensions e JOIN tasks t ON t.notice_id = e.notice_id AND t.task_id = e.task_id WHERE e.state = 'pending' AND t.cancelled_on IS NULL) AS n`
			)
			.get() as { n: number };
		return row.n;
	}

	/** Marks the user's agency's reminders read. */
	markNotificationsRead(user: User): void {
		if (user.agency) this.db.prepare(`UPDATE reminders SET read_at = ? WHERE agency = ? AND read_at IS NULL`).run(this.now(), user.agency);
	}

	/**
	 * The weekly rule (seed 000): every unfinished official task is updated by 16:00 on Friday.
	 * Lists lead agencies with unfinished tasks not updated since Monday of this week, and the
	 * unfinished tasks of source Tỉnh ủy that have no progress summary at all.
	 */
	weeklyUpdates(): { weekStart: IsoDay; cutoffPassed: boolean; agencies: { agency: string; missing: number }[]; tuWithoutSummary: number } {
		const nowMs = this.now();
		const today = vnDay(nowMs);
		const dow = (new Date(today + 'T00:00:00Z').getUTCDay() + 6) % 7; // Monday = 0
		const weekStart = new Date(Date.parse(today + 'T00:00:00Z') - dow * 86_400_000).toISOString().slice(0, 10);
		const weekStartMs = Date.parse(weekStart + 'T00:00:00Z') - 7 * 3600_000; // Monday 00:00 in Hà Nội
		const cutoffMs = weekStartMs + 4 * 86_400_000 + 16 * 3600_000; // Friday 16:00 in Hà Nội
		const params = { ...statusParams(today), weekStartMs };
		const unfinished = `t.state = 'official' AND (${STATUS_SQL}) IN ('within', 'due-soon', 'overdue', 'no-deadline')`;
		const agencies = this.db
			.prepare(
				`SELECT a.agency AS agency, COUNT(*) AS missing FROM tasks t
				 JOIN task_agencies a ON a.notice_id = t.notice_id AND a.task_id = t.task_id AND a.role = 'lead'
				 WHERE ${unfinished} AND (t.last_progress_at IS NULL OR t.last_progress_at < @weekStartMs)
				 GROUP BY a.agency ORDER BY missing DESC, a.agency`
			)
			.all(params) as { agency: string; missing: number }[];
		const tu = this.db.prepare(`SELECT COUNT(*) AS c FROM tasks t WHERE ${unfinished} AND t.source_type = 'TU' AND t.last_progress_at IS NULL`).get(params) as {
			c: number;
		};
		return { weekStart, cutoffPassed: nowMs >= cutoffMs, agencies, tuWithoutSummary: tu.c };
	}

	#requireOffice(user: User): void {
		if (user.role !== 'office' && user.role !== 'admin') throw new TrackerError('forbidden', 'Chỉ Văn phòng được thực hiện thao tác này.');
	}

	#event(noticeId: string, taskId: string, user: User, kind: string, text: string, data?: unknown): void {
		this.db
			.prepare(`INSERT INTO task_events (notice_id, task_id, at, actor_id, actor_name, kind, text, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
			.run(noticeId, taskId, this.now(), user.id, user.displayName, kind, text, data === undefined ? null : JSON.stringify(data));
	}
}
