// Builds the web app when `build/` is missing or older than the sources, so that `npm start`
// and the end-to-end tests always serve what is in the working tree.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
	let t = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return t;
}

const marker = 'build/handler.js';
const sources = Math.max(newest('src'), statSync('package.json').mtimeMs, statSync('svelte.config.js').mtimeMs);
if (!existsSync(marker) || statSync(marker).mtimeMs < sources) {
	console.error('Đang build giao diện (vite build)…');
	execSync('npx vite build', { stdio: ['ignore', 'inherit', 'inherit'] });
}
