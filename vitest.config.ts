import { defineConfig } from 'vitest/config';

// Unit tests (beside the code), integration tests and the adversarial suite of tests/security (real server on port 0).
// End-to-end tests in real Chromium have their own config: vitest.e2e.config.ts.
export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
