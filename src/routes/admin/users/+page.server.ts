import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAuthError, ROLES, ROLE_LABELS, type Role } from '$server/auth/types';
import { validateNewUser, type FieldErrors } from '#shared/forms/userForm';
import { agencyChoices, directoryAgency } from '$lib/server/directoryAgency';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals) {
	if (locals.user?.role !== 'admin') error(403, { message: 'Chỉ quản trị viên được quản lý người dùng.' });
}

export const load: PageServerLoad = ({ locals }) => {
	requireAdmin(locals);
	return {
		users: getAppContext().auth.listUsers(),
		// An agency user's agency is picked from the directory: the name tasks are stored under.
		agencies: agencyChoices(getAppContext().directory.get()),
		roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		requireAdmin(locals);
		const form = await request.formData();
		const values = {
			username: String(form.get('username') ?? '')
				.trim()
				.toLowerCase(),
			displayName: String(form.get('displayName') ?? ''),
			password: String(form.get('password') ?? ''),
			role: String(form.get('role') ?? ''),
			agency: String(form.get('agency') ?? '').trim(),
			email: String(form.get('email') ?? '').trim()
		};
		const errors = validateNewUser(values);
		if (!(ROLES as readonly string[]).includes(values.role)) errors.role = 'Hãy chọn vai trò.';
		if (values.role === 'agency' && !values.agency) errors.agency = 'Người dùng của cơ quan cần tên cơ quan.';
		else if (values.agency) {
			// The directory's own name, so the user sees the tasks stored under it ("sở tài chính" → "Sở Tài chính").
			const found = directoryAgency(values.agency, getAppContext().directory.get());
			if ('name' in found) values.agency = found.name;
			else errors.agency = found.error;
		}
		if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'Địa chỉ thư điện tử không hợp lệ.';
		const shown = { username: values.username, displayName: values.displayName, role: values.role, agency: values.agency, email: values.email };
		if (Object.keys(errors).length) return fail(400, { message: 'Vui lòng sửa các ô được đánh dấu.', values: shown, errors });
		try {
			const user = await getAppContext().auth.createUser({ ...values, role: values.role as Role, agency: values.agency || null, email: values.email || null });
			// The role stays as chosen for the next user (an office adds several agency users in a row).
			return { created: user.username, role: values.role };
		} catch (e) {
			if (isAuthError(e)) return fail(400, { message: e.message, values: shown, errors: {} as FieldErrors });
			throw e;
		}
	}
};
