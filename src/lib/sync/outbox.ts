import { deserialize } from '$app/forms';
import { get, update } from 'idb-keyval';

/** A file chosen for a report written offline: kept in IndexedDB with it until it is sent. */
export interface OutboxFile {
	name: string;
	type: string;
	blob: Blob;
}

/** A progress report waiting to be sent (written offline). */
export interface OutboxReport {
	id: string;
	noticeId: string;
	taskId: string;
	text: string;
	percent: number;
	createdAt: number;
	/** Attachments chosen offline (issue 9 [6]): they leave with the report. */
	files?: OutboxFile[];
}

/** A report the server refused when it was replayed (the task was cancelled meanwhile, say). */
export interface RefusedReport {
	report: OutboxReport;
	/** The server's reason, in Vietnamese. */
	message: string;
	refusedAt: number;
}

const KEY = 'ket-luan:outbox';
const REFUSED_KEY = 'ket-luan:outbox:refused';

/** Reports waiting to be sent. */
export async function pendingReports(): Promise<OutboxReport[]> {
	return (await get<OutboxReport[]>(KEY)) ?? [];
}

/** Reports the server refused on replay: kept, with its reason, until the person resends or drops them. */
export async function refusedReports(): Promise<RefusedReport[]> {
	return (await get<RefusedReport[]>(REFUSED_KEY)) ?? [];
}

/**
 * Queues a report; it is sent by `flushOutbox` once online. Read-modify-write through idb-keyval's
 * `update` (one IndexedDB transaction), so two tabs queueing at once both keep their report.
 */
export async function queueReport(r: OutboxReport): Promise<void> {
	await update<OutboxReport[]>(KEY, (list = []) => [...list.filter((x) => x.id !== r.id), r]);
}

/** Puts a refused report back in the outbox under a fresh id (the person fixed what was wrong, or wants to try again). */
export async function resendRefused(id: string): Promise<void> {
	const found = (await refusedReports()).find((r) => r.report.id === id);
	if (!found) return;
	await queueReport({ ...found.report, id: newReportId(), createdAt: Date.now() });
	await dismissRefused(id);
}

/** Forgets a refused report (after the person copied its text, say). */
export async function dismissRefused(id: string): Promise<void> {
	await update<RefusedReport[]>(REFUSED_KEY, (list = []) => list.filter((r) => r.report.id !== id));
}

/** A fresh client-made id (the server stores a report once per id). */
export function newReportId(): string {
	return crypto.randomUUID().replace(/-/g, '');
}

type Outcome = { kind: 'sent' } | { kind: 'keep' } | { kind: 'refused'; message: string };

/**
 * Sends one report through the task page's own form action — the path a report written online
 * takes, files included; it stores a report once per id. An action answers a refusal as a
 * "failure" result inside a 200 response, so a refused replay is read, not logged by the browser
 * as a failed request.
 */
async function send(r: OutboxReport): Promise<Outcome> {
	const form = new FormData();
	form.set('id', r.id);
	form.set('text', r.text);
	form.set('percent', String(r.percent));
	for (const f of r.files ?? []) form.append('attachments', new File([f.blob], f.name, { type: f.type }));
	let res: Response;
	try {
		res = await fetch(`/tasks/${encodeURIComponent(r.noticeId)}/${encodeURIComponent(r.taskId)}?/progress`, {
			method: 'POST',
			body: form,
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
		});
	} catch {
		return { kind: 'keep' }; // the network again
	}
	// A server error or an expired session: sending again later can succeed.
	if (res.status >= 500 || res.status === 401 || !res.headers.get('content-type')?.includes('json')) return { kind: 'keep' };
	const result = deserialize(await res.text());
	if (result.type === 'success') return { kind: 'sent' };
	if (result.type === 'failure' && result.status !== 401) {
		const message = (result.data as { message?: string } | undefined)?.message;
		return { kind: 'refused', message: message ?? `Lỗi ${result.status}` };
	}
	// A redirect (to the sign-in page: the session ended) or an error: keep it for later.
	return { kind: 'keep' };
}

let flushing: Promise<{ sent: number; refused: RefusedReport[] }> | null = null;

/**
 * Sends every queued report once. A report leaves the outbox when the server answered: stored (or
 * already stored), or refused with a reason sending again cannot fix — then it is kept apart with
 * that reason (`refusedReports`), never dropped. Network errors, server errors and an expired
 * session keep it queued. One flush at a time in the page, and across tabs where the browser has
 * Web Locks, so no report leaves twice with its files. Returns what was sent and refused.
 */
export function flushOutbox(): Promise<{ sent: number; refused: RefusedReport[] }> {
	const run = async () => {
		const queue = await pendingReports();
		const refused: RefusedReport[] = [];
		const done = new Set<string>();
		let sent = 0;
		for (const r of queue) {
			const outcome = await send(r);
			if (outcome.kind === 'keep') continue;
			done.add(r.id);
			if (outcome.kind === 'sent') sent++;
			else refused.push({ report: r, message: outcome.message, refusedAt: Date.now() });
		}
		if (refused.length) await update<RefusedReport[]>(REFUSED_KEY, (list = []) => [...list, ...refused]);
		// Reports queued while we were sending stay.
		if (done.size) await update<OutboxReport[]>(KEY, (list = []) => list.filter((r) => !done.has(r.id)));
		return { sent, refused };
	};
	if (flushing) return flushing;
	// With Web Locks, one flush at a time across the browser's tabs (the lock resolves with run's result).
	const locked = (async () => (typeof navigator !== 'undefined' && navigator.locks ? await navigator.locks.request('ket-luan:outbox', run) : await run()))();
	const current = locked.finally(() => {
		flushing = null;
	});
	flushing = current;
	return current;
}
