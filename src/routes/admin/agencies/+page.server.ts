import { error, fail } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { AGENCY_KINDS, type AgencyEntry, type AgencyId, type AgencyKind } from '#shared/agencies/types';
import { isIsoDate } from '#shared/doc/metaRules';
import { foldVietnamese } from '#shared/text/fold';
import type { Actions, PageServerLoad } from './$types';

function requireAdmin(locals: App.Locals): void {
	if (locals.user?.role !== 'admin') error(403, { message: 'Chỉ quản trị viên được sửa danh mục cơ quan.' });
}

const lines = (v: FormDataEntryValue | null) =>
	String(v ?? '')
		.split('\n')
		.map((x) => x.normalize('NFC').trim())
		.filter(Boolean);

export const load: PageServerLoad = ({ locals }) => {
	requireAdmin(locals);
	const dir = getAppContext().directory.get();
	return { entries: dir.entries, version: dir.version, kinds: AGENCY_KINDS, nonTasks: dir.nonTasks ?? [] };
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		requireAdmin(locals);
		const form = await request.formData();
		const store = getAppContext().directory;
		const entries = [...store.get().entries];
		const originalId = String(form.get('originalId') ?? '');
		const name = String(form.get('name') ?? '')
			.normalize('NFC')
			.trim();
		const kind = String(form.get('kind') ?? '');
		const validUntil = String(form.get('validUntil') ?? '').trim();
		const successor = String(form.get('successor') ?? '').trim();
		if (!name) return fail(400, { message: 'Tên cơ quan không được để trống.' });
		if (!(AGENCY_KINDS as readonly string[]).includes(kind)) return fail(400, { message: 'Hãy chọn loại cơ quan.' });
		if (validUntil && !isIsoDate(validUntil)) return fail(400, { message: 'Ngày hết hiệu lực không hợp lệ.' });
		if (successor && !entries.some((e) => e.id === successor)) return fail(400, { message: 'Cơ quan kế thừa không có trong danh mục.' });
		const id = (originalId ||
			foldVietnamese(name)
				.replace(/[^a-z0-9]+/g, '-')
				.replace(/^-|-$/g, '')) as AgencyId;
		if (!originalId && entries.some((e) => e.id === id)) return fail(400, { message: `Đã có cơ quan “${name}” trong danh mục.` });
		const entry: AgencyEntry = {
			id,
			name,
			kind: kind as AgencyKind,
			...(lines(form.get('aliases')).length ? { aliases: lines(form.get('aliases')) } : {}),
			...(lines(form.get('short')).length ? { short: lines(form.get('short')) } : {}),
			...(validUntil ? { validUntil } : {}),
			...(successor ? { successor: successor as AgencyId } : {})
		};
		const at = entries.findIndex((e) => e.id === originalId);
		if (at >= 0) entries[at] = { ...entries[at], ...entry };
		else entries.push(entry);
		try {
			store.put(entries);
		} catch (e) {
			return fail(400, { message: e instanceof Error ? e.message : 'Danh mục không hợp lệ.' });
		}
		return { saved: name };
	},
	remove: async ({ request, locals }) => {
		requireAdmin(locals);
		const id = String((await request.formData()).get('id') ?? '');
		const store = getAppContext().directory;
		const entries = store.get().entries;
		if (entries.some((e) => e.successor === id)) return fail(400, { message: 'Cơ quan này đang là cơ quan kế thừa của cơ quan khác; hãy sửa mục đó trước.' });
		store.put(entries.filter((e) => e.id !== id));
		return { removed: id };
	},
	forgetNonTask: async ({ request, locals }) => {
		requireAdmin(locals);
		const phrasing = String((await request.formData()).get('phrasing') ?? '');
		if (!getAppContext().directory.forgetNonTask(phrasing)) return fail(400, { message: 'Không có câu này trong danh sách đã ghi nhớ.' });
		return { forgotten: phrasing };
	},
	reset: ({ locals }) => {
		requireAdmin(locals);
		getAppContext().directory.reset();
		return { reset: true };
	}
};
