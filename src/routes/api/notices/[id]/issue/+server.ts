import { json } from '@sveltejs/kit';
import { isTrackerError } from '$server/tracker/TrackerService';
import { issueNotice } from '$lib/server/issue';
import type { RequestHandler } from './$types';

/** POST /api/notices/:id/issue {sourceType, date?} — issues (ban hành) a draft notice; answers {number}. */
export const POST: RequestHandler = async ({ params, request, locals }) => {
	let body: { sourceType?: unknown; date?: unknown };
	try {
		body = (await request.json()) as typeof body;
	} catch {
		return json({ message: 'Nội dung gửi lên không phải JSON hợp lệ.' }, { status: 400 });
	}
	try {
		const result = await issueNotice(locals.user!, params.id, {
			sourceType: String(body.sourceType ?? ''),
			date: typeof body.date === 'string' ? body.date : ''
		});
		return json(result, { status: 201 });
	} catch (e) {
		if (isTrackerError(e))
			return json({ message: e.message, reason: e.reason }, { status: { 'not-found': 404, forbidden: 403, conflict: 409, 'invalid-input': 400 }[e.reason] });
		throw e;
	}
};
