import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isIsoDate } from '#shared/doc/metaRules';
import type { RequestHandler } from './$types';

/**
 * GET /api/tasks?agency=&from=&to=&notice=&limit= — the tasks of every notice the caller may see.
 * Authenticated by the session cookie or `Authorization: Bearer <API token>` (hooks.server.ts).
 */
export const GET: RequestHandler = ({ url, locals }) => {
	const q = url.searchParams;
	const from = q.get('from') ?? '';
	const to = q.get('to') ?? '';
	for (const [name, v] of [['from', from], ['to', to]] as const)
		if (v && !isIsoDate(v)) return json({ message: `Tham số ${name} phải là ngày dạng YYYY-MM-DD.` }, { status: 400 });
	const limit = q.has('limit') ? Number(q.get('limit')) : undefined;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) return json({ message: 'Tham số limit phải là số nguyên dương.' }, { status: 400 });
	const tasks = getAppContext().tasks.list(locals.user!, {
		...(q.get('agency') ? { agency: q.get('agency')!.slice(0, 200) } : {}),
		...(from ? { from } : {}),
		...(to ? { to } : {}),
		...(q.get('notice') ? { noticeId: q.get('notice')! } : {}),
		...(limit ? { limit } : {})
	});
	return json({ tasks });
};
