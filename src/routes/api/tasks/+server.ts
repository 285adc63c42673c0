import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { parseTrackerFilter } from '$lib/server/trackerFilter';
import type { RequestHandler } from './$types';

/**
 * GET /api/tasks — the tracker's tasks the caller may see. Query: agency, role (lead|support),
 * status (repeatable: within, due-soon, overdue, no-deadline, awaiting, done-on-time, done-late,
 * cancelled), from, to (working due day, YYYY-MM-DD), source (TU|HDND|UBND|CT_UBND|CP|migrated), notice,
 * leader, q, state (draft|official), sort (due|notice|status|agency), desc=1, limit, page.
 * Authenticated by the session cookie or `Authorization: Bearer <API token>`.
 */
export const GET: RequestHandler = ({ url, locals }) => {
	const { filter, errors } = parseTrackerFilter(url.searchParams);
	if (errors.length) return json({ message: errors.join(' ') }, { status: 400 });
	const page = getAppContext().tracker.list(locals.user!, filter);
	return json({ total: page.total, tasks: page.rows, byAgency: page.byAgency });
};
