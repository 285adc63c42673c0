import { error, fail } from '@sveltejs/kit';
import type { User } from '$server/auth/types';
import { isSheetError, MAX_SHEET_BYTES, MAX_SHEET_ROWS } from '$server/tracker/taskSheet';
import { importTasks, previewImport } from '$lib/server/taskImport';
import type { Actions, PageServerLoad } from './$types';

/** Importing creates official tasks: the office's work (as adding a task after issue). */
const mayImport = (user: User) => user.role === 'admin' || user.role === 'office';
const FORBIDDEN = 'Chỉ chuyên viên Văn phòng hoặc quản trị viên được nhập bảng theo dõi nhiệm vụ.';

export const load: PageServerLoad = ({ locals }) => {
	if (!mayImport(locals.user!)) error(403, FORBIDDEN);
	return { maxMb: MAX_SHEET_BYTES / 1048576, maxRows: MAX_SHEET_ROWS };
};

/** A refusal the page shows (file, sheet, mapping or a second import), or the error itself. */
function refusal(e: unknown) {
	if (isSheetError(e)) return fail(400, { message: e.message });
	if (e instanceof Error && e.name === 'ImportRefused') return fail((e as Error & { status: number }).status, { message: e.message });
	throw e;
}

export const actions: Actions = {
	/** Reads the file (first or chosen sheet) and shows the mapping and the rows as they would be imported. */
	preview: async ({ request, locals }) => {
		if (!mayImport(locals.user!)) return fail(403, { message: FORBIDDEN });
		try {
			return { preview: await previewImport(await request.formData()) };
		} catch (e) {
			return refusal(e);
		}
	},
	/** Imports the good rows of the same file and mapping; the bad ones are skipped. */
	import: async ({ request, locals }) => {
		if (!mayImport(locals.user!)) return fail(403, { message: FORBIDDEN });
		try {
			return { imported: await importTasks(locals.user!, await request.formData()) };
		} catch (e) {
			return refusal(e);
		}
	}
};
