import { error, fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { OfficeProfileError } from '$server/office/OfficeProfile';
import type { Actions, PageServerLoad } from './$types';

/**
 * The first run's second step (issue 9 [4]): right after creating the administrator, the office
 * profile that new notices and the reports take (the same as /admin/office), prefilled with the
 * defaults; skipping it leaves the defaults, to be set later in administration.
 */
const FIELDS = ['issuingParent', 'issuingBody', 'place', 'signerAuthority', 'signerTitle', 'signerName'] as const;

function requireAdmin(locals: App.Locals, url: URL): void {
	// /setup is reachable signed out; this step is the administrator's.
	if (!locals.user) redirect(303, getAppContext().auth.hasNoUsers() ? '/setup' : `/login?next=${encodeURIComponent(url.pathname)}`);
	if (locals.user.role !== 'admin') error(403, { message: 'Chỉ quản trị viên được sửa thông tin cơ quan.' });
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireAdmin(locals, url);
	const { office } = getAppContext();
	return { profile: office.get(), configured: office.configured() };
};

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		requireAdmin(locals, url);
		const form = await request.formData();
		const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')]));
		try {
			getAppContext().office.set(values);
		} catch (e) {
			// Named by the error class's name too: the SvelteKit bundle may hold its own copy of it.
			if (e instanceof OfficeProfileError || (e instanceof Error && e.name === 'OfficeProfileError')) return fail(400, { message: e.message, values });
			throw e;
		}
		redirect(303, '/');
	}
};
