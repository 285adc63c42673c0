import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '$server/auth/types';

/** Sets the httpOnly session cookie (Secure when the app is served over https). */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

/**
 * The same-origin path to go to after signing in; anything else is the home page. Browsers read
 * `/\host` as `//host` and drop tabs and newlines from a URL, so `/%5Cevil.example` and
 * `/%09/evil.example` left the site (issue 10): the target must start with one "/" followed by
 * neither "/" nor "\", hold no control character or backslash (also once more decoded), and
 * resolve to `origin`.
 */
export function safeNext(next: string | null, origin: string): string {
	if (!next || !isPlainPath(next)) return '/';
	let decoded: string;
	try {
		decoded = decodeURIComponent(next);
	} catch {
		return '/';
	}
	if (!isPlainPath(decoded)) return '/';
	try {
		const target = new URL(next, origin);
		return target.origin === new URL(origin).origin ? target.pathname + target.search + target.hash : '/';
	} catch {
		return '/';
	}
}

/** A path of this site as written: one leading slash, no backslash, no control character. */
function isPlainPath(path: string): boolean {
	// eslint-disable-next-line no-control-regex -- control characters are what is refused
	return /^\/(?![/\\])/.test(path) && !/[\u0000-\u001f\u007f-\u009f\\]/.test(path);
}
