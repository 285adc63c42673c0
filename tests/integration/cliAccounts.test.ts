/**
 * Issue 9 [8]: accounts from the command line — `user edit`, `user disable`/`enable` and
 * `user reset-password` — through the real CLI, on the data directory of a running server. The CLI
 * is another process: the server sees what it ended at its periodic credential check [P13] and
 * closes the sockets (every 200 ms here, 30 s by default).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '#shared/protocol';
import { postLogin } from '../security/signInHttp';
import { addUser, cli, createNotice, makeDataDir, removeDataDir, ROOT, shareNotice, startServer, waitFor, type ServerProcess } from './harness';

const PASSWORD = 'mat-khau-123';

/** Runs the CLI expecting a refusal: its exit code and what it said on stderr. */
async function cliRefused(dataDir: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
	try {
		await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
	} catch (e) {
		const failed = e as { code: number; stderr: string };
		return { code: failed.code, stderr: failed.stderr };
	}
	throw new Error(`cli ${args.join(' ')} succeeded`);
}

/** A y-websocket client signed in with a session cookie, recording the closes the server sent. */
function cookieClient(server: ServerProcess, noticeId: string, cookie: string) {
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
	const closes: { code: number; reason: string }[] = [];
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return { provider, closes, destroy: () => (provider.destroy(), doc.destroy()) };
}

describe('accounts from the CLI (issue 9 [8])', () => {
	let dataDir: string;
	let server: ServerProcess;
	let noticeId: string;
	const clients: { destroy(): void }[] = [];
	const previousCheck = process.env.CREDENTIAL_CHECK_MS;

	const signIn = async (username: string, password = PASSWORD) => postLogin(server.url, { username, password });
	const openTab = async (username: string) => {
		const answer = await signIn(username);
		expect(answer.signedIn).toBe(true);
		const tab = cookieClient(server, noticeId, answer.cookie!);
		clients.push(tab);
		await waitFor(() => tab.provider.wsconnected && tab.provider.synced, 10_000, `${username} synced`);
		return tab;
	};
	const userLine = async (username: string) => (await cli(dataDir, 'user', 'list')).split('\n').find((l) => l.startsWith(`${username}\t`));

	beforeAll(async () => {
		dataDir = makeDataDir();
		await addUser(dataDir, 'quantri', 'Quản trị viên', 'admin', PASSWORD);
		for (const u of ['an', 'binh', 'chi', 'dung']) await addUser(dataDir, u, `Người dùng ${u}`, 'office', PASSWORD);
		noticeId = await createNotice(dataDir, 'quantri');
		for (const u of ['an', 'binh', 'chi', 'dung']) await shareNotice(dataDir, noticeId, u, 'write');
		process.env.CREDENTIAL_CHECK_MS = '200';
		server = await startServer(dataDir);
	});
	afterAll(async () => {
		for (const c of clients) c.destroy();
		await server?.stop();
		if (previousCheck === undefined) delete process.env.CREDENTIAL_CHECK_MS;
		else process.env.CREDENTIAL_CHECK_MS = previousCheck;
		removeDataDir(dataDir);
	});

	it('edits a user: the agency is the directory’s own name, and a changed role closes its sockets to authorize them anew', async () => {
		const tab = await openTab('an');
		await cli(dataDir, 'user', 'edit', '--username', 'an', '--name', 'Trần Văn Ân', '--email', 'an@stc.gov.vn', '--role', 'agency', '--agency', 'sở tài chính');
		expect(await userLine('an')).toBe('an\tagency\tTrần Văn Ân\tSở Tài chính');
		await waitFor(() => tab.closes.length > 0, 5_000, 'socket closed after the role changed');
		expect(tab.closes[0]).toEqual({ code: CloseCode.ACCESS_CHANGED, reason: 'access-changed' });
		// Only the fields given change.
		await cli(dataDir, 'user', 'edit', '--username', 'an', '--name', 'Trần Văn An');
		expect(await userLine('an')).toBe('an\tagency\tTrần Văn An\tSở Tài chính');
	});

	it('refuses an agency the directory does not know, and changes nothing', async () => {
		const before = await userLine('binh');
		const refused = await cliRefused(dataDir, 'user', 'edit', '--username', 'binh', '--name', 'Tên mới', '--role', 'agency', '--agency', 'Sở Không Có');
		expect(refused.code).toBe(1);
		expect(refused.stderr).toContain('“Sở Không Có” không có trong danh mục cơ quan');
		expect(await userLine('binh')).toBe(before);
		// An agency user needs an agency; refused the same way.
		expect((await cliRefused(dataDir, 'user', 'edit', '--username', 'binh', '--role', 'agency')).stderr).toContain('Người dùng của cơ quan cần tên cơ quan.');
		expect((await cliRefused(dataDir, 'user', 'edit', '--username', 'binh', '--role', 'chief')).stderr).toContain('Vai trò phải là một trong');
		expect((await cliRefused(dataDir, 'user', 'edit', '--username', 'khongco')).stderr).toContain('Không có người dùng "khongco".');
		expect(await userLine('binh')).toBe(before);
	});

	it('disables a user: its open sockets close, sign-in and its token are refused; enabling lets it in again', async () => {
		const tab = await openTab('chi');
		const token = await cli(dataDir, 'token', 'create', '--username', 'chi');
		await cli(dataDir, 'user', 'disable', '--username', 'chi');
		await waitFor(() => tab.closes.length > 0, 5_000, 'socket closed after disabling');
		expect(tab.closes[0]!.code).toBe(CloseCode.UNAUTHORIZED);
		const refused = await signIn('chi');
		expect(refused.signedIn).toBe(false);
		expect(refused.body).toContain('Tài khoản này đã bị khóa.');
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		await cli(dataDir, 'user', 'enable', '--username', 'chi');
		expect((await signIn('chi')).signedIn).toBe(true);
		expect((await fetch(`${server.url}/api/session`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
	});

	it('resets a password: sockets of its sessions close, the old password is refused, the new one accepted', async () => {
		const tab = await openTab('dung');
		await cli(dataDir, 'user', 'reset-password', '--username', 'dung', '--password', 'mat-khau-moi-9');
		await waitFor(() => tab.closes.length > 0, 5_000, 'socket closed after the reset');
		expect(tab.closes[0]!.code).toBe(CloseCode.UNAUTHORIZED);
		expect((await signIn('dung')).signedIn).toBe(false);
		expect((await signIn('dung', 'mat-khau-moi-9')).signedIn).toBe(true);

		// Without --password: a one-time password, printed alone, that must be changed at sign-in.
		const oneTime = await cli(dataDir, 'user', 'reset-password', '--username', 'dung');
		expect(oneTime).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
		expect((await signIn('dung', 'mat-khau-moi-9')).signedIn).toBe(false);
		const first = await signIn('dung', oneTime);
		expect(first.signedIn).toBe(true);
		const home = await fetch(`${server.url}/`, { headers: { cookie: first.cookie! }, redirect: 'manual' });
		expect(home.status).toBe(303);
		expect(home.headers.get('location')).toContain('/account/password');
		// A password the rules refuse changes nothing.
		expect((await cliRefused(dataDir, 'user', 'reset-password', '--username', 'dung', '--password', 'ngan')).stderr).toContain('Lỗi:');
		expect((await signIn('dung', oneTime)).signedIn).toBe(true);
	});

	it('keeps the last active administrator, with the administration page’s message', async () => {
		const disable = await cliRefused(dataDir, 'user', 'disable', '--username', 'quantri');
		expect(disable.stderr).toContain('Không thể khóa quản trị viên cuối cùng còn hoạt động');
		const demote = await cliRefused(dataDir, 'user', 'edit', '--username', 'quantri', '--role', 'office');
		expect(demote.stderr).toContain('Không thể bỏ vai trò quản trị của quản trị viên cuối cùng còn hoạt động');
		expect(await userLine('quantri')).toBe('quantri\tadmin\tQuản trị viên');
		expect((await signIn('quantri')).signedIn).toBe(true);
		// With a second administrator, the first may step down.
		await cli(dataDir, 'user', 'edit', '--username', 'binh', '--role', 'admin');
		await cli(dataDir, 'user', 'edit', '--username', 'quantri', '--role', 'office');
		expect(await userLine('quantri')).toBe('quantri\toffice\tQuản trị viên');
	});
});
