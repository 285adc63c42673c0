import { getAppContext } from '$server/context';
import { parseTrackerFilter } from '$lib/server/trackerFilter';
import { STATUS_KEYS, STATUS_LABELS } from '#shared/tracker/status';
import { SOURCE_LABELS, TASK_SOURCE_TYPES } from '#shared/tracker/sourceTypes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url, locals }) => {
	const { tracker } = getAppContext();
	const user = locals.user!;
	const { filter, errors } = parseTrackerFilter(url.searchParams);
	// Per-agency counts read every filtered row: only the grouped view asks for them.
	const page = errors.length ? { rows: [], total: 0, byAgency: [] } : tracker.list(user, { ...filter, withCounts: url.searchParams.get('group') === '1' });
	return {
		...page,
		errors,
		query: Object.fromEntries(url.searchParams),
		statuses: url.searchParams.getAll('status'),
		statusOptions: STATUS_KEYS.map((k) => ({ value: k, label: STATUS_LABELS[k] })),
		sourceOptions: TASK_SOURCE_TYPES.map((k) => ({ value: k, label: SOURCE_LABELS[k] })),
		weekly: user.role === 'office' || user.role === 'admin' ? tracker.weeklyUpdates() : null,
		// Importing an old tracking sheet (/tasks/import) is the office's.
		mayImport: user.role === 'office' || user.role === 'admin',
		limit: filter.limit ?? 200,
		leaders: user.role === 'agency' ? [] : tracker.leaders()
	};
};
