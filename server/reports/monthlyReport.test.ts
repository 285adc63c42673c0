import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db';
import { seedDemo } from '../../scripts/seedDemo';
import { formatPercent } from '#shared/format/vnNumber';
import { figuresSentence, dueSentence, otherGroupSentences } from '#shared/format/reportText';
import type { User } from '../auth/types';
import type { OutcomeCounts } from '#shared/format/reportTypes';
import { buildReport, periodOf, ReportError, yearToDateReport } from './monthlyReport';
import { insertIssued, openTestDb, seedJanuary, vnInstant } from './testWorld';

const admin: User = { id: 'u', username: 'quantri', displayName: 'Quản trị', role: 'admin', agency: null, createdAt: 0 };
let world: ReturnType<typeof openTestDb> | undefined;
afterEach(() => {
	world?.close();
	world = undefined;
});

function january(today = '2024-03-10') {
	world = openTestDb();
	seedJanuary(world.db);
	return buildReport(world.db, { ...periodOf('month', 2024, 1), today });
}

describe('task report figures', () => {
	it('counts the tasks assigned in January as they stood on 31 January, cancelled ones apart', () => {
		const r = january();
		expect(r.period).toEqual({ from: '2024-01-01', to: '2024-01-31', label: 'tháng 01/2024' });
		expect(r.evaluatedOn).toBe('2024-01-31');
		expect(r.partial).toBe(false);
		expect(r.totals.counts).toEqual({
			total: 15,
			cancelled: 1,
			assigned: 14,
			done: 4,
			doneOnTime: 3,
			doneLate: 1,
			within: 6,
			overdue: 4,
			withinParts: { inTime: 2, dueSoon: 2, noDeadline: 1, awaiting: 1 },
			due: { total: 9, done: 3, doneOnTime: 2, doneLate: 1, within: 2, overdue: 4 }
		});
	});
	it('gives percentages over all assigned tasks and over the tasks already due', () => {
		const r = january();
		const a = r.totals.ofAssigned;
		expect([a.done, a.overdue, a.within].map((v) => formatPercent(v))).toEqual(['28,6%', '28,6%', '42,9%']);
		expect(a.done! + a.overdue! + a.within!).toBeCloseTo(100, 10);
		const d = r.totals.ofDue;
		expect([d.done, d.doneOnTime, d.doneLate, d.overdue, d.within].map((v) => formatPercent(v))).toEqual(['33,3%', '22,2%', '11,1%', '44,4%', '22,2%']);
	});
	it('ignores what happened after the evaluation day: later cancellations, completions and extensions', () => {
		const r = january();
		// t9 cancelled in February, t10 done in February, t12 extended in February: all overdue on 31 January.
		expect(r.totals.counts.overdue).toBe(4);
		// t11 was extended before 31 January: within its new deadline, not yet due.
		expect(r.totals.counts.withinParts.inTime).toBe(2);
	});
	it('takes statuses today while the period is running', () => {
		world = openTestDb();
		seedJanuary(world.db);
		const r = buildReport(world.db, { from: '2024-01-01', to: '2024-01-31', today: '2024-01-21' });
		expect(r.evaluatedOn).toBe('2024-01-21');
		expect(r.partial).toBe(true);
		expect(r.period.label).toBe('từ 01/01/2024 đến 31/01/2024');
		// t13, t14 (issued 31 January) do not exist yet on the 21st; t2 is late but not done yet.
		expect(r.totals.counts).toMatchObject({ total: 13, cancelled: 1, assigned: 12, doneOnTime: 2, doneLate: 0, overdue: 4 });
		expect(figuresSentence(r)).toContain('(số liệu tính đến ngày 21/01/2024)');
	});
	it('agrees with the tracker’s own status when nothing happened after the evaluation day', () => {
		world = openTestDb(() => vnInstant('2024-03-10T12:00:00'));
		seedJanuary(world.db);
		const r = buildReport(world.db, { from: '2024-01-01', to: '2024-03-31', today: '2024-03-10' });
		const rows = world.tracker.list(admin, { state: 'official', limit: 2000 }).rows.filter((t) => ['A', 'B', 'D'].includes(t.noticeId));
		const n = (...keys: string[]) => rows.filter((t) => keys.includes(t.statusKey)).length;
		const c = r.totals.counts;
		expect(c.total).toBe(rows.length);
		expect(c.cancelled).toBe(n('cancelled'));
		expect(c.doneOnTime).toBe(n('done-on-time'));
		expect(c.doneLate).toBe(n('done-late'));
		expect(c.overdue).toBe(n('overdue'));
		expect(c.withinParts).toEqual({ inTime: n('within'), dueSoon: n('due-soon'), noDeadline: n('no-deadline'), awaiting: n('awaiting') });
	});
});

describe('report periods at midnight in Asia/Ho_Chi_Minh', () => {
	it('puts a notice issued at 00:00 on 1 January (17:00 UTC the day before) in January, not December', () => {
		world = openTestDb();
		seedJanuary(world.db);
		const dec = buildReport(world.db, { ...periodOf('month', 2023, 12), today: '2024-03-10' });
		expect(dec.totals.counts.total).toBe(1); // only C, issued at 23:59:59.999 on 31 December
		const feb = buildReport(world.db, { ...periodOf('month', 2024, 2), today: '2024-03-10' });
		expect(feb.totals.counts.total).toBe(1); // only D, issued at 00:00 on 1 February
		const q1 = buildReport(world.db, { ...periodOf('quarter', 2024, 1), today: '2024-03-10' });
		expect(q1.totals.counts.total).toBe(16);
		expect(q1.period.label).toBe('quý I/2024');
	});
	it('never counts draft tasks, and refuses reversed or malformed periods', () => {
		world = openTestDb();
		seedJanuary(world.db);
		expect(buildReport(world.db, { from: '2024-01-15', to: '2024-01-15', today: '2024-03-10' }).totals.counts.total).toBe(0);
		expect(() => buildReport(world!.db, { from: '2024-02-01', to: '2024-01-01' })).toThrow(ReportError);
		expect(() => buildReport(world!.db, { from: '2024-1-1', to: '2024-01-31' })).toThrow(/không hợp lệ/);
	});
});

describe('report tables', () => {
	it('ranks lead agencies by completion rate, then by number of tasks; a task with two leads counts for each', () => {
		const r = january();
		expect(r.byAgency.map((a) => [a.rank, a.agency, a.counts.assigned, a.counts.done, a.counts.overdue])).toEqual([
			[1, 'Sở Tài chính', 5, 4, 1],
			[2, 'Sở Y tế', 6, 1, 2],
			[3, 'Sở Xây dựng', 3, 0, 1]
		]);
		expect(formatPercent(r.byAgency[0]!.ofAssigned.done)).toBe('80%');
		expect(r.byAgency[0]!.counts.cancelled).toBe(1);
		expect(r.withoutLead).toMatchObject({ total: 1, assigned: 1, within: 1 });
	});
	it('lists every source type in order, zeros included', () => {
		const r = january();
		expect(r.bySource.map((s) => [s.source, s.counts.total, s.counts.assigned, s.counts.done])).toEqual([
			['TU', 2, 2, 1],
			['HDND', 0, 0, 0],
			['UBND', 0, 0, 0],
			['CT_UBND', 13, 12, 3],
			['CP', 0, 0, 0]
		]);
		expect(r.bySource[0]!.label).toBe('Tỉnh ủy, Ban Thường vụ Tỉnh ủy');
		expect(r.bySource[1]!.ofAssigned.done).toBeNull();
	});
	it('words the figures sentence as seed 001 does, over what UBND tỉnh and its Chairman assigned, the Party committee apart', () => {
		const r = january();
		// Notice A (CT_UBND) holds 12 of January's 14 assigned tasks; notice B's 2 came from the Tỉnh ủy.
		expect(figuresSentence(r)).toBe(
			'Trong tháng 01/2024, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 12 nhiệm vụ cho các cơ quan, đơn vị, địa phương. Kết quả thực hiện cụ thể như sau: ' +
				'có 03 nhiệm vụ đã hoàn thành (25%), trong đó 02 nhiệm vụ hoàn thành đúng hạn, 01 nhiệm vụ hoàn thành quá hạn; ' +
				'04 nhiệm vụ quá hạn (chiếm 33,3%), 05 nhiệm vụ đang thực hiện trong hạn (chiếm 41,7%).'
		);
		expect(otherGroupSentences(r)).toEqual([expect.stringMatching(/^Trong tháng 01\/2024, Tỉnh ủy, Ban Thường vụ Tỉnh ủy đã giao 02 nhiệm vụ/)]);
		expect(r.groups.map((g) => [g.key, g.counts.assigned])).toEqual([
			['UBND', 12],
			['TU', 2],
			['HDND', 0],
			['CP', 0]
		]);
		const all = january();
		expect(dueSentence(all, all.totals)).toContain('Trong số 09 nhiệm vụ đã đến hạn, có 02 nhiệm vụ hoàn thành đúng hạn (đạt 22,2%)');
		// The parts of the due sentence add up to its whole (2 due tasks neither done nor late are said).
		expect(dueSentence(all, all.totals)).toContain('02 nhiệm vụ đến hạn trong ngày hoặc đã báo cáo hoàn thành, đang chờ xác nhận');
	});

	it('counts a notice in the month of its own date, not of the day it was issued (seed 004: dated 28/12/2023)', () => {
		world = openTestDb();
		insertIssued(world.db, { id: 'S4', issuedAt: vnInstant('2024-01-08T09:00:00'), source: 'CT_UBND', date: '2023-12-28' }, [
			{ id: 's1', lead: ['Sở Giao thông vận tải'], due: '2024-03-31' }
		]);
		const dec = buildReport(world.db, { ...periodOf('month', 2023, 12), today: '2024-03-10' });
		const jan = buildReport(world.db, { ...periodOf('month', 2024, 1), today: '2024-03-10' });
		expect([dec.totals.counts.assigned, jan.totals.counts.assigned]).toEqual([1, 0]);
	});
});

describe('every figure adds up (random data, every period kind and source group)', () => {
	/** A small deterministic PRNG (mulberry32), so a failure names its seed. */
	function rng(seed: number): () => number {
		let a = seed >>> 0;
		return () => {
			a = (a + 0x6d2b79f5) >>> 0;
			let t = a;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	const day = (r: () => number, from: number, span: number) =>
		new Date(Date.UTC(2024, 0, 1) + Math.floor(from + r() * span) * 86_400_000).toISOString().slice(0, 10);
	const sources = ['UBND', 'CT_UBND', 'TU', 'HDND', 'CP', null] as const;

	function check(c: OutcomeCounts, where: string): void {
		expect(c.total, `${where}: total = assigned + cancelled`).toBe(c.assigned + c.cancelled);
		expect(c.assigned, `${where}: assigned = done + overdue + within`).toBe(c.done + c.overdue + c.within);
		expect(c.done, `${where}: done = on time + late`).toBe(c.doneOnTime + c.doneLate);
		expect(c.within, `${where}: within = its parts`).toBe(c.withinParts.inTime + c.withinParts.dueSoon + c.withinParts.noDeadline + c.withinParts.awaiting);
		expect(c.due.total, `${where}: due = done + overdue + within`).toBe(c.due.done + c.due.overdue + c.due.within);
		expect(c.due.done, `${where}: due done = on time + late`).toBe(c.due.doneOnTime + c.due.doneLate);
		expect(c.due.overdue, `${where}: every overdue task is due`).toBe(c.overdue);
	}
	const sum = (rows: { counts: OutcomeCounts }[], pick: (c: OutcomeCounts) => number) => rows.reduce((n, r) => n + pick(r.counts), 0);

	/** Every paragraph of one report adds up: each group's and source's parts, and the groups and sources to the total. */
	function checkReport(rep: ReturnType<typeof buildReport>, where: string): void {
		check(rep.totals.counts, where);
		for (const g of rep.groups) check(g.counts, `${where} ${g.key}`);
		for (const s of rep.bySource) check(s.counts, `${where} ${s.label}`);
		for (const k of ['total', 'assigned', 'done', 'overdue', 'within', 'cancelled'] as const) {
			expect(
				sum(rep.groups, (c) => c[k]),
				`${where}: groups add up to the total (${k})`
			).toBe(rep.totals.counts[k]);
			expect(
				sum(rep.bySource, (c) => c[k]),
				`${where}: sources add up to the total (${k})`
			).toBe(rep.totals.counts[k]);
		}
		expect(
			sum(rep.groups, (c) => c.due.total),
			`${where}: groups add up (due)`
		).toBe(rep.totals.counts.due.total);
	}

	for (const seed of [1, 2, 3, 4, 5]) {
		it(`seed ${seed}`, () => {
			const r = rng(seed);
			const w = (world = openTestDb());
			for (let n = 0; n < 40; n++) {
				const date = day(r, 0, 366);
				const tasks = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => {
					const due = r() < 0.15 ? null : day(r, 0, 420);
					const x = r();
					const doneOn = day(r, 0, 420);
					return {
						id: `t${i}`,
						lead: r() < 0.1 ? [] : [['Sở Tài chính', 'Sở Y tế', 'Sở Xây dựng'][Math.floor(r() * 3)]!],
						due,
						completedOn: x < 0.35 ? doneOn : null,
						reportedDoneOn: x < 0.35 ? doneOn : x < 0.45 ? day(r, 0, 420) : null,
						cancelledOn: x > 0.93 ? day(r, 0, 420) : null
					};
				});
				insertIssued(w.db, { id: `N${n}`, issuedAt: vnInstant(`${date}T10:00:00`), source: sources[Math.floor(r() * sources.length)]!, date }, tasks);
			}
			const periods = [
				...Array.from({ length: 12 }, (_, i) => periodOf('month', 2024, i + 1)),
				...[1, 2, 3, 4].map((q) => periodOf('quarter', 2024, q)),
				periodOf('half', 2024, 1),
				periodOf('nine-months', 2024, 1),
				periodOf('year', 2024, 1),
				{ from: '2024-02-10', to: '2024-07-20', label: 'tùy chọn' }
			];
			for (const today of ['2024-06-15', '2025-03-01']) {
				for (const p of periods) {
					checkReport(buildReport(w.db, { ...p, today }), `${p.label} at ${today}`);
				}
			}
			// The year is the sum of its months (a notice belongs to the month of its date).
			const year = buildReport(w.db, { ...periodOf('year', 2024, 1), today: '2025-03-01' });
			const months = periods.slice(0, 12).map((p) => buildReport(w.db, { ...p, today: '2025-03-01' }).totals.counts.total);
			expect(months.reduce((a, b) => a + b, 0)).toBe(year.totals.counts.total);
		});
	}

	it('the seeded demo data (npm run seed:demo): every month of its three years, each quarter and year, adds up', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'kl-demo-'));
		try {
			await seedDemo({ tasks: 3000, notices: 300, dataDir, today: '2026-11-15', seed: 11, users: false, verbose: false });
			const db = openDatabase(dataDir);
			try {
				let seen = 0;
				for (const year of [2024, 2025, 2026]) {
					const periods = [
						...Array.from({ length: 12 }, (_, i) => periodOf('month', year, i + 1)),
						...[1, 2, 3, 4].map((q) => periodOf('quarter', year, q)),
						periodOf('year', year, 1)
					];
					for (const p of periods) {
						const rep = buildReport(db, { ...p, today: '2026-11-15' });
						checkReport(rep, `demo ${p.label}`);
						seen += rep.totals.counts.total;
					}
				}
				expect(seen).toBeGreaterThan(0);
			} finally {
				db.close();
			}
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('the month beside the year to date (seed 001: "tháng 9" then "9 tháng đầu năm")', () => {
	it('gives the year to the end of a month, worded as seed 001; nothing for January or a period that is not a month', () => {
		const w = (world = openTestDb());
		seedJanuary(w.db);
		insertIssued(w.db, { id: 'F', issuedAt: vnInstant('2024-02-10T09:00:00'), source: 'UBND' }, [
			{ id: 'f1', lead: ['Sở Y tế'], due: '2024-02-20', completedOn: '2024-02-18' }
		]);
		const feb = periodOf('month', 2024, 2);
		const toDate = yearToDateReport(w.db, feb, '2024-03-10')!;
		expect(toDate.period).toEqual({ from: '2024-01-01', to: '2024-02-29', label: '2 tháng đầu năm 2024' });
		const jan = buildReport(w.db, { ...periodOf('month', 2024, 1), today: '2024-03-10' });
		const febOnly = buildReport(w.db, { ...feb, today: '2024-03-10' });
		expect(toDate.totals.counts.total).toBe(jan.totals.counts.total + febOnly.totals.counts.total);
		expect(figuresSentence(toDate)).toMatch(/^Trong 2 tháng đầu năm 2024, UBND tỉnh, Chủ tịch UBND tỉnh đã giao/);
		expect(yearToDateReport(w.db, periodOf('month', 2024, 1))).toBeNull();
		expect(yearToDateReport(w.db, periodOf('quarter', 2024, 1))).toBeNull();
	});
});

describe('tasks carried over from the old tracking sheet (source migrated, /tasks/import)', () => {
	it('count in the OTHER group and in their own source row, so the groups still add up to the totals', () => {
		const w = (world = openTestDb());
		seedJanuary(w.db);
		insertIssued(w.db, { id: 'M', issuedAt: vnInstant('2024-01-20T09:00:00'), source: 'migrated' }, [
			{ id: 'm1', lead: ['Sở Y tế'], due: '2024-01-25', completedOn: '2024-01-24' },
			{ id: 'm2', lead: ['Sở Tài chính'], due: '2024-03-30' }
		]);
		const r = buildReport(w.db, { ...periodOf('month', 2024, 1), today: '2024-03-10' });
		const other = r.groups.find((g) => g.key === 'OTHER')!;
		expect(other.label).toContain('Chuyển từ bảng theo dõi cũ');
		expect(other.counts).toMatchObject({ total: 2, done: 1 });
		expect(r.groups.reduce((n, g) => n + g.counts.total, 0)).toBe(r.totals.counts.total);
		expect(r.bySource.find((s) => s.source === 'migrated')?.counts.total).toBe(2);
		// Nobody "gave" them: the sentence names them by what they are.
		expect(otherGroupSentences(r).find((t) => t.includes('bảng theo dõi'))).toMatch(
			/^Trong tháng 01\/2024, có 02 nhiệm vụ khác được theo dõi \(chuyển từ bảng theo dõi cũ\)\. Kết quả thực hiện cụ thể như sau: có 01 nhiệm vụ đã hoàn thành/
		);
	});
});
