import { error, fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isHistoryError } from '$server/history/types';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	try {
		return await getAppContext().history.view(locals.user!, params.id, Number(params.seq));
	} catch (e) {
		if (isHistoryError(e)) error(e.reason === 'not-found' ? 404 : 403, { message: e.message });
		throw e;
	}
};

export const actions: Actions = {
	restore: async ({ params, locals }) => {
		let id: string;
		try {
			id = await getAppContext().history.restore(locals.user!, params.id, Number(params.seq));
		} catch (e) {
			if (isHistoryError(e)) return fail(e.reason === 'not-found' ? 404 : 403, { message: e.message });
			throw e;
		}
		redirect(303, `/notices/${id}`);
	}
};
