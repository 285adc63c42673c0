/**
 * RULES.md and the tests stay in step: every rule there is quoted by a test title starting with its
 * id ("[P1] …"), and no test quotes an id RULES.md does not define.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_LABELS } from './ruleIds';

const here = import.meta.dirname;
const ID = /\[([LSPUVDA]\d+)\]/gu;
const rules = [...readFileSync(path.join(here, 'RULES.md'), 'utf8').matchAll(/^- \*\*([LSPUVDA]\d+)\*\*/gmu)].map((m) => m[1]!);
const testFiles = [
	...readdirSync(here)
		.filter((f) => f.endsWith('.test.ts') && f !== 'rules.test.ts')
		.map((f) => path.join(here, f)),
	path.resolve(here, '../../../../server/documents/importNotice.test.ts')
];
const quoted = new Set(testFiles.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(ID)].map((m) => m[1]!)));

describe('RULES.md', () => {
	it('numbers its rules once each', () => {
		expect(rules.length).toBeGreaterThanOrEqual(20);
		expect(new Set(rules).size).toBe(rules.length);
	});
	it('has every rule quoted by at least one test', () => {
		expect(rules.filter((r) => !quoted.has(r))).toEqual([]);
	});
	it('defines every rule a test quotes', () => {
		expect([...quoted].filter((q) => !rules.includes(q))).toEqual([]);
	});
	it('defines every rule a task can carry (ruleIds.ts)', () => {
		expect(Object.keys(RULE_LABELS).filter((id) => !rules.includes(id))).toEqual([]);
	});
});
