/**
 * Starts the real Kết Luận server process (server/main.ts) on port 0 for integration and
 * end-to-end tests, and runs the real CLI against its data directory.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const run = promisify(execFile);

/** A running server process. */
export interface AppServer {
	url: string;
	port: number;
	dataDir: string;
	proc: ChildProcess;
	/** Output so far (stdout + stderr), for failure messages. */
	output(): string;
	/** Stops it with SIGTERM (clean shutdown) and waits for exit. */
	stop(): Promise<void>;
	/** Kills it with SIGKILL (a crash) and waits for exit. */
	kill(): Promise<void>;
}

/** A fresh temporary data directory; removed by `removeDataDir`. */
export function makeDataDir(prefix = 'ketluan-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** Deletes a data directory made by `makeDataDir`. */
export function removeDataDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}

/** Spawns server/main.ts on `dataDir` with PORT=0 and resolves once it prints its address. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<AppServer> {
	const proc = spawn(TSX, ['server/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	const exited = new Promise<void>((res) => proc.once('exit', () => res()));
	const port = await new Promise<number>((res, rej) => {
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const m = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (m) res(Number(m[1]));
		};
		proc.stdout!.on('data', onData);
		proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
		proc.once('exit', (code) => rej(new Error(`server exited (${code}) before listening:\n${out}`)));
		setTimeout(() => rej(new Error(`server did not start within 30 s:\n${out}`)), 30_000).unref();
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dataDir,
		proc,
		output: () => out,
		async stop() {
			if (proc.exitCode === null) proc.kill('SIGTERM');
			await exited;
		},
		async kill() {
			if (proc.exitCode === null) proc.kill('SIGKILL');
			await exited;
		}
	};
}

/** Runs `server/cli.ts` with `args` on `dataDir`; resolves to its trimmed stdout. */
export async function cli(dataDir: string, ...args: string[]): Promise<string> {
	const { stdout } = await run(TSX, ['server/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir } });
	return stdout.trim();
}

/** Creates a user with the CLI. */
export async function addUser(dataDir: string, username: string, name: string, role: string, password = 'mat-khau-123'): Promise<void> {
	await cli(dataDir, 'user', 'add', '--username', username, '--name', name, '--role', role, '--password', password);
}

/** Polls `cond` until it is truthy (returns it) or `timeoutMs` passes (throws with `what`). */
export async function waitFor<T>(cond: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const v = await cond();
			if (v) return v as NonNullable<T>;
		} catch (e) {
			last = e;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
		await new Promise((r) => setTimeout(r, 25));
	}
}
