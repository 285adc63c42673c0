import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { vnToday } from '#shared/tracker/status';

import {
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	removeDataDir,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestClient,
	type TestUser
} from './harness';
import { addParagraph, bodyText, typeInParagraph } from './noticeEdits';

/** Issue dates: the server refuses a date after today or before the meeting (a new notice's meeting day is the day it was created). */
const TODAY = vnToday();

interface VersionRow {
	seq: number;
	kind: string;
	authors: string[];
	state: Uint8Array;
}

describe('version history over a real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let an: TestUser;
	let binh: TestUser;
	let leader: TestUser;
	let noticeId: string;
	let db: Database.Database;
	let firstText = '';
	const env = { HISTORY_INTERVAL_MS: process.env.HISTORY_INTERVAL_MS, HISTORY_PAUSE_MS: process.env.HISTORY_PAUSE_MS };

	/** The versions as the server stored them in its SQLite file (read-only, beside the running server). */
	const versions = (id = noticeId): VersionRow[] =>
		(
			db.prepare('SELECT seq, kind, authors_json, state FROM notice_versions WHERE notice_id = ? ORDER BY seq').all(id) as {
				seq: number;
				kind: string;
				authors_json: string;
				state: Buffer;
			}[]
		).map((r) => ({
			seq: r.seq,
			kind: r.kind,
			authors: (JSON.parse(r.authors_json) as { name: string }[]).map((a) => a.name),
			state: new Uint8Array(r.state)
		}));
	const textOf = (v: VersionRow) => {
		const d = new Y.Doc();
		Y.applyUpdate(d, v.state);
		return bodyText(d);
	};
	/** A request as a browser without JavaScript makes it (a plain form post gets a page or a redirect). */
	const page = (user: TestUser, path: string, init: RequestInit = {}) =>
		fetch(server.url + path, {
			redirect: 'manual',
			...init,
			headers: { authorization: `Bearer ${user.token}`, origin: server.url, accept: 'text/html', ...init.headers }
		});

	beforeAll(async () => {
		dataDir = makeDataDir();
		an = await createUser(dataDir, 'an', 'office');
		binh = await createUser(dataDir, 'binh', 'office');
		leader = await createUser(dataDir, 'lanhdao', 'leader');
		noticeId = await createNotice(dataDir, 'an', 'Kết luận giao ban tháng 3');
		// [HS2] shortened: a version at once when the newest is 1.5 s old, and after a 0.3 s pause.
		process.env.HISTORY_INTERVAL_MS = '1500';
		process.env.HISTORY_PAUSE_MS = '300';
		server = await startServer(dataDir);
		db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
	});

	afterAll(async () => {
		db?.close();
		await server?.stop();
		for (const [k, v] of Object.entries(env)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		removeDataDir(dataDir);
	});

	it('[HS2][HS5] records versions while two stock clients edit over time, each naming who edited since the previous one', async () => {
		const a: TestClient = connectClient(server, noticeId, an.token);
		const b: TestClient = connectClient(server, noticeId, binh.token);
		try {
			await Promise.all([waitSynced(a), waitSynced(b)]);
			typeInParagraph(a.doc, 0, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
			await waitFor(() => versions().length === 1, 15_000, 'first version');
			firstText = textOf(versions()[0]!);
			expect(firstText).toBe('Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
			expect(versions()[0]).toMatchObject({ seq: 1, kind: 'auto', authors: ['Người dùng an'] });

			// Bình adds a line, then editing pauses: a second version names Bình only.
			addParagraph(b.doc, 'Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm, báo cáo trước ngày 15/12/2099.');
			await waitFor(() => versions().length === 2, 15_000, 'second version after a pause');
			expect(versions()[1]).toMatchObject({ seq: 2, kind: 'auto', authors: ['Người dùng binh'] });

			// Both edit, and the doc both clients converge on is the newest version's text.
			typeInParagraph(a.doc, 0, ' Khẩn trương.');
			typeInParagraph(b.doc, 1, ' Định kỳ báo cáo.');
			await waitFor(
				() => bodyText(a.doc) === bodyText(b.doc) && bodyText(a.doc).includes('Khẩn trương.') && bodyText(a.doc).includes('Định kỳ báo cáo.'),
				15_000,
				'clients converge'
			);
			await waitFor(() => versions().length >= 3 && textOf(versions().at(-1)!) === bodyText(a.doc), 15_000, 'a version of the converged text');
			const authorsSince2 = new Set(
				versions()
					.slice(2)
					.flatMap((v) => v.authors)
			);
			expect([...authorsSince2].sort()).toEqual(['Người dùng an', 'Người dùng binh']);
		} finally {
			a.destroy();
			b.destroy();
		}
		// The history page lists the versions with their authors.
		const res = await page(binh, `/notices/${noticeId}/history`);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Phiên bản 1');
		expect(html).toContain('Người dùng binh');
	});

	it('[HS4] issuing records an issue version of the frozen state, naming who issued', async () => {
		const before = versions().length;
		const r = await fetch(`${server.url}/api/notices/${noticeId}/issue`, {
			method: 'POST',
			headers: { authorization: `Bearer ${leader.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sourceType: 'UBND', date: TODAY })
		});
		expect(r.status).toBe(201);
		const all = versions();
		expect(all).toHaveLength(before + 1);
		const issued = all.at(-1)!;
		expect(issued.kind).toBe('issue');
		expect(issued.authors).toContain('Người dùng lanhdao');
		const d = new Y.Doc();
		Y.applyUpdate(d, issued.state);
		expect(new NoticeDoc(d).readMeta()).toMatchObject({ state: 'issued', number: '1', date: TODAY });
	});

	it('[HS7][HS8] restores version 1 as a new draft with its text, refuses a leader, and leaves the original', async () => {
		const original = connectClient(server, noticeId, an.token);
		await waitSynced(original);
		const originalText = bodyText(original.doc);
		original.destroy();
		const originalVersions = versions().length;

		const refused = await page(leader, `/notices/${noticeId}/history/1?/restore`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('Chỉ chuyên viên Văn phòng hoặc quản trị viên');

		const res = await page(binh, `/notices/${noticeId}/history/1?/restore`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(res.status).toBe(303);
		const location = res.headers.get('location') ?? '';
		expect(location).toMatch(/^\/notices\/[A-Za-z0-9_-]+$/);
		const restoredId = location.split('/').pop()!;
		expect(restoredId).not.toBe(noticeId);

		const restored = connectClient(server, restoredId, binh.token);
		try {
			await waitSynced(restored);
			expect(bodyText(restored.doc)).toBe(firstText);
			expect(new NoticeDoc(restored.doc).readMeta()).toMatchObject({
				state: 'draft',
				number: '',
				title: 'Kết luận giao ban tháng 3 (khôi phục từ phiên bản 1 của thông báo số 1/TB-VP)'
			});
			// A new draft: writable, its changes accepted.
			typeInParagraph(restored.doc, 0, ' Bổ sung.');
			await waitFor(() => versions(restoredId).length >= 1, 15_000, 'the restored draft records its own versions');
		} finally {
			restored.destroy();
		}
		const again = connectClient(server, noticeId, an.token);
		try {
			await waitSynced(again);
			expect(bodyText(again.doc)).toBe(originalText);
			expect(new NoticeDoc(again.doc).readMeta().state).toBe('issued');
		} finally {
			again.destroy();
		}
		expect(versions()).toHaveLength(originalVersions);
	});

	it('[HS7] answers a version that does not exist with 404 and a Vietnamese message', async () => {
		const res = await page(an, `/notices/${noticeId}/history/99`);
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('Không tìm thấy phiên bản này');
	});
});

describe('version history across a graceful stop', () => {
	let dataDir: string;
	let server: ServerProcess | undefined;
	const env = { HISTORY_INTERVAL_MS: process.env.HISTORY_INTERVAL_MS, HISTORY_PAUSE_MS: process.env.HISTORY_PAUSE_MS };

	afterAll(async () => {
		await server?.stop();
		for (const [k, v] of Object.entries(env)) {
			if (v === undefined) delete process.env[k];
			else process.env[k] = v;
		}
		removeDataDir(dataDir);
	});

	it('[HS2] records the version that was waiting for a pause in editing when the server stops', async () => {
		dataDir = makeDataDir();
		const an = await createUser(dataDir, 'an', 'office');
		const noticeId = await createNotice(dataDir, 'an', 'Kết luận họp thường kỳ');
		// The pause never comes within the test: only the stop can record the second version.
		process.env.HISTORY_INTERVAL_MS = '600000';
		process.env.HISTORY_PAUSE_MS = '600000';
		server = await startServer(dataDir);
		const count = () => {
			const db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
			try {
				return (db.prepare('SELECT COUNT(*) AS n FROM notice_versions WHERE notice_id = ?').get(noticeId) as { n: number }).n;
			} finally {
				db.close();
			}
		};
		const a = connectClient(server, noticeId, an.token);
		const b = connectClient(server, noticeId, an.token);
		try {
			await Promise.all([waitSynced(a), waitSynced(b)]);
			typeInParagraph(a.doc, 0, 'Dòng thứ nhất.');
			await waitFor(() => count() === 1, 15_000, 'first version');
			addParagraph(a.doc, 'Dòng thứ hai.');
			// Seen by another client means stored by the server.
			await waitFor(() => bodyText(b.doc).includes('Dòng thứ hai.'), 15_000, 'second line stored');
		} finally {
			a.destroy();
			b.destroy();
		}
		await server.stop();
		server = undefined;
		const db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
		try {
			const rows = db.prepare('SELECT seq, state FROM notice_versions WHERE notice_id = ? ORDER BY seq').all(noticeId) as { seq: number; state: Buffer }[];
			expect(rows.map((r) => r.seq)).toEqual([1, 2]);
			const d = new Y.Doc();
			Y.applyUpdate(d, new Uint8Array(rows[1]!.state));
			expect(bodyText(d)).toBe('Dòng thứ nhất.\nDòng thứ hai.');
		} finally {
			db.close();
		}
	});
});
