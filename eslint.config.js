// ESLint: TypeScript and Svelte, zero warnings (`npm run lint` runs it after Prettier's check).
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'data/', 'node_modules/', 'patches/', '.probe/', 'tests/fixtures/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.svelte'] }
		},
		rules: {
			// A promise nobody awaits loses its error: say `void` when that is intended.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Svelte's own navigation helpers are not used for plain links to server routes (downloads, exports).
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, svelteConfig } }
	},
	{
		// SvelteKit keeps the service worker out of the app's TypeScript project (its own lib: webworker).
		files: ['**/*.js', '**/*.mjs', 'src/service-worker.ts'],
		...ts.configs.disableTypeChecked
	}
);
