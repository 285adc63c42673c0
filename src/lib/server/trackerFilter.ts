import { STATUS_KEYS, type StatusKey } from '#shared/tracker/status';
import { isSourceType } from '#shared/tracker/sourceTypes';
import { isIsoDate } from '#shared/doc/metaRules';
import type { TrackerFilter } from '$server/tracker/TrackerService';

/** Reads the tracker's filters from a URL's query; returns the filter and Vietnamese errors. */
export function parseTrackerFilter(q: URLSearchParams): { filter: TrackerFilter; errors: string[] } {
	const errors: string[] = [];
	const filter: TrackerFilter = {};
	const text = (k: string) => (q.get(k) ?? '').trim().slice(0, 200);
	if (text('agency')) filter.agency = text('agency');
	const role = q.get('role');
	if (role === 'lead' || role === 'support') filter.agencyRole = role;
	const status = q.getAll('status').filter((s): s is StatusKey => (STATUS_KEYS as readonly string[]).includes(s));
	if (status.length) filter.status = status;
	for (const [key, target] of [
		['from', 'dueFrom'],
		['to', 'dueTo']
	] as const) {
		const v = q.get(key) ?? '';
		if (!v) continue;
		if (isIsoDate(v)) filter[target] = v;
		else errors.push(`Tham số ${key} phải là ngày dạng YYYY-MM-DD.`);
	}
	const source = q.get('source');
	if (source && isSourceType(source)) filter.source = source;
	if (text('notice')) filter.noticeId = text('notice');
	if (text('leader')) filter.leader = text('leader');
	if (text('q')) filter.q = text('q');
	const state = q.get('state');
	if (state === 'draft' || state === 'official') filter.state = state;
	const sort = q.get('sort');
	if (sort === 'due' || sort === 'notice' || sort === 'status' || sort === 'agency') filter.sort = sort;
	if (q.get('desc') === '1') filter.desc = true;
	const limit = q.get('limit');
	if (limit) {
		const n = Number(limit);
		if (Number.isInteger(n) && n > 0) filter.limit = n;
		else errors.push('Tham số limit phải là số nguyên dương.');
	}
	const page = Number(q.get('page') ?? '1');
	if (Number.isInteger(page) && page > 1) filter.offset = (page - 1) * (filter.limit ?? 200);
	return { filter, errors };
}
