import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isTrackerError, EVENT_LABELS, type TaskRef } from '$server/tracker/TrackerService';
import { reportProgressWithAttachments } from '$lib/server/attachments';
import { readCorrection } from '$lib/server/taskCorrection';
import { IMPORTED_EVENT, IMPORTED_EVENT_LABEL } from '$server/tracker/taskImport';
import type { Actions, PageServerLoad } from './$types';

function refOf(params: { noticeId: string; taskId: string }): TaskRef {
	return { noticeId: params.noticeId, taskId: params.taskId };
}

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		const { tracker, directory } = getAppContext();
		const detail = tracker.detail(locals.user!, refOf(params));
		const office = locals.user!.role === 'office' || locals.user!.role === 'admin';
		// The office corrects an issued task with names picked from the directory.
		// A task carried over from the old tracking sheet (/tasks/import) has its 'imported' entry.
		const eventLabels: Record<string, string> = { ...EVENT_LABELS, [IMPORTED_EVENT]: IMPORTED_EVENT_LABEL };
		return { ...detail, eventLabels, role: locals.user!.role, agency: locals.user!.agency, directory: office ? directory.get() : null };
	} catch (e) {
		if (isTrackerError(e)) error(e.reason === 'not-found' ? 404 : 403, { message: e.message });
		throw e;
	}
};

/** Runs one tracker action, turning its errors into a Vietnamese form message. */
async function act(run: () => unknown | Promise<unknown>, done: string) {
	try {
		await run();
		return { ok: done };
	} catch (e) {
		if (isTrackerError(e)) return fail(e.reason === 'forbidden' ? 403 : e.reason === 'not-found' ? 404 : 400, { message: e.message });
		if (e instanceof Error && /^Tệp/.test(e.message)) return fail(400, { message: e.message });
		throw e;
	}
}

export const actions: Actions = {
	// Issue 10, medium 6: the task is checked before the body is read, files are written only once
	// they passed every check, and removed on any refusal.
	progress: async ({ request, params, locals }) => {
		const { tracker, config, db } = getAppContext();
		return act(
			() =>
				reportProgressWithAttachments(request, locals.user!, refOf(params), { tracker, db, dataDir: config.dataDir, quotaBytes: config.attachmentQuotaBytes }),
			'Đã gửi báo cáo tiến độ.'
		);
	},
	done: async ({ request, params, locals }) => {
		const form = await request.formData();
		return act(
			() => getAppContext().tracker.reportDone(locals.user!, refOf(params), String(form.get('note') ?? '')),
			'Đã báo cáo hoàn thành, chờ Văn phòng xác nhận.'
		);
	},
	decideDone: async ({ request, params, locals }) => {
		const form = await request.formData();
		const confirm = form.get('decision') === 'confirm';
		return act(
			() => getAppContext().tracker.decideDone(locals.user!, refOf(params), confirm, String(form.get('note') ?? '')),
			confirm ? 'Đã xác nhận hoàn thành.' : 'Đã trả lại báo cáo hoàn thành.'
		);
	},
	extension: async ({ request, params, locals }) => {
		const form = await request.formData();
		return act(
			() =>
				getAppContext().tracker.requestExtension(locals.user!, refOf(params), {
					requestedDue: String(form.get('requestedDue') ?? ''),
					reason: String(form.get('reason') ?? '')
				}),
			'Đã gửi đề nghị gia hạn.'
		);
	},
	decideExtension: async ({ request, locals }) => {
		const form = await request.formData();
		const approve = form.get('decision') === 'approve';
		return act(
			() => getAppContext().tracker.decideExtension(locals.user!, String(form.get('extensionId') ?? ''), approve, String(form.get('note') ?? '')),
			approve ? 'Đã đồng ý gia hạn.' : 'Đã không đồng ý gia hạn.'
		);
	},
	cancel: async ({ request, params, locals }) => {
		const form = await request.formData();
		return act(
			() => getAppContext().tracker.cancel(locals.user!, refOf(params), String(form.get('reason') ?? ''), String(form.get('document') ?? '')),
			'Đã chuyển nhiệm vụ sang thôi thực hiện.'
		);
	},
	correct: async ({ request, params, locals }) => {
		const form = await request.formData();
		const { tracker, directory } = getAppContext();
		const read = readCorrection(form, directory.get());
		if ('error' in read) return fail(400, { message: read.error });
		return act(() => tracker.correct(locals.user!, refOf(params), read.correction), 'Đã đính chính nhiệm vụ.');
	},
	remind: async ({ request, params, locals }) => {
		const form = await request.formData();
		return act(
			() =>
				getAppContext().tracker.remind(locals.user!, { agency: String(form.get('agency') ?? ''), text: String(form.get('text') ?? ''), ref: refOf(params) }),
			'Đã gửi đôn đốc.'
		);
	}
};
