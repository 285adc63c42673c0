/**
 * Issue 10, medium 11: `/login?next=/%5Cevil.example` and `next=/%09/evil.example` sent the browser
 * off-site after signing in (browsers read `/\` as `//` and drop tabs). Replayed against the real
 * server: the form action's redirect, and the page's when already signed in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeDataDir, removeDataDir, startServer, type ServerProcess } from '../integration/harness';
import { postLogin } from './signInHttp';

const PASSWORD = 'mat-khau-123';

/** `next` values as written in the query string (percent-encoded where a browser would send them so). */
const OFF_SITE = [
	'/%5Cevil.example',
	'/%5C%5Cevil.example',
	'/%09/evil.example',
	'%2F%09%2Fevil',
	'/%0A/evil.example',
	'//evil.example',
	'%2F%2Fevil.example',
	'/%2F/evil.example',
	'https://evil.example',
	'https:%2F%2Fevil.example',
	'javascript:alert(1)',
	'%6Aavascript:alert(1)',
	'/%255Cevil.example',
	'evil.example'
];

describe('redirect after sign-in stays on the site', () => {
	let dataDir: string;
	let server: ServerProcess;
	let cookie: string;

	beforeAll(async () => {
		dataDir = makeDataDir();
		await addUser(dataDir, 'an', 'Trần Văn An', 'office', PASSWORD);
		server = await startServer(dataDir);
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
			body: new URLSearchParams({ username: 'an', password: PASSWORD })
		});
		cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
		expect(cookie).toMatch(/^kl_session=./);
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it.each(OFF_SITE)('signs in with next=%s and goes to the home page', async (next) => {
		const answer = await postLogin(server.url, { username: 'an', password: PASSWORD }, { next });
		expect(answer).toMatchObject({ status: 303, signedIn: true, location: '/' });
	});

	it.each(OFF_SITE)('sends a signed-in visitor of /login?next=%s to the home page', async (next) => {
		const res = await fetch(`${server.url}/login?next=${next}`, { headers: { cookie }, redirect: 'manual' });
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/');
	});

	it('still goes to a path of the site, with its query', async () => {
		const next = encodeURIComponent('/notices?q=giao ban&page=2');
		const answer = await postLogin(server.url, { username: 'an', password: PASSWORD }, { next });
		expect(answer).toMatchObject({ status: 303, location: '/notices?q=giao%20ban&page=2' });
		const res = await fetch(`${server.url}/login?next=${encodeURIComponent('/tasks')}`, { headers: { cookie }, redirect: 'manual' });
		expect(res.headers.get('location')).toBe('/tasks');
	});
});
