import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAddedTask, isTrackerError, type AcceptedReview } from '$server/tracker/TrackerService';
import { issueNotice } from '$lib/server/issue';
import { isImportedTask } from '$server/tracker/taskImport';
import { SOURCE_LABELS, SOURCE_TYPES } from '#shared/tracker/sourceTypes';
import { statusLabel } from '#shared/tracker/status';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { notices, directory, tracker } = getAppContext();
	const user = locals.user!;
	if (!notices.exists(params.id)) error(404, { message: 'Không tìm thấy thông báo này.' });
	const access = notices.accessFor(user, params.id);
	if (!access) error(403, { message: 'Bạn không có quyền xem thông báo này.' });
	const summary = notices.summary(params.id);
	// Live status of each official task, for the chips of an issued notice.
	// Live status and lead of each official task, for the chips of an issued notice (a correction
	// after issue reassigns in the tracker, not in the frozen text); tasks added after issue have
	// no line in the text and are listed beside it.
	const statuses: Record<string, { key: string; label: string; lead: string }> = {};
	const added: { taskId: string; lead: string; action: string; status: string; imported: boolean }[] = [];
	if (summary?.state === 'issued')
		for (const r of tracker.list(user, { noticeId: params.id, limit: 2000 }).rows) {
			statuses[r.taskId] = { key: r.statusKey, label: statusLabel(r.status), lead: r.lead.join(', ') };
			if (isAddedTask(r.taskId) || isImportedTask(r.taskId))
				added.push({ taskId: r.taskId, lead: r.lead.join(', '), action: r.action, status: statusLabel(r.status), imported: isImportedTask(r.taskId) });
		}
	return {
		noticeId: params.id,
		access,
		me: { id: user.id, name: user.displayName },
		directory: directory.get(),
		state: summary?.state ?? 'draft',
		statuses,
		added,
		canAddTasks: summary?.state === 'issued' && ['admin', 'office'].includes(user.role),
		// [P11] Drafts holding changes that came after the issue, and what this draft corrects.
		amendments: notices.amendmentsOf(user, params.id),
		amends: notices.amendedNotice(params.id) ?? null,
		canIssue: summary?.state === 'draft' && ['admin', 'office', 'leader'].includes(user.role),
		// "Ghi nhớ cho lần sau": the office teaches the directory from its corrections.
		canTeach: ['admin', 'office'].includes(user.role),
		sources: SOURCE_TYPES.map((v) => ({ value: v, label: SOURCE_LABELS[v] }))
	};
};

/** The review items the issuer accepted as they are (IssuePanel), bounded; anything malformed is dropped. */
function parseAccepted(raw: FormDataEntryValue | null): AcceptedReview[] {
	try {
		const list: unknown = JSON.parse(String(raw ?? '[]'));
		if (!Array.isArray(list)) return [];
		return list
			.slice(0, 200)
			.filter((i): i is { key: string; taskId: string | null; message: string } => typeof i?.key === 'string' && typeof i?.message === 'string')
			.map((i) => ({
				key: i.key.slice(0, 200),
				taskId: typeof i.taskId === 'string' ? i.taskId.slice(0, 200) : null,
				message: i.message.normalize('NFC').slice(0, 300)
			}));
	} catch {
		return [];
	}
}

export const actions: Actions = {
	issue: async ({ params, request, locals }) => {
		const form = await request.formData();
		try {
			const { number } = await issueNotice(locals.user!, params.id, {
				sourceType: String(form.get('sourceType') ?? ''),
				date: String(form.get('date') ?? ''),
				accepted: parseAccepted(form.get('accepted'))
			});
			return { issued: number };
		} catch (e) {
			if (isTrackerError(e)) return fail(e.reason === 'forbidden' ? 403 : 400, { message: e.message });
			throw e;
		}
	}
};
