import { getAppContext } from '$server/context';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { id: locals.user.id, username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role, agency: locals.user.agency }
		: null,
	unread: locals.user?.agency
		? getAppContext()
				.tracker.notifications(locals.user)
				.filter((n) => !n.read).length
		: 0,
	// The office's inbox: done reports and extension requests waiting for a decision.
	inbox: locals.user && (locals.user.role === 'office' || locals.user.role === 'admin') ? getAppContext().tracker.officeInboxCount() : 0
});
