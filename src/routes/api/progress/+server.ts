import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isTrackerError } from '$server/tracker/TrackerService';
import { reportIdUse } from '$lib/server/progressReports';
import type { RequestHandler } from './$types';

/**
 * POST /api/progress {id, noticeId, taskId, text, percent}: a progress report, idempotent by its
 * client-made `id` — the browser's offline outbox sends each report until it gets an answer, and
 * the report is stored once.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	let body: { id?: unknown; noticeId?: unknown; taskId?: unknown; text?: unknown; percent?: unknown };
	try {
		body = (await request.json()) as typeof body;
	} catch {
		return json({ message: 'Nội dung gửi lên không phải JSON hợp lệ.' }, { status: 400 });
	}
	try {
		const { tracker, db } = getAppContext();
		const ref = { noticeId: String(body.noticeId ?? ''), taskId: String(body.taskId ?? '') };
		const id = String(body.id ?? '');
		// Issue 10, low: the task first (404 for one the caller may not see), then the id — whether
		// an id exists is nobody's business but its report's author's.
		tracker.detail(locals.user!, ref);
		if (reportIdUse(db, locals.user!, ref, id) === 'resent') return json({ created: false }, { status: 200 });
		const result = tracker.reportProgress(locals.user!, ref, { id, text: String(body.text ?? ''), percent: Number(body.percent) });
		return json(result, { status: result.created ? 201 : 200 });
	} catch (e) {
		if (isTrackerError(e))
			return json({ message: e.message, reason: e.reason }, { status: e.reason === 'not-found' ? 404 : e.reason === 'forbidden' ? 403 : 400 });
		throw e;
	}
};
