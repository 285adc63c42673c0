import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { User } from '$server/auth/types';
import type { Db } from '$server/db';
import { TrackerError, type TaskRef, type TrackerService } from '$server/tracker/TrackerService';
import { reportIdUse } from './progressReports';

/** Largest attachment accepted (bytes); larger files are refused with a message. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Most attachments one progress report may carry. */
export const MAX_ATTACHMENTS_PER_REPORT = 10;

/** What a multipart body adds around its files (field names, boundaries, the report's text). */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/**
 * Files being received are written under this prefix, then renamed once their report is stored;
 * server/main.ts removes any left by a stopped process when it starts.
 */
export const STAGING_PREFIX = '.upload-';

/** A stored attachment of a progress report. */
export interface StoredAttachment {
	name: string;
	/** Path relative to the data directory's attachments folder. */
	path: string;
	size: number;
}

/** Bytes of attachments the reports of `agency` hold (`null`: reports of users of no agency, the office). */
export function attachmentBytesOf(db: Db, agency: string | null): number {
	const row = db
		.prepare(`SELECT COALESCE(SUM(json_extract(j.value, '$.size')), 0) AS bytes FROM progress_reports p, json_each(p.attachments_json) j WHERE p.agency IS ?`)
		.get(agency) as { bytes: number };
	return Number(row.bytes) || 0;
}

/** Bytes being received right now, per agency: two uploads at once cannot both fit in the last free space. */
const reserved = new Map<string, number>();

/** What a progress report form carries besides its files. */
export interface ProgressFields {
	id: string;
	text: string;
	percent: number;
}

/**
 * A progress report with attachments, from a form post (issue 10, medium 6). In this order, each
 * refusal leaving nothing on disk:
 * 1. the task must be one the user may report on — checked before a byte of the body is read (an
 *    agency that may not see the task gets 404, as for a task that does not exist);
 * 2. the declared length must fit the agency's quota (ATTACHMENT_QUOTA_MB), still unread;
 * 3. the form is read; count, size of each file and the quota are checked on what arrived;
 * 4. only then is each file streamed to a staging file, and the report stored; the staging files
 *    become attachments once it is stored, and are removed on any refusal or for a report sent again.
 * Throws TrackerError (a Vietnamese message) on a refusal.
 */
export async function reportProgressWithAttachments(
	request: Request,
	user: User,
	ref: TaskRef,
	context: { tracker: TrackerService; db: Db; dataDir: string; quotaBytes: number }
): Promise<{ created: boolean }> {
	const { tracker, db, dataDir, quotaBytes } = context;
	const key = user.agency ?? '';
	const used = () => attachmentBytesOf(db, user.agency) + (reserved.get(key) ?? 0);
	const quotaMessage = `Tệp đính kèm vượt hạn mức dung lượng của cơ quan (${formatMb(quotaBytes)} MB); hãy liên hệ Văn phòng.`;
	try {
		mayReportProgress(tracker, user, ref);
		const declared = Number(request.headers.get('content-length') ?? NaN);
		if (Number.isFinite(declared) && used() + declared - FORM_OVERHEAD_BYTES > quotaBytes) throw new TrackerError('invalid-input', quotaMessage);
	} catch (e) {
		// Refused unread: the body is let through to nowhere (at most BODY_SIZE_LIMIT), so that the
		// answer reaches a client still sending instead of a reset connection.
		await discard(request);
		throw e;
	}

	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		// Not a form, cut off, or beyond BODY_SIZE_LIMIT: nothing was written yet.
		throw new TrackerError('invalid-input', 'Nội dung gửi lên không hợp lệ hoặc quá lớn.');
	}
	const files = form.getAll('attachments').filter((f): f is File => f instanceof File && f.size > 0);
	if (files.length > MAX_ATTACHMENTS_PER_REPORT) throw new TrackerError('invalid-input', `Tệp đính kèm quá nhiều (tối đa ${MAX_ATTACHMENTS_PER_REPORT} tệp).`);
	for (const f of files) if (f.size > MAX_ATTACHMENT_BYTES) throw new TrackerError('invalid-input', `Tệp “${label(f.name)}” quá lớn (tối đa 10 MB).`);
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (total > 0 && used() + total > quotaBytes) throw new TrackerError('invalid-input', quotaMessage);
	const fields: ProgressFields = { id: String(form.get('id') ?? ''), text: String(form.get('text') ?? ''), percent: Number(form.get('percent') ?? NaN) };
	// A report sent again is stored once: its files are not written a second time.
	if (reportIdUse(db, user, ref, fields.id) === 'resent') return { created: false };

	reserved.set(key, (reserved.get(key) ?? 0) + total);
	const dir = join(dataDir, 'attachments');
	const staged: { staging: string; final: string; attachment: StoredAttachment }[] = [];
	try {
		for (const f of files) {
			mkdirSync(dir, { recursive: true });
			// The stored name is ours; the person's file name is kept only as a label.
			const path = `${randomUUID()}.bin`;
			const staging = join(dir, `${STAGING_PREFIX}${path}`);
			staged.push({ staging, final: join(dir, path), attachment: { name: label(f.name), path, size: f.size } });
			await pipeline(Readable.fromWeb(f.stream() as NodeReadableStream<Uint8Array>), createWriteStream(staging, { flags: 'wx' }));
		}
		const result = tracker.reportProgress(user, ref, { ...fields, attachments: staged.map((s) => s.attachment) });
		if (result.created) {
			for (const s of staged) renameSync(s.staging, s.final);
			staged.length = 0;
		}
		return result;
	} finally {
		for (const s of staged) rmSync(s.staging, { force: true });
		const left = (reserved.get(key) ?? 0) - total;
		if (left > 0) reserved.set(key, left);
		else reserved.delete(key);
	}
}

/** Refuses, before the body is read, a report the tracker would refuse whatever it carries. */
function mayReportProgress(tracker: TrackerService, user: User, ref: TaskRef): void {
	const { task } = tracker.detail(user, ref);
	if (user.role === 'leader') throw new TrackerError('forbidden', 'Lãnh đạo chỉ xem nhiệm vụ.');
	if (task.state !== 'official') throw new TrackerError('conflict', 'Nhiệm vụ chưa được ban hành.');
	if (task.status.kind === 'cancelled') throw new TrackerError('conflict', 'Nhiệm vụ đã thôi thực hiện.');
	if (task.status.kind === 'done') throw new TrackerError('conflict', 'Nhiệm vụ đã hoàn thành.');
}

async function discard(request: Request): Promise<void> {
	const reader = request.body?.getReader();
	if (!reader) return;
	try {
		for (;;) if ((await reader.read()).done) return;
	} catch {
		// Cut off or past the limit: nothing more to read.
	}
}

function label(name: string): string {
	return name.normalize('NFC').slice(0, 200);
}

function formatMb(bytes: number): string {
	return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}
