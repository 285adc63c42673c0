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
		alias: { $server: 'server' }
	}
};

export default config;
