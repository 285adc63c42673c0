import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user
		? { id: locals.user.id, username: locals.user.username, displayName: locals.user.displayName, role: locals.user.role }
		: null
});
