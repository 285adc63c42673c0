import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../db';
import { AuthService } from '../auth/AuthService';
import { NoticeRegistry } from '../notices/NoticeRegistry';
import { openMemoryDocStore } from '../store/MemoryDocStore';
import { TaskStore } from '../tasks/TaskStore';
import { TrackerService, type IssueDocs } from './TrackerService';
import { STATUS_SQL, statusCondition, statusParams } from './statusSql';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { computeStatus, statusKey, STATUS_KEYS, type TaskFacts } from '#shared/tracker/status';
import type { User } from '../auth/types';

let dir: string;
let db: Db;
let now: number;
let tracker: TrackerService;
let notices: NoticeRegistry;
let tasks: TaskStore;
let office: User, sotc: User, soyt: User, leader: User;
const docs = new Map<string, Y.Doc>();
const frozen = new Set<string>();

const at = (iso: string) => Date.parse(iso + 'T03:00:00Z'); // 10:00 in Hà Nội

/** The host's part of issuing, over in-memory docs (the sync server's part is tested elsewhere). */
const issueDocs: IssueDocs = {
	freeze: (id) => frozen.add(id),
	unfreeze: (id) => frozen.delete(id),
	async updateDoc(id, change) {
		const d = docs.get(id)!;
		change(d);
		return d;
	},
	project: (id, d) => tasks.project(id, d)
};

/** What Decree 30 requires in a notice's header before it is issued (the rest comes from defaultMeta). */
const HEADER = { issuingBody: 'VĂN PHÒNG', title: 'Kết luận thử', place: 'Bắc Giang', recipients: '- Sở Tài chính;', signerName: 'Nguyễn Văn Bình' };

async function draft(lines: string[]): Promise<string> {
	const id = await notices.create(office, { title: 'Kết luận thử' });
	const d = new Y.Doc();
	const n = new NoticeDoc(d);
	n.writeMeta({ symbol: 'TB-VP', date: '2024-01-05', ...HEADER });
	let k = 0;
	n.setBodyParagraphs(lines, () => `${id}-b${k++}`);
	docs.set(id, d);
	tasks.project(id, d);
	return id;
}

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'kl-tracker-'));
	db = openDatabase(dir);
	now = at('2024-01-10');
	const auth = new AuthService(db);
	notices = new NoticeRegistry(db, openMemoryDocStore());
	tasks = new TaskStore(db, () => DEFAULT_DIRECTORY);
	tracker = new TrackerService(db, () => now);
	office = await auth.createUser({ username: 'cv', displayName: 'Chuyên viên', password: 'mat-khau-123', role: 'office' });
	leader = await auth.createUser({ username: 'ld', displayName: 'Lãnh đạo', password: 'mat-khau-123', role: 'leader' });
	sotc = await auth.createUser({ username: 'tc', displayName: 'Sở TC', password: 'mat-khau-123', role: 'agency', agency: 'Sở Tài chính' });
	soyt = await auth.createUser({ username: 'yt', displayName: 'Sở YT', password: 'mat-khau-123', role: 'agency', agency: 'Sở Y tế' });
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
	docs.clear();
	frozen.clear();
});

describe('issuing a notice', () => {
	it('numbers notices per issuing body and year, freezes them and makes their tasks official', async () => {
		const a = await draft(['Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.']);
		const b = await draft(['Giao Sở Y tế triển khai trong tháng 02/2024.']);
		expect(await tracker.issue(office, a, { sourceType: 'UBND', date: '2024-01-10' }, issueDocs)).toEqual({ number: '1' });
		expect(await tracker.issue(leader, b, { sourceType: 'TU', date: '2024-01-09' }, issueDocs)).toEqual({ number: '2' });
		expect(frozen.has(a) && frozen.has(b)).toBe(true);
		expect(new NoticeDoc(docs.get(a)!).readMeta()).toMatchObject({ number: '1', state: 'issued', date: '2024-01-10' });
		const rows = tracker.list(office, { state: 'official' }).rows;
		expect(rows.map((r) => [r.lead[0], r.sourceType, r.dueWorking])).toEqual([
			['Sở Tài chính', 'UBND', '2024-01-30'],
			['Sở Y tế', 'TU', '2024-02-29']
		]);
	});

	it('refuses to issue a notice whose header lacks what Decree 30 requires, and writes nothing', async () => {
		const id = await draft(['Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.']);
		new NoticeDoc(docs.get(id)!).writeMeta({ title: '', signerName: ' ', recipients: '' });
		await expect(tracker.issue(office, id, { sourceType: 'UBND', date: '2024-01-10' }, issueDocs)).rejects.toThrow(
			'Chưa thể ban hành: phần đầu còn thiếu trích yếu (tiêu đề), nơi nhận, người ký (Nghị định 30/2020/NĐ-CP).'
		);
		expect(new NoticeDoc(docs.get(id)!).readMeta()).toMatchObject({ state: 'draft', number: '' });
		expect(frozen.has(id)).toBe(false);
		expect(tracker.list(office, { noticeId: id }).rows.map((r) => r.state)).toEqual(['draft']);
	});

	it('refuses to issue twice, for an agency user, or without a source type', async () => {
		const a = await draft(['Giao Sở Tài chính chủ trì rà soát.']);
		await expect(tracker.issue(sotc, a, { sourceType: 'UBND' }, issueDocs)).rejects.toMatchObject({ reason: 'forbidden' });
		await expect(tracker.issue(office, a, { sourceType: 'XYZ' }, issueDocs)).rejects.toMatchObject({ reason: 'invalid-input' });
		await tracker.issue(office, a, { sourceType: 'UBND' }, issueDocs);
		await expect(tracker.issue(office, a, { sourceType: 'UBND' }, issueDocs)).rejects.toMatchObject({ reason: 'conflict' });
	});

	it('keeps the number and date written in the header; the counter fills only a blank number', async () => {
		const a = await draft(['Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.']);
		new NoticeDoc(docs.get(a)!).writeMeta({ number: '45', date: '2024-01-08' });
		expect(await tracker.issue(office, a, { sourceType: 'UBND' }, issueDocs)).toEqual({ number: '45' });
		expect(new NoticeDoc(docs.get(a)!).readMeta()).toMatchObject({ number: '45', date: '2024-01-08', state: 'issued' });
		expect(db.prepare('SELECT number, date FROM notices WHERE id = ?').get(a)).toEqual({ number: '45', date: '2024-01-08' });
		// Its tasks belong to the notice's date (the report's period), not to the day of issue.
		expect(db.prepare('SELECT DISTINCT notice_date FROM tasks WHERE notice_id = ?').all(a)).toEqual([{ notice_date: '2024-01-08' }]);
		const b = await draft(['Giao Sở Y tế triển khai.']);
		expect(await tracker.issue(office, b, { sourceType: 'UBND' }, issueDocs)).toEqual({ number: '46' });
	});

	it('refuses a date after today or before the meeting, a malformed header number, and a number already issued that year', async () => {
		const a = await draft(['Giao Sở Tài chính chủ trì rà soát.']);
		await expect(tracker.issue(office, a, { sourceType: 'UBND', date: '2099-01-01' }, issueDocs)).rejects.toMatchObject({
			reason: 'invalid-input',
			message: /sau ngày hôm nay/
		});
		new NoticeDoc(docs.get(a)!).writeMeta({ meetingDate: '2024-01-06' });
		await expect(tracker.issue(office, a, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs)).rejects.toMatchObject({
			reason: 'invalid-input',
			message: /trước ngày họp/
		});
		new NoticeDoc(docs.get(a)!).writeMeta({ number: '4a' });
		await expect(tracker.issue(office, a, { sourceType: 'UBND', date: '2024-01-09' }, issueDocs)).rejects.toMatchObject({
			reason: 'invalid-input',
			message: /không hợp lệ/
		});
		// Nothing was written and nothing frozen by the refusals.
		expect(new NoticeDoc(docs.get(a)!).readMeta().state).toBe('draft');
		expect(frozen.has(a)).toBe(false);
		new NoticeDoc(docs.get(a)!).writeMeta({ number: '7' });
		await tracker.issue(office, a, { sourceType: 'UBND', date: '2024-01-09' }, issueDocs);
		const b = await draft(['Giao Sở Y tế triển khai.']);
		new NoticeDoc(docs.get(b)!).writeMeta({ number: '07' });
		await expect(tracker.issue(office, b, { sourceType: 'UBND', date: '2024-01-10' }, issueDocs)).rejects.toMatchObject({
			reason: 'conflict',
			message: /7\/TB-VP năm 2024 đã được dùng/
		});
		// Another year may use the number again.
		now = at('2025-01-10');
		await expect(tracker.issue(office, b, { sourceType: 'UBND', date: '2025-01-10' }, issueDocs)).resolves.toEqual({ number: '7' });
	});

	it('records in each task’s history what the issuer accepted without fixing (review before issuing)', async () => {
		const a = await draft(['Giao Sở Tài chánh chủ trì rà soát.', 'Giao Sở Y tế kiểm tra, xong trước ngày 30/01/2024.']);
		await tracker.issue(
			office,
			a,
			{
				sourceType: 'UBND',
				accepted: [
					{ key: 'header:place', taskId: null, message: 'Phần đầu chưa có địa danh.' },
					{ key: `${a}-b0:no-deadline`, taskId: `${a}-b0`, message: 'Nhiệm vụ 1: chưa có thời hạn.' }
				]
			},
			issueDocs
		);
		const text = (taskId: string) => tracker.detail(office, { noticeId: a, taskId }).events.find((e) => e.kind === 'issued')!.text;
		expect(text(`${a}-b0`)).toBe('Số 1/TB-VP. Chấp nhận khi ban hành: Phần đầu chưa có địa danh. Nhiệm vụ 1: chưa có thời hạn.');
		expect(text(`${a}-b1`)).toBe('Số 1/TB-VP. Chấp nhận khi ban hành: Phần đầu chưa có địa danh.');
	});

	it('keeps an official task when the projection runs again on changed text', async () => {
		const a = await draft(['Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.']);
		await tracker.issue(office, a, { sourceType: 'UBND' }, issueDocs);
		new NoticeDoc(docs.get(a)!).setBodyParagraphs(['Văn bản khác.'], () => 'x');
		tasks.project(a, docs.get(a)!);
		expect(tracker.list(office, { noticeId: a }).rows).toHaveLength(1);
	});
});

describe('agencies and the office at work', () => {
	let notice: string;
	const ref = () => ({ noticeId: notice, taskId: `${notice}-b0` });
	beforeEach(async () => {
		notice = await draft(['Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, xong trước ngày 30/01/2024.']);
		await tracker.issue(office, notice, { sourceType: 'CT_UBND', date: '2024-01-05' }, issueDocs);
	});

	it('lets an agency see only tasks naming it, and never learn of the others', () => {
		expect(tracker.list(sotc).rows).toHaveLength(1);
		expect(tracker.list(soyt).rows).toHaveLength(0);
		expect(() => tracker.detail(soyt, ref())).toThrow(/Không tìm thấy/);
		expect(() => tracker.reportProgress(soyt, ref(), { id: 'abcdefgh1', text: 'x', percent: 10 })).toThrow(/Không tìm thấy/);
	});

	it('stores a progress report once per client-made id (offline outbox resends)', () => {
		expect(tracker.reportProgress(sotc, ref(), { id: 'report-0001', text: 'Đã rà soát', percent: 40 })).toEqual({ created: true });
		expect(tracker.reportProgress(sotc, ref(), { id: 'report-0001', text: 'Đã rà soát', percent: 40 })).toEqual({ created: false });
		const d = tracker.detail(office, ref());
		expect(d.progress).toHaveLength(1);
		expect(d.task.progressPercent).toBe(40);
		expect(d.events.map((e) => e.kind)).toEqual(['issued', 'progress']);
	});

	it('rejects bad progress input with a Vietnamese reason and changes nothing', () => {
		expect(() => tracker.reportProgress(sotc, ref(), { id: 'report-0002', text: '  ', percent: 10 })).toThrow(/nội dung/);
		expect(() => tracker.reportProgress(sotc, ref(), { id: 'report-0003', text: 'x', percent: 120 })).toThrow(/0 đến 100/);
		expect(tracker.detail(office, ref()).progress).toHaveLength(0);
	});

	it('goes done-reported → awaiting → done on time when the office confirms', () => {
		now = at('2024-01-29');
		tracker.reportDone(sotc, ref(), 'Xong');
		expect(tracker.detail(office, ref()).task.statusKey).toBe('awaiting');
		now = at('2024-02-02');
		tracker.decideDone(office, ref(), true, '');
		const t = tracker.detail(office, ref()).task;
		expect(t.status).toMatchObject({ kind: 'done', onTime: true, completedOn: '2024-01-29' });
	});

	it('goes back to open when the office rejects the done report', () => {
		tracker.reportDone(sotc, ref(), 'Xong');
		tracker.decideDone(office, ref(), false, 'Chưa đủ hồ sơ');
		expect(tracker.detail(office, ref()).task.statusKey).toBe('within');
	});

	it('lets only the lead agency report done or ask for an extension, and only the office decide', async () => {
		const auth = new AuthService(db);
		const soxd = await auth.createUser({ username: 'xd', displayName: 'Sở XD', password: 'mat-khau-123', role: 'agency', agency: 'Sở Xây dựng' });
		expect(tracker.list(soxd).rows).toHaveLength(1); // support sees it
		expect(() => tracker.reportDone(soxd, ref(), '')).toThrow(/chủ trì/);
		expect(() => tracker.requestExtension(soxd, ref(), { requestedDue: '2024-02-20', reason: 'x' })).toThrow(/chủ trì/);
		tracker.reportDone(sotc, ref(), '');
		expect(() => tracker.decideDone(sotc, ref(), true, '')).toThrow(/Văn phòng/);
		expect(() => tracker.cancel(leader, ref(), 'x')).toThrow(/Văn phòng/);
	});

	it('moves the working deadline on an approved extension and keeps the original for statistics', () => {
		const id = tracker.requestExtension(sotc, ref(), { requestedDue: '2024-02-20', reason: 'Chờ ý kiến các sở' });
		tracker.decideExtension(office, id, true, '');
		now = at('2024-02-05');
		let t = tracker.detail(office, ref()).task;
		expect([t.dueOriginal, t.dueWorking, t.statusKey]).toEqual(['2024-01-30', '2024-02-20', 'within']);
		tracker.reportDone(sotc, ref(), '');
		tracker.decideDone(office, ref(), true, '');
		t = tracker.detail(office, ref()).task;
		expect(t.status).toMatchObject({ kind: 'done', onTime: false, onTimeWorking: true });
	});

	it('tells the agencies of a task of it when it is issued, and its lead of a refused done report and of extension decisions', () => {
		// Issued in beforeEach: Sở Tài chính leads, Sở Xây dựng supports; Sở Y tế is not named.
		const sotcNew = tracker.notifications(sotc).filter((n) => n.kind === 'new-task');
		expect(sotcNew).toHaveLength(1);
		expect(sotcNew[0]!.text).toMatch(/^Nhiệm vụ mới theo Thông báo số 1\/TB-VP: .+, hạn 30\/01\/2024\.$/);
		expect(sotcNew[0]).toMatchObject({ noticeId: notice, taskId: `${notice}-b0`, read: false });
		expect(tracker.notifications(soyt)).toEqual([]);
		tracker.reportDone(sotc, ref(), 'Xong');
		tracker.decideDone(office, ref(), false, 'Chưa đủ hồ sơ');
		const id = tracker.requestExtension(sotc, ref(), { requestedDue: '2024-02-20', reason: 'Chờ ý kiến các sở' });
		tracker.decideExtension(office, id, false, 'Không đủ căn cứ');
		expect(tracker.notifications(sotc).map((n) => [n.kind, n.text])).toEqual([
			['extension-refused', 'Đề nghị gia hạn đến 20/02/2024 không được chấp thuận: Không đủ căn cứ'],
			['done-rejected', expect.stringMatching(/^Văn phòng chưa xác nhận hoàn thành nhiệm vụ “.+”: Chưa đủ hồ sơ$/)],
			['new-task', sotcNew[0]!.text]
		]);
	});

	it('cancels with a reason and lists reminders in the agency notifications', () => {
		tracker.remind(office, { agency: 'Sở Tài chính', text: 'Đề nghị khẩn trương báo cáo.', ref: ref() });
		expect(
			tracker
				.notifications(sotc)
				.filter((n) => n.kind === 'remind')
				.map((n) => n.text)
		).toEqual(['Đề nghị khẩn trương báo cáo.']);
		expect(tracker.notifications(soyt)).toEqual([]);
		tracker.cancel(office, ref(), 'Không còn phù hợp');
		expect(tracker.detail(office, ref()).task.status).toMatchObject({ kind: 'cancelled', reason: 'Không còn phù hợp' });
		expect(() => tracker.reportProgress(sotc, ref(), { id: 'report-0009', text: 'x', percent: 1 })).toThrow(/thôi thực hiện/);
	});

	it('filters by status, source, leader and search without diacritics', () => {
		now = at('2024-02-01');
		expect(tracker.list(office, { status: ['overdue'] }).total).toBe(1);
		expect(tracker.list(office, { status: ['within'] }).total).toBe(0);
		expect(tracker.list(office, { source: 'CT_UBND' }).total).toBe(1);
		expect(tracker.list(office, { source: 'TU' }).total).toBe(0);
		expect(tracker.list(office, { q: 'so tai chinh' }).total).toBe(1);
		expect(tracker.list(office, { agency: 'so xay dung', agencyRole: 'support' }).total).toBe(1);
		expect(tracker.list(office, { agency: 'so xay dung', agencyRole: 'lead' }).total).toBe(0);
		expect(tracker.list(office).byAgency).toEqual([]);
		expect(tracker.list(office, { withCounts: true }).byAgency).toEqual([{ agency: 'Sở Tài chính', total: 1, overdue: 1, done: 0 }]);
	});

	it('lists agencies that have not updated their unfinished tasks this week', () => {
		now = Date.parse('2024-01-12T10:00:00Z'); // Friday 17:00 in Hà Nội: past the 16:00 cutoff
		let w = tracker.weeklyUpdates();
		expect(w).toMatchObject({ weekStart: '2024-01-08', cutoffPassed: true, agencies: [{ agency: 'Sở Tài chính', missing: 1 }] });
		tracker.reportProgress(sotc, ref(), { id: 'report-0100', text: 'Tiếp tục', percent: 50 });
		w = tracker.weeklyUpdates();
		expect(w.agencies).toEqual([]);
	});
});

describe('corrections after issue (issue 9 [3])', () => {
	let notice: string;
	const ref = () => ({ noticeId: notice, taskId: `${notice}-b0` });
	const correction = { reason: 'Theo ý kiến của Chủ tịch UBND tỉnh', document: '' };
	beforeEach(async () => {
		notice = await draft(['Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, xong trước ngày 30/01/2024.']);
		await tracker.issue(office, notice, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
	});

	it('reassigns the lead, keeps names with commas whole, and the agencies see it or stop seeing it', () => {
		tracker.correct(office, ref(), { ...correction, lead: ['Sở Y tế'], support: ['Sở Văn hóa, Thể thao và Du lịch'], due: '2024-01-30', document: '3/TB-VP' });
		const t = tracker.detail(office, ref()).task;
		expect([t.lead, t.support]).toEqual([['Sở Y tế'], ['Sở Văn hóa, Thể thao và Du lịch']]);
		expect(tracker.list(soyt).rows.map((r) => r.taskId)).toEqual([ref().taskId]);
		expect(tracker.list(sotc).rows).toHaveLength(0);
		expect(tracker.list(office, { agency: 'van hoa, the thao', agencyRole: 'support' }).rows).toHaveLength(1);
		expect(tracker.list(office, { q: 'so y te' }).rows).toHaveLength(1);
		const e = tracker.detail(office, ref()).events.at(-1)!;
		expect(e).toMatchObject({ kind: 'corrected', actorName: 'Chuyên viên' });
		expect(e.text).toBe(
			'Chủ trì: Sở Tài chính → Sở Y tế; Phối hợp: Sở Xây dựng → Sở Văn hóa, Thể thao và Du lịch. Lý do: Theo ý kiến của Chủ tịch UBND tỉnh (theo văn bản số 3/TB-VP)'
		);
		expect(e.data).toMatchObject({ before: { lead: ['Sở Tài chính'] }, after: { lead: ['Sở Y tế'] }, document: '3/TB-VP' });
		// The agency that lost the task hears of the correction; the new lead receives it as new.
		expect(tracker.notifications(sotc).map((n) => n.kind)).toContain('corrected');
		expect(tracker.notifications(soyt).map((n) => n.kind)).toEqual(['new-task']);
	});

	it('moves the working deadline and keeps the original for statistics', () => {
		tracker.correct(office, ref(), { ...correction, lead: ['Sở Tài chính'], support: ['Sở Xây dựng'], due: '2024-02-15' });
		now = at('2024-02-10');
		tracker.reportDone(sotc, ref(), '');
		tracker.decideDone(office, ref(), true, '');
		const t = tracker.detail(office, ref()).task;
		expect([t.dueOriginal, t.dueWorking]).toEqual(['2024-01-30', '2024-02-15']);
		expect(t.status).toMatchObject({ kind: 'done', onTime: false, onTimeWorking: true });
	});

	it('refuses a correction that changes nothing, has no lead, no reason, a bad number or a deadline before the notice, and changes nothing', () => {
		const base = { ...correction, lead: ['Sở Tài chính'], support: ['Sở Xây dựng'], due: '2024-01-30' };
		expect(() => tracker.correct(office, ref(), base)).toThrow(/Không có gì thay đổi/);
		expect(() => tracker.correct(office, ref(), { ...base, lead: [] })).toThrow(/chủ trì/);
		expect(() => tracker.correct(office, ref(), { ...base, due: '2024-02-01', reason: ' ' })).toThrow(/lý do/);
		expect(() => tracker.correct(office, ref(), { ...base, due: '2024-02-01', document: 'số mười' })).toThrow(/Số văn bản/);
		expect(() => tracker.correct(office, ref(), { ...base, due: '2023-12-31' })).toThrow(/trước ngày ban hành/);
		expect(() => tracker.correct(sotc, ref(), { ...base, due: '2024-02-01' })).toThrow(/Văn phòng/);
		expect(() => tracker.correct(leader, ref(), { ...base, due: '2024-02-01' })).toThrow(/Văn phòng/);
		const d = tracker.detail(office, ref());
		expect([d.task.dueWorking, d.task.lead, d.events.map((e) => e.kind)]).toEqual(['2024-01-30', ['Sở Tài chính'], ['issued']]);
	});

	it('adds a task to the issued notice, official at once, of its source and date, and withdraws one with the correcting notice number', () => {
		const id = tracker.addTask(office, notice, {
			...correction,
			action: 'Xây dựng kế hoạch chuyển đổi số',
			lead: ['Sở Y tế'],
			support: [],
			due: '2024-03-31',
			document: '4/TB-VP'
		});
		const t = tracker.detail(soyt, { noticeId: notice, taskId: id }).task;
		expect(t).toMatchObject({
			state: 'official',
			sourceType: 'UBND',
			dueOriginal: '2024-03-31',
			action: 'Xây dựng kế hoạch chuyển đổi số',
			noticeNumber: '1/TB-VP'
		});
		expect(tracker.notifications(soyt).map((n) => n.text)).toEqual(['Nhiệm vụ mới (bổ sung sau ban hành): Xây dựng kế hoạch chuyển đổi số, hạn 31/03/2024.']);
		expect(tracker.list(office, { noticeId: notice }).total).toBe(2);
		// A draft notice gets its tasks from its text.
		expect(() => tracker.addTask(office, 'missing', { ...correction, action: 'x', lead: ['Sở Y tế'], support: [], due: null })).toThrow(/Không tìm thấy/);
		tracker.cancel(office, ref(), 'Đã có văn bản khác thay thế', '5/TB-VP');
		const e = tracker.detail(office, ref()).events.at(-1)!;
		expect([e.kind, e.text]).toEqual(['cancelled', 'Đã có văn bản khác thay thế (theo văn bản số 5/TB-VP)']);
		expect(tracker.notifications(sotc).map((n) => n.kind)).toContain('withdrawn');
	});
});

describe('automatic deadline reminders (issue 9 [5])', () => {
	let notice: string;
	const ref = () => ({ noticeId: notice, taskId: `${notice}-b0` });
	const auto = (u: User) => tracker.notifications(u).filter((n) => n.kind === 'due-soon' || n.kind === 'overdue');
	beforeEach(async () => {
		notice = await draft(['Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế rà soát, xong trước ngày 30/01/2024.']);
		await tracker.issue(office, notice, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
	});

	it('reminds the lead agency N days before and once overdue, each once, and a moved deadline again', () => {
		const mails: string[] = [];
		tracker.onNotification = (n) => mails.push(`${n.agency}|${n.kind}|${n.action}`);
		now = at('2024-01-26'); // 4 days before: not yet
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		now = at('2024-01-27');
		expect(tracker.sendDeadlineReminders(3)).toBe(1);
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		now = at('2024-01-30'); // the last day: still "due soon", already reminded
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		now = at('2024-01-31');
		expect(tracker.sendDeadlineReminders(3)).toBe(1);
		now = at('2024-02-03');
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		expect(auto(sotc).map((n) => [n.kind, n.text, n.byName])).toEqual([
			['overdue', expect.stringMatching(/^Nhiệm vụ “.+” đã quá hạn \(hạn 30\/01\/2024\): đề nghị khẩn trương/), 'Kết Luận (tự động)'],
			['due-soon', expect.stringMatching(/^Nhiệm vụ “.+” đến hạn ngày 30\/01\/2024/), 'Kết Luận (tự động)']
		]);
		expect(auto(soyt)).toEqual([]); // support is not reminded of the lead's deadline
		expect(mails).toEqual([expect.stringMatching(/^Sở Tài chính\|due-soon\|.*rà soát/), expect.stringMatching(/^Sở Tài chính\|overdue\|.*rà soát/)]);
		// An extension moves the deadline: the new one is reminded in its turn.
		const id = tracker.requestExtension(sotc, ref(), { requestedDue: '2024-02-20', reason: 'Chờ số liệu' });
		tracker.decideExtension(office, id, true, '');
		now = at('2024-02-18');
		expect(tracker.sendDeadlineReminders(3)).toBe(1);
		expect(auto(sotc)[0]!.text).toContain('đến hạn ngày 20/02/2024');
	});

	it('reminds no task reported done, done, cancelled or without a deadline, and with 0 days only once overdue', async () => {
		const none = await draft(['Giao Sở Tài chính chủ trì nghiên cứu mô hình quản lý mới.']);
		await tracker.issue(office, none, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
		now = at('2024-01-28');
		expect(tracker.sendDeadlineReminders(0)).toBe(0);
		tracker.reportDone(sotc, ref(), 'Xong');
		now = at('2024-02-10');
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		tracker.decideDone(office, ref(), false, 'Chưa đủ');
		expect(tracker.sendDeadlineReminders(0)).toBe(1);
		tracker.cancel(office, ref(), 'Không còn phù hợp');
		now = at('2024-03-10');
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
	});

	it('hands each notification stored to onNotification once, after its transaction, never a repeated one', () => {
		const seen: string[] = [];
		tracker.onNotification = (n) => seen.push(`${n.agency}|${n.kind}`);
		tracker.reportDone(sotc, ref(), 'Xong');
		tracker.decideDone(office, ref(), false, 'Chưa đủ hồ sơ');
		expect(seen).toEqual(['Sở Tài chính|done-rejected']);
		// A failing listener does not undo what was stored.
		tracker.onNotification = () => {
			throw new Error('SMTP down');
		};
		tracker.correct(office, ref(), { lead: ['Sở Tài chính'], support: [], due: '2024-01-30', reason: 'Bỏ phối hợp', document: '' });
		expect(tracker.detail(office, ref()).task.support).toEqual([]);
	});
});

describe("the office's inbox (issue 9 [5])", () => {
	it('lists done reports and extension requests waiting for a decision, and empties as they are decided', async () => {
		const notice = await draft([
			'Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.',
			'Giao Sở Y tế chủ trì kiểm tra, xong trước ngày 30/01/2024.'
		]);
		await tracker.issue(office, notice, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
		const a = { noticeId: notice, taskId: `${notice}-b0` };
		const b = { noticeId: notice, taskId: `${notice}-b1` };
		expect(tracker.officeInboxCount()).toBe(0);
		tracker.reportDone(sotc, a, 'Xong');
		const ext = tracker.requestExtension(soyt, b, { requestedDue: '2024-02-20', reason: 'Chờ số liệu' });
		const inbox = tracker.officeInbox(office);
		expect(inbox.doneReports.map((r) => [r.taskId, r.lead, r.noticeNumber, r.reportedOn])).toEqual([[a.taskId, ['Sở Tài chính'], '1/TB-VP', '2024-01-10']]);
		expect(inbox.extensions.map((e) => [e.id, e.lead, e.requestedDue, e.reason])).toEqual([[ext, ['Sở Y tế'], '2024-02-20', 'Chờ số liệu']]);
		expect(tracker.officeInboxCount()).toBe(2);
		expect(() => tracker.officeInbox(sotc)).toThrow(/Văn phòng/);
		expect(() => tracker.officeInbox(leader)).toThrow(/Văn phòng/);
		tracker.decideDone(office, a, true, '');
		tracker.decideExtension(office, ext, false, 'Không đủ căn cứ');
		expect(tracker.officeInbox(office)).toEqual({ doneReports: [], extensions: [] });
	});
});

describe('recurring deadlines (issue 9 [2])', () => {
	it('gives a recurring task one due day per occurrence, each on time or late, and moves its deadline from one to the next', async () => {
		const notice = await draft(['Giao Sở Tài chính chủ trì tổng hợp tình hình, báo cáo UBND tỉnh trước ngày 20 hằng tháng.']);
		await tracker.issue(office, notice, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
		const ref = { noticeId: notice, taskId: `${notice}-b0` };
		let d = tracker.detail(office, ref);
		expect(d.occurrences.map((o) => o.due)).toEqual([
			'2024-01-20',
			'2024-02-20',
			'2024-03-20',
			'2024-04-20',
			'2024-05-20',
			'2024-06-20',
			'2024-07-20',
			'2024-08-20',
			'2024-09-20',
			'2024-10-20',
			'2024-11-20',
			'2024-12-20'
		]);
		expect([d.task.dueWorking, d.task.statusKey]).toEqual(['2024-01-20', 'within']);
		now = at('2024-01-15');
		tracker.reportProgress(sotc, ref, { id: 'monthly-01', text: 'Báo cáo tháng 1', percent: 10 });
		d = tracker.detail(office, ref);
		expect(d.occurrences[0]).toEqual({ due: '2024-01-20', doneOn: '2024-01-15', onTime: true });
		expect(d.task.dueWorking).toBe('2024-02-20');
		// February's report is missed: the task is overdue, and reminded once for that occurrence.
		now = at('2024-02-22');
		expect(tracker.detail(office, ref).task.statusKey).toBe('overdue');
		expect(tracker.sendDeadlineReminders(3)).toBe(1);
		expect(tracker.sendDeadlineReminders(3)).toBe(0);
		tracker.reportProgress(sotc, ref, { id: 'monthly-02', text: 'Báo cáo tháng 2 (muộn)', percent: 20 });
		d = tracker.detail(office, ref);
		expect(d.occurrences[1]).toEqual({ due: '2024-02-20', doneOn: '2024-02-22', onTime: false });
		expect([d.task.dueWorking, d.task.statusKey]).toEqual(['2024-03-20', 'within']);
		// A resent report (the offline outbox) closes nothing more.
		tracker.reportProgress(sotc, ref, { id: 'monthly-02', text: 'Báo cáo tháng 2 (muộn)', percent: 20 });
		expect(tracker.detail(office, ref).occurrences.filter((o) => o.doneOn).length).toBe(2);
	});

	it('leaves a task with a plain deadline without occurrences', async () => {
		const notice = await draft(['Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.']);
		await tracker.issue(office, notice, { sourceType: 'UBND', date: '2024-01-05' }, issueDocs);
		expect(tracker.detail(office, { noticeId: notice, taskId: `${notice}-b0` }).occurrences).toEqual([]);
	});
});

describe('status in SQL', () => {
	it('agrees with computeStatus on every state', () => {
		const today = '2024-01-30';
		const cases: TaskFacts[] = [
			{ originalDue: null, workingDue: null },
			{ originalDue: '2024-02-10', workingDue: '2024-02-10' },
			{ originalDue: '2024-02-02', workingDue: '2024-02-02' },
			{ originalDue: '2024-01-30', workingDue: '2024-01-30' },
			{ originalDue: '2024-01-29', workingDue: '2024-01-29' },
			{ originalDue: '2024-01-20', workingDue: '2024-02-20' },
			{ originalDue: '2024-01-20', workingDue: '2024-01-20', reportedDoneOn: '2024-01-25' },
			{ originalDue: '2024-01-20', workingDue: '2024-01-20', reportedDoneOn: '2024-01-19', completedOn: '2024-01-19' },
			{ originalDue: '2024-01-20', workingDue: '2024-01-25', reportedDoneOn: '2024-01-24', completedOn: '2024-01-24' },
			{ originalDue: '2024-01-20', workingDue: '2024-01-20', cancelledOn: '2024-01-10', cancelReason: 'x' }
		];
		const stmt = db.prepare(
			`SELECT ${STATUS_SQL} AS s FROM (SELECT @due_original AS due_original, @due_working AS due_working, @reported AS reported_done_on, @completed AS completed_on, @cancelled AS cancelled_on) t`
		);
		for (const c of cases) {
			const sql = (
				stmt.get({
					...statusParams(today),
					due_original: c.originalDue,
					due_working: c.workingDue,
					reported: c.reportedDoneOn ?? null,
					completed: c.completedOn ?? null,
					cancelled: c.cancelledOn ?? null
				}) as { s: string }
			).s;
			expect(sql).toBe(statusKey(computeStatus(c, today)));
			// The index-friendly filter selects exactly the same rows.
			for (const key of STATUS_KEYS) {
				const hit = db
					.prepare(
						`SELECT 1 AS x FROM (SELECT @due_original AS due_original, @due_working AS due_working, @reported AS reported_done_on, @completed AS completed_on, @cancelled AS cancelled_on) t WHERE ${statusCondition(key)}`
					)
					.get({
						...statusParams(today),
						due_original: c.originalDue,
						due_working: c.workingDue,
						reported: c.reportedDoneOn ?? null,
						completed: c.completedOn ?? null,
						cancelled: c.cancelledOn ?? null
					});
				expect(hit !== undefined, `${key} for ${JSON.stringify(c)}`).toBe(key === sql);
			}
		}
	});
});
