import type { Db } from './db';

/**
 * The `settings` table: one row per key, a JSON or plain value. The office's agency directory
 * (DirectoryStore) and its profile (OfficeProfileStore) keep their rows here.
 */
export function ensureSettings(db: Db): void {
	db.exec(`CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
}

/** The stored value of a settings row, if any. */
export function readSetting(db: Db, key: string): string | undefined {
	return (db.prepare(`SELECT value FROM settings WHERE key = ?`).get(key) as { value: string } | undefined)?.value;
}

/** Stores (or, with undefined, deletes) a settings row. */
export function writeSetting(db: Db, key: string, value: string | undefined): void {
	if (value === undefined) db.prepare(`DELETE FROM settings WHERE key = ?`).run(key);
	else db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
}
