import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * GET /api/session — who is signed in. The hook answers 401 without a valid session, so a page
 * whose sync connection keeps failing can tell an expired session from a network problem.
 */
export const GET: RequestHandler = ({ locals }) => json({ id: locals.user!.id, name: locals.user!.displayName }, { headers: { 'cache-control': 'no-store' } });
