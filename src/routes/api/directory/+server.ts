import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import type { RequestHandler } from './$types';

/**
 * GET /api/directory[?since=<version>] — the agency directory in force, with the learned non-task
 * phrasings (`nonTasks`). With `since` equal to the version in force: 204, nothing sent (an open
 * notice page asks this when it regains focus). Any signed-in user.
 */
export const GET: RequestHandler = ({ url }) => {
	const directory = getAppContext().directory.get();
	if (url.searchParams.get('since') === directory.version) return new Response(null, { status: 204 });
	return json({ directory });
};
