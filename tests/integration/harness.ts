/**
 * Integration-test harness: the real host (`server/main.ts`) in a child process on port 0, users,
 * tokens and notices made with the real CLI (`server/cli.ts`) on the same data directory, and stock
 * y-websocket clients. Nothing is mocked; waits are condition polls with a deadline, never sleeps.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openDatabase } from '../../server/db';
import { openSqliteDocStore } from '../../server/store/SqliteDocStore';
import { NoticeDoc } from '#shared/doc/noticeDoc';

const execFileAsync = promisify(execFile);

/** Root of the repository (cwd of every child process). */
export const ROOT = resolve(import.meta.dirname, '..', '..');

/** `node --import tsx <script>`: runs TypeScript in ONE process (the `tsx` CLI would fork a child, and
 * SIGKILL would then hit the wrapper, not the server). */
const NODE_TS = [process.execPath, '--import', 'tsx'] as const;

const READY_LINE = /Kết Luận listening on http:\/\/127\.0\.0\.1:(\d+)/;

/**
 * Polls `condition` until it holds; rejects after `timeoutMs` with `message`. The only way tests
 * wait: on a condition, with a deadline.
 */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, message = 'condition'): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > deadline) throw new Error(`waitFor: ${message} not met within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** A fresh, empty data directory under the OS temp dir. */
export function makeDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'ketluan-it-'));
}

/** Removes a data directory made by {@link makeDataDir}. */
export function removeDataDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** A running server process. */
export interface ServerProcess {
	readonly pid: number;
	readonly port: number;
	/** `http://127.0.0.1:<port>` — the pages and the HTTP API. */
	readonly url: string;
	/** `ws://127.0.0.1:<port>/sync` — the base URL y-websocket appends `/<noticeId>` to. */
	readonly syncUrl: string;
	/** Everything the process printed so far (stdout and stderr). */
	output(): string;
	/** Resolves with the exit code or signal once the process is gone. */
	readonly exited: Promise<string>;
	/** SIGTERM (graceful: flush, close sockets) and wait for the exit. */
	stop(): Promise<void>;
	/** SIGKILL — the crash the durability rule is about — and wait for the exit. */
	kill9(): Promise<void>;
}

/** Starts `server/main.ts` on `dataDir`; resolves once it printed its ready line. */
export async function startServer(dataDir: string, port = 0, env: Record<string, string> = {}): Promise<ServerProcess> {
	const child: ChildProcess = spawn(NODE_TS[0], [...NODE_TS.slice(1), 'server/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<string>((resolveExit) => {
		child.once('exit', (code, signal) => resolveExit(signal ?? String(code)));
	});
	const listening = new Promise<number>((resolvePort, reject) => {
		const onData = (chunk: Buffer): void => {
			output += chunk.toString('utf8');
			const match = READY_LINE.exec(output);
			if (match) resolvePort(Number(match[1]));
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString('utf8');
		});
		void exited.then((how) => reject(new Error(`server exited (${how}) before it was ready:\n${output}`)));
	});
	const timeout = new Promise<never>((_, reject) => {
		const timer = setTimeout(() => reject(new Error(`server not ready after 30 s:\n${output}`)), 30_000);
		void exited.then(() => clearTimeout(timer));
		// Both ways: a server that exits before it is ready must not leave an unhandled rejection here.
		void listening.then(
			() => clearTimeout(timer),
			() => clearTimeout(timer)
		);
	});
	const actualPort = await Promise.race([listening, timeout]);
	const pid = child.pid;
	if (pid === undefined) throw new Error('server process has no pid');
	const signalAndWait = async (signal: NodeJS.Signals): Promise<void> => {
		if (child.exitCode === null && child.signalCode === null) child.kill(signal);
		await exited;
	};
	return {
		pid,
		port: actualPort,
		url: `http://127.0.0.1:${actualPort}`,
		syncUrl: `ws://127.0.0.1:${actualPort}/sync`,
		output: () => output,
		exited,
		stop: () => signalAndWait('SIGTERM'),
		kill9: () => signalAndWait('SIGKILL')
	};
}

/** Runs the CLI on `dataDir` and returns its stdout, trimmed (tokens and ids are printed alone). */
export async function cli(dataDir: string, ...args: string[]): Promise<string> {
	const { stdout } = await execFileAsync(NODE_TS[0], [...NODE_TS.slice(1), 'server/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir }
	});
	return stdout.trim();
}

/** A user made with the CLI, with an API token. */
export interface TestUser {
	username: string;
	token: string;
}

/** Creates a user (role `office` by default) and an API token for it. */
export async function createUser(dataDir: string, username: string, role: 'admin' | 'office' | 'leader' | 'agency' = 'office'): Promise<TestUser> {
	await cli(
		dataDir,
		'user',
		'add',
		'--username',
		username,
		'--name',
		`Người dùng ${username}`,
		'--password',
		'secret-123',
		'--role',
		role,
		...(role === 'agency' ? ['--agency', 'Sở Tài chính'] : [])
	);
	const token = await cli(dataDir, 'token', 'create', '--username', username);
	return { username, token };
}

/** Creates a user with a display name and password, for signing in through the pages. */
export async function addUser(dataDir: string, username: string, displayName: string, role: TestRole, password = 'mat-khau-123'): Promise<void> {
	await cli(dataDir, 'user', 'add', '--username', username, '--name', displayName, '--password', password, '--role', role);
}

/** Roles of test users. */
export type TestRole = 'admin' | 'office' | 'leader' | 'agency';

/** Creates a notice owned by `username` and returns its id. */
/**
 * What Decree 30 requires in a notice's header before it is issued, beyond what a new notice
 * already has (issuing body, symbol, date) and its title: a test notice is complete with these.
 */
export const TEST_HEADER = { place: 'Bắc Giang', recipients: '- Các sở, ban, ngành;\n- Lưu: VT, TH.', signerName: 'Nguyễn Văn Bình' } as const;

/**
 * Creates a notice as `username` through the CLI, with its header complete for issuing
 * ({@link TEST_HEADER}) unless `complete` is false. The header is appended to the notice's stored
 * log, as any change of a client would be.
 */
export async function createNotice(dataDir: string, username: string, title = 'Thông báo kết luận thử nghiệm', complete = true): Promise<string> {
	const id = await cli(dataDir, 'notice', 'create', '--username', username, '--title', title);
	if (!complete) return id;
	const db = openDatabase(dataDir);
	try {
		const store = openSqliteDocStore(db);
		const doc = new Y.Doc();
		for (const u of (await store.load(id)).updates) Y.applyUpdate(doc, u);
		const before = Y.encodeStateVector(doc);
		new NoticeDoc(doc).writeMeta(TEST_HEADER);
		await store.append(id, Y.encodeStateAsUpdate(doc, before));
		await store.close();
	} finally {
		db.close();
	}
	return id;
}

/** Gives `username` read or write access to a notice. */
export async function shareNotice(dataDir: string, noticeId: string, username: string, access: 'read' | 'write'): Promise<void> {
	await cli(dataDir, 'notice', 'share', '--notice', noticeId, '--username', username, '--access', access);
}

/** A stock y-websocket client (Node, `ws` as the WebSocket) on one notice. */
export interface TestClient {
	readonly doc: Y.Doc;
	readonly provider: WebsocketProvider;
	/** Close codes of every connection the server closed. */
	readonly closeCodes: number[];
	destroy(): void;
}

/** Connects a stock y-websocket WebsocketProvider with `?token=`. */
export function connectClient(
	server: Pick<ServerProcess, 'syncUrl'>,
	noticeId: string,
	token: string,
	options: { maxBackoffTime?: number; params?: Record<string, string> } = {}
): TestClient {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.syncUrl, noticeId, doc, {
		// Node ≥ 18 has BroadcastChannel: without this, providers in one test process would sync
		// through it and hide what the server does.
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token, ...options.params },
		maxBackoffTime: options.maxBackoffTime ?? 500
	});
	const closeCodes: number[] = [];
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (event !== null) closeCodes.push(event.code);
	});
	return {
		doc,
		provider,
		closeCodes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves once the provider is connected and has received the server's sync step 2. */
export function waitSynced(client: TestClient, timeoutMs = 10_000): Promise<void> {
	return waitFor(() => client.provider.wsconnected && client.provider.synced, timeoutMs, 'client synced');
}

/** Result of a raw WebSocket attempt: refused during the upgrade, or opened. */
export type RawAttempt = { kind: 'refused'; status: number } | { kind: 'open'; socket: WebSocket };

/** Opens a raw `ws` connection to a notice (no y-websocket), reporting an HTTP refusal as such. */
export function openRaw(server: Pick<ServerProcess, 'syncUrl'>, path: string): Promise<RawAttempt> {
	return new Promise((resolveAttempt, reject) => {
		const socket = new WebSocket(`${server.syncUrl}/${path}`);
		let settled = false;
		const settle = (attempt: RawAttempt | Error): void => {
			if (settled) return;
			settled = true;
			if (attempt instanceof Error) reject(attempt);
			else resolveAttempt(attempt);
		};
		socket.binaryType = 'nodebuffer';
		socket.once('unexpected-response', (_req, res) => {
			settle({ kind: 'refused', status: res.statusCode ?? 0 });
			res.resume();
			socket.terminate();
		});
		socket.once('open', () => settle({ kind: 'open', socket }));
		// Kept for the socket's whole life: ws reports resets and aborted handshakes as errors.
		socket.on('error', (error) => settle(error));
	});
}

/** Resolves with the close code once a raw socket is closed. */
export function closeCodeOf(socket: WebSocket): Promise<number> {
	if (socket.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
	return new Promise((resolveCode) => socket.once('close', (code) => resolveCode(code)));
}
