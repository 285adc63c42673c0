import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { openDatabase, type Db } from '../db';
import { NoticeRegistry } from '../notices/NoticeRegistry';
import { openMemoryDocStore } from '../store/MemoryDocStore';
import type { DocStore } from '../store/types';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import type { User } from '../auth/types';
import { VersionStore } from './VersionStore';
import { HistoryRecorder } from './HistoryRecorder';
import { HistoryService } from './HistoryService';
import { HistoryError } from './types';

const user = (id: string, role: User['role'], agency: string | null = null): User => ({
	id,
	username: id,
	displayName: `Người ${id}`,
	role,
	agency,
	createdAt: 0
});
const an = user('an', 'office');
const binh = user('binh', 'office');
const lanhdao = user('ld', 'leader');
const sotc = user('sotc', 'agency', 'Sở Tài chính');
const principal = (u: User) => ({ userId: u.id, name: u.displayName });

let dir: string;
let db: Db;
let store: DocStore;
let notices: NoticeRegistry;
let versions: VersionStore;
let now: number;
let recorder: HistoryRecorder;
let history: HistoryService;
let noticeId: string;
/** The "sync server's" live copy of the notice, written to the store like the real one does. */
let live: Y.Doc;

const timing = { intervalMs: 60_000, pauseMs: 30 };

/** Edits the live doc as a client would, storing the update first. */
async function edit(by: User, change: (n: NoticeDoc) => void): Promise<void> {
	const before = Y.encodeStateVector(live);
	change(new NoticeDoc(live));
	await store.append(noticeId, Y.encodeStateAsUpdate(live, before));
	recorder.edited(noticeId, principal(by));
}

function typeInto(n: NoticeDoc, text: string): void {
	const p = n.content.get(0) as Y.XmlElement;
	const t = p.get(0) as Y.XmlText;
	t.insert(t.length, text);
}

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'ketluan-history-'));
	db = openDatabase(dir);
	store = openMemoryDocStore();
	notices = new NoticeRegistry(db, store);
	versions = new VersionStore(db);
	now = 1_700_000_000_000;
	recorder = new HistoryRecorder(
		versions,
		(id) => notices.loadDoc(id),
		timing,
		() => now
	);
	history = new HistoryService(db, versions, notices, recorder, () => undefined as never);
	noticeId = await notices.create(an, { title: 'Kết luận giao ban tháng 1' });
	live = await notices.loadDoc(noticeId);
});

afterEach(async () => {
	recorder.close();
	live.destroy();
	await store.close();
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('recording versions', () => {
	it('[HS2] records the first change at once, then waits for a pause in editing before the next', async () => {
		await edit(an, (n) => typeInto(n, 'Giao Sở Tài chính'));
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId).map((v) => v.seq)).toEqual([1]);
		now += 1_000;
		await edit(binh, (n) => typeInto(n, ' chủ trì'));
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId)).toHaveLength(1);
		await expect.poll(() => versions.list(noticeId).length).toBe(2);
		const v2 = versions.get(noticeId, 2)!;
		const d = new Y.Doc();
		Y.applyUpdate(d, v2.state);
		expect(new NoticeDoc(d).bodyText()).toBe('Giao Sở Tài chính chủ trì');
		expect(v2.kind).toBe('auto');
	});

	it('[HS2] records at once when the newest version is at least the interval old', async () => {
		await edit(an, (n) => typeInto(n, 'Một'));
		recorder.changed(noticeId, live);
		now += timing.intervalMs;
		await edit(an, (n) => typeInto(n, ' hai'));
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId).map((v) => v.seq)).toEqual([2, 1]);
	});

	it('[HS5] names who edited since the previous version, each once, and starts over after it', async () => {
		await edit(an, (n) => typeInto(n, 'A'));
		await edit(binh, (n) => typeInto(n, 'B'));
		await edit(an, (n) => typeInto(n, 'C'));
		recorder.changed(noticeId, live);
		now += timing.intervalMs;
		await edit(binh, (n) => typeInto(n, 'D'));
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId).map((v) => [v.seq, v.authors.map((a) => a.name)])).toEqual([
			[2, ['Người binh']],
			[1, ['Người an', 'Người binh']]
		]);
	});

	it('[HS3] records no automatic version when nothing changed, but does after a deletion alone', async () => {
		await edit(an, (n) => typeInto(n, 'Nội dung'));
		recorder.changed(noticeId, live);
		now += timing.intervalMs;
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId)).toHaveLength(1);
		await edit(an, (n) => ((n.content.get(0) as Y.XmlElement).get(0) as Y.XmlText).delete(0, 4));
		recorder.changed(noticeId, live);
		expect(versions.list(noticeId)).toHaveLength(2);
	});

	it('[HS4] records the issued state as an issue version naming the issuer, and no automatic version of it', async () => {
		await edit(an, (n) => typeInto(n, 'Giao Sở Y tế chủ trì.'));
		recorder.changed(noticeId, live);
		now += 1_000;
		await edit(binh, (n) => typeInto(n, ' Xong.'));
		recorder.changed(noticeId, live); // arms the pause timer
		// Issuing writes number, date and state through the server (no client update, no author).
		new NoticeDoc(live).writeMeta({ number: '7', state: 'issued' });
		await store.append(noticeId, Y.encodeStateAsUpdate(live));
		const seq = await recorder.recordIssue(noticeId, principal(lanhdao));
		recorder.changed(noticeId, live);
		now += timing.intervalMs;
		recorder.changed(noticeId, live);
		await recorder.flush();
		const list = versions.list(noticeId);
		expect(list.map((v) => [v.seq, v.kind, v.authors.map((a) => a.id)])).toEqual([
			[2, 'issue', ['binh', 'ld']],
			[1, 'auto', ['an']]
		]);
		expect(seq).toBe(2);
	});

	it('[HS1] numbers versions per notice and keeps each one whole', async () => {
		const other = await notices.create(binh, { title: 'Khác' });
		await edit(an, (n) => typeInto(n, 'Một'));
		recorder.changed(noticeId, live);
		expect(await recorder.recordManual(other, principal(binh))).toBe(1);
		expect(await recorder.recordManual(noticeId, principal(an))).toBe(2);
		const v = versions.get(noticeId, 2)!;
		expect(v.kind).toBe('manual');
		const d = new Y.Doc();
		Y.applyUpdate(d, v.state);
		expect(new NoticeDoc(d).readMeta().title).toBe('Kết luận giao ban tháng 1');
	});
});

describe('reading and restoring', () => {
	it('[HS7] lets whoever may read the notice see its history, and refuses others with a Vietnamese error', async () => {
		await edit(an, (n) => typeInto(n, 'Một'));
		recorder.changed(noticeId, live);
		expect(history.list(lanhdao, noticeId).versions).toHaveLength(1);
		expect(history.list(lanhdao, noticeId).canRestore).toBe(false);
		expect(() => history.list(sotc, noticeId)).toThrow(HistoryError);
		expect(() => history.list(sotc, noticeId)).toThrow(/không có quyền/);
		expect(() => history.list(an, 'khong-co')).toThrow(/Không tìm thấy thông báo/);
		await expect(history.view(an, noticeId, 9)).rejects.toThrow(/Không tìm thấy phiên bản/);
	});

	it('[HS8] restores a version as a new draft with its text and corrections, shared like the original, and leaves the original', async () => {
		await edit(an, (n) => typeInto(n, 'Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.'));
		new NoticeDoc(live).correctTask(String((new NoticeDoc(live).content.get(0) as Y.XmlElement).getAttribute('id')), { lead: ['Sở Xây dựng'], by: 'Người an' });
		await store.append(noticeId, Y.encodeStateAsUpdate(live));
		recorder.changed(noticeId, live);
		notices.share(noticeId, 'sotc', 'read');
		notices.share(noticeId, 'ld', 'write');
		now += 1_000;
		await edit(an, (n) => typeInto(n, ' Sửa sau.'));

		await expect(history.restore(lanhdao, noticeId, 1)).rejects.toThrow(/Chỉ chuyên viên Văn phòng hoặc quản trị viên/);
		const restored = await history.restore(binh, noticeId, 1);
		const doc = new NoticeDoc(await notices.loadDoc(restored));
		expect(doc.bodyText()).toBe('Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.');
		expect(doc.readMeta()).toMatchObject({
			state: 'draft',
			number: '',
			title: 'Kết luận giao ban tháng 1 (khôi phục từ phiên bản 1 của thông báo “Kết luận giao ban tháng 1”)'
		});
		expect([...doc.readCorrections().values()].map((c) => c.lead)).toEqual([['Sở Xây dựng']]);
		// Same access: the original's members keep theirs (an agency reads a draft, a leader writes).
		expect(notices.accessFor(sotc, restored)).toBe('read');
		expect(notices.accessFor(lanhdao, restored)).toBe('write');
		expect(new NoticeDoc(await notices.loadDoc(noticeId)).bodyText()).toBe('Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024. Sửa sau.');
		expect(history.list(an, noticeId).versions).toHaveLength(1);
	});
});
