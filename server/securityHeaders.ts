import type { ServerResponse } from 'node:http';

/**
 * Headers every response carries (issue 10: there were none). Pages then get their full
 * Content-Security-Policy from SvelteKit (`kit.csp` in svelte.config.js, with nonces for its own
 * scripts), which replaces the policy below; files, downloads and API answers keep this one, which
 * forbids framing them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'same-origin',
	'x-frame-options': 'DENY',
	'content-security-policy': "frame-ancestors 'none'"
};

/** Sets the headers of {@link SECURITY_HEADERS} on a response before anything answers it. */
export function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
