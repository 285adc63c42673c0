import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MessageType, readAmendedMessage } from '#shared/protocol';
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

/** A stock y-websocket client that asks for acks and records the `amended` messages it gets. */
function amendingClient(server: ServerProcess, noticeId: string, token: string): TestClient & { amended: string[] } {
	const client = connectClient(server, noticeId, token, { params: { ack: '1' } });
	const amended: string[] = [];
	// y-websocket v3 dispatches unknown message types through messageHandlers; 'saved' is ignored here.
	client.provider.messageHandlers[MessageType.saved] = () => {};
	client.provider.messageHandlers[MessageType.amended] = (_encoder, decoder) => {
		amended.push(readAmendedMessage(decoder));
	};
	return Object.assign(client, { amended });
}

describe('[P11] changes that reach an issued notice too late become an amendment draft', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let binh: TestUser;
	let agency: TestUser;
	let noticeId: string;

	const call = async (user: TestUser, method: string, path: string, body?: unknown) => {
		const res = await fetch(server.url + path, {
			method,
			headers: { authorization: `Bearer ${user.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
			...(body ? { body: JSON.stringify(body) } : {})
		});
		return { status: res.status, body: (await res.json()) as Record<string, unknown> };
	};
	const tasksOf = async (user: TestUser, id: string) =>
		((await call(user, 'GET', `/api/tasks?notice=${id}&limit=100`)).body.tasks as { taskId: string; state: string; action: string }[] | undefined) ?? [];

	/** The stored doc of a notice, as a fresh client reads it. */
	const storedDoc = async (id: string, user: TestUser): Promise<Y.Doc> => {
		const reader = connectClient(server, id, user.token);
		await waitSynced(reader);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
		reader.destroy();
		return copy;
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		binh = await createUser(dataDir, 'binh', 'office');
		agency = await createUser(dataDir, 'sotc', 'agency');
		noticeId = await createNotice(dataDir, 'office1', 'Kết luận giao ban tháng 3');
		server = await startServer(dataDir);
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('keeps an offline client’s edit made before the issue in a linked draft, leaves the issued notice unchanged, and tells the author', async () => {
		const writer = connectClient(server, noticeId, office.token);
		await waitSynced(writer);
		addParagraph(writer.doc, 'Giao Sở Tài chính chủ trì rà soát nguồn vốn, xong trước ngày 30/12/2099.');
		await waitFor(async () => (await tasksOf(office, noticeId)).length === 1, 15_000, 'task projected');

		const late = amendingClient(server, noticeId, binh.token);
		await waitSynced(late);
		await waitFor(() => bodyText(late.doc).includes('Sở Tài chính'), 10_000, 'late client has the text');
		// Bình loses the network and keeps typing: a task line and a change to an existing line.
		late.provider.disconnect();
		const lateLine = 'Giao Sở Xây dựng chủ trì kiểm tra công trình, xong trước ngày 15/11/2099 – “đính chính”.';
		addParagraph(late.doc, lateLine);
		typeInParagraph(late.doc, 1, ' Bổ sung của Bình.');

		const issued = await call(office, 'POST', `/api/notices/${noticeId}/issue`, { sourceType: 'UBND', date: TODAY });
		expect(issued.status).toBe(201);
		await waitFor(() => new NoticeDoc(writer.doc).readMeta().state === 'issued', 15_000, 'issued state synced');
		const issuedText = bodyText(writer.doc);
		const issuedTasks = await tasksOf(office, noticeId);
		expect(issuedTasks.map((t) => t.state)).toEqual(['official']);

		late.provider.connect();
		await waitFor(() => late.amended.length > 0, 15_000, 'amended message');
		const amendmentId = late.amended[0]!;
		expect(amendmentId).not.toBe(noticeId);
		// The connection is not refused: the author stays connected, read-only.
		expect(late.closeCodes).not.toContain(CloseCode.NOTICE_FROZEN);
		expect(late.closeCodes).not.toContain(CloseCode.READ_ONLY_VIOLATION);

		// The issued notice never changed; a fresh reader gets exactly what was issued.
		const issuedNow = await storedDoc(noticeId, office);
		expect(bodyText(issuedNow)).toBe(issuedText);
		expect(bodyText(issuedNow)).not.toContain('Sở Xây dựng');
		expect(new NoticeDoc(issuedNow).readMeta().number).toBe('1');
		expect(await tasksOf(office, noticeId)).toEqual(issuedTasks);

		// The amendment holds the issued text plus every character of the late edit, as a draft.
		const amendment = await storedDoc(amendmentId, office);
		expect(bodyText(amendment)).toContain(lateLine);
		expect(bodyText(amendment)).toContain('xong trước ngày 30/12/2099. Bổ sung của Bình.');
		expect(bodyText(amendment)).toBe(bodyText(late.doc));
		const meta = new NoticeDoc(amendment).readMeta();
		expect(meta.state).toBe('draft');
		expect(meta.number).toBe('');
		expect(meta.title).toBe('Bổ sung, đính chính: Kết luận giao ban tháng 3');

		// Its tasks are projected as drafts of the amendment, the late line among them.
		await waitFor(async () => (await tasksOf(office, amendmentId)).some((t) => t.action.includes('kiểm tra công trình')), 15_000, 'amendment tasks projected');
		const drafts = await tasksOf(office, amendmentId);
		expect(drafts.length).toBeGreaterThanOrEqual(2);
		expect(drafts.every((t) => t.state === 'draft')).toBe(true);
		expect(drafts.map((t) => t.action).join('\n')).toContain('rà soát nguồn vốn');
		late.destroy();
		writer.destroy();
	});

	it('appends a later late edit of the same author to the same draft, which the office can edit and issue as a correcting notice', async () => {
		const first = amendingClient(server, noticeId, binh.token);
		await waitSynced(first);
		const before = bodyText(first.doc);
		first.provider.disconnect();
		addParagraph(first.doc, 'Câu Bình viết thêm lần hai.');
		first.provider.connect();
		await waitFor(() => first.amended.length > 0, 15_000, 'amended message');
		const amendmentId = first.amended[0]!;
		expect(bodyText(await storedDoc(noticeId, office))).toBe(before);

		const amendment = await storedDoc(amendmentId, office);
		expect(bodyText(amendment)).toContain('Câu Bình viết thêm lần hai.');
		expect(bodyText(amendment)).toContain('kiểm tra công trình');

		// The office edits the draft like any other and issues it.
		const editor = connectClient(server, amendmentId, office.token);
		await waitSynced(editor);
		addParagraph(editor.doc, 'Văn phòng rà soát lại.');
		await waitFor(async () => bodyText(await storedDoc(amendmentId, office)).includes('Văn phòng rà soát lại.'), 15_000, 'edit stored');
		const issued = await call(office, 'POST', `/api/notices/${amendmentId}/issue`, { sourceType: 'UBND', date: TODAY });
		expect(issued.status).toBe(201);
		expect(issued.body.number).toBe('2');
		first.destroy();
		editor.destroy();
	});

	it('keeps a late edit that arrives after a server restart, when the notice is frozen again from the database', async () => {
		const late = amendingClient(server, noticeId, binh.token);
		await waitSynced(late);
		const issuedText = bodyText(late.doc);
		late.provider.disconnect();
		addParagraph(late.doc, 'Viết trong lúc máy chủ khởi động lại.');
		await server.stop();
		server = await startServer(dataDir, server.port);
		late.provider.connect();
		await waitFor(() => late.amended.length > 0, 15_000, 'amended message after restart');
		expect(bodyText(await storedDoc(late.amended[0]!, office))).toContain('Viết trong lúc máy chủ khởi động lại.');
		expect(bodyText(await storedDoc(noticeId, office))).toBe(issuedText);
		late.destroy();
	});

	it('still refuses content from a reader of an issued notice with 4403, and makes no draft of it', async () => {
		// The agency is named by an official task of the issued notice, so it may read it.
		const reader = connectClient(server, noticeId, agency.token, { maxBackoffTime: 60_000 });
		await waitSynced(reader);
		addParagraph(reader.doc, 'Sở Tài chính tự sửa.');
		await waitFor(() => reader.closeCodes.includes(CloseCode.READ_ONLY_VIOLATION), 10_000, 'reader closed with 4403');
		reader.destroy();
		expect(bodyText(await storedDoc(noticeId, office))).not.toContain('Sở Tài chính tự sửa.');
	});
});
