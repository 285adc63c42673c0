import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A better-sqlite3 handle; every server module that keeps relational state takes one of these. */
export type Db = Database.Database;

/** Opens (creating if needed) the embedded database `ketluan.db` under `dataDir`, in WAL mode. */
export function openDatabase(dataDir: string): Db {
	mkdirSync(dataDir, { recursive: true });
	const db = new Database(join(dataDir, 'ketluan.db'));
	// WAL lets readers (list pages) run while the sync server appends; NORMAL is durable in WAL
	// mode across a process crash (kill -9); only an OS crash could lose the last transactions.
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	return db;
}
