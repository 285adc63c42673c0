import { getAppContext } from '$server/context';
import { isIsoDate } from '#shared/doc/metaRules';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const agency = (url.searchParams.get('agency') ?? '').slice(0, 200);
	const from = url.searchParams.get('from') ?? '';
	const to = url.searchParams.get('to') ?? '';
	const errors: string[] = [];
	if (from && !isIsoDate(from)) errors.push('“Từ ngày” không hợp lệ.');
	if (to && !isIsoDate(to)) errors.push('“Đến ngày” không hợp lệ.');
	const tasks = errors.length
		? []
		: getAppContext().tasks.list(locals.user!, { ...(agency ? { agency } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
	return { tasks, filter: { agency, from, to }, errors };
};
