import { redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { SESSION_COOKIE } from '$server/auth/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: ({ cookies }) => {
		const token = cookies.get(SESSION_COOKIE);
		if (token) getAppContext().auth.logout(token);
		cookies.delete(SESSION_COOKIE, { path: '/' });
		redirect(303, '/login');
	}
};
