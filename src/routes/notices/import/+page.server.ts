import { error, fail, redirect } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { createImportedNotice, readNoticeFile, readNoticeText } from '$server/documents/importNotice';
import { isImportError, MAX_DOCX_BYTES, MAX_TEXT_BYTES, type ImportedNotice } from '$server/documents/types';
import type { User } from '$server/auth/types';
import type { Actions, PageServerLoad } from './$types';

/** Importing creates a notice: the same people who may create one. */
const mayImport = (user: User) => user.role === 'admin' || user.role === 'office';

export const load: PageServerLoad = ({ locals }) => {
	if (!mayImport(locals.user!)) error(403, 'Chỉ chuyên viên Văn phòng hoặc quản trị viên được nhập văn bản.');
	return { maxDocxMb: MAX_DOCX_BYTES / 1048576, maxTextMb: MAX_TEXT_BYTES / 1048576 };
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const user = locals.user!;
		if (!mayImport(user)) return fail(403, { message: 'Chỉ chuyên viên Văn phòng hoặc quản trị viên được nhập văn bản.', text: '' });
		const form = await request.formData();
		const file = form.get('file');
		const text = String(form.get('text') ?? '');
		let imported: ImportedNotice;
		try {
			if (file instanceof File && file.size > 0) imported = await readNoticeFile(file.name, new Uint8Array(await file.arrayBuffer()));
			else if (text.trim()) imported = readNoticeText(text);
			else return fail(400, { message: 'Hãy chọn một tệp .docx/.txt hoặc dán văn bản vào ô bên dưới.', text });
		} catch (e) {
			// The pasted text comes back with the error, so nothing the user pasted is lost.
			if (isImportError(e)) return fail(e.reason === 'too-large' ? 413 : 400, { message: e.message, text: text.length <= MAX_TEXT_BYTES ? text : '' });
			throw e;
		}
		let id: string;
		try {
			id = await createImportedNotice(getAppContext(), user, imported);
		} catch (e) {
			if (isImportError(e)) return fail(409, { message: e.message, text: text.length <= MAX_TEXT_BYTES ? text : '' });
			throw e;
		}
		redirect(303, `/notices/${id}`);
	}
};
