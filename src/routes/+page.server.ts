import { fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const user = locals.user!;
	return {
		q,
		notices: getAppContext().notices.list(user, q),
		canCreate: user.role === 'admin' || user.role === 'office'
	};
};

export const actions: Actions = {
	create: async ({ locals }) => {
		const user = locals.user!;
		if (user.role !== 'admin' && user.role !== 'office') return fail(403, { message: 'Chỉ chuyên viên Văn phòng hoặc quản trị viên được tạo thông báo.' });
		const id = await getAppContext().notices.create(user);
		redirect(303, `/notices/${id}`);
	}
};
