/**
 * [P14] Checks a large update on a worker thread, so that decoding it (about half a second for an
 * 8 MiB frame of tiny structs) never stalls the event loop every notice shares. The worker rebuilds
 * the room's doc from its state and runs the same {@link UpdateValidator} on it.
 *
 * This file is both the main thread's client ({@link checkOffThread}) and the worker's entry (the
 * worker registers tsx's loader first). Where no worker can start (e.g. inside the test runner)
 * the caller checks on the main thread.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import type { DocShape } from '#shared/doc/docShape';
import { UpdateValidator, type RefusalReason, type ValidatorLimits } from './updateValidator';

/** What the worker is asked. */
interface CheckRequest {
	readonly id: number;
	/** The room's doc (`Y.encodeStateAsUpdateV2`), holding every update accepted so far. */
	readonly state: Uint8Array;
	readonly update: Uint8Array;
	readonly shape: DocShape | null;
	readonly limits: ValidatorLimits;
}

/** The worker's answer: the verdict without its bookkeeping, and whether the doc already holds it all. */
export type OffThreadVerdict =
	| { readonly ok: true; readonly adds: boolean; readonly contained: boolean }
	| { readonly ok: false; readonly reason: RefusalReason | 'malformed'; readonly detail: string; readonly needs?: ReadonlyMap<number, number> };

const WORKER_MARK = 'kl-check-worker';

let worker: Worker | null = null;
/** Workers that failed (could not start, or died); after a few, large updates are checked on the main thread. */
let failures = 0;
const MAX_FAILURES = 3;
let nextId = 1;
const waiting = new Map<number, (verdict: OffThreadVerdict | null) => void>();

function failAll(): void {
	failures++;
	void worker?.terminate();
	worker = null;
	for (const resolve of waiting.values()) resolve(null);
	waiting.clear();
}

function startWorker(): Worker | null {
	if (failures >= MAX_FAILURES) return null;
	if (worker !== null) return worker;
	try {
		const started = new Worker(workerEntry(), { workerData: WORKER_MARK });
		started.unref();
		started.on('message', (message: { id: number; verdict: OffThreadVerdict }) => {
			const resolve = waiting.get(message.id);
			waiting.delete(message.id);
			resolve?.(message.verdict);
		});
		started.on('error', failAll);
		started.on('exit', failAll);
		worker = started;
		return started;
	} catch {
		failures = MAX_FAILURES;
		return null;
	}
}

/**
 * What the worker runs: this file, after registering tsx's loader in the worker (Node 20 does not
 * carry `--import tsx` over to worker threads); this file as is where tsx cannot be found.
 */
function workerEntry(): URL {
	let api: string;
	try {
		api = import.meta.resolve('tsx/esm/api');
	} catch {
		return new URL(import.meta.url);
	}
	const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(import.meta.url)});`;
	return new URL('data:text/javascript,' + encodeURIComponent(boot));
}

/**
 * Checks `update` against the doc whose state is `state` on the worker thread. Resolves with null
 * when no worker can run (the caller then checks on the main thread).
 */
export function checkOffThread(state: Uint8Array, update: Uint8Array, shape: DocShape | null, limits: ValidatorLimits): Promise<OffThreadVerdict | null> {
	const target = startWorker();
	if (target === null) return Promise.resolve(null);
	const id = nextId++;
	return new Promise((resolve) => {
		waiting.set(id, resolve);
		target.postMessage({ id, state, update, shape, limits } satisfies CheckRequest);
	});
}

function answer(request: CheckRequest): OffThreadVerdict {
	const doc = new Y.Doc();
	try {
		Y.applyUpdateV2(doc, request.state);
		const verdict = new UpdateValidator(doc, request.shape, request.limits).check(request.update);
		if (!verdict.ok) return verdict.needs === undefined ? { ok: false, reason: verdict.reason, detail: verdict.detail } : verdict;
		return { ok: true, adds: verdict.adds, contained: Y.snapshotContainsUpdate(Y.snapshot(doc), request.update) };
	} catch (error) {
		return { ok: false, reason: 'malformed', detail: error instanceof Error ? error.message : String(error) };
	} finally {
		doc.destroy();
	}
}

if (!isMainThread && workerData === WORKER_MARK && parentPort !== null) {
	const port = parentPort;
	port.on('message', (request: CheckRequest) => port.postMessage({ id: request.id, verdict: answer(request) }));
}
