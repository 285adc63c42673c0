import { getAppContext } from '$server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ items: getAppContext().tracker.notifications(locals.user!) });

export const actions: Actions = {
	read: ({ locals }) => {
		getAppContext().tracker.markNotificationsRead(locals.user!);
		return { ok: true };
	}
};
