/**
 * Issue 10, medium 8: "Open WebSockets outlive sign-out, session expiry and token deletion, and
 * their writes are still accepted; API tokens never expire and cannot be revoked." Replayed against
 * the real server ([P13]): a connected client's socket is closed with UNAUTHORIZED (4401) after
 * sign-out, a password change, disabling and a token revoked by the CLI, with ACCESS_CHANGED (4409)
 * after a role change, and what it writes afterwards is not stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '#shared/protocol';
import {
	addUser,
	cli,
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
	type TestClient
} from '../integration/harness';
import { addParagraph, bodyText } from '../integration/noticeEdits';
import { postForm, postLogin } from './signInHttp';

const PASSWORD = 'mat-khau-123';

/** A sync client and every close the server sent it, with the reason. */
interface Watched {
	doc: Y.Doc;
	provider: WebsocketProvider;
	closes: { code: number; reason: string }[];
	destroy(): void;
}

function watch(client: Pick<TestClient, 'doc' | 'provider' | 'destroy'>): Watched {
	const closes: { code: number; reason: string }[] = [];
	client.provider.on('connection-close', (event: CloseEvent | null) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return { doc: client.doc, provider: client.provider, closes, destroy: () => client.destroy() };
}

/** A stock y-websocket client signed in with a session cookie, as a browser tab is. */
function cookieClient(server: ServerProcess, noticeId: string, cookie: string): Watched {
	class WithCookie extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.syncUrl, noticeId, doc, {
		disableBc: true,
		WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
		maxBackoffTime: 300
	});
	return watch({ doc, provider, destroy: () => (provider.destroy(), doc.destroy()) });
}

describe('[P13] sockets of ended credentials on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let noticeId: string;
	let adminCookie: string;
	let checkerToken: string;
	const clients: Watched[] = [];
	const previousCheck = process.env.CREDENTIAL_CHECK_MS;

	const signIn = async (username: string, password = PASSWORD): Promise<string> => {
		const answer = await postLogin(server.url, { username, password });
		expect(answer.signedIn).toBe(true);
		return answer.cookie!;
	};
	const connectCookie = async (cookie: string): Promise<Watched> => {
		const c = cookieClient(server, noticeId, cookie);
		clients.push(c);
		await waitFor(() => c.provider.wsconnected && c.provider.synced, 10_000, 'cookie client synced');
		return c;
	};
	const connectToken = async (token: string): Promise<Watched> => {
		const c = watch(connectClient(server, noticeId, token));
		clients.push(c);
		await waitFor(() => c.provider.wsconnected && c.provider.synced, 10_000, 'token client synced');
		return c;
	};
	/** What the server stored, read by a fresh client that nobody revokes. */
	const storedText = async (): Promise<string> => {
		const checker = connectClient(server, noticeId, checkerToken);
		try {
			await waitSynced(checker);
			return bodyText(checker.doc);
		} finally {
			checker.destroy();
		}
	};
	/** Writes after the close and tries to reconnect: the upgrade is refused, nothing is stored. */
	const writeAfterClose = async (c: Watched, text: string): Promise<void> => {
		const before = c.closes.length;
		addParagraph(c.doc, text);
		c.provider.connect();
		await waitFor(() => c.closes.length > before, 10_000, 'reconnect refused');
		c.provider.disconnect();
		expect(await storedText()).not.toContain(text);
	};
	const userId = (username: string): string => {
		const db = new Database(join(dataDir, 'ketluan.db'), { readonly: true });
		try {
			return (db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
		} finally {
			db.close();
		}
	};

	beforeAll(async () => {
		dataDir = makeDataDir();
		await addUser(dataDir, 'quantri', 'Quản trị viên', 'admin', PASSWORD);
		await createUser(dataDir, 'kiemtra', 'office');
		checkerToken = (await createUser(dataDir, 'kiemtra2', 'office')).token;
		for (const u of ['an', 'binh', 'chi', 'dung']) await addUser(dataDir, u, `Người dùng ${u}`, 'office', PASSWORD);
		noticeId = await createNotice(dataDir, 'quantri');
		for (const u of ['an', 'binh', 'chi', 'dung', 'kiemtra', 'kiemtra2']) await shareNotice(dataDir, noticeId, u, 'write');
		// The periodic check runs every 200 ms here (30 s by default).
		process.env.CREDENTIAL_CHECK_MS = '200';
		server = await startServer(dataDir);
		adminCookie = await signIn('quantri');
	});

	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.stop();
		if (previousCheck === undefined) delete process.env.CREDENTIAL_CHECK_MS;
		else process.env.CREDENTIAL_CHECK_MS = previousCheck;
		removeDataDir(dataDir);
	});

	it('signing out closes the sockets of that session only', async () => {
		const cookie = await signIn('an');
		const other = await signIn('an');
		const tab = await connectCookie(cookie);
		const otherTab = await connectCookie(other);
		addParagraph(tab.doc, 'An viết trước khi đăng xuất.');
		await waitFor(async () => (await storedText()).includes('An viết trước khi đăng xuất.'), 10_000, 'first write stored');

		const out = await postForm(server.url, '/logout', {}, cookie);
		expect(out.status).toBe(303);
		await waitFor(() => tab.closes.length > 0, 5_000, 'socket closed at sign-out');
		expect(tab.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'signed-out' });
		expect(otherTab.closes).toEqual([]);
		await writeAfterClose(tab, 'An viết sau khi đăng xuất.');
		// The other session still writes.
		addParagraph(otherTab.doc, 'Phiên khác của An vẫn ghi.');
		await waitFor(async () => (await storedText()).includes('Phiên khác của An vẫn ghi.'), 10_000, 'other session stored');
	});

	it('changing one’s password closes the sockets of every other session', async () => {
		const here = await signIn('binh');
		const elsewhere = await signIn('binh');
		const hereTab = await connectCookie(here);
		const elsewhereTab = await connectCookie(elsewhere);
		const changed = await postForm(server.url, '/account/password', { current: PASSWORD, password: 'mat-khau-moi-1', confirm: 'mat-khau-moi-1' }, here);
		expect(changed.status).toBe(200);
		expect(changed.body).toContain('Đã đổi mật khẩu.');
		await waitFor(() => elsewhereTab.closes.length > 0, 5_000, 'other session closed');
		expect(elsewhereTab.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'password-changed' });
		expect(hereTab.closes).toEqual([]);
		await writeAfterClose(elsewhereTab, 'Bình viết sau khi đổi mật khẩu.');
		expect((await postLogin(server.url, { username: 'binh', password: 'mat-khau-moi-1' })).signedIn).toBe(true);
	});

	it('disabling a user closes all its sockets and refuses its token at the API and the upgrade', async () => {
		const cookie = await signIn('chi');
		const token = await cli(dataDir, 'token', 'create', '--username', 'chi');
		const tab = await connectCookie(cookie);
		const script = await connectToken(token);
		const disabled = await postForm(server.url, `/admin/users/${userId('chi')}?/disable`, {}, adminCookie);
		expect(disabled.status).toBe(200);
		await waitFor(() => tab.closes.length > 0 && script.closes.length > 0, 5_000, 'both closed');
		expect(tab.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'user-disabled' });
		expect(script.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'user-disabled' });
		await writeAfterClose(script, 'Chi viết khi đã bị khóa.');
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		expect(await openRaw(server, `${noticeId}?token=${token}`)).toEqual({ kind: 'refused', status: 401 });
		expect((await postLogin(server.url, { username: 'chi', password: PASSWORD })).body).toContain('Tài khoản này đã bị khóa.');
	});

	it('a token revoked with the CLI (another process) closes its sockets and is refused from then on', async () => {
		const token = await cli(dataDir, 'token', 'create', '--username', 'dung', '--label', 'script', '--days', '30');
		const kept = await cli(dataDir, 'token', 'create', '--username', 'dung', '--label', 'khac');
		const script = await connectToken(token);
		const other = await connectToken(kept);
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
		const listed = await cli(dataDir, 'token', 'list', '--username', 'dung');
		expect(listed).toContain('script');
		expect(listed).not.toContain(token.slice(4));
		await cli(dataDir, 'token', 'revoke', '--token', token);
		await waitFor(() => script.closes.length > 0, 5_000, 'revoked token closed');
		expect(script.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'revoked' });
		expect(other.closes).toEqual([]);
		await writeAfterClose(script, 'Dũng viết bằng khóa đã thu hồi.');
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		expect(await openRaw(server, `${noticeId}?token=${token}`)).toEqual({ kind: 'refused', status: 401 });
	});

	it('closes a socket when its session expires, and refuses an expired token', async () => {
		const cookie = await signIn('an');
		const db = new Database(join(dataDir, 'ketluan.db'));
		try {
			db.prepare('UPDATE sessions SET expires_at = ? WHERE user_id = ? AND expires_at > ?').run(Date.now() + 1500, userId('an'), Date.now() + 60_000);
		} finally {
			db.close();
		}
		const tab = await connectCookie(cookie);
		await waitFor(() => tab.closes.length > 0, 5_000, 'closed at expiry');
		expect(tab.closes[0]).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'session-expired' });
		await writeAfterClose(tab, 'An viết sau khi phiên hết hạn.');

		const token = await cli(dataDir, 'token', 'create', '--username', 'an', '--label', 'cu');
		const db2 = new Database(join(dataDir, 'ketluan.db'));
		try {
			db2.prepare(`UPDATE api_tokens SET expires_at = ? WHERE label = 'cu'`).run(Date.now() - 1);
		} finally {
			db2.close();
		}
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		expect(await openRaw(server, `${noticeId}?token=${token}`)).toEqual({ kind: 'refused', status: 401 });
	});

	it('a role change closes the user’s sockets with ACCESS_CHANGED; they are authorized again with the new role', async () => {
		const token = await cli(dataDir, 'token', 'create', '--username', 'kiemtra');
		const script = await connectToken(token);
		const edited = await postForm(
			server.url,
			`/admin/users/${userId('kiemtra')}?/update`,
			{ displayName: 'Người dùng kiemtra', email: '', role: 'leader', agency: '' },
			adminCookie
		);
		expect(edited.status).toBe(200);
		await waitFor(() => script.closes.length > 0, 5_000, 'closed on role change');
		expect(script.closes[0]).toEqual({ code: CloseCode.ACCESS_CHANGED, reason: 'access-changed' });
		// The token still works: a new upgrade is decided with the new role.
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
	});
});
