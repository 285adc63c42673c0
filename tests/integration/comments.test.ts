import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { vnToday } from '#shared/tracker/status';

import { CommentsDoc, createAnchor, resolveAnchor } from '#shared/doc/commentsDoc';
import { commentsRoomName } from '#shared/protocol';
import {
	connectClient,
	createNotice,
	createUser,
	makeDataDir,
	openRaw,
	removeDataDir,
	shareNotice,
	startServer,
	waitFor,
	waitSynced,
	type ServerProcess,
	type TestClient,
	type TestUser
} from './harness';
import { addParagraph, bodyText } from './noticeEdits';

/** Issue dates: the server refuses a date after today or before the meeting (a new notice's meeting day is the day it was created). */
const TODAY = vnToday();

const LEADER = { id: 'leader', name: 'Phó Chủ tịch UBND tỉnh' };

describe('comments room of a notice (real server, real CLI)', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let leader: TestUser;
	let outsider: TestUser;
	let noticeId: string;
	const clients: TestClient[] = [];
	const connect = (room: string, user: TestUser): TestClient => {
		const c = connectClient(server, room, user.token);
		clients.push(c);
		return c;
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'chuyenvien', 'office');
		leader = await createUser(dataDir, 'lanhdao', 'leader');
		outsider = await createUser(dataDir, 'soxaydung', 'agency');
		noticeId = await createNotice(dataDir, office.username);
		// A leader reads every draft by role; the explicit share says the same and keeps the test honest.
		await shareNotice(dataDir, noticeId, leader.username, 'read');
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('[P12] [P9] refuses the comments room without credentials (401), to an outsider (403) and for an unknown notice (404)', async () => {
		expect(await openRaw(server, commentsRoomName(noticeId))).toEqual({ kind: 'refused', status: 401 });
		expect(await openRaw(server, `${commentsRoomName(noticeId)}?token=${outsider.token}`)).toEqual({ kind: 'refused', status: 403 });
		expect(await openRaw(server, `${commentsRoomName('nonexistentNotice')}?token=${office.token}`)).toEqual({ kind: 'refused', status: 404 });
		expect(await openRaw(server, `${noticeId}~other?token=${office.token}`)).toEqual({ kind: 'refused', status: 404 });
	});

	it('[P12] [CM1] a reader of the notice writes comments over the comments room and is not closed, while the notice stays untouched', async () => {
		const writer = connect(noticeId, office);
		await waitSynced(writer);
		addParagraph(writer.doc, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn.');

		const leaderNotice = connect(noticeId, leader);
		await waitSynced(leaderNotice);
		await waitFor(() => bodyText(leaderNotice.doc).includes('Sở Tài chính'), 10_000, 'leader reads the body');
		const body = new NoticeDoc(leaderNotice.doc).content;
		const text = (body.get(body.length - 1) as Y.XmlElement).get(0) as Y.XmlText;
		const at = text.toString().indexOf('Sở Tài chính');
		const anchor = createAnchor({ type: text, index: at }, { type: text, index: at + 'Sở Tài chính'.length });
		const noticeBefore = Y.encodeStateVector(leaderNotice.doc);

		const leaderComments = connect(commentsRoomName(noticeId), leader);
		await waitSynced(leaderComments);
		new CommentsDoc(leaderComments.doc).addThread({
			id: 't1',
			anchor,
			quote: 'Sở Tài chính',
			text: 'Đề nghị bổ sung thời hạn.',
			author: LEADER,
			createdAt: Date.now()
		});

		const officeComments = connect(commentsRoomName(noticeId), office);
		await waitSynced(officeComments);
		await waitFor(() => new CommentsDoc(officeComments.doc).threads().length === 1, 10_000, 'office sees the comment');
		const [thread] = new CommentsDoc(officeComments.doc).threads();
		expect(thread).toMatchObject({ text: 'Đề nghị bổ sung thời hạn.', author: LEADER });
		// The anchor resolves against the office's own copy of the notice.
		const r = resolveAnchor(new NoticeDoc(writer.doc).content, thread!.anchor);
		expect(r.kind).toBe('live');

		new CommentsDoc(officeComments.doc).reply('t1', { id: 'r1', author: { id: 'office', name: 'Chuyên viên' }, text: 'Đã bổ sung.', createdAt: Date.now() });
		await waitFor(() => new CommentsDoc(leaderComments.doc).thread('t1')?.replies.length === 1, 10_000, 'leader sees the reply');
		new CommentsDoc(leaderComments.doc).setResolved('t1', true, LEADER, Date.now());
		await waitFor(() => new CommentsDoc(officeComments.doc).thread('t1')?.status.resolved === true, 10_000, 'office sees it resolved');

		expect(leaderComments.closeCodes).toEqual([]);
		expect(leaderNotice.closeCodes).toEqual([]);
		expect(Y.encodeStateVector(leaderNotice.doc)).toEqual(noticeBefore);
		expect(leaderComments.provider.wsconnected).toBe(true);
	});

	it('[P12] [CM8] comments stay writable after the notice is issued, while the notice itself is frozen', async () => {
		const res = await fetch(`${server.url}/api/notices/${noticeId}/issue`, {
			method: 'POST',
			headers: { authorization: `Bearer ${office.token}`, 'content-type': 'application/json' },
			body: JSON.stringify({ sourceType: 'UBND', date: TODAY })
		});
		expect(res.status).toBe(201);
		const office2 = connect(commentsRoomName(noticeId), office);
		await waitSynced(office2);
		new CommentsDoc(office2.doc).reply('t1', {
			id: 'r2',
			author: { id: 'office', name: 'Chuyên viên' },
			text: 'Đã ban hành, theo dõi tiếp.',
			createdAt: Date.now()
		});
		const leader2 = connect(commentsRoomName(noticeId), leader);
		await waitSynced(leader2);
		await waitFor(() => new CommentsDoc(leader2.doc).thread('t1')?.replies.some((r) => r.id === 'r2') === true, 10_000, 'reply after issue arrives');
		expect(office2.closeCodes).toEqual([]);
	});

	it('[CM1] comments persist across a restart of the server', async () => {
		for (const c of clients.splice(0)) c.destroy();
		await server.stop();
		server = await startServer(dataDir, server.port);
		const reader = connect(commentsRoomName(noticeId), leader);
		await waitSynced(reader);
		const thread = new CommentsDoc(reader.doc).thread('t1');
		expect(thread?.status).toMatchObject({ resolved: true, by: LEADER });
		expect(thread?.replies.map((r) => r.id)).toEqual(['r1', 'r2']);
		// The notice's own doc holds no comment, and the notice list still shows it by its own title.
		const notice = connect(noticeId, leader);
		await waitSynced(notice);
		expect(bodyText(notice.doc)).toContain('Sở Tài chính');
		expect(new NoticeDoc(notice.doc).readMeta().title).toBe('Thông báo kết luận thử nghiệm');
	});
});
