/**
 * Issue 10, low: no security headers (CSP, frame-ancestors, nosniff). Every answer of the real
 * server now carries nosniff, a referrer policy and a ban on framing; pages carry a CSP whose
 * script-src admits only this origin and the nonce SvelteKit puts on its own inline script. That the
 * app runs under this policy is what the end-to-end tests check (any console error, a CSP violation
 * included, fails them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeDataDir, removeDataDir, startServer, type ServerProcess } from '../integration/harness';

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string | null): Map<string, string[]> {
	return new Map(
		(csp ?? '')
			.split(';')
			.map((d) => d.trim().split(/\s+/))
			.filter((d) => d[0])
			.map(([name, ...values]) => [name!, values])
	);
}

function expectCommonHeaders(res: Response): void {
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('referrer-policy')).toBe('same-origin');
	expect(res.headers.get('x-frame-options')).toBe('DENY');
	expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors')).toEqual(["'none'"]);
}

describe('security headers of the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let loginPage: Response;
	let loginHtml: string;

	beforeAll(async () => {
		dataDir = makeDataDir();
		await addUser(dataDir, 'an', 'Trần Văn An', 'office');
		server = await startServer(dataDir);
		loginPage = await fetch(`${server.url}/login`);
		loginHtml = await loginPage.text();
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('sends a page with a CSP that admits its own inline script by nonce and nothing else inline', () => {
		expect(loginPage.status).toBe(200);
		expectCommonHeaders(loginPage);
		const csp = directives(loginPage.headers.get('content-security-policy'));
		const scripts = csp.get('script-src') ?? [];
		expect(scripts).toContain("'self'");
		expect(scripts).not.toContain("'unsafe-inline'");
		expect(scripts).not.toContain("'unsafe-eval'");
		const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
		expect(nonce).toBeTruthy();
		const inline = [...loginHtml.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
		expect(inline.length).toBeGreaterThan(0);
		for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('connect-src')).toEqual(["'self'"]);
	});

	it('gives each page its own nonce', async () => {
		const again = await fetch(`${server.url}/login`);
		expect(again.headers.get('content-security-policy')).not.toBe(loginPage.headers.get('content-security-policy'));
	});

	it('sends the headers with scripts, the service worker, API answers and redirects too', async () => {
		const asset = /[./]*_app\/immutable\/[^"'\s)]+\.js/.exec(loginHtml)?.[0];
		expect(asset).toBeTruthy();
		const answers = await Promise.all([
			fetch(new URL(asset!, `${server.url}/login`)),
			fetch(`${server.url}/service-worker.js`),
			fetch(`${server.url}/api/tasks`),
			fetch(`${server.url}/notices`, { redirect: 'manual' })
		]);
		expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 303]);
		for (const res of answers) expectCommonHeaders(res);
	});
});
