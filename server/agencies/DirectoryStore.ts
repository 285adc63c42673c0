import { DEFAULT_DIRECTORY, parseDirectory } from '#shared/agencies/directory';
import type { AgencyDirectory, AgencyEntry } from '#shared/agencies/types';
import type { Db } from '../db';

/**
 * The agency directory (danh mục cơ quan) in force: the one shipped with the app until an
 * administrator edits it, then the edited copy, stored whole in the database. Extraction in the
 * browser and on the server both read this one, so a correction reaches every notice.
 */
export class DirectoryStore {
	#cached: AgencyDirectory | undefined;

	constructor(private readonly db: Db) {
		db.exec(`CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
	}

	/** The directory in force. */
	get(): AgencyDirectory {
		if (this.#cached) return this.#cached;
		const row = this.db.prepare(`SELECT value FROM settings WHERE key = 'agency-directory'`).get() as { value: string } | undefined;
		let dir = DEFAULT_DIRECTORY;
		if (row) {
			try {
				dir = parseDirectory(JSON.parse(row.value));
			} catch {
				// A stored copy that no longer validates (e.g. a kind removed by an upgrade) must not
				// stop extraction: the shipped directory is used until an administrator fixes it.
				dir = DEFAULT_DIRECTORY;
			}
		}
		this.#cached = dir;
		return dir;
	}

	/** Replaces the entries (validated; throws DirectoryError with a Vietnamese message). */
	put(entries: readonly AgencyEntry[]): AgencyDirectory {
		const next = parseDirectory({ version: `custom-${Date.now()}`, entries });
		this.db
			.prepare(`INSERT INTO settings (key, value) VALUES ('agency-directory', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
			.run(JSON.stringify(next));
		this.#cached = next;
		return next;
	}

	/** Goes back to the shipped directory. */
	reset(): AgencyDirectory {
		this.db.prepare(`DELETE FROM settings WHERE key = 'agency-directory'`).run();
		this.#cached = DEFAULT_DIRECTORY;
		return DEFAULT_DIRECTORY;
	}
}
