import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isHistoryError } from '$server/history/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params, locals }) => {
	try {
		return getAppContext().history.list(locals.user!, params.id);
	} catch (e) {
		if (isHistoryError(e)) error(e.reason === 'not-found' ? 404 : 403, { message: e.message });
		throw e;
	}
};

export const actions: Actions = {
	save: async ({ params, locals }) => {
		try {
			const seq = await getAppContext().history.save(locals.user!, params.id);
			return { saved: seq };
		} catch (e) {
			if (isHistoryError(e)) return fail(e.reason === 'not-found' ? 404 : 403, { message: e.message });
			throw e;
		}
	}
};
