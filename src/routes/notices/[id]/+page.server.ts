import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	const { notices, directory } = getAppContext();
	const user = locals.user!;
	if (!notices.exists(params.id)) error(404, { message: 'Không tìm thấy thông báo này.' });
	const access = notices.accessFor(user, params.id);
	if (!access) error(403, { message: 'Bạn không có quyền xem thông báo này.' });
	return { noticeId: params.id, access, me: { id: user.id, name: user.displayName }, directory: directory.get() };
};
