import { fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const user = locals.user!;
	const page = Number(url.searchParams.get('page') ?? 1);
	const list = getAppContext().notices.listPage(user, q, Number.isFinite(page) ? page : 1, 50);
	return {
		q,
		notices: list.rows,
		total: list.total,
		page: list.page,
		pageSize: list.pageSize,
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
