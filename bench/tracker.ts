/**
 * `npm run bench:tracker [-- --data-dir DIR] [--runs 30]`: server-side latency of the tracker
 * list (TrackerService.list) for each filter and of the year report (buildReport), p50/p95 over
 * `runs` calls after a warm-up. Without --data-dir it seeds a temp database with 100 000 tasks
 * (scripts/seedDemo.ts) and removes it afterwards. Targets: list p95 < 50 ms, year report < 1 s.
 * The last line of output is one JSON object with every figure (for CI and the issue thread).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vnToday } from '#shared/tracker/status';
import { openDatabase } from '../server/db';
import { TrackerService, type TrackerFilter } from '../server/tracker/TrackerService';
import type { User } from '../server/auth/types';
import { buildReport, periodOf } from '../server/reports/monthlyReport';
import { ensureReportIndexes } from '../server/reports/indexes';
import { seedDemo } from '../scripts/seedDemo';

const argv = process.argv.slice(2);
const arg = (name: string) => {
	const i = argv.indexOf(`--${name}`);
	return i >= 0 ? argv[i + 1] : undefined;
};
const RUNS = Number(arg('runs') ?? 30);
const WARM = 3;
const LIST_TARGET_MS = 50;
const REPORT_TARGET_MS = 1000;

let dataDir = arg('data-dir');
let temp: string | undefined;
if (!dataDir) {
	temp = mkdtempSync(path.join(tmpdir(), 'kl-bench-tracker-'));
	dataDir = temp;
	process.stdout.write(`Tạo dữ liệu mẫu 100 000 nhiệm vụ trong ${temp}…\n`);
	const s = await seedDemo({ tasks: 100_000, notices: 10_000, dataDir, today: vnToday(), seed: 20240105, users: false, verbose: false });
	process.stdout.write(`  xong sau ${s.seconds.toFixed(1)} s\n`);
}

const db = openDatabase(dataDir);
const tracker = new TrackerService(db);
if (!argv.includes('--no-indexes')) ensureReportIndexes(db);
const office: User = { id: 'bench', username: 'bench', displayName: 'Bench', role: 'office', agency: null, createdAt: 0 };

// Pick filter values that exist in this database, so no case is trivially empty.
const one = <T>(sql: string) => db.prepare(sql).pluck().get() as T;
const agency = one<string>(`SELECT agency FROM task_agencies WHERE role = 'lead' GROUP BY agency ORDER BY COUNT(*) DESC LIMIT 1`);
const noticeId = one<string>(`SELECT notice_id FROM tasks WHERE state = 'official' GROUP BY notice_id ORDER BY COUNT(*) DESC LIMIT 1`);
const leader =
	(JSON.parse(one<string>(`SELECT officials_json FROM tasks WHERE officials_json <> '[]' LIMIT 1`) ?? '["Chủ tịch"]') as string[])[0] ?? 'Chủ tịch';
const lastYear = Number(vnToday().slice(0, 4)) - 1;
const today = vnToday();
const plus = (d: number) => new Date(Date.parse(today + 'T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
const agencyUser: User = { ...office, role: 'agency', agency };

const cases: [string, TrackerFilter, User?][] = [
	['no filter', {}],
	['agency', { agency: agency.toLowerCase().slice(0, 12) }],
	['agency as lead', { agency, agencyRole: 'lead' }],
	['status within', { status: ['within'] }],
	['status due-soon', { status: ['due-soon'] }],
	['status overdue', { status: ['overdue'] }],
	['status no-deadline', { status: ['no-deadline'] }],
	['status awaiting', { status: ['awaiting'] }],
	['status done-on-time', { status: ['done-on-time'] }],
	['status done-late', { status: ['done-late'] }],
	['status cancelled', { status: ['cancelled'] }],
	['due range (30 days)', { dueFrom: plus(0), dueTo: plus(30) }],
	['due soon (status+range)', { status: ['due-soon'], dueFrom: today, dueTo: plus(3) }],
	['overdue + agency', { status: ['overdue'], agency }],
	['source TU', { source: 'TU' }],
	['notice', { noticeId }],
	['leader', { leader }],
	['q without diacritics', { q: 'giai phong mat bang' }],
	['sort by status', { sort: 'status' }],
	['agency user (own tasks)', {}, agencyUser]
];

/** p50 and p95 in ms of `RUNS` calls after a warm-up. */
function measure(fn: () => unknown): { p50: number; p95: number } {
	for (let i = 0; i < WARM; i++) fn();
	const t: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const s = performance.now();
		fn();
		t.push(performance.now() - s);
	}
	t.sort((a, b) => a - b);
	const q = (p: number) => t[Math.min(t.length - 1, Math.ceil(p * t.length) - 1)]!;
	return { p50: Math.round(q(0.5) * 10) / 10, p95: Math.round(q(0.95) * 10) / 10 };
}

const total = one<number>(`SELECT COUNT(*) FROM tasks`);
console.log(`\nbench:tracker — ${total} nhiệm vụ trong ${path.join(dataDir, 'ketluan.db')}; ${RUNS} lần đo sau ${WARM} lần khởi động; p50/p95 (ms)`);
console.log(`${'trường hợp'.padEnd(28)} ${'kết quả'.padStart(8)} ${'p50'.padStart(8)} ${'p95'.padStart(8)}  mục tiêu p95 < ${LIST_TARGET_MS} ms`);
const results: Record<string, { p50: number; p95: number; total: number; pass: boolean }> = {};
for (const [name, filter, user] of cases) {
	const n = tracker.list(user ?? office, filter).total;
	const m = measure(() => tracker.list(user ?? office, filter));
	const pass = m.p95 < LIST_TARGET_MS;
	results[name] = { ...m, total: n, pass };
	console.log(`${name.padEnd(28)} ${String(n).padStart(8)} ${m.p50.toFixed(1).padStart(8)} ${m.p95.toFixed(1).padStart(8)}  ${pass ? 'đạt' : 'KHÔNG ĐẠT'}`);
}
const period = periodOf('year', lastYear);
const report = buildReport(db, period);
const rep = measure(() => buildReport(db, period));
const repPass = rep.p95 < REPORT_TARGET_MS;
console.log(
	`${`report ${period.label}`.padEnd(28)} ${String(report.totals.counts.total).padStart(8)} ${rep.p50.toFixed(1).padStart(8)} ${rep.p95.toFixed(1).padStart(8)}  mục tiêu < ${REPORT_TARGET_MS} ms: ${repPass ? 'đạt' : 'KHÔNG ĐẠT'}`
);
const failed = Object.entries(results)
	.filter(([, r]) => !r.pass)
	.map(([k]) => k);
console.log(failed.length ? `Danh sách: ${failed.length} trường hợp không đạt: ${failed.join(', ')}` : 'Danh sách: mọi trường hợp đạt.');

db.close();
if (temp) rmSync(temp, { recursive: true, force: true });
console.log(
	JSON.stringify({
		bench: 'tracker',
		tasks: total,
		runs: RUNS,
		listTargetP95Ms: LIST_TARGET_MS,
		reportTargetMs: REPORT_TARGET_MS,
		list: results,
		report: { period: period.label, tasks: report.totals.counts.total, ...rep, pass: repPass },
		pass: failed.length === 0 && repPass
	})
);
