import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { DirectoryStore } from './DirectoryStore';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import type { AgencyId } from '#shared/agencies/types';
import { TaskDeriver } from '#shared/tasks/draftTasks';
import { defaultMeta } from '#shared/doc/noticeDoc';

let dir: string;
let db: Db;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kl-dir-'));
	db = openDatabase(dir);
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the agency directory an administrator edits', () => {
	it('starts as the shipped directory and keeps an edited copy across restarts', () => {
		const store = new DirectoryStore(db);
		expect(store.get()).toBe(DEFAULT_DIRECTORY);
		store.put([...DEFAULT_DIRECTORY.entries, { id: 'bqlkkt' as AgencyId, name: 'Quỹ Phát triển đất tỉnh', kind: 'provincial', aliases: ['Quỹ PTĐ'] }]);
		const again = new DirectoryStore(db).get();
		expect(again.entries.at(-1)?.name).toBe('Quỹ Phát triển đất tỉnh');
		expect(again.version).not.toBe(DEFAULT_DIRECTORY.version);
	});

	it('refuses an invalid directory with a Vietnamese reason and keeps the old one', () => {
		const store = new DirectoryStore(db);
		expect(() => store.put([{ id: 'x' as AgencyId, name: 'X', kind: 'planet' as never }])).toThrow(/không hợp lệ/);
		expect(store.get()).toBe(DEFAULT_DIRECTORY);
	});

	it('makes extraction recognise an abbreviation an administrator added', () => {
		const store = new DirectoryStore(db);
		const line = [{ id: 'b1', type: 'paragraph' as const, text: 'Giao Quỹ PTĐ chủ trì rà soát quy hoạch.', depth: 0 }];
		const meta = defaultMeta('2024-01-05');
		const deriver = new TaskDeriver(store.get());
		const before = deriver.derive(line, meta, new Map())[0]?.lead[0];
		store.put([...DEFAULT_DIRECTORY.entries, { id: 'bqlkkt' as AgencyId, name: 'Quỹ Phát triển đất tỉnh', kind: 'provincial', aliases: ['Quỹ PTĐ'] }]);
		deriver.setDirectory(store.get());
		const after = deriver.derive(line, meta, new Map())[0]?.lead[0];
		expect(before?.name).not.toBe('Quỹ Phát triển đất tỉnh');
		expect(after).toMatchObject({ name: 'Quỹ Phát triển đất tỉnh', known: true });
	});
});
