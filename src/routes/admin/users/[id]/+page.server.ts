import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isAuthError, ROLES, ROLE_LABELS, type Role } from '$server/auth/types';
import { agencyChoices, directoryAgency } from '$lib/server/directoryAgency';
import type { FieldErrors } from '#shared/forms/userForm';
import { validateDisplayName, validatePassword } from '#shared/forms/userForm';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals) {
	if (locals.user?.role !== 'admin') error(403, { message: 'Chỉ quản trị viên được quản lý người dùng.' });
}

function userOf(id: string) {
	const user = getAppContext().auth.getUser(id);
	if (!user) error(404, { message: 'Không tìm thấy người dùng.' });
	return user;
}

export const load: PageServerLoad = ({ locals, params }) => {
	requireAdmin(locals);
	const user = userOf(params.id);
	return {
		target: { ...user, self: user.id === locals.user!.id },
		agencies: agencyChoices(getAppContext().directory.get()),
		roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))
	};
};

/** What a refused action of this page answers: which form, its message, the typed values and field errors. */
function refused(status: number, action: 'update' | 'status' | 'reset', message: string, values: Record<string, string> = {}, errors: FieldErrors = {}) {
	return fail(status, { action, message, values, errors });
}

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		requireAdmin(locals);
		userOf(params.id);
		const form = await request.formData();
		const values = {
			displayName: String(form.get('displayName') ?? ''),
			email: String(form.get('email') ?? '').trim(),
			role: String(form.get('role') ?? ''),
			agency: String(form.get('agency') ?? '').trim()
		};
		const errors: FieldErrors = {};
		const name = validateDisplayName(values.displayName);
		if (name) errors.displayName = name;
		if (!(ROLES as readonly string[]).includes(values.role)) errors.role = 'Hãy chọn vai trò.';
		if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'Địa chỉ thư điện tử không hợp lệ.';
		let agency: string | null = null;
		if (values.role === 'agency' && !values.agency) errors.agency = 'Người dùng của cơ quan cần tên cơ quan.';
		else if (values.agency) {
			const found = directoryAgency(values.agency, getAppContext().directory.get());
			if ('name' in found) agency = found.name;
			else errors.agency = found.error;
		}
		if (Object.keys(errors).length) return refused(400, 'update', 'Vui lòng sửa các ô được đánh dấu.', values, errors);
		try {
			getAppContext().auth.updateUser(params.id, { displayName: values.displayName, email: values.email || null, role: values.role as Role, agency });
		} catch (e) {
			if (isAuthError(e)) return refused(e.reason === 'not-found' ? 404 : 400, 'update', e.message, values);
			throw e;
		}
		return { action: 'update' as const, done: 'Đã lưu thông tin người dùng.' };
	},

	disable: ({ locals, params }) => setDisabled(locals, params.id, true),
	enable: ({ locals, params }) => setDisabled(locals, params.id, false),

	reset: async ({ request, locals, params }) => {
		requireAdmin(locals);
		userOf(params.id);
		const form = await request.formData();
		const oneTime = form.get('mode') === 'one-time';
		const password = String(form.get('password') ?? '');
		if (!oneTime) {
			const problem = validatePassword(password);
			if (problem) return refused(400, 'reset', 'Vui lòng sửa các ô được đánh dấu.', {}, { password: problem });
		}
		try {
			const result = await getAppContext().auth.resetPassword(params.id, oneTime ? null : password);
			// Shown once, in this answer only: it is stored nowhere but as a hash.
			return {
				action: 'reset' as const,
				done: 'Đã đặt lại mật khẩu; các phiên đăng nhập của người này đã kết thúc.',
				oneTimePassword: result.oneTime ? result.password : null
			};
		} catch (e) {
			if (isAuthError(e)) return refused(400, 'reset', e.message);
			throw e;
		}
	}
};

function setDisabled(locals: App.Locals, id: string, disabled: boolean) {
	requireAdmin(locals);
	userOf(id);
	if (disabled && id === locals.user!.id) return refused(400, 'status', 'Bạn không thể tự khóa tài khoản của mình.');
	try {
		getAppContext().auth.setDisabled(id, disabled);
	} catch (e) {
		if (isAuthError(e)) return refused(400, 'status', e.message);
		throw e;
	}
	return { action: 'status' as const, done: disabled ? 'Đã khóa tài khoản; các phiên đăng nhập của người này đã kết thúc.' : 'Đã mở khóa tài khoản.' };
}
