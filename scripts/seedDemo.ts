/**
 * `npm run seed:demo -- [--tasks 100000] [--notices N] [--data-dir DIR] [--today YYYY-MM-DD] [--seed N]`
 *
 * Fills a database with issued notices (Thông báo kết luận) and their official tasks over three
 * calendar years, for demos, the tracker bench and the report: 60 agencies, five source types,
 * realistic deadlines, tasks done on time or late, overdue, awaiting confirmation, cancelled,
 * extended, with progress reports and history. Deterministic for a given --seed and --today.
 *
 * The schema is made by constructing the real services (so it is exactly theirs); the rows are
 * then bulk-inserted with prepared statements in large transactions, shaped the way TaskStore
 * (projection) and TrackerService (issue, progress, done, extensions, cancel) write them.
 * Refuses a database that already has notices: seeding twice would mix two demo worlds.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import * as Y from 'yjs';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { NoticeDoc, defaultMeta } from '#shared/doc/noticeDoc';
import { foldVietnamese } from '#shared/text/fold';
import { addDays, daysBetween, vnToday, type IsoDay } from '#shared/tracker/status';
import { SOURCE_TYPES, type SourceType } from '#shared/tracker/sourceTypes';
import { openDatabase, type Db } from '../server/db';
import { AuthService } from '../server/auth/AuthService';
import { NoticeRegistry } from '../server/notices/NoticeRegistry';
import { openSqliteDocStore } from '../server/store/SqliteDocStore';
import { TaskStore } from '../server/tasks/TaskStore';
import { TrackerService } from '../server/tracker/TrackerService';
import { mulberry32 } from '#shared/random/mulberry32';

// ---------------------------------------------------------------- arguments

/** Parsed command line of the seed. */
export interface SeedOptions {
	tasks: number;
	notices: number;
	dataDir: string;
	today: IsoDay;
	seed: number;
	/** Skip the demo users (the bench does not need them and argon2 hashing takes a second). */
	users: boolean;
	/** Print progress lines. */
	verbose: boolean;
}

function parseArgs(argv: string[]): SeedOptions {
	const get = (name: string) => {
		const i = argv.indexOf(`--${name}`);
		return i >= 0 ? argv[i + 1] : undefined;
	};
	const tasks = Number(get('tasks') ?? 100_000);
	if (!Number.isInteger(tasks) || tasks < 1) throw new Error('--tasks phải là số nguyên dương');
	const notices = Number(get('notices') ?? Math.max(1, Math.round(tasks / 10)));
	if (!Number.isInteger(notices) || notices < 1 || notices > tasks) throw new Error('--notices phải từ 1 đến số nhiệm vụ');
	const today = get('today') ?? vnToday();
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('--today phải có dạng YYYY-MM-DD');
	return {
		tasks,
		notices,
		dataDir: path.resolve(get('data-dir') ?? process.env.DATA_DIR ?? './data'),
		today,
		seed: Number(get('seed') ?? 20240105),
		users: !argv.includes('--no-users'),
		verbose: !argv.includes('--quiet')
	};
}

// ---------------------------------------------------------------- vocabulary

const DISTRICTS = [
	'thành phố Bắc Giang',
	'huyện Lục Ngạn',
	'huyện Lục Nam',
	'huyện Sơn Động',
	'huyện Yên Thế',
	'huyện Tân Yên',
	'huyện Lạng Giang',
	'huyện Hiệp Hòa',
	'thị xã Việt Yên',
	'huyện Yên Dũng',
	'thị xã Chũ'
];

/** 60 agencies: the directory's departments and provincial bodies, then districts and a few more. */
function demoAgencies(): string[] {
	const names = DEFAULT_DIRECTORY.entries.filter((e) => (e.kind === 'department' || e.kind === 'provincial') && !e.validUntil).map((e) => e.name);
	for (const d of DISTRICTS) names.push(`UBND ${d}`);
	for (const extra of [
		'Công ty Điện lực tỉnh',
		'Viễn thông tỉnh',
		'Công ty TNHH MTV Khai thác công trình thủy lợi',
		'Hội Nông dân tỉnh',
		'Hội Liên hiệp Phụ nữ tỉnh',
		'Trung tâm Phát triển quỹ đất tỉnh',
		'Quỹ Đầu tư phát triển tỉnh',
		'Ban Quản lý dự án đầu tư xây dựng tỉnh',
		'Hội Cựu chiến binh tỉnh',
		'Liên minh Hợp tác xã tỉnh',
		'Trung tâm Xúc tiến đầu tư tỉnh',
		'Trường Cao đẳng Kỹ thuật công nghiệp',
		'Hội Chữ thập đỏ tỉnh',
		'Hội Doanh nghiệp tỉnh'
	])
		names.push(extra);
	return [...new Set(names)].slice(0, 60);
}

const LEADERS = [
	'Chủ tịch UBND tỉnh',
	'Phó Chủ tịch UBND tỉnh Mai Sơn',
	'Phó Chủ tịch UBND tỉnh Phan Thế Tuấn',
	'Phó Chủ tịch UBND tỉnh Lê Ô Pích',
	'Phó Chủ tịch UBND tỉnh Nguyễn Văn Tuấn'
];
const SUBJECTS = [
	'tiến độ giải phóng mặt bằng dự án đường vành đai IV',
	'công tác thu ngân sách nhà nước',
	'giải ngân vốn đầu tư công',
	'phòng, chống dịch bệnh trên đàn vật nuôi',
	'cải cách hành chính và chuyển đổi số',
	'quy hoạch khu công nghiệp',
	'xây dựng nông thôn mới nâng cao',
	'an toàn thực phẩm dịp Tết',
	'xử lý kiến nghị của cử tri',
	'cấp giấy chứng nhận quyền sử dụng đất',
	'phát triển du lịch cộng đồng',
	'chương trình mục tiêu quốc gia giảm nghèo bền vững',
	'sắp xếp đơn vị hành chính cấp xã',
	'xóa nhà tạm, nhà dột nát',
	'phòng cháy, chữa cháy tại khu dân cư',
	'tiêu thụ vải thiều'
];
const VERBS = [
	'Khẩn trương hoàn thiện hồ sơ',
	'Rà soát, tổng hợp và báo cáo',
	'Tham mưu UBND tỉnh ban hành kế hoạch về',
	'Chủ động tháo gỡ khó khăn, vướng mắc về',
	'Kiểm tra, đôn đốc việc thực hiện',
	'Xây dựng phương án xử lý',
	'Tổ chức sơ kết, đánh giá'
];
const SOURCE_WEIGHTS: [SourceType, number][] = [
	['CT_UBND', 0.45],
	['UBND', 0.25],
	['TU', 0.15],
	['HDND', 0.08],
	['CP', 0.07]
];

// ---------------------------------------------------------------- helpers

const newId = () => randomBytes(12).toString('base64url');
const dmy = (d: IsoDay) => d.split('-').reverse().join('/');
const vnNoonMs = (d: IsoDay) => Date.parse(`${d}T09:00:00+07:00`);
const lastOfMonth = (d: IsoDay) => {
	const [y, m] = d.split('-').map(Number) as [number, number];
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Counts each notice's tasks so they sum to exactly `tasks` (1 to ~2× the mean, uneven like real notices). */
function splitTasks(tasks: number, notices: number, rand: () => number): number[] {
	const weights = Array.from({ length: notices }, () => 0.2 + rand() * 1.8);
	const sum = weights.reduce((a, b) => a + b, 0);
	const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * tasks)));
	let left = tasks - counts.reduce((a, b) => a + b, 0);
	for (let i = 0; left !== 0; i = (i + 1) % notices) {
		if (left > 0) {
			counts[i]!++;
			left--;
		} else if (counts[i]! > 1) {
			counts[i]!--;
			left++;
		}
	}
	return counts;
}

// ---------------------------------------------------------------- the seed

/** Summary printed at the end and returned to the bench. */
export interface SeedSummary {
	notices: number;
	tasks: number;
	agencies: number;
	extensions: number;
	progressReports: number;
	users: { username: string; password: string; role: string; agency: string | null }[];
	seconds: number;
}

/** Seeds `opts.dataDir`; throws when it already holds notices. */
export async function seedDemo(opts: SeedOptions): Promise<SeedSummary> {
	const t0 = performance.now();
	const log = (s: string) => {
		if (opts.verbose) process.stdout.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${s}\n`);
	};
	const db = openDatabase(opts.dataDir);
	try {
		// The real services create their tables: the seed can never drift from their schema.
		const auth = new AuthService(db);
		new NoticeRegistry(db, openSqliteDocStore(db));
		new TaskStore(db, () => DEFAULT_DIRECTORY);
		new TrackerService(db);
		if ((db.prepare('SELECT COUNT(*) AS c FROM notices').get() as { c: number }).c > 0)
			throw new Error(`Cơ sở dữ liệu ${path.join(opts.dataDir, 'ketluan.db')} đã có thông báo; hãy dùng một thư mục dữ liệu trống.`);

		const agencies = demoAgencies();
		const users = opts.users ? await createUsers(auth, agencies) : [];
		const admin = users[0];
		const adminId = admin ? auth.findByUsername(admin.username)!.id : 'seed';
		log(`${agencies.length} cơ quan, ${users.length} người dùng; tạo ${opts.notices} thông báo, ${opts.tasks} nhiệm vụ…`);

		const summary = insertWorld(db, opts, agencies, adminId, log);
		// Fresh statistics for the planner after a bulk load (the app never runs ANALYZE itself).
		db.exec('ANALYZE');
		const seconds = (performance.now() - t0) / 1000;
		log(`xong: ${summary.notices} thông báo, ${summary.tasks} nhiệm vụ, ${summary.extensions} gia hạn, ${summary.progressReports} báo cáo tiến độ`);
		return { ...summary, agencies: agencies.length, users, seconds };
	} finally {
		db.close();
	}
}

async function createUsers(auth: AuthService, agencies: string[]): Promise<SeedSummary['users']> {
	const out: SeedSummary['users'] = [];
	const make = async (username: string, displayName: string, role: 'admin' | 'office' | 'leader' | 'agency', agency: string | null = null) => {
		// Demo passwords only: printed once so a tester can log in; never use this on real data.
		const password = `demo-${username}-2024`;
		if (!auth.findByUsername(username)) await auth.createUser({ username, displayName, password, role, agency });
		out.push({ username, password, role, agency });
	};
	await make('quantri', 'Quản trị hệ thống', 'admin');
	await make('chuyenvien', 'Nguyễn Thị Hoa (Văn phòng)', 'office');
	await make('lanhdao', 'Chủ tịch UBND tỉnh', 'leader');
	for (const [i, agency] of agencies.slice(0, 5).entries()) await make(`coquan${i + 1}`, `Chuyên viên ${agency}`, 'agency', agency);
	return out;
}

function insertWorld(
	db: Db,
	opts: SeedOptions,
	agencies: string[],
	adminId: string,
	log: (s: string) => void
): Omit<SeedSummary, 'agencies' | 'users' | 'seconds'> {
	const rand = mulberry32(opts.seed);
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
	const today = opts.today;
	const year0 = Number(today.slice(0, 4)) - 2;
	const start = `${year0}-01-01`;
	const span = daysBetween(start, today);
	// Each agency works at its own pace, so the ranking table has a spread worth reading.
	const diligence = new Map(agencies.map((a) => [a, 0.55 + rand() * 0.4]));

	const insNotice = db.prepare(
		`INSERT INTO notices (id, title, number, symbol, date, state, search_text, created_by, created_at, updated_at, source_type, issued_at, issued_by)
		 VALUES (?, ?, ?, 'TB-VP', ?, 'issued', ?, ?, ?, ?, ?, ?, ?)`
	);
	const insUpdate = db.prepare(`INSERT INTO doc_updates (doc, data) VALUES (?, ?)`);
	const insSnapshot = db.prepare(`INSERT INTO notice_snapshots (notice_id, at, doc_update, body_text, meta_json) VALUES (?, ?, ?, ?, ?)`);
	const insTask = db.prepare(
		`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action, deadline_json,
		   deadline_from, deadline_to, corrected, updated_at, source_type, due_original, due_working, reported_done_on, completed_on, cancelled_on,
		   cancel_reason, progress_percent, last_progress_at, issued_at, notice_date)
		 VALUES (@notice_id, @task_id, @block_id, @ord, 'official', @lead_json, @support_json, @officials_json, @agencies_folded, @search_folded, @action, @deadline_json,
		   @deadline_from, @deadline_to, 0, @updated_at, @source_type, @due, @due_working, @reported_done_on, @completed_on, @cancelled_on,
		   @cancel_reason, @progress_percent, @last_progress_at, @issued_at, @notice_date)`
	);
	const insAgency = db.prepare(`INSERT OR IGNORE INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`);
	const insOfficial = db.prepare(`INSERT OR IGNORE INTO task_officials (notice_id, task_id, official) VALUES (?, ?, ?)`);
	const insSearch = db.prepare(`INSERT INTO task_search (rowid, notice_id, task_id, text) VALUES (?, ?, ?, ?)`);
	const insEvent = db.prepare(`INSERT INTO task_events (notice_id, task_id, at, actor_id, actor_name, kind, text, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
	const insProgress = db.prepare(
		`INSERT INTO progress_reports (id, notice_id, task_id, at, author_id, author_name, agency, text, percent, attachments_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')`
	);
	const insExtension = db.prepare(
		`INSERT INTO extensions (id, notice_id, task_id, requested_due, reason, state, requested_by, requested_at, decided_by, decided_at, decision_note)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const folded = new Map(agencies.map((a) => [a, foldVietnamese(a)]));

	// Issue days sorted, so numbers run 1, 2, 3… per year as Decree 30 numbering does.
	const issueDays = Array.from({ length: opts.notices }, () => addDays(start, Math.floor(rand() * (span + 1)))).sort();
	const perNotice = splitTasks(opts.tasks, opts.notices, rand);
	const numberByYear = new Map<string, number>();
	let tasks = 0;
	let extensions = 0;
	let progressReports = 0;
	const BATCH = 500;

	const insertNotice = (n: number) => {
		const issued = issueDays[n]!;
		const year = issued.slice(0, 4);
		const number = String((numberByYear.get(year) ?? 0) + 1);
		numberByYear.set(year, Number(number));
		const source = weighted(rand);
		const leader = pick(LEADERS);
		const subject = pick(SUBJECTS);
		const title = `Kết luận của ${leader} tại cuộc họp về ${subject}`;
		const issuedAt = vnNoonMs(issued) + Math.floor(rand() * 6 * 3600_000);
		const createdAt = issuedAt - (1 + Math.floor(rand() * 5)) * 86_400_000;
		const noticeId = newId();

		// The doc the editor opens: header and one paragraph per assignment, frozen as issued.
		const count = perNotice[n]!;
		const lines: { text: string; lead: string[]; support: string[]; action: string; due: IsoDay | null; deadlineJson: string | null; to: IsoDay | null }[] = [];
		for (let i = 0; i < count; i++) {
			const lead = [pick(agencies)];
			if (rand() < 0.06) lead.push(pick(agencies.filter((a) => a !== lead[0])));
			const support = [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => pick(agencies)))].filter((a) => !lead.includes(a));
			const action = `${pick(VERBS)} ${pick(SUBJECTS)}`;
			const r = rand();
			let due: IsoDay | null = null;
			let deadlineJson: string | null = null;
			let phrase = '';
			if (r < 0.8) {
				due = addDays(issued, 7 + Math.floor(rand() * 110));
				phrase = `trước ngày ${dmy(due)}`;
				deadlineJson = JSON.stringify({ kind: 'date', date: due, inclusive: false, text: phrase, span: { start: 0, end: 0 } });
			} else if (r < 0.9) {
				const from = addDays(lastOfMonth(issued), 1);
				due = lastOfMonth(addDays(from, 40));
				phrase = `trong tháng ${due.slice(5, 7)}/${due.slice(0, 4)}`;
				deadlineJson = JSON.stringify({ kind: 'period', from: `${due.slice(0, 7)}-01`, to: due, text: phrase, span: { start: 0, end: 0 } });
			} else if (r < 0.95) {
				phrase = 'định kỳ hằng quý';
				deadlineJson = JSON.stringify({ kind: 'recurring', frequency: 'quarterly', text: phrase, span: { start: 0, end: 0 } });
			}
			const text = `Giao ${lead.join(', ')} chủ trì${support.length ? `, phối hợp với ${support.join(', ')}` : ''} ${action.charAt(0).toLowerCase()}${action.slice(1)}${phrase ? `; ${phrase}` : ''}.`;
			lines.push({ text, lead, support, action, due, deadlineJson, to: due });
		}
		const ydoc = new Y.Doc();
		const notice = new NoticeDoc(ydoc);
		const meta = {
			...defaultMeta(issued),
			issuingParent: 'UBND TỈNH BẮC GIANG',
			place: 'Bắc Giang',
			number,
			title,
			chair: leader,
			meetingDate: addDays(issued, -2),
			recipients: 'Chủ tịch, các PCT UBND tỉnh\nCác sở, ban, ngành\nLưu: VT',
			signerName: 'Trịnh Sỹ Tài',
			state: 'issued' as const
		};
		notice.writeMeta(meta);
		notice.setBodyParagraphs(
			lines.map((l) => l.text),
			newId
		);
		const update = Buffer.from(Y.encodeStateAsUpdate(ydoc));
		const blocks = notice.blocks();
		insUpdate.run(noticeId, update);
		insSnapshot.run(noticeId, issuedAt, update, notice.bodyText(), JSON.stringify(meta));
		insNotice.run(
			noticeId,
			title,
			number,
			issued,
			foldVietnamese([title, `${number}/TB-VP`, leader, notice.bodyText().slice(0, 4000)].join(' ')),
			adminId,
			createdAt,
			issuedAt,
			source,
			issuedAt,
			adminId
		);
		ydoc.destroy();

		lines.forEach((line, ord) => {
			const blockId = blocks[ord]!.id;
			const taskId = blockId;
			const t = simulate(line.due, issued, line.lead[0]!, diligence, today, rand);
			if (t.extension) {
				extensions++;
				insExtension.run(
					newId(),
					noticeId,
					blockId,
					t.extension.requested,
					'Khối lượng công việc lớn, cần thêm thời gian phối hợp.',
					t.extension.approved ? 'approved' : 'refused',
					adminId,
					t.extension.requestedAt,
					adminId,
					t.extension.decidedAt,
					t.extension.approved ? 'Đồng ý' : 'Không đồng ý'
				);
				insEvent.run(noticeId, taskId, t.extension.requestedAt, adminId, line.lead[0]!, 'extension-requested', `Đến ${dmy(t.extension.requested)}`, null);
				insEvent.run(
					noticeId,
					taskId,
					t.extension.decidedAt,
					adminId,
					'Văn phòng UBND tỉnh',
					t.extension.approved ? 'extension-approved' : 'extension-refused',
					'',
					JSON.stringify({ requestedDue: t.extension.requested })
				);
			}
			for (const p of t.progress) {
				progressReports++;
				insProgress.run(
					newId(),
					noticeId,
					taskId,
					p.at,
					adminId,
					`Chuyên viên ${line.lead[0]}`,
					line.lead[0]!,
					'Đang triển khai thực hiện theo kế hoạch.',
					p.percent
				);
				insEvent.run(
					noticeId,
					taskId,
					p.at,
					adminId,
					`Chuyên viên ${line.lead[0]}`,
					'progress',
					`${p.percent}% — Đang triển khai thực hiện theo kế hoạch.`,
					null
				);
			}
			insEvent.run(noticeId, taskId, issuedAt, adminId, 'Quản trị hệ thống', 'issued', `Số ${number}/TB-VP`, null);
			if (t.reportedDoneOn) insEvent.run(noticeId, taskId, vnNoonMs(t.reportedDoneOn), adminId, line.lead[0]!, 'reported-done', 'Đã hoàn thành.', null);
			if (t.completedOn) insEvent.run(noticeId, taskId, vnNoonMs(t.completedOn) + 3600_000, adminId, 'Văn phòng UBND tỉnh', 'done-confirmed', '', null);
			if (t.cancelledOn) insEvent.run(noticeId, taskId, vnNoonMs(t.cancelledOn), adminId, 'Văn phòng UBND tỉnh', 'cancelled', t.cancelReason!, null);
			const last = t.progress.at(-1);
			const taskRowid = insTask.run({
				notice_id: noticeId,
				task_id: taskId,
				block_id: blockId,
				ord,
				lead_json: JSON.stringify(line.lead),
				support_json: JSON.stringify(line.support),
				officials_json: JSON.stringify([leader]),
				// As TaskStore writes it: canonical names, then the names as written (the same here).
				agencies_folded: foldVietnamese([...line.lead, ...line.support, ...line.lead, ...line.support].join(' | ')),
				search_folded: foldVietnamese(`${line.action} ${leader}`),
				action: line.action,
				deadline_json: line.deadlineJson,
				deadline_from: line.due && line.deadlineJson?.includes('"period"') ? `${line.due.slice(0, 7)}-01` : line.due,
				deadline_to: line.to,
				updated_at: createdAt,
				source_type: source,
				due: line.due,
				due_working: t.dueWorking,
				reported_done_on: t.reportedDoneOn,
				completed_on: t.completedOn,
				cancelled_on: t.cancelledOn,
				cancel_reason: t.cancelReason,
				progress_percent: t.completedOn || t.reportedDoneOn ? 100 : (last?.percent ?? 0),
				last_progress_at: last?.at ?? null,
				issued_at: issuedAt,
				// The notice's date (the day it is dated and issued here): what reports count by.
				notice_date: issued
			}).lastInsertRowid;
			for (const a of line.lead) insAgency.run(noticeId, taskId, 'lead', a, folded.get(a)!);
			for (const a of line.support) insAgency.run(noticeId, taskId, 'support', a, folded.get(a)!);
			insOfficial.run(noticeId, taskId, leader);
			insSearch.run(
				taskRowid,
				noticeId,
				taskId,
				`${foldVietnamese([...line.lead, ...line.support, ...line.lead, ...line.support].join(' | '))} ${foldVietnamese(`${line.action} ${leader}`)}`
			);
			tasks++;
		});
	};

	const batch = db.transaction((from: number, to: number) => {
		for (let n = from; n < to; n++) insertNotice(n);
	});
	for (let from = 0; from < opts.notices; from += BATCH) {
		const to = Math.min(opts.notices, from + BATCH);
		batch(from, to);
		if (to % 2000 === 0 || to === opts.notices) log(`${to}/${opts.notices} thông báo, ${tasks} nhiệm vụ`);
	}
	return { notices: opts.notices, tasks, extensions, progressReports };
}

function weighted(rand: () => number): SourceType {
	let r = rand();
	for (const [s, w] of SOURCE_WEIGHTS) if ((r -= w) < 0) return s;
	return SOURCE_TYPES[0];
}

interface Simulated {
	dueWorking: IsoDay | null;
	reportedDoneOn: IsoDay | null;
	completedOn: IsoDay | null;
	cancelledOn: IsoDay | null;
	cancelReason: string | null;
	extension: { requested: IsoDay; approved: boolean; requestedAt: number; decidedAt: number } | null;
	progress: { at: number; percent: number }[];
}

/** What happened to one task between its issue and `today`: every date is ≤ today. */
function simulate(due: IsoDay | null, issued: IsoDay, lead: string, diligence: Map<string, number>, today: IsoDay, rand: () => number): Simulated {
	const out: Simulated = { dueWorking: due, reportedDoneOn: null, completedOn: null, cancelledOn: null, cancelReason: null, extension: null, progress: [] };
	const allowed = due ? Math.max(1, daysBetween(issued, due)) : 60;
	// Extensions are asked a few days before the deadline; most are approved.
	if (due && rand() < 0.08) {
		const askOn = addDays(due, -Math.min(5, allowed - 1));
		if (askOn <= today) {
			const approved = rand() < 0.8;
			const requested = addDays(due, 15 + Math.floor(rand() * 45));
			const decidedOn = addDays(askOn, 2) <= today ? addDays(askOn, 2) : askOn;
			out.extension = { requested, approved, requestedAt: vnNoonMs(askOn), decidedAt: vnNoonMs(decidedOn) + 3600_000 };
			if (approved) out.dueWorking = requested;
		}
	}
	if (rand() < 0.03) {
		const on = addDays(issued, 5 + Math.floor(rand() * 60));
		if (on <= today) {
			out.cancelledOn = on;
			out.cancelReason = 'Nội dung đã được giải quyết tại văn bản khác.';
			return out;
		}
	}
	// How long the agency takes, as a share of the time allowed: diligent agencies finish early.
	const pace = diligence.get(lead) ?? 0.7;
	const share = rand() < pace ? 0.3 + rand() * 0.7 : 1 + rand() * 1.2;
	const doneOn = addDays(issued, Math.max(1, Math.round(allowed * share)));
	const neverDone = rand() < 0.1;
	if (!neverDone && doneOn <= today) {
		out.reportedDoneOn = doneOn;
		// A done report from the last week may not be confirmed yet (awaiting the office).
		if (daysBetween(doneOn, today) > 7 || rand() < 0.5) out.completedOn = doneOn;
	}
	// Progress reports along the way, for a third of the tasks.
	if (rand() < 0.35) {
		const end = out.reportedDoneOn ?? today;
		const steps = 1 + Math.floor(rand() * 3);
		const length = Math.max(1, daysBetween(issued, end));
		for (let s = 1; s <= steps; s++) {
			const day = addDays(issued, Math.floor((length * s) / (steps + 1)));
			if (day > today) break;
			out.progress.push({ at: vnNoonMs(day), percent: Math.min(90, Math.round((100 * s) / (steps + 1))) });
		}
	}
	return out;
}

// ---------------------------------------------------------------- command line

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
	try {
		const opts = parseArgs(process.argv.slice(2));
		const s = await seedDemo(opts);
		console.log(`\nDữ liệu mẫu: ${path.join(opts.dataDir, 'ketluan.db')} (ngày tham chiếu ${opts.today})`);
		console.log(
			`  ${s.notices} thông báo, ${s.tasks} nhiệm vụ, ${s.agencies} cơ quan, ${s.extensions} đề nghị gia hạn, ${s.progressReports} báo cáo tiến độ — ${s.seconds.toFixed(1)} s`
		);
		if (s.users.length) {
			console.log('  Tài khoản dùng thử (chỉ để trình diễn):');
			for (const u of s.users) console.log(`    ${u.username.padEnd(12)} ${u.password.padEnd(24)} ${u.role}${u.agency ? ` — ${u.agency}` : ''}`);
		}
	} catch (e) {
		process.stderr.write(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n`);
		process.exitCode = 1;
	}
}
