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

/** A same-site path to go to after signing in; anything else falls back to the home page. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
