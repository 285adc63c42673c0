import { get, set } from 'idb-keyval';

/** A progress report waiting to be sent (written offline). */
export interface OutboxReport {
	id: string;
	noticeId: string;
	taskId: string;
	text: string;
	percent: number;
	createdAt: number;
}

const KEY = 'ket-luan:outbox';

/** Reports waiting to be sent. */
export async function pendingReports(): Promise<OutboxReport[]> {
	return (await get<OutboxReport[]>(KEY)) ?? [];
}

/** Queues a report; it is sent by `flushOutbox` once online. */
export async function queueReport(r: OutboxReport): Promise<void> {
	await set(KEY, [...(await pendingReports()).filter((x) => x.id !== r.id), r]);
}

/** A fresh client-made id (the server stores a report once per id). */
export function newReportId(): string {
	return crypto.randomUUID().replace(/-/g, '');
}

/**
 * Sends every queued report once. A report leaves the outbox when the server answered (stored,
 * already stored, or refused with a reason that sending again cannot fix); network errors keep it.
 * Returns the reports refused, with their messages.
 */
export async function flushOutbox(): Promise<{ sent: number; refused: { report: OutboxReport; message: string }[] }> {
	const queue = await pendingReports();
	const refused: { report: OutboxReport; message: string }[] = [];
	let sent = 0;
	const keep: OutboxReport[] = [];
	for (const r of queue) {
		try {
			const res = await fetch('/api/progress', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) });
			if (res.ok) sent++;
			else if (res.status >= 500 || res.status === 401) keep.push(r);
			else refused.push({ report: r, message: ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `Lỗi ${res.status}` });
		} catch {
			keep.push(r);
		}
	}
	// Reports queued while we were sending are kept too.
	const now = await pendingReports();
	await set(KEY, [...keep, ...now.filter((r) => !queue.some((q) => q.id === r.id))]);
	return { sent, refused };
}
