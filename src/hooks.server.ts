import { json, redirect, type Handle } from '@sveltejs/kit';
import { getAppContext } from '$server/context';
import { SESSION_COOKIE } from '$server/auth/types';

/** Paths reachable without signing in. */
const PUBLIC = ['/login', '/setup', '/manifest.webmanifest', '/service-worker.js', '/favicon.svg', '/offline'];

/** Resolves the session cookie (or an API token, for /api) into `locals.user` and guards every page. */
export const handle: Handle = async ({ event, resolve }) => {
	const { auth } = getAppContext();
	// Pages and the API take the session cookie or an `Authorization: Bearer` token; `?token=` only
	// opens the sync socket (a token in a page's address ends up in history, logs and Referer).
	event.locals.user = auth.userForRequest(
		{ cookie: event.request.headers.get('cookie') ?? undefined, authorization: event.request.headers.get('authorization') ?? undefined },
		new URL(event.url.origin)
	);
	const path = event.url.pathname;
	const isPublic = PUBLIC.some((p) => path === p || path.startsWith(p + '/'));
	if (!event.locals.user && !isPublic) {
		if (path.startsWith('/api/')) return json({ message: 'Chưa đăng nhập.' }, { status: 401 });
		if (auth.hasNoUsers()) redirect(303, '/setup');
		redirect(303, `/login?next=${encodeURIComponent(path + event.url.search)}`);
	}
	// A one-time password set by the administrator is changed before anything else (pages only:
	// the API and sync keep working for scripts).
	const mayWait = path === '/account/password' || path === '/logout' || path.startsWith('/api/') || isPublic;
	if (event.locals.user?.mustChangePassword && !mayWait) redirect(303, '/account/password');
	// Never let a stale cookie pretend to be a session.
	if (!event.locals.user && event.cookies.get(SESSION_COOKIE)) event.cookies.delete(SESSION_COOKIE, { path: '/' });
	return resolve(event);
};
