import { json } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { isLearnError } from '$server/agencies/DirectoryStore';
import type { RequestHandler } from './$types';

/** Roles that may teach the directory from a correction ("Ghi nhớ cho lần sau"). */
const TEACHERS = ['office', 'admin'];

/**
 * POST /api/directory/learn — what the office teaches from a correction ("Ghi nhớ cho lần sau"):
 * `{ kind: 'alias', agencyId, wording }` makes the wording as written an alias of that directory
 * agency; `{ kind: 'non-task', phrasing }` adds a phrasing that is not a task. Office users and
 * administrators only (403 otherwise). Answers `{ directory, changed, message }`; bad input 400,
 * unknown agency 404, a wording that belongs to another agency 409 — with a Vietnamese `message`,
 * and nothing changes.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	if (!TEACHERS.includes(locals.user!.role))
		return json({ message: 'Chỉ chuyên viên Văn phòng và quản trị viên được ghi nhớ sửa đổi vào danh mục.' }, { status: 403 });
	let body: { kind?: unknown; agencyId?: unknown; wording?: unknown; phrasing?: unknown };
	try {
		body = (await request.json()) as typeof body;
	} catch {
		return json({ message: 'Nội dung gửi lên không phải JSON hợp lệ.' }, { status: 400 });
	}
	if (typeof body !== 'object' || body === null) return json({ message: 'Nội dung gửi lên không hợp lệ.' }, { status: 400 });
	const store = getAppContext().directory;
	try {
		if (body.kind === 'alias') {
			if (typeof body.agencyId !== 'string' || typeof body.wording !== 'string')
				return json({ message: 'Thiếu cơ quan hoặc tên cần ghi nhớ.' }, { status: 400 });
			const { directory, changed } = store.learnAlias(body.agencyId, body.wording);
			const name = directory.entries.find((e) => e.id === body.agencyId)?.name ?? '';
			return json({ directory, changed, message: `Đã ghi nhớ: “${body.wording.normalize('NFC').trim()}” là ${name}.` });
		}
		if (body.kind === 'non-task') {
			if (typeof body.phrasing !== 'string') return json({ message: 'Thiếu câu cần ghi nhớ.' }, { status: 400 });
			const { directory, changed } = store.learnNonTask(body.phrasing);
			return json({ directory, changed, message: 'Đã ghi nhớ: câu này sẽ không được coi là nhiệm vụ.' });
		}
		return json({ message: 'Loại ghi nhớ không hợp lệ (alias hoặc non-task).' }, { status: 400 });
	} catch (e) {
		if (isLearnError(e)) return json({ message: e.message, reason: e.reason }, { status: { 'invalid-input': 400, 'not-found': 404, conflict: 409 }[e.reason] });
		throw e;
	}
};
