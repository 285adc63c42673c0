import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { OfficeProfileError } from '$server/office/OfficeProfile';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals): void {
	if (locals.user?.role !== 'admin') error(403, { message: 'Chỉ quản trị viên được sửa thông tin cơ quan.' });
}

const FIELDS = ['issuingParent', 'issuingBody', 'place', 'signerAuthority', 'signerTitle', 'signerName'] as const;

export const load: PageServerLoad = ({ locals }) => {
	requireAdmin(locals);
	const { office } = getAppContext();
	return { profile: office.get(), configured: office.configured() };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		requireAdmin(locals);
		const form = await request.formData();
		const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? '')]));
		try {
			// Named by the error class's name too: the SvelteKit bundle may hold its own copy of it.
			return { saved: getAppContext().office.set(values) };
		} catch (e) {
			if (e instanceof OfficeProfileError || (e instanceof Error && e.name === 'OfficeProfileError')) return fail(400, { message: e.message, values });
			throw e;
		}
	}
};
