/**
 * `npm run bench:editor [-- --keys=60 --rounds=6 --warmup=8 --delay=125 --profile[=FILE]]`: keystroke-to-paint
 * in real Chromium (Debian's, /usr/bin/chromium or CHROMIUM_PATH) for three editors in one run, on
 * an empty notice and on seed 004 (../shared/seeds/004_…txt, imported as the app imports text):
 *
 * - plain: a bare `<div contenteditable>` with the same body as HTML;
 * - stock: Tiptap 3 StarterKit (undoRedo off) + Collaboration + CollaborationCaret (an Awareness
 *   with no network) on a Y.Doc holding the same notice state, fetched from our server;
 * - ours:  the real app — host `server/main.ts` on a fresh data dir and port 0, signed in as an
 *   office user, `/notices/<id>`.
 *
 * The reference pages are bundled with esbuild (bench/editor/stockPage.ts) and served by a tiny
 * local HTTP server, with the body at the width ours has and the notice body's CSS (Times New Roman,
 * justified, same indents). In each editor the bench clicks at the end of the middle paragraph (≥ 40
 * characters) and types ASCII letters and spaces with real key presses (`keyboard.type`, `delay` ms
 * between keys), a warm-up first. The three pages stay open and take turns: the measured keys are
 * typed in `rounds` chunks, the order turning each round, each chunk after two unmeasured keys (the
 * first key after a page sat idle is slow in any editor), so a slow spell of the machine falls on
 * all three alike. What is measured and how is in bench/editor/probe.ts: from the
 * keydown's `timeStamp` to a user-blocking task posted from the rAF callback of the first frame in which the character is in
 * the editor's DOM. Console errors of ours while typing are counted.
 *
 * `--dump=FILE` writes every key's raw times and the pages' long tasks as JSON.
 * `--trace[=FILE]` then types 40 keys again in ours and in stock on seed 004 (`--trace-case=empty`:
 * the empty notice) under Chromium's timeline tracing and prints, per key, the main-thread time of
 * each kind of work (script, style, layout, paint…) side by side: where ours spends what stock does
 * not; with FILE, the raw timelines are written for DevTools (FILE and FILE.stock.json).
 * `--css=RULES` adds style rules to ours before typing: try a style change without a rebuild.
 * `--stock-ext=comments,scroll` runs the stock page with our editor's extension set instead
 * (createNoticeEditor: block ids, highlights, paste, carets; `comments`, `scroll` add comment
 * highlights and ScrollCaretIntoView): ours/stock then isolates what the app page around the
 * editor costs from what the extensions cost. Diagnostic only: the figures to report are without it.
 * `BENCH_TRACE_CATEGORIES=blink,disabled-by-default-blink.debug,…` adds trace categories to
 * `--trace` (Blink's editing and layout steps: TypingCommand::InsertText, LocalFrameView::layout…);
 * `BENCH_NO_MINIFY=1` bundles the reference pages unminified, so their profiles read like ours;
 * `BENCH_ALLOC=1` with `--profile` also samples what ours allocates while typing (FILE.heapprofile,
 * collected objects included).
 * `--profile[=FILE]` then types again in ours on seed 004 under the CDP profiler, writes the
 * .cpuprofile and prints the top functions by self time (mapped to sources when the app was built
 * with `vite build --sourcemap true`: `--sourcemap` alone writes no maps).
 *
 * Prints a table, then as its last line one JSON object:
 * `{"empty": {"plain": {"p50","p95"}, "stock": {…}, "ours": {…}, "ratio_p95"}, "seed004": {…}, "console_errors": N}`.
 * Exits 0 whatever the figures; non-zero only when it could not run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import os, { tmpdir } from 'node:os';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium } from '../tests/support/chromium';
import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import {
	addUser,
	cli,
	connectClient,
	createNotice,
	makeDataDir,
	removeDataDir,
	startServer,
	waitSynced,
	type ServerProcess
} from '../tests/integration/harness';
import type { KeyRecord } from './editor/probe';
import { latencyStats, ratio, type LatencyStats } from './editor/stats';
import { summariseProfile, type CpuProfile } from './editor/profile';

const ROOT = resolve(import.meta.dirname, '..');
const SEED_004 = resolve(ROOT, '..', 'shared', 'seeds', '004_a693643e998902a8.txt');
const OURS_ROOT = '[data-testid="editor"] .notice-body';
const REF_ROOT = '#app .notice-body';
const USER = 'bench';
const PASSWORD = 'mat-khau-123';
const VIEWPORT = { width: 1280, height: 900 };

const flags = new Map<string, string>();
for (const arg of process.argv.slice(2)) {
	const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
	if (m) flags.set(m[1]!, m[2] ?? '');
}
const KEYS = Number(flags.get('keys') || 60);
const WARMUP = Number(flags.get('warmup') || 8);
const DELAY = Number(flags.get('delay') || 125);
/** Measured keys are typed in this many rounds, the three editors taking turns (see main). */
const ROUNDS = Math.max(1, Number(flags.get('rounds') || 6));
const DUMP = flags.get('dump') || null;
const TRACE = flags.has('trace');
/** `--trace=FILE`: also writes the raw timelines (ours to FILE, stock to FILE.stock.json) for DevTools. */
const TRACE_FILE = flags.get('trace') || null;
/** `--css=RULES`: adds these style rules to ours before typing (try a style change without a rebuild). */
const EXTRA_CSS = flags.get('css') || null;
/** `--trace-case=empty`: trace the empty notice instead of seed 004. */
const TRACE_CASE: 'empty' | 'seed004' = flags.get('trace-case') === 'empty' ? 'empty' : 'seed004';
const PROFILE = flags.has('profile') ? flags.get('profile') || join(tmpdir(), `kl-bench-editor-${Date.now()}.cpuprofile`) : null;

/** ASCII words typed with real key presses (the editor's keydown/input path runs for each). */
const WORDS = 'giao so tai chinh chu tri phoi hop voi cac so nganh lien quan tham muu bao cao ket qua thuc hien truoc ngay';
/** `n` characters of words and spaces, starting with a space so the first word stands apart. */
const typedText = (n: number, offset = 0): string => {
	const src = ` ${WORDS}`;
	let out = '';
	for (let i = 0; out.length < n; i++) out += src[(offset + i) % src.length];
	return out;
};

type EditorName = 'plain' | 'stock' | 'ours';
type CaseName = 'empty' | 'seed004';
const EDITORS: readonly EditorName[] = ['plain', 'stock', 'ours'];
const CASES: readonly CaseName[] = ['empty', 'seed004'];

/** What one editor on one case gave. */
interface Run {
	/** keydown timeStamp → frame after the character showed. */
	paint: LatencyStats;
	/** keydown timeStamp → the capturing listener ran (the key waited for a busy main thread). */
	queue: LatencyStats;
	/** keydown timeStamp → first mutation showing the character. */
	shown: LatencyStats;
	/** keydown timeStamp → rAF callback of that frame (before its layout and paint). */
	raf: LatencyStats;
	/** Chromium's Event Timing for the same keys (only keys of ≥ 16 ms; see probe.ts). */
	eventTiming: LatencyStats;
	keys: number;
	/** CPU time of all Chromium processes per measured key (ms): robust to a busy machine, unlike wall time. */
	cpuPerKey: number | null;
	/** CPU ms per key by Chromium process type. */
	cpuByType: Record<string, number>;
	lost: number;
	/** Mean Tiptap transactions per key (null for the plain editor). */
	txPerKey: number | null;
	paragraph: string;
	textOk: boolean;
	errors: string[];
	/** Raw records and the page's long tasks while typing, for --dump. */
	raw: { records: KeyRecord[]; longTasks: unknown };
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Bundles a browser entry into one IIFE script (minified, like the app's production build). */
async function bundle(entry: string): Promise<string> {
	const result = await build({
		entryPoints: [resolve(ROOT, entry)],
		bundle: true,
		format: 'iife',
		platform: 'browser',
		target: 'chrome120',
		minify: !process.env.BENCH_NO_MINIFY,
		write: false,
		define: { 'process.env.NODE_ENV': '"production"' },
		logLevel: 'error'
	});
	return result.outputFiles[0]!.text;
}

/** The tiny HTTP server of the reference pages: the page, its bundle and the notice states. */
async function serveReference(script: string, states: Record<CaseName, Uint8Array>): Promise<{ url: string; server: Server }> {
	// The notice body's look on our page (src/routes/notices/[id]/+page.svelte), so that line
	// breaking and layout cost are comparable.
	const css = `
		body { margin: 0; padding: 1rem; font-family: system-ui, sans-serif; }
		#app { font-family: 'Times New Roman', Times, serif; font-size: 1.05rem; }
		.notice-body { box-sizing: border-box; min-height: 300px; padding: 0.8rem 1rem; outline: none; text-align: justify; line-height: 1.45; border: 1px solid #ddd; white-space: pre-wrap; }
		.notice-body p { text-indent: 1.27cm; margin: 0 0 6pt; }
		.notice-body li p { text-indent: 0; }
		.collaboration-carets__caret { border-left: 2px solid; margin-left: -1px; margin-right: -1px; position: relative; word-break: normal; pointer-events: none; }
		.collaboration-carets__label { position: absolute; top: -1.35em; left: -1px; font-size: 0.72rem; font-family: system-ui, sans-serif; font-weight: 600; color: #fff; padding: 0.05rem 0.3rem; border-radius: 3px 3px 3px 0; white-space: nowrap; user-select: none; }`;
	const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>bench</title><style>${css}</style></head><body><div id="app"></div><script src="/page.js"></script></body></html>`;
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const state = /^\/state\/(empty|seed004)\.bin$/.exec(path);
		if (path === '/page.html') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
		else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
		else if (state) res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(states[state[1] as CaseName]));
		else res.writeHead(404).end();
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The whole state of a notice as the server holds it, read with a stock y-websocket client. */
async function noticeState(server: ServerProcess, noticeId: string, token: string): Promise<Uint8Array> {
	const client = connectClient(server, noticeId, token);
	try {
		await waitSynced(client, 20_000);
		return Y.encodeStateAsUpdate(client.doc);
	} finally {
		client.destroy();
	}
}

/** Body length in characters of a notice state. */
function bodyChars(state: Uint8Array): number {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const n = new NoticeDoc(doc).readBody().reduce((s, b) => s + b.runs.reduce((t, r) => t + r.text.length, 0), 0);
	doc.destroy();
	return n;
}

/** Collects console errors and uncaught exceptions of a page; `typing` marks the measured window. */
function watchErrors(page: Page): { all: string[]; typing: string[]; setTyping(on: boolean): void } {
	const all: string[] = [];
	const typing: string[] = [];
	let on = false;
	const add = (text: string): void => {
		all.push(text);
		if (on) typing.push(text);
	};
	page.on('console', (msg) => {
		if (msg.type() === 'error') add(msg.text());
	});
	page.on('pageerror', (err) => add(`pageerror: ${err.message}`));
	return { all, typing, setTyping: (v) => void (on = v) };
}

/** Waits until every recorded key has had its frame (or fails after `timeoutMs`). */
async function settle(page: Page, timeoutMs = 60_000): Promise<void> {
	await page.waitForFunction(() => window.__kbench.pending() === 0, undefined, { timeout: timeoutMs, polling: 50 });
}

/** CPU seconds of Chromium's processes so far, in all and by process type; null when not reported. */
type CpuClock = () => Promise<{ total: number; byType: Record<string, number> } | null>;

/** One editor being typed into: the caret placed, the warm-up typed, measured keys added in chunks. */
interface Typing {
	page: Page;
	root: string;
	errors: ReturnType<typeof watchErrors>;
	target: { index: number; paragraphs: number; preview: string };
	typed: string;
	keys: number;
	cpu: number | null;
	/** CPU seconds per Chromium process type (browser, renderer, GPU, utility…), summed over chunks. */
	cpuByType: Record<string, number>;
	records: KeyRecord[];
}

/** Puts the caret at the end of the middle paragraph of `root` and types the warm-up (not measured). */
async function startTyping(page: Page, root: string, errors: ReturnType<typeof watchErrors>): Promise<Typing> {
	const target = await page.evaluate((sel) => window.__kbench.caretTarget(sel), root);
	if (!target) throw new Error(`no paragraph in ${root}`);
	await page.mouse.click(target.x, target.y);
	await page.keyboard.press('End');
	await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(null))));
	const warm = typedText(WARMUP);
	await page.evaluate((sel) => window.__kbench.arm(sel), root);
	await page.keyboard.type(warm, { delay: DELAY });
	await settle(page);
	await page.evaluate(() => window.__kbench.take());
	return { page, root, errors, target, typed: warm, keys: 0, cpu: 0, cpuByType: {}, records: [] };
}

/** Types `n` more measured keys where the caret is, with `DELAY` ms between them. */
async function typeChunk(t: Typing, n: number, cpuNow: CpuClock): Promise<void> {
	// Two keys first, not measured: the first key after the page sat idle pays for cold caches
	// and a sleeping core, whichever editor it is; unmeasured, it is not a spike in every round.
	const warm = typedText(2, t.typed.length);
	await t.page.keyboard.type(warm, { delay: DELAY });
	await settle(t.page);
	await t.page.evaluate(() => window.__kbench.take());
	t.typed += warm;
	const text = typedText(n, t.typed.length);
	t.errors.setTyping(true);
	const cpu0 = await cpuNow();
	await t.page.keyboard.type(text, { delay: DELAY });
	await settle(t.page).catch(() => {
		// Keys whose character never showed stay pending; they are reported as lost below.
	});
	const cpu1 = await cpuNow();
	t.errors.setTyping(false);
	t.cpu = cpu0 === null || cpu1 === null || t.cpu === null ? null : t.cpu + (cpu1.total - cpu0.total);
	if (cpu0 && cpu1) for (const [type, sec] of Object.entries(cpu1.byType)) t.cpuByType[type] = (t.cpuByType[type] ?? 0) + sec - (cpu0.byType[type] ?? 0);
	t.records.push(...(await t.page.evaluate(() => window.__kbench.take())));
	t.typed += text;
	t.keys += n;
}

/** The figures of everything typed into one editor. */
async function finishTyping(t: Typing): Promise<Run> {
	const { page, root, records, keys } = t;
	const longTasks: unknown = await page.evaluate(() => window.__kbench.longTasks());
	await page.evaluate(() => window.__kbench.disarm());
	const text = await page.evaluate((sel) => window.__kbench.text(sel), root);
	const done = records.filter((r) => r.t1 !== undefined && r.tMut !== undefined);
	// timeStamp is on the performance.now() clock in Chromium; fall back to the listener's time if not.
	const start = (r: KeyRecord): number => (r.t0 <= r.tHandler && r.tHandler - r.t0 < 60_000 ? r.t0 : r.tHandler);
	return {
		paint: latencyStats(done.map((r) => r.t1! - start(r))),
		queue: latencyStats(done.map((r) => r.tHandler - start(r))),
		shown: latencyStats(done.map((r) => r.tMut! - start(r))),
		raf: latencyStats(done.map((r) => r.tRaf! - start(r))),
		eventTiming: latencyStats(records.filter((r) => r.tEvent !== undefined).map((r) => r.tEvent! - r.t0)),
		keys: records.length,
		cpuPerKey: t.cpu === null ? null : Math.round((t.cpu * 1000 * 10) / keys) / 10,
		cpuByType: Object.fromEntries(Object.entries(t.cpuByType).map(([type, sec]) => [type, Math.round((sec * 1000 * 10) / keys) / 10])),
		lost: keys - done.length,
		txPerKey: records.some((r) => r.tx !== undefined) ? Math.round((records.reduce((s, r) => s + (r.tx ?? 0), 0) / records.length) * 10) / 10 : null,
		paragraph: `#${t.target.index}/${t.target.paragraphs} "${t.target.preview}"`,
		textOk: text.includes(t.typed),
		errors: [...t.errors.typing.splice(0)],
		raw: { records, longTasks }
	};
}

/** Places the caret, types a warm-up and then `keys` measured keys in one go. */
async function typeAndMeasure(page: Page, root: string, errors: ReturnType<typeof watchErrors>, cpuNow: CpuClock, keys = KEYS): Promise<Run> {
	const t = await startTyping(page, root, errors);
	await typeChunk(t, keys, cpuNow);
	return finishTyping(t);
}

/** Signs in through the login form (as tests/support/browser.ts does) and waits for the notice list. */
async function signIn(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
	await page.getByLabel('Tên đăng nhập').fill(USER);
	await page.getByLabel('Mật khẩu').fill(PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await page.getByRole('heading', { name: 'Thông báo kết luận' }).waitFor({ timeout: 20_000 });
}

/** Opens a notice in our app and waits for its editor. */
async function openOurs(page: Page, baseUrl: string, noticeId: string): Promise<void> {
	await page.goto(`${baseUrl}/notices/${noticeId}`);
	await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 30_000 });
	await page.locator(OURS_ROOT).waitFor();
	if (EXTRA_CSS) await page.addStyleTag({ content: EXTRA_CSS });
}

/** Opens a reference page (stock or plain) and waits for its body. */
async function openReference(page: Page, refUrl: string, mode: 'stock' | 'plain', which: CaseName, width: number): Promise<void> {
	await page.goto(
		`${refUrl}/page.html?mode=${mode}&case=${which}&w=${Math.round(width)}${mode === 'stock' && flags.get('stock-ext') ? '&ext=' + flags.get('stock-ext') : ''}`
	);
	await page.waitForFunction(() => document.body.dataset.ready === 'true' || document.body.dataset.ready === 'error');
	const error = await page.evaluate(() => document.body.dataset.error);
	if (error) throw new Error(`${mode} page: ${error}`);
}

const fmt = (x: number | null): string => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(1));
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

async function main(): Promise<void> {
	if (!hasChromium) throw new Error(`Không thấy Chromium ở ${CHROMIUM} (apt-get install chromium hoặc đặt CHROMIUM_PATH).`);
	if (!existsSync(SEED_004)) throw new Error(`Không thấy văn bản mẫu ${SEED_004}.`);
	const began = Date.now();
	const load0 = os.loadavg()[0]!.toFixed(1);
	execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });

	const [pageScript, probeScript] = await Promise.all([bundle('bench/editor/stockPage.ts'), bundle('bench/editor/probe.ts')]);
	const dataDir = makeDataDir();
	let server: ServerProcess | undefined;
	let browser: Browser | undefined;
	let reference: Server | undefined;
	try {
		await addUser(dataDir, USER, 'Người đo hiệu năng', 'office', PASSWORD);
		const token = await cli(dataDir, 'token', 'create', '--username', USER);
		const ids: Record<CaseName, string> = {
			empty: await createNotice(dataDir, USER, 'Thông báo đo hiệu năng (trống)'),
			seed004: (await cli(dataDir, 'import', SEED_004, '--username', USER)).split('\n').pop()!.trim()
		};
		server = await startServer(dataDir);
		const states: Record<CaseName, Uint8Array> = {
			empty: await noticeState(server, ids.empty, token),
			seed004: await noticeState(server, ids.seed004, token)
		};
		const ref = await serveReference(pageScript, states);
		reference = ref.server;
		browser = await launchChromium();
		const system = await browser.newBrowserCDPSession();
		// Sum over the browser, GPU and renderer processes: a key's cost wherever Chromium spends it.
		const cpuNow: CpuClock = async () => {
			try {
				const { processInfo } = await system.send('SystemInfo.getProcessInfo');
				const byType: Record<string, number> = {};
				for (const p of processInfo) byType[p.type] = (byType[p.type] ?? 0) + p.cpuTime;
				return { total: processInfo.reduce((sum, p) => sum + p.cpuTime, 0), byType };
			} catch {
				// Not every Chromium build answers SystemInfo; the column then shows "–".
				return null;
			}
		};
		say(
			`bench:editor — ${KEYS} phím đo (+${WARMUP} khởi động) mỗi trình soạn thảo, cách nhau ${DELAY} ms; seed 004: ${bodyChars(states.seed004)} ký tự thân văn bản`
		);

		const newContext = async (): Promise<{ context: BrowserContext; page: Page }> => {
			const context = await browser!.newContext({ locale: 'vi-VN', viewport: VIEWPORT });
			await context.addInitScript({ content: probeScript });
			return { context, page: await context.newPage() };
		};
		const ours = await newContext();
		const oursErrors = watchErrors(ours.page);
		await signIn(ours.page, server.url);

		const results = {} as Record<CaseName, Record<EditorName, Run>>;
		let width = 0;
		for (const which of CASES) {
			const row = {} as Record<EditorName, Run>;
			// Ours first: its body width is what the reference pages are given.
			await openOurs(ours.page, server.url, ids[which]);
			width = await ours.page.evaluate((sel) => window.__kbench.width(sel), OURS_ROOT);
			const typing = {} as Record<EditorName, Typing>;
			const contexts: BrowserContext[] = [];
			for (const mode of ['stock', 'plain'] as const) {
				const { context, page } = await newContext();
				contexts.push(context);
				await openReference(page, ref.url, mode, which, width);
				typing[mode] = await startTyping(page, REF_ROOT, watchErrors(page));
			}
			typing.ours = await startTyping(ours.page, OURS_ROOT, oursErrors);
			// Interleaved rounds, the order turning each round: a slow spell of the machine falls on
			// all three editors alike instead of on whichever was typing then.
			for (let round = 0; round < ROUNDS; round++) {
				const n = Math.floor(KEYS / ROUNDS) + (round < KEYS % ROUNDS ? 1 : 0);
				for (let i = 0; i < EDITORS.length; i++) await typeChunk(typing[EDITORS[(round + i) % EDITORS.length]!], n, cpuNow);
			}
			for (const editor of EDITORS) row[editor] = await finishTyping(typing[editor]);
			for (const context of contexts) await context.close();
			results[which] = row;
		}

		say('');
		say(
			`${pad('case', 8)} ${pad('editor', 6)} ${lpad('p50', 7)} ${lpad('p95', 7)} ${lpad('mean', 7)} ${lpad('max', 7)} ${lpad('n', 4)}  ${lpad('queue p50', 9)} ${lpad('shown p50', 9)} ${lpad('raf p50', 7)} ${lpad('cpu/key', 7)} ${lpad('evt p50', 7)} ${lpad('evt n', 5)} ${lpad('tx/key', 6)}  paragraph`
		);
		for (const which of CASES) {
			for (const ed of EDITORS) {
				const r = results[which][ed];
				const notes = [r.lost ? `${r.lost} lost` : '', r.textOk ? '' : 'TEXT MISSING', r.errors.length ? `${r.errors.length} console errors` : '']
					.filter(Boolean)
					.join(', ');
				say(
					`${pad(which, 8)} ${pad(ed, 6)} ${lpad(fmt(r.paint.p50), 7)} ${lpad(fmt(r.paint.p95), 7)} ${lpad(fmt(r.paint.mean), 7)} ${lpad(fmt(r.paint.max), 7)} ${lpad(String(r.paint.n), 4)}  ${lpad(fmt(r.queue.p50), 9)} ${lpad(fmt(r.shown.p50), 9)} ${lpad(fmt(r.raf.p50), 7)} ${lpad(fmt(r.cpuPerKey), 7)} ${lpad(fmt(r.eventTiming.p50), 7)} ${lpad(String(r.eventTiming.n), 5)} ${lpad(fmt(r.txPerKey), 6)}  ${r.paragraph}${notes ? `  [${notes}]` : ''}`
				);
			}
			const r = results[which];
			for (const ed of EDITORS) {
				const by = Object.entries(results[which][ed].cpuByType).filter(([, ms]) => ms >= 0.1);
				if (by.length) say(`${pad(which, 8)} ${pad(ed, 6)} cpu/key by process: ${by.map(([type, ms]) => `${type} ${fmt(ms)}`).join(', ')}`);
			}
			say(
				`${pad(which, 8)} ours/stock  p50 ×${fmt(ratio(r.ours.paint.p50, r.stock.paint.p50))}  p95 ×${fmt(ratio(r.ours.paint.p95, r.stock.paint.p95))}  cpu/key ×${fmt(ratio(r.ours.cpuPerKey ?? Number.NaN, r.stock.cpuPerKey ?? Number.NaN))}   (targets: ratio ≤ 1.2${which === 'seed004' ? ', p95 ≤ 50 ms' : ''})`
			);
		}
		say(
			'ms from the keydown event to the end of the first frame showing the character; queue = keydown waiting for the main thread; shown = first DOM mutation with the character; raf = the rAF callback of that frame; cpu/key = CPU ms of all Chromium processes per key;'
		);
		say(
			'evt = Chromium Event Timing (keydown…input to next paint) as a cross-check, reported by Chromium only for keys of ≥ 16 ms (evt n of them); tx/key = Tiptap transactions per key.'
		);
		say(
			`load average (1 min) at start ${load0}, now ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores: wall-time figures grow with the load, cpu/key much less.`
		);
		const consoleErrors = results.empty.ours.errors.length + results.seed004.ours.errors.length;
		if (consoleErrors) {
			const sample = [...results.empty.ours.errors, ...results.seed004.ours.errors].slice(0, 5);
			say(`ours: ${consoleErrors} console errors while typing (${KEYS * 2} keys); first ones:`);
			for (const e of sample) say(`  ${e.replace(/\s+/g, ' ').slice(0, 300)}`);
		}

		if (TRACE) {
			const traced: Record<'ours' | 'stock', Map<string, number>> = { ours: new Map(), stock: new Map() };
			const keys = 40;
			const traceRun = async (page: Page, root: string, errors: ReturnType<typeof watchErrors>, into: Map<string, number>, file: string | null) => {
				await browser!.startTracing(page, {
					categories: [
						'devtools.timeline',
						'disabled-by-default-devtools.timeline',
						...(process.env.BENCH_TRACE_INVALIDATIONS
							? ['disabled-by-default-devtools.timeline.invalidationTracking', 'disabled-by-default-devtools.timeline.stack']
							: []),
						...(process.env.BENCH_TRACE_CATEGORIES ? process.env.BENCH_TRACE_CATEGORIES.split(',') : [])
					]
				});
				await typeAndMeasure(page, root, errors, cpuNow, keys);
				const buf = await browser!.stopTracing();
				if (file) writeFileSync(file, buf);
				const events = (
					JSON.parse(buf.toString('utf8')) as {
						traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number; args?: { data?: { type?: string } } }[];
					}
				).traceEvents;
				// The renderer's main thread: the thread that ran the most 'FunctionCall' time.
				const perThread = new Map<string, number>();
				for (const e of events) if (e.name === 'FunctionCall' && e.dur) perThread.set(`${e.pid}:${e.tid}`, (perThread.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
				const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
				for (const e of events) {
					if (e.ph !== 'X' || !e.dur || `${e.pid}:${e.tid}` !== main) continue;
					const name = e.name === 'EventDispatch' ? `EventDispatch ${e.args?.data?.type ?? ''}` : e.name;
					into.set(name, (into.get(name) ?? 0) + e.dur / 1000 / keys);
				}
			};
			await openOurs(ours.page, server.url, ids[TRACE_CASE]);
			await traceRun(ours.page, OURS_ROOT, oursErrors, traced.ours, TRACE_FILE);
			const { context, page } = await newContext();
			await openReference(page, ref.url, 'stock', TRACE_CASE, width);
			await traceRun(page, REF_ROOT, watchErrors(page), traced.stock, TRACE_FILE && `${TRACE_FILE}.stock.json`);
			await context.close();
			say('');
			say(`main-thread time per key on ${TRACE_CASE} under tracing (${keys} keys; events nest, so rows overlap):`);
			say(`${pad('event', 28)} ${lpad('ours', 7)} ${lpad('stock', 7)} ${lpad('diff', 7)}`);
			const names = new Set([...traced.ours.keys(), ...traced.stock.keys()]);
			const rows = [...names].map((n) => [n, traced.ours.get(n) ?? 0, traced.stock.get(n) ?? 0] as const).filter(([, o, r]) => Math.max(o, r) >= 0.05);
			for (const [n, o, r] of rows.sort((a, b) => b[1] - b[2] - (a[1] - a[2])))
				say(`${pad(n, 28)} ${lpad(fmt(o), 7)} ${lpad(fmt(r), 7)} ${lpad(fmt(o - r), 7)}`);
		}

		if (PROFILE) {
			await openOurs(ours.page, server.url, ids.seed004);
			const cdp = await ours.page.context().newCDPSession(ours.page);
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
			await cdp.send('Profiler.start');
			// BENCH_ALLOC=1: what the page allocates while typing, too (sampled; FILE.heapprofile).
			if (process.env.BENCH_ALLOC)
				await cdp.send('HeapProfiler.startSampling', {
					samplingInterval: 1024,
					includeObjectsCollectedByMajorGC: true,
					includeObjectsCollectedByMinorGC: true
				});
			const profiled = await typeAndMeasure(ours.page, OURS_ROOT, oursErrors, cpuNow, 40);
			if (process.env.BENCH_ALLOC) {
				const { profile: heap } = await cdp.send('HeapProfiler.stopSampling');
				writeFileSync(PROFILE.replace(/(\.cpuprofile)?$/, '.heapprofile'), JSON.stringify(heap));
			}
			const { profile } = await cdp.send('Profiler.stop');
			await cdp.detach();
			writeFileSync(PROFILE, JSON.stringify(profile));
			const top = await summariseProfile(profile as CpuProfile, join(ROOT, 'build', 'client'));
			say('');
			say(`CPU profile of ours on seed 004 (40 keys, p50 ${fmt(profiled.paint.p50)} ms under the profiler): ${PROFILE}`);
			say(`profiled ${top.totalMs} ms, busy (not idle) ${top.busyMs} ms; % of busy time.`);
			for (const [title, rows] of [
				['top functions by self time:', top.self],
				['top functions by total time (self + callees):', top.total]
			] as const) {
				say(title);
				for (const r of rows) say(`${lpad(r.ms.toFixed(1), 8)} ms ${lpad(r.share.toFixed(1), 5)}%  ${pad(r.name, 32)} ${r.where}`);
			}
			// The reference under the same profiler, for side-by-side reading of the two files.
			const { context, page } = await newContext();
			await openReference(page, ref.url, 'stock', 'seed004', width);
			const stockCdp = await context.newCDPSession(page);
			await stockCdp.send('Profiler.enable');
			await stockCdp.send('Profiler.setSamplingInterval', { interval: 250 });
			await stockCdp.send('Profiler.start');
			await typeAndMeasure(page, REF_ROOT, watchErrors(page), cpuNow, 40);
			const stockProfile = await stockCdp.send('Profiler.stop');
			await context.close();
			const stockFile = PROFILE.replace(/(\.cpuprofile)?$/, '.stock.cpuprofile');
			writeFileSync(stockFile, JSON.stringify(stockProfile.profile));
			say(`CPU profile of stock on seed 004 (40 keys): ${stockFile}`);
		}

		if (DUMP) {
			const raw = Object.fromEntries(CASES.map((c) => [c, Object.fromEntries(EDITORS.map((e) => [e, results[c][e].raw]))]));
			writeFileSync(DUMP, JSON.stringify(raw));
			say(`raw records: ${DUMP}`);
		}
		say(`run took ${((Date.now() - began) / 1000).toFixed(0)} s`);
		const pick = (r: Run) => ({ p50: r.paint.p50, p95: r.paint.p95 });
		const figures = (which: CaseName) => ({
			plain: pick(results[which].plain),
			stock: pick(results[which].stock),
			ours: pick(results[which].ours),
			ratio_p95: ratio(results[which].ours.paint.p95, results[which].stock.paint.p95)
		});
		say(JSON.stringify({ empty: figures('empty'), seed004: figures('seed004'), console_errors: consoleErrors }));
	} finally {
		await browser?.close();
		reference?.close();
		await server?.stop();
		removeDataDir(dataDir);
	}
}

main().catch((e: unknown) => {
	process.stderr.write(`bench:editor không chạy được: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
