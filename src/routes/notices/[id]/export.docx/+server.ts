import { error } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { attachmentHeader, noticeDocx, noticeFileName } from '$server/documents/noticeDocx';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import type { RequestHandler } from './$types';

/** GET /notices/:id/export.docx — "Tải .docx": the notice in the Decree 30/2020 layout. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { notices } = getAppContext();
	const user = locals.user!;
	if (!notices.exists(params.id)) error(404, 'Không tìm thấy thông báo.');
	if (!notices.accessFor(user, params.id)) error(403, 'Bạn không có quyền xem thông báo này.');
	const doc = await notices.loadDoc(params.id);
	try {
		const bytes = await noticeDocx(doc);
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
				'content-disposition': attachmentHeader(noticeFileName(new NoticeDoc(doc).readMeta())),
				'content-length': String(bytes.byteLength),
				// A notice changes while it is written: never serve a stale copy.
				'cache-control': 'private, no-store'
			}
		});
	} finally {
		doc.destroy();
	}
};
