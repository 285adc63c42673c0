/**
 * `npm run bench:sync` — our sync server (persisting every update to SQLite) against the stock
 * `@y/websocket-server` 0.1.1 (persisting nothing), same workload, one run, figures side by side.
 *
 * Processes: this one is only the load generator (stock y-websocket clients); each server runs in
 * its own child process, one after the other, so on 2 cores the server under test has a core.
 *
 * Workload (defaults): 30 notices × 10 clients, every client 3 edits/s for 20 s; each edit types a
 * stamped word into a paragraph and moves that client's caret (awareness). Measured per server:
 * delivery latency p50/p99 (the send time rides inside the typed text; receivers in this process
 * subtract), server CPU ms per 1000 delivered updates (/proc/<pid>/stat utime+stime over the run),
 * server RSS (/proc/<pid>/status), and notices whose clients did not converge.
 *
 * Flags (or env): --duration=S (BENCH_DURATION_S), --notices=N (BENCH_NOTICES),
 * --clients=N per notice (BENCH_CLIENTS), --rate=EDITS_PER_S (BENCH_RATE),
 * --ours=main,embedded (BENCH_OURS; default both — main = the real host server/main.ts with its
 * projections, embedded = bench/embeddedSyncServer.ts: createSyncServer + SQLite store alone),
 * --only=ours|reference. Quick run: `npm run bench:sync -- --duration=5 --notices=5`.
 * Diagnostics: BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles our server
 * (written on its graceful exit), BENCH_ECHO_STDERR=1 shows the servers' stderr.
 *
 * Latency is measured in this process, which shares the 2 cores with the server under test: on a
 * busy machine it mostly measures scheduling. CPU per delivered update is the robust figure.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newBlockId } from '#shared/doc/blockId';
import { NoticeDoc } from '#shared/doc/noticeDoc';

const ROOT = resolve(import.meta.dirname, '..');
const execFileAsync = promisify(execFile);
const CLOCK_TICKS_PER_S = 100; // getconf CLK_TCK on Linux

/** How our server is started: the real host, or createSyncServer alone (no host projections). */
type OursMode = 'main' | 'embedded';

interface BenchConfig {
	durationS: number;
	notices: number;
	clientsPerNotice: number;
	editsPerS: number;
	ours: OursMode[];
	only: 'ours' | 'reference' | null;
}

function readConfig(argv: string[], env: NodeJS.ProcessEnv): BenchConfig {
	const flags = new Map<string, string>();
	for (const arg of argv) {
		const match = /^--([a-z-]+)=(.*)$/.exec(arg);
		if (match) flags.set(match[1]!, match[2]!);
	}
	const num = (flag: string, envName: string, fallback: number): number => {
		const raw = flags.get(flag) ?? env[envName];
		const value = raw === undefined ? fallback : Number(raw);
		if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number`);
		return value;
	};
	const ours = (flags.get('ours') ?? env.BENCH_OURS ?? 'main,embedded').split(',');
	if (ours.length === 0 || ours.some((m) => m !== 'main' && m !== 'embedded')) {
		throw new Error('--ours must be main, embedded or main,embedded');
	}
	const only = flags.get('only') ?? null;
	if (only !== null && only !== 'ours' && only !== 'reference') throw new Error('--only must be ours or reference');
	return {
		durationS: num('duration', 'BENCH_DURATION_S', 20),
		notices: Math.round(num('notices', 'BENCH_NOTICES', 30)),
		clientsPerNotice: Math.round(num('clients', 'BENCH_CLIENTS', 10)),
		editsPerS: num('rate', 'BENCH_RATE', 3),
		ours: ours as OursMode[],
		only
	};
}

// ---- server processes ----

interface ServerUnderTest {
	label: string;
	pid: number;
	/** Base URL y-websocket appends `/<room>` to. */
	baseUrl: string;
	params: Record<string, string>;
	rooms: string[];
	stop(): Promise<void>;
}

function spawnAndWait(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
	return new Promise((resolveReady, reject) => {
		const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const timer = setTimeout(() => reject(new Error(`not ready after 30 s: ${output}`)), 30_000);
		const onData = (chunk: Buffer): void => {
			output += chunk.toString('utf8');
			const match = ready.exec(output);
			if (match) {
				clearTimeout(timer);
				resolveReady({ child, match });
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => {
			if (process.env.BENCH_ECHO_STDERR) process.stderr.write(chunk);
			output += chunk.toString('utf8');
		});
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`exited (${signal ?? code}) before ready: ${output}`));
		});
	});
}

function stopper(child: ChildProcess): () => Promise<void> {
	return () =>
		new Promise((resolveStop) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
			child.once('exit', () => resolveStop());
			child.kill('SIGTERM');
		});
}

async function cli(dataDir: string, ...args: string[]): Promise<string> {
	const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, DATA_DIR: dataDir }
	});
	return stdout.trim();
}

async function startOurs(config: BenchConfig, mode: OursMode, dataDir: string): Promise<ServerUnderTest> {
	let token: string;
	let rooms: string[];
	let script: string;
	if (mode === 'main') {
		await cli(dataDir, 'user', 'add', '--username', 'bench', '--name', 'Máy đo', '--password', 'secret-123', '--role', 'office');
		token = await cli(dataDir, 'token', 'create', '--username', 'bench');
		rooms = [];
		// Notices through the CLI, three at a time (each is a short process).
		for (let i = 0; i < config.notices; i += 3) {
			const batch = Array.from({ length: Math.min(3, config.notices - i) }, (_, k) =>
				cli(dataDir, 'notice', 'create', '--username', 'bench', '--title', `Thông báo đo ${i + k + 1}`)
			);
			rooms.push(...(await Promise.all(batch)));
		}
		script = 'server/main.ts';
	} else {
		token = 'bench-token';
		rooms = Array.from({ length: config.notices }, (_, i) => `bench-notice-${i}`);
		script = 'bench/embeddedSyncServer.ts';
	}
	const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const { child, match } = await spawnAndWait(
		process.execPath,
		[...nodeArgs, '--import', 'tsx', script],
		{ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', BENCH_TOKEN: token },
		/Kết Luận listening on http:\/\/127\.0\.0\.1:(\d+)/
	);
	return {
		label: mode === 'main' ? 'ours: server/main.ts' : 'ours: sync only',
		pid: child.pid!,
		baseUrl: `ws://127.0.0.1:${match[1]}/sync`,
		params: { token },
		rooms,
		stop: stopper(child)
	};
}

async function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			probe.close(() => resolvePort(port));
		});
	});
}

async function startReference(config: BenchConfig): Promise<ServerUnderTest> {
	// The package's own bin, unchanged; it only reports the port we gave it, so pick a free one.
	const port = await freePort();
	const bin = join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js');
	const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const { child } = await spawnAndWait(process.execPath, [...nodeArgs, bin], { HOST: '127.0.0.1', PORT: String(port) }, /running at/);
	return {
		label: 'reference',
		pid: child.pid!,
		baseUrl: `ws://127.0.0.1:${port}`,
		params: {},
		rooms: Array.from({ length: config.notices }, (_, i) => `bench-notice-${i}`),
		stop: stopper(child)
	};
}

/** User and system CPU time of a process so far, in ms (/proc/<pid>/stat fields 14 and 15). */
function cpuMs(pid: number): { user: number; system: number } {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Split after "pid (comm) " — comm may contain spaces; then field 3 (state) is index 0.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const toMs = (ticks: string | undefined): number => (Number(ticks) * 1000) / CLOCK_TICKS_PER_S;
	return { user: toMs(fields[11]), system: toMs(fields[12]) };
}

function memoryMiB(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
	return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

// ---- load generator ----

interface RunResult {
	label: string;
	editsSent: number;
	delivered: number;
	expectedDeliveries: number;
	p50: number;
	p99: number;
	cpuMsPer1000: number;
	/** Share of the server's CPU time spent in user space (the rest is kernel: sockets, files). */
	userShare: number;
	cpuPercent: number;
	rssMiB: number;
	peakRssMiB: number;
	diverged: number;
	generatorCpuPercent: number;
}

interface BenchClient {
	index: number;
	room: string;
	doc: Y.Doc;
	provider: WebsocketProvider;
	timer: NodeJS.Timeout | null;
	edits: number;
}

const STAMP = /⟨(\d+):(\d+(?:\.\d+)?)⟩/g;

function typeStamped(client: BenchClient): void {
	const notice = new NoticeDoc(client.doc);
	const content = notice.content;
	const paragraphs = content.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
	client.doc.transact(() => {
		let target: Y.XmlText;
		const para = paragraphs[client.index % Math.max(1, paragraphs.length)];
		const first = para?.get(0);
		if (para !== undefined && first instanceof Y.XmlText && (first.length < 4000 || paragraphs.length > 50)) {
			target = first;
		} else {
			// A new paragraph now and then, like someone pressing Enter.
			const el = new Y.XmlElement('paragraph');
			el.setAttribute('id', newBlockId());
			target = new Y.XmlText();
			el.insert(0, [target]);
			content.insert(content.length, [el]);
		}
		target.insert(target.length, `⟨${client.index}:${performance.now().toFixed(3)}⟩ giao Sở `);
	});
	client.edits++;
	client.provider.awareness.setLocalStateField('cursor', { anchor: client.edits * 7, head: client.edits * 7 });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 50));
	}
	return true;
}

async function runWorkload(server: ServerUnderTest, config: BenchConfig): Promise<RunResult> {
	const latencies: number[] = [];
	let delivered = 0;
	const clients: BenchClient[] = [];
	for (const room of server.rooms) {
		for (let k = 0; k < config.clientsPerNotice; k++) {
			const doc = new Y.Doc();
			const provider = new WebsocketProvider(server.baseUrl, room, doc, {
				disableBc: true,
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				params: server.params
			});
			provider.awareness.setLocalStateField('user', { name: `Chuyên viên ${k}`, color: '#1565c0' });
			const client: BenchClient = { index: k, room, doc, provider, timer: null, edits: 0 };
			new NoticeDoc(doc).content.observeDeep((events, transaction) => {
				if (transaction.local) return;
				const now = performance.now();
				const record = (text: string): void => {
					for (const match of text.matchAll(STAMP)) {
						if (Number(match[1]) === k) continue;
						latencies.push(now - Number(match[2]));
						delivered++;
					}
				};
				for (const event of events) {
					for (const op of event.delta) {
						// Typed text arrives as a string; a new paragraph as an element holding it.
						if (typeof op.insert === 'string') record(op.insert);
						else if (Array.isArray(op.insert)) {
							for (const node of op.insert) if (node instanceof Y.XmlElement) record(node.toString());
						}
					}
				}
			});
			clients.push(client);
		}
	}
	const allSynced = await waitUntil(() => clients.every((c) => c.provider.synced), 60_000);
	if (!allSynced) throw new Error(`${server.label}: clients did not all sync`);

	const cpuStart = cpuMs(server.pid);
	const genStart = process.cpuUsage();
	const wallStart = performance.now();
	const interval = 1000 / config.editsPerS;
	for (const client of clients) {
		const tick = (): void => {
			typeStamped(client);
			client.timer = setTimeout(tick, interval * (0.8 + Math.random() * 0.4));
		};
		client.timer = setTimeout(tick, Math.random() * interval);
	}
	await new Promise((r) => setTimeout(r, config.durationS * 1000));
	for (const client of clients) if (client.timer !== null) clearTimeout(client.timer);
	const editsSent = clients.reduce((sum, c) => sum + c.edits, 0);
	const expectedDeliveries = editsSent * (config.clientsPerNotice - 1);

	// Let the tail arrive, then check every notice converged.
	const converged = (room: string): boolean => {
		const group = clients.filter((c) => c.room === room);
		const first = Y.encodeStateVector(group[0]!.doc);
		return group.every((c) => Buffer.compare(Y.encodeStateVector(c.doc), first) === 0);
	};
	await waitUntil(() => delivered >= expectedDeliveries, 15_000);
	await waitUntil(() => server.rooms.every(converged), 5_000);
	const wallMs = performance.now() - wallStart;
	const cpuEnd = cpuMs(server.pid);
	const cpuUser = cpuEnd.user - cpuStart.user;
	const cpuSystem = cpuEnd.system - cpuStart.system;
	const cpuUsed = cpuUser + cpuSystem;
	const gen = process.cpuUsage(genStart);
	const memory = memoryMiB(server.pid);
	const diverged = server.rooms.filter((room) => !converged(room)).length;

	for (const client of clients) {
		client.provider.destroy();
		client.doc.destroy();
	}
	latencies.sort((a, b) => a - b);
	const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
	return {
		label: server.label,
		editsSent,
		delivered,
		expectedDeliveries,
		p50: pct(0.5),
		p99: pct(0.99),
		cpuMsPer1000: (cpuUsed / Math.max(1, delivered)) * 1000,
		userShare: (cpuUser / Math.max(1, cpuUsed)) * 100,
		cpuPercent: (cpuUsed / wallMs) * 100,
		rssMiB: memory.rss,
		peakRssMiB: memory.peak,
		diverged,
		generatorCpuPercent: ((gen.user + gen.system) / 1000 / wallMs) * 100
	};
}

// ---- report ----

function printTable(config: BenchConfig, results: RunResult[]): void {
	const reference = results.find((r) => r.label === 'reference');
	const ours = results.filter((r) => r !== reference);
	const rows: [string, (r: RunResult) => number, number][] = [
		['edits sent', (r) => r.editsSent, 0],
		['updates delivered', (r) => r.delivered, 0],
		['  % of expected', (r) => (r.delivered / Math.max(1, r.expectedDeliveries)) * 100, 1],
		['latency p50 (ms)', (r) => r.p50, 1],
		['latency p99 (ms)', (r) => r.p99, 1],
		['server CPU ms / 1000 delivered', (r) => r.cpuMsPer1000, 1],
		['  of which user space (%)', (r) => r.userShare, 0],
		['server CPU (% of a core)', (r) => r.cpuPercent, 1],
		['server RSS at end (MiB)', (r) => r.rssMiB, 1],
		['server peak RSS (MiB)', (r) => r.peakRssMiB, 1],
		['diverged notices', (r) => r.diverged, 0],
		['load generator CPU (% of a core)', (r) => r.generatorCpuPercent, 1]
	];
	const width = 34;
	const col = 22;
	const ratioLabel = (r: RunResult): string => `${r.label.replace('ours: ', '')} / ref`;
	console.log(
		`\nWorkload: ${config.notices} notices × ${config.clientsPerNotice} clients, ${config.editsPerS} edits/s each (+ caret awareness), ${config.durationS} s`
	);
	console.log('reference = @y/websocket-server 0.1.1 (stock bin, persists nothing); ours persists every update to SQLite before broadcasting it\n');
	const header = ['metric'.padEnd(width), ...results.map((r) => r.label.padStart(col))];
	if (reference) header.push(...ours.map((r) => ratioLabel(r).padStart(col)));
	console.log(header.join(' '));
	for (const [name, get, digits] of rows) {
		const cells = [name.padEnd(width), ...results.map((r) => get(r).toFixed(digits).padStart(col))];
		if (reference) {
			for (const r of ours) {
				const base = get(reference);
				const ratio = base === 0 ? (get(r) === 0 ? '—' : '∞') : (get(r) / base).toFixed(2);
				cells.push(ratio.padStart(col));
			}
		}
		console.log(cells.join(' '));
	}
	for (const r of results) {
		if (r.generatorCpuPercent > 85) console.log(`\n⚠ the load generator was near saturation during "${r.label}": latencies include its queueing.`);
	}
}

async function main(): Promise<void> {
	const config = readConfig(process.argv.slice(2), process.env);
	process.setMaxListeners(config.notices * config.clientsPerNotice + 20); // y-websocket adds an exit listener per provider
	const results: RunResult[] = [];
	const runs: (() => Promise<ServerUnderTest>)[] = [];
	const dataDirs: string[] = [];
	const freshDataDir = (): string => {
		const dir = mkdtempSync(join(tmpdir(), 'ketluan-bench-'));
		dataDirs.push(dir);
		return dir;
	};
	if (config.only !== 'reference') for (const mode of config.ours) runs.push(() => startOurs(config, mode, freshDataDir()));
	if (config.only !== 'ours') runs.push(() => startReference(config));
	try {
		for (const start of runs) {
			const server = await start();
			try {
				console.log(`running ${server.label} (pid ${server.pid}) …`);
				results.push(await runWorkload(server, config));
			} finally {
				await server.stop();
			}
		}
	} finally {
		for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
	}
	printTable(config, results);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
