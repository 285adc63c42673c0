import { getAppContext } from '$server/context';
import type { User } from '$server/auth/types';
import type { AcceptedReview } from '$server/tracker/TrackerService';
import { MIGRATED_SOURCE } from '#shared/tracker/sourceTypes';

/** Issues a notice with the host's services (freeze, server-side doc change, projection, an 'issue' version). */
export async function issueNotice(
	user: User,
	noticeId: string,
	input: { sourceType: string; date?: string; accepted?: AcceptedReview[] }
): Promise<{ number: string }> {
	const { tracker, sync, notices, tasks, history } = getAppContext();
	// 'migrated' is a task source (an old tracking sheet's, /tasks/import), never a notice's: the
	// tracker refuses it as a missing source, after its own permission check.
	const checked = input.sourceType === MIGRATED_SOURCE ? { ...input, sourceType: '' } : input;
	const issued = await tracker.issue(user, noticeId, checked, {
		freeze: (id) => sync.setFrozen(id, true),
		unfreeze: (id) => sync.setFrozen(id, false),
		updateDoc: (id, change) => sync.updateDoc(id, change),
		project: (id, doc) => {
			notices.project(id, doc);
			tasks.project(id, doc);
		}
	});
	// The notice is issued whatever happens to its history; a missing 'issue' version is logged.
	await history.recordIssue(user, noticeId).catch((e: unknown) => console.error(`Không lưu được phiên bản ban hành của thông báo ${noticeId}:`, e));
	return issued;
}
