import { getAppContext } from '$server/context';
import type { User } from '$server/auth/types';

/** Issues a notice with the host's services (freeze, server-side doc change, projection). */
export function issueNotice(user: User, noticeId: string, input: { sourceType: string; date?: string }): Promise<{ number: string }> {
	const { tracker, sync, notices, tasks } = getAppContext();
	return tracker.issue(user, noticeId, input, {
		freeze: (id) => sync.setFrozen(id, true),
		unfreeze: (id) => sync.setFrozen(id, false),
		updateDoc: (id, change) => sync.updateDoc(id, change),
		project: (id, doc) => {
			notices.project(id, doc);
			tasks.project(id, doc);
		}
	});
}
