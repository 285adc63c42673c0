import { afterEach, describe, expect, it } from 'vitest';
import { formatPercent } from '#shared/format/vnNumber';
import { figuresSentence, dueSentence } from '#shared/format/reportText';
import type { User } from '../auth/types';
import { buildReport, periodOf, ReportError } from './monthlyReport';
import { openTestDb, seedJanuary, vnInstant } from './testWorld';

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
	it('words the figures sentence as seed 001 does', () => {
		const r = january();
		expect(figuresSentence(r)).toBe(
			'Trong tháng 01/2024, UBND tỉnh, Chủ tịch UBND tỉnh đã giao 14 nhiệm vụ cho các cơ quan, đơn vị, địa phương. Kết quả thực hiện cụ thể như sau: ' +
				'có 04 nhiệm vụ đã hoàn thành (28,6%), trong đó 03 nhiệm vụ hoàn thành đúng hạn, 01 nhiệm vụ hoàn thành quá hạn; ' +
				'04 nhiệm vụ quá hạn (chiếm 28,6%), 06 nhiệm vụ đang thực hiện trong hạn (chiếm 42,9%).'
		);
		expect(dueSentence(r)).toContain('Trong số 09 nhiệm vụ đã đến hạn, có 02 nhiệm vụ hoàn thành đúng hạn (đạt 22,2%)');
	});
});
