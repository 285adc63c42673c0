import { fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAuthError } from '$server/auth/types';
import { validateNewUser, type FieldErrors } from '#shared/forms/userForm';
import { setSessionCookie } from '$lib/server/session';
import { importSeedNotices, seedNoticeFiles, seedsDir } from '$server/documents/importNotice';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	// Only the very first visit may create the administrator.
	if (!getAppContext().auth.hasNoUsers()) redirect(303, '/login');
	return { seedCount: seedNoticeFiles(seedsDir()).length };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const { auth } = getAppContext();
		if (!auth.hasNoUsers())
			return fail(403, { message: 'Đã có quản trị viên. Hãy đăng nhập.', values: { username: '', displayName: '' }, errors: {} as FieldErrors });
		const form = await request.formData();
		const values = {
			username: String(form.get('username') ?? '')
				.trim()
				.toLowerCase(),
			displayName: String(form.get('displayName') ?? ''),
			password: String(form.get('password') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		const errors = validateNewUser(values);
		const shown = { username: values.username, displayName: values.displayName };
		if (Object.keys(errors).length) return fail(400, { message: 'Vui lòng sửa các ô được đánh dấu.', values: shown, errors });
		try {
			const admin = await auth.createUser({ ...values, role: 'admin' });
			// Sample notices let a new office see real content (and its tasks) at once. A folder
			// removed since the page was shown imports nothing, silently.
			if (form.get('seeds') === 'on') await importSeedNotices(getAppContext(), admin, seedsDir());
			const { sessionToken, expiresAt } = await auth.login(values.username, values.password, getClientAddress());
			setSessionCookie(cookies, url, sessionToken, expiresAt);
		} catch (e) {
			if (isAuthError(e)) return fail(400, { message: e.message, values: shown, errors: {} as FieldErrors });
			throw e;
		}
		// Step 2: the office profile, offered at once (skippable).
		redirect(303, '/setup/office');
	}
};
