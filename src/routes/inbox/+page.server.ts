import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import type { PageServerLoad } from './$types';

/** The office's inbox (issue 9 [5]): what waits for its decision. */
export const load: PageServerLoad = ({ locals }) => {
	const user = locals.user!;
	if (user.role !== 'office' && user.role !== 'admin') error(403, { message: 'Chỉ Văn phòng có hộp việc chờ xử lý.' });
	return getAppContext().tracker.officeInbox(user);
};
