import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db';
import { openSqliteDocStore } from './SqliteDocStore';
import { runDocStoreContract } from './docStoreContract';

runDocStoreContract('sqlite (WAL file)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'ketluan-store-'));
	const handles: Db[] = [];
	return {
		open: () => {
			// A fresh handle per open, as after a process restart.
			const db = openDatabase(dir);
			handles.push(db);
			return openSqliteDocStore(db);
		},
		dispose: () => {
			for (const db of handles) db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
});

describe('SqliteDocStore', () => {
	it('keeps its tables prefixed doc_ beside the host tables', () => {
		const dir = mkdtempSync(join(tmpdir(), 'ketluan-store-'));
		const db = openDatabase(dir);
		try {
			db.exec('CREATE TABLE users (id TEXT PRIMARY KEY)');
			openSqliteDocStore(db);
			openSqliteDocStore(db); // idempotent schema
			const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
			expect(tables).toEqual(['doc_snapshots', 'doc_updates', 'users']);
		} finally {
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
