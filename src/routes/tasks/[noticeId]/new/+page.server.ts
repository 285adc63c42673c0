import { error, fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isTrackerError } from '$server/tracker/TrackerService';
import { readCorrection } from '$lib/server/taskCorrection';
import type { Actions, PageServerLoad } from './$types';

/** Adding a task to an issued notice (a bổ sung / đính chính, issue 9 [3]): the office only. */
export const load: PageServerLoad = ({ params, locals }) => {
	const user = locals.user!;
	if (user.role !== 'office' && user.role !== 'admin') error(403, { message: 'Chỉ Văn phòng được bổ sung nhiệm vụ sau ban hành.' });
	const { notices, directory } = getAppContext();
	const notice = notices.summary(params.noticeId);
	if (!notice) error(404, { message: 'Không tìm thấy thông báo.' });
	if (notice.state !== 'issued') error(409, { message: 'Thông báo chưa ban hành: hãy viết nhiệm vụ ngay trong dự thảo.' });
	return { noticeId: params.noticeId, notice, directory: directory.get() };
};

export const actions: Actions = {
	default: async ({ request, params, locals }) => {
		const form = await request.formData();
		const { tracker, directory } = getAppContext();
		const action = form.get('action');
		const read = readCorrection(form, directory.get());
		if ('error' in read) return fail(400, { message: read.error });
		let taskId: string;
		try {
			taskId = tracker.addTask(locals.user!, params.noticeId, { ...read.correction, action: typeof action === 'string' ? action : '' });
		} catch (e) {
			if (isTrackerError(e)) return fail(e.reason === 'forbidden' ? 403 : e.reason === 'not-found' ? 404 : 400, { message: e.message });
			throw e;
		}
		redirect(303, `/tasks/${encodeURIComponent(params.noticeId)}/${encodeURIComponent(taskId)}`);
	}
};
