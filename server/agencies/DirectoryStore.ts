import { DEFAULT_DIRECTORY, parseDirectory } from '#shared/agencies/directory';
import { resolveAgency } from '#shared/agencies/matcher';
import { foldKey } from '#shared/agencies/fold';
import type { AgencyDirectory, AgencyEntry } from '#shared/agencies/types';
import { MAX_PHRASING_LENGTH, nonTaskKey } from '#shared/extract/learned';
import type { Db } from '../db';
import { ensureSettings, readSetting, writeSetting } from '../settings';

/** Longest name taught as an alias (characters). */
const MAX_ALIAS_LENGTH = 200;

/**
 * Why the office's lesson was refused: malformed input, an agency the directory lacks, or a name
 * that already belongs to another agency. The message is Vietnamese, for people.
 */
export class LearnError extends Error {
	constructor(
		readonly reason: 'invalid-input' | 'not-found' | 'conflict',
		message: string
	) {
		super(message);
		this.name = 'LearnError';
	}
}

/** True for a LearnError (checked by name: the SvelteKit bundle carries its own copy of the class). */
export function isLearnError(e: unknown): e is LearnError {
	return e instanceof Error && e.name === 'LearnError';
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/**
 * The agency directory (danh mục cơ quan) in force: the one shipped with the app until an
 * administrator edits it, then the edited copy, stored whole in the database. Extraction in the
 * browser and on the server both read this one, so a correction reaches every notice.
 *
 * Beside it (its own settings row, so that restoring the shipped agencies keeps them) are the
 * phrasings the office taught are not tasks; {@link get} carries them in the directory's
 * `nonTasks`, with a version that changes with them.
 */
export class DirectoryStore {
	#cached: AgencyDirectory | undefined;

	constructor(private readonly db: Db) {
		ensureSettings(db);
	}

	/** The directory in force, with the learned non-task phrasings. */
	get(): AgencyDirectory {
		if (this.#cached) return this.#cached;
		const base = this.#entriesDirectory();
		const { stamp, phrasings } = this.#readPhrasings();
		const dir: AgencyDirectory = phrasings.length ? { ...base, version: `${base.version}+${stamp}`, nonTasks: phrasings } : base;
		this.#cached = dir;
		return dir;
	}

	/** The learned non-task phrasings, as taught (oldest first). */
	nonTasks(): readonly string[] {
		return this.get().nonTasks ?? [];
	}

	/** The stored value of a settings row, if any. */
	#setting(key: string): string | undefined {
		return readSetting(this.db, key);
	}

	/** Stores (or, with undefined, deletes) a settings row; the cached directory is read again. */
	#setSetting(key: string, value: string | undefined): void {
		writeSetting(this.db, key, value);
		this.#cached = undefined;
	}

	#entriesDirectory(): AgencyDirectory {
		const value = this.#setting('agency-directory');
		if (value === undefined) return DEFAULT_DIRECTORY;
		try {
			const { version, entries } = parseDirectory(JSON.parse(value));
			return { version, entries };
		} catch {
			// A stored copy that no longer validates (e.g. a kind removed by an upgrade) must not
			// stop extraction: the shipped directory is used until an administrator fixes it.
			return DEFAULT_DIRECTORY;
		}
	}

	#readPhrasings(): { stamp: string; phrasings: string[] } {
		const value = this.#setting('non-task-phrasings');
		if (value === undefined) return { stamp: '', phrasings: [] };
		try {
			const v = JSON.parse(value) as { stamp?: unknown; phrasings?: unknown };
			const phrasings = Array.isArray(v.phrasings) ? v.phrasings.filter((p): p is string => typeof p === 'string') : [];
			return { stamp: typeof v.stamp === 'string' ? v.stamp : '', phrasings };
		} catch {
			return { stamp: '', phrasings: [] };
		}
	}

	#writePhrasings(phrasings: readonly string[]): void {
		this.#setSetting('non-task-phrasings', JSON.stringify({ stamp: `nt-${Date.now().toString(36)}-${phrasings.length}`, phrasings }));
	}

	/** Replaces the entries (validated; throws DirectoryError with a Vietnamese message). */
	put(entries: readonly AgencyEntry[]): AgencyDirectory {
		const next = parseDirectory({ version: `custom-${Date.now()}`, entries });
		this.#setSetting('agency-directory', JSON.stringify(next));
		return this.get();
	}

	/** Goes back to the shipped agencies (the learned non-task phrasings stay). */
	reset(): AgencyDirectory {
		this.#setSetting('agency-directory', undefined);
		return this.get();
	}

	/**
	 * Teaches that `wording` (as written in a notice: "Sở Tài chánh") names the agency `agencyId`:
	 * it becomes one of its aliases. Refused (LearnError, nothing stored) when the wording is empty
	 * or too long, the agency is unknown, or the wording already names another agency. Returns
	 * the directory in force and whether anything changed (false when it already named it).
	 */
	learnAlias(agencyId: string, wording: string): { directory: AgencyDirectory; changed: boolean } {
		const text = clean(wording);
		if (!text || text.length > MAX_ALIAS_LENGTH || !/\p{L}/u.test(text))
			throw new LearnError('invalid-input', 'Tên cần ghi nhớ không hợp lệ (trống, quá dài hoặc không có chữ).');
		const dir = this.get();
		const entry = dir.entries.find((e) => e.id === agencyId);
		if (!entry) throw new LearnError('not-found', 'Không có cơ quan này trong danh mục.');
		const key = foldKey(text);
		const owner =
			dir.entries.find((e) => e.id !== entry.id && [e.name, ...(e.aliases ?? []), ...(e.short ?? [])].some((n) => foldKey(clean(n)) === key)) ??
			(() => {
				const r = resolveAgency(text, dir);
				return r && r.id !== entry.id ? r : undefined;
			})();
		if (owner) throw new LearnError('conflict', `“${text}” đã là tên gọi của “${owner.name}” trong danh mục, không thể ghi nhớ cho “${entry.name}”.`);
		if ([entry.name, ...(entry.aliases ?? [])].some((n) => foldKey(clean(n)) === key)) return { directory: dir, changed: false };
		const entries = dir.entries.map((e) => (e.id === entry.id ? { ...e, aliases: [...(e.aliases ?? []), text] } : e));
		return { directory: this.put(entries), changed: true };
	}

	/**
	 * Teaches that a line phrased as `phrasing` is not a task (matching: `extract/learned.ts`).
	 * Refused (LearnError) when it is empty or too long. Returns the directory in force and
	 * whether anything changed (false when an equal phrasing is already known).
	 */
	learnNonTask(phrasing: string): { directory: AgencyDirectory; changed: boolean } {
		const text = clean(phrasing);
		const key = nonTaskKey(text);
		if (!key || !/\p{L}/u.test(key) || text.length > MAX_PHRASING_LENGTH)
			throw new LearnError('invalid-input', 'Câu cần ghi nhớ không hợp lệ (trống, quá dài hoặc không có chữ).');
		const current = this.nonTasks();
		if (current.some((p) => nonTaskKey(p) === key)) return { directory: this.get(), changed: false };
		this.#writePhrasings([...current, text]);
		return { directory: this.get(), changed: true };
	}

	/** Forgets a learned non-task phrasing (compared by its key); true when one was removed. */
	forgetNonTask(phrasing: string): boolean {
		const key = nonTaskKey(phrasing);
		const current = this.nonTasks();
		const next = current.filter((p) => nonTaskKey(p) !== key);
		if (next.length === current.length) return false;
		if (next.length) this.#writePhrasings(next);
		else {
			this.#setSetting('non-task-phrasings', undefined);
		}
		return true;
	}
}
