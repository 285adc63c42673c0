import { fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAuthError, SESSION_COOKIE } from '$server/auth/types';
import { validatePassword } from '#shared/forms/userForm';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!locals.user) redirect(303, '/login?next=%2Faccount%2Fpassword');
	return { mustChange: locals.user.mustChangePassword === true };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, getClientAddress }) => {
		if (!locals.user) redirect(303, '/login?next=%2Faccount%2Fpassword');
		const form = await request.formData();
		const current = String(form.get('current') ?? '');
		const next = String(form.get('password') ?? '');
		const confirm = String(form.get('confirm') ?? '');
		const errors: Record<string, string> = {};
		if (!current) errors.current = 'Vui lòng nhập mật khẩu hiện tại.';
		const problem = validatePassword(next);
		if (problem) errors.password = problem;
		else if (confirm !== next) errors.confirm = 'Mật khẩu nhập lại không khớp.';
		if (Object.keys(errors).length) return fail(400, { message: 'Vui lòng sửa các ô được đánh dấu.', errors });
		try {
			// The session asking stays signed in; every other one ends, and its sync sockets close.
			await getAppContext().auth.changePassword(locals.user.id, current, next, cookies.get(SESSION_COOKIE), getClientAddress());
		} catch (e) {
			if (isAuthError(e)) {
				const status = e.reason === 'rate-limited' ? 429 : 400;
				return fail(status, { message: e.message, errors: e.reason === 'wrong-password' ? { current: e.message } : {} });
			}
			throw e;
		}
		return { done: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.' };
	}
};
