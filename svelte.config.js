import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// The service worker is registered by the app itself (src/lib/sync/registerServiceWorker.ts)
		// so that registration errors are shown, not swallowed.
		serviceWorker: { register: false },
		alias: { $server: 'server' },
		// Content-Security-Policy of every page (issue 10). SvelteKit puts a nonce on its own inline
		// scripts ('auto': nonces for rendered pages, hashes for prerendered ones), so no other script
		// runs. Styles may be inline (app.html's wrapper and Svelte's style attributes). The sync
		// socket and the API are this origin ('self' covers ws:/wss: to it). The other headers
		// (nosniff, referrer, frame) are set on every response in server/securityHeaders.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
