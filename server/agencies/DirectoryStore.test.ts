import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { DirectoryStore, LearnError } from './DirectoryStore';
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

describe('what the office teaches from its corrections', () => {
	const line = (text: string) => [{ id: 'b1', type: 'paragraph' as const, text, depth: 0 }];
	const meta = defaultMeta('2026-01-05');

	it('learns the wording as written as an alias: the next notice reads it as that agency, across restarts', () => {
		const store = new DirectoryStore(db);
		const text = line('Giao Sở Tài chánh chủ trì lập kế hoạch vốn, xong trước ngày 30/01/2099.');
		expect(new TaskDeriver(store.get()).derive(text, meta, new Map())[0]?.lead[0]).toMatchObject({ name: 'Sở Tài chánh', known: false });
		expect(store.learnAlias('so-tai-chinh', '  Sở  Tài chánh ').changed).toBe(true);
		const again = new DirectoryStore(db).get();
		expect(again.entries.find((e) => e.id === 'so-tai-chinh')?.aliases).toContain('Sở Tài chánh');
		expect(new TaskDeriver(again).derive(text, meta, new Map())[0]?.lead[0]).toMatchObject({ name: 'Sở Tài chính', known: true, agencyId: 'so-tai-chinh' });
		// Taught twice, nothing changes.
		expect(store.learnAlias('so-tai-chinh', 'sở tài chánh').changed).toBe(false);
	});

	it('refuses a wording that names another agency, an unknown agency and an empty wording, changing nothing', () => {
		const store = new DirectoryStore(db);
		expect(() => store.learnAlias('so-tu-phap', 'Sở TC')).toThrow(/đã là tên gọi của “Sở Tài chính”/);
		expect(() => store.learnAlias('so-tu-phap', 'Sở Tài chính')).toThrow(LearnError);
		expect(() => store.learnAlias('khong-co', 'Sở ABC')).toThrow(/Không có cơ quan này/);
		expect(() => store.learnAlias('so-tu-phap', '   ')).toThrow(/không hợp lệ/);
		expect(() => store.learnNonTask(' ...  ')).toThrow(/không hợp lệ/);
		expect(store.get()).toBe(DEFAULT_DIRECTORY);
	});

	it('learns a non-task phrasing beside the directory: it survives a reset of the agencies and can be forgotten', () => {
		const store = new DirectoryStore(db);
		const text = line('Sở Y tế báo cáo tình hình dịch bệnh trong tháng.');
		expect(new TaskDeriver(store.get()).derive(text, meta, new Map())).toHaveLength(1);
		const { directory } = store.learnNonTask('Sở Y tế báo cáo tình hình dịch bệnh trong tháng.');
		expect(directory.version).not.toBe(DEFAULT_DIRECTORY.version);
		expect(new TaskDeriver(new DirectoryStore(db).get()).derive(text, meta, new Map())).toHaveLength(0);
		expect(store.learnNonTask('sở y tế báo cáo tình hình dịch bệnh trong tháng').changed).toBe(false);
		store.reset();
		expect(store.nonTasks()).toEqual(['Sở Y tế báo cáo tình hình dịch bệnh trong tháng.']);
		expect(store.forgetNonTask('Sở Y tế báo cáo tình hình dịch bệnh trong tháng')).toBe(true);
		expect(store.get()).toBe(DEFAULT_DIRECTORY);
	});
});
