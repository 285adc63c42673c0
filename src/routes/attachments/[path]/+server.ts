import { error } from '@sveltejs/kit';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { getAppContext } from '$server/context';
import { isTrackerError } from '$server/tracker/TrackerService';
import type { RequestHandler } from './$types';

/** Downloads an attachment of a progress report the caller may see. */
export const GET: RequestHandler = ({ params, url, locals }) => {
	if (!/^[0-9a-f-]{36}\.bin$/.test(params.path)) error(404, { message: 'Không tìm thấy tệp.' });
	const { config, tracker } = getAppContext();
	const owner = tracker.attachmentOwner(params.path);
	if (!owner) error(404, { message: 'Không tìm thấy tệp.' });
	// Visibility follows the task: an agency only downloads files of tasks addressed to it. A file
	// of a task the caller may not see does not exist for them: 404, as for a wrong name.
	try {
		tracker.detail(locals.user!, owner);
	} catch (e) {
		if (isTrackerError(e)) error(404, { message: 'Không tìm thấy tệp.' });
		throw e;
	}
	const file = join(config.dataDir, 'attachments', params.path);
	if (!existsSync(file)) error(404, { message: 'Không tìm thấy tệp.' });
	const name = (url.searchParams.get('name') ?? 'tep-dinh-kem').replace(/["\r\n]/g, '');
	return new Response(readFileSync(file), {
		headers: {
			'content-type': 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`
		}
	});
};
