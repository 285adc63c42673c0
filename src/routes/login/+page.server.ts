import { fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAuthError, MAX_LOGIN_USERNAME } from '$server/auth/types';
import { safeNext, setSessionCookie } from '$lib/server/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	if (getAppContext().auth.hasNoUsers()) redirect(303, '/setup');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = await request.formData();
		const username = String(form.get('username') ?? '').trim();
		const password = String(form.get('password') ?? '');
		// The form is filled in again with what was typed, but never with more than a username can be.
		const typed = username.slice(0, MAX_LOGIN_USERNAME);
		if (!username || !password) return fail(400, { username: typed, message: 'Vui lòng nhập tên đăng nhập và mật khẩu.' });
		try {
			const { sessionToken, expiresAt } = await getAppContext().auth.login(username, password, getClientAddress());
			setSessionCookie(cookies, url, sessionToken, expiresAt);
		} catch (e) {
			if (isAuthError(e)) return fail(e.reason === 'rate-limited' ? 429 : 400, { username: typed, message: e.message });
			throw e;
		}
		redirect(303, safeNext(url.searchParams.get('next'), url.origin));
	}
};
