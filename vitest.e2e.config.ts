import { defineConfig } from 'vitest/config';

// End-to-end: the built app served by the real server on port 0, driven by Debian's Chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		// Conditions in a browser take longer than vitest's 1 s default to come true.
		expect: { poll: { timeout: 15_000, interval: 50 } }
	}
});
