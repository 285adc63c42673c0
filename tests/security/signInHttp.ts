/**
 * The sign-in form as a browser without JavaScript posts it, from a chosen loopback address
 * (127.0.0.x: every one of them reaches a server listening on 127.0.0.1), so that tests can sign in
 * "from" several addresses.
 */
import { request } from 'node:http';

/** What the server answered to one sign-in. */
export interface SignInAnswer {
	status: number;
	location: string | undefined;
	/** The session cookie was set. */
	signedIn: boolean;
	/** `kl_session=…` as set (to send back in a Cookie header), when signed in. */
	cookie: string | undefined;
	body: string;
}

/** Posts the login form (`/login?next=…` when `next` is given) from `from`. */
export function postLogin(
	baseUrl: string,
	fields: { username: string; password: string },
	options: { from?: string; next?: string } = {}
): Promise<SignInAnswer> {
	const body = new URLSearchParams(fields).toString();
	const url = new URL(options.next === undefined ? '/login' : `/login?next=${options.next}`, baseUrl);
	return new Promise((resolve, reject) => {
		const req = request(
			url,
			{
				method: 'POST',
				localAddress: options.from ?? '127.0.0.1',
				// A fresh connection per request: each has its own source address.
				agent: false,
				headers: {
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: new URL(baseUrl).origin
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const set = (res.headers['set-cookie'] ?? []).find((c) => c.startsWith('kl_session=') && !c.startsWith('kl_session=;'));
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location,
						signedIn: set !== undefined,
						cookie: set?.split(';')[0],
						body: Buffer.concat(chunks).toString('utf8')
					});
				});
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Posts a form (a page's action, as a browser without JavaScript does) with a session cookie. */
export function postForm(
	baseUrl: string,
	path: string,
	fields: Record<string, string>,
	cookie: string
): Promise<{ status: number; location: string | undefined; body: string }> {
	const body = new URLSearchParams(fields).toString();
	return new Promise((resolve, reject) => {
		const req = request(
			new URL(path, baseUrl),
			{
				method: 'POST',
				agent: false,
				headers: {
					accept: 'text/html',
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: new URL(baseUrl).origin
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}
