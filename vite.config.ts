import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { devSync } from './server/devPlugin';

export default defineConfig({
	plugins: [sveltekit(), devSync()],
	server: { port: 3000 }
});
