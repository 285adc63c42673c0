/**
 * Storing an imported task sheet (issue 9 [7], /tasks/import): the good rows of
 * server/tracker/taskSheet.ts become official tasks of source 'migrated' under one pseudo-notice
 * per import, written as TrackerService writes a task added after issue — the tasks row, its
 * task_agencies and task_search rows — so the list, its filters and search, agency views and
 * reports see them. Each row's content hash is kept (task_import_rows), so the same task is never
 * imported twice, and each file's (task_imports), so the same file is refused with a message.
 */
import { randomUUID } from 'node:crypto';
import type { Deadline } from '#shared/extract/types';
import { foldVietnamese } from '#shared/text/fold';
import { shortDate } from '#shared/format/vnDate';
import { MIGRATED_SOURCE } from '#shared/tracker/sourceTypes';
import type { IsoDay } from '#shared/tracker/status';
import type { Db } from '../db';
import type { User } from '../auth/types';
import { ensureSettings, readSetting, writeSetting } from '../settings';
import { migrateTracker } from './schema';
import {
	guessMapping,
	layoutKey,
	mappingByName,
	mappingFromNames,
	type ColumnMapping,
	type ImportField,
	type ImportRow,
	type PriorRow,
	type SheetColumn
} from './taskSheet';

/** Ids of imported tasks start so: they have no line in their notice's text. */
export const IMPORTED_TASK_PREFIX = 'ct-';

/** True for a task carried over from an old tracking sheet. */
export function isImportedTask(taskId: string): boolean {
	return taskId.startsWith(IMPORTED_TASK_PREFIX);
}

/** The history entry of an imported task, and its label. */
export const IMPORTED_EVENT = 'imported';
export const IMPORTED_EVENT_LABEL = 'Chuyển từ bảng theo dõi cũ';

/** The settings row of the remembered mappings (by sheet layout). */
const MAPPINGS_KEY = 'task-import-mappings';
/** Layouts remembered at most (the newest kept). */
const MAX_LAYOUTS = 20;

/** Creates the import's tables when missing. */
export function migrateTaskImport(db: Db): void {
	migrateTracker(db);
	ensureSettings(db);
	db.exec(`
		CREATE TABLE IF NOT EXISTS task_imports (
			id TEXT PRIMARY KEY,
			file_name TEXT NOT NULL,
			file_hash TEXT NOT NULL UNIQUE,
			sheet TEXT NOT NULL,
			notice_id TEXT NOT NULL,
			at INTEGER NOT NULL,
			by_id TEXT NOT NULL,
			by_name TEXT NOT NULL,
			imported INTEGER NOT NULL,
			skipped INTEGER NOT NULL
		);
		CREATE TABLE IF NOT EXISTS task_import_rows (
			hash TEXT PRIMARY KEY,
			import_id TEXT NOT NULL,
			notice_id TEXT NOT NULL,
			task_id TEXT NOT NULL,
			row INTEGER NOT NULL
		);
	`);
}

/** The earlier import of the file with this content, if any. */
export function priorImportOf(db: Db, fileHash: string): { fileName: string; at: number; imported: number; noticeId: string } | undefined {
	return db.prepare(`SELECT file_name AS fileName, at, imported, notice_id AS noticeId FROM task_imports WHERE file_hash = ?`).get(fileHash) as
		{ fileName: string; at: number; imported: number; noticeId: string } | undefined;
}

/** Where each row content was imported before: a lookup for checkRows. */
export function priorRows(db: Db): (hash: string) => PriorRow | undefined {
	const stmt = db.prepare(`SELECT i.file_name AS fileName, r.row FROM task_import_rows r JOIN task_imports i ON i.id = r.import_id WHERE r.hash = ?`);
	return (hash) => stmt.get(hash) as PriorRow | undefined;
}

type Remembered = Record<string, { at: number; names: Partial<Record<ImportField, string>> }>;

function remembered(db: Db): Remembered {
	try {
		const v = JSON.parse(readSetting(db, MAPPINGS_KEY) ?? '{}') as unknown;
		return v && typeof v === 'object' ? (v as Remembered) : {};
	} catch {
		return {};
	}
}

/** The mapping for a sheet of these columns: the one remembered for its layout, else guessed from its headers. */
export function mappingFor(db: Db, columns: readonly SheetColumn[]): { mapping: ColumnMapping; remembered: boolean } {
	const kept = remembered(db)[layoutKey(columns)];
	if (kept) return { mapping: mappingFromNames(columns, kept.names), remembered: true };
	return { mapping: guessMapping(columns), remembered: false };
}

/** Remembers the mapping chosen for this layout (the office's, for every next import of the same layout). */
export function rememberMapping(db: Db, columns: readonly SheetColumn[], mapping: ColumnMapping, now: number): void {
	const all = remembered(db);
	all[layoutKey(columns)] = { at: now, names: mappingByName(columns, mapping) };
	const newest = Object.entries(all)
		.sort((a, b) => b[1].at - a[1].at)
		.slice(0, MAX_LAYOUTS);
	writeSetting(db, MAPPINGS_KEY, JSON.stringify(Object.fromEntries(newest)));
}

/** The pseudo-notice's header: number and date when every row shares them, else the import's date. */
export function pseudoNoticeHeader(
	rows: readonly ImportRow[],
	fileName: string,
	today: IsoDay
): { title: string; number: string; symbol: string; date: IsoDay } {
	const title = `Nhiệm vụ chuyển từ bảng theo dõi (${fileName}, ${shortDate(today)})`;
	const docs = new Set(rows.map((r) => r.document));
	const dates = new Set(rows.map((r) => r.documentDate));
	const one = docs.size === 1 ? /^(\d{1,6})\s*\/\s*([\p{Lu}\d]+(?:-[\p{Lu}\d]+)*)$/u.exec([...docs][0]!) : null;
	const date = dates.size === 1 && [...dates][0] ? [...dates][0]! : today;
	return { title, number: one ? String(Number(one[1])) : '', symbol: one ? one[2]! : '', date };
}

/** What one import stores. */
export interface ImportWrite {
	noticeId: string;
	/** The pseudo-notice's header (see pseudoNoticeHeader). */
	header: { title: string; number: string; symbol: string; date: IsoDay };
	fileName: string;
	fileHash: string;
	sheet: string;
	/** The good rows only. */
	rows: readonly ImportRow[];
	/** How many rows were skipped (for the import's record). */
	skipped: number;
	user: User;
	now: number;
}

/** A second import of the same file or task (between the check and the write): nothing was stored. */
export class DuplicateImportError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DuplicateImportError';
	}
}

/**
 * Stores one import in one transaction: the pseudo-notice issued under source 'migrated', every
 * good row as an official task with its agencies, search row and an 'imported' history entry.
 * The notice row must exist (with its doc). Throws DuplicateImportError, storing nothing, when the
 * file or one of the rows was imported meanwhile. Returns the new tasks' ids.
 */
export function writeImport(db: Db, w: ImportWrite): string[] {
	const ids: string[] = [];
	const importId = randomUUID();
	const insertTask = db.prepare(
		`INSERT INTO tasks (notice_id, task_id, block_id, ord, state, lead_json, support_json, officials_json, agencies_folded, search_folded, action,
		   deadline_json, deadline_from, deadline_to, due_original, due_working, corrected, updated_at, source_type, issued_at, notice_date,
		   reported_done_on, completed_on, cancelled_on, cancel_reason, progress_percent)
		 VALUES (@notice, @task, '', @ord, 'official', @lead, @support, '[]', @folded, @search, @action,
		   @deadline, @due, @due, @due, @due, 0, @now, @source, @now, @noticeDate, @reported, @completed, @cancelled, @cancelReason, @percent)
		 RETURNING rowid`
	);
	const addAgency = db.prepare(`INSERT OR IGNORE INTO task_agencies (notice_id, task_id, role, agency, agency_folded) VALUES (?, ?, ?, ?, ?)`);
	const addSearch = db.prepare(`INSERT INTO task_search (rowid, notice_id, task_id, text) VALUES (?, ?, ?, ?)`);
	const addEvent = db.prepare(`INSERT INTO task_events (notice_id, task_id, at, actor_id, actor_name, kind, text, data_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
	const addRow = db.prepare(`INSERT INTO task_import_rows (hash, import_id, notice_id, task_id, row) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
	db.transaction(() => {
		const { changes } = db
			.prepare(
				`INSERT INTO task_imports (id, file_name, file_hash, sheet, notice_id, at, by_id, by_name, imported, skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
			)
			.run(importId, w.fileName, w.fileHash, w.sheet, w.noticeId, w.now, w.user.id, w.user.displayName, w.rows.length, w.skipped);
		if (!changes) throw new DuplicateImportError(`Tệp “${w.fileName}” vừa được nhập: không nhập lại.`);
		db.prepare(
			`UPDATE notices SET state = 'issued', title = ?, number = ?, symbol = ?, date = ?, source_type = ?, issued_at = ?, issued_by = ?, updated_at = ? WHERE id = ?`
		).run(w.header.title, w.header.number, w.header.symbol, w.header.date, MIGRATED_SOURCE, w.now, w.user.id, w.now, w.noticeId);
		w.rows.forEach((r, ord) => {
			const taskId = `${IMPORTED_TASK_PREFIX}${randomUUID()}`;
			const deadline: Deadline | null = r.due
				? { kind: 'date', date: r.due, inclusive: true, text: r.dueText || shortDate(r.due), span: { start: 0, end: 0 } }
				: null;
			const folded = foldVietnamese([...r.lead, ...r.support].join(' | '));
			// Search finds an imported task by its text and by the document that assigned it.
			const search = foldVietnamese(`${r.action.slice(0, 400)} ${r.document}`);
			const { rowid } = insertTask.get({
				notice: w.noticeId,
				task: taskId,
				ord,
				lead: JSON.stringify(r.lead),
				support: JSON.stringify(r.support),
				folded,
				search,
				action: r.action,
				deadline: deadline && JSON.stringify(deadline),
				due: r.due,
				now: w.now,
				source: MIGRATED_SOURCE,
				noticeDate: r.documentDate ?? w.header.date,
				reported: r.outcome === 'done' || r.outcome === 'reported' ? r.outcomeOn : null,
				completed: r.outcome === 'done' ? r.outcomeOn : null,
				cancelled: r.outcome === 'cancelled' ? r.outcomeOn : null,
				cancelReason: r.outcome === 'cancelled' ? `Theo bảng theo dõi cũ: ${r.status}` : null,
				percent: r.outcome === 'done' ? 100 : 0
			}) as { rowid: number };
			for (const a of r.lead) addAgency.run(w.noticeId, taskId, 'lead', a, foldVietnamese(a));
			for (const a of r.support) addAgency.run(w.noticeId, taskId, 'support', a, foldVietnamese(a));
			addSearch.run(rowid, w.noticeId, taskId, `${folded} ${search}`);
			const parts = [`Tệp “${w.fileName}”, trang “${w.sheet}”, dòng ${r.row}`];
			if (r.document) parts.push(`văn bản giao ${r.document}${r.documentDate ? ` ngày ${shortDate(r.documentDate)}` : ''}`);
			else if (r.documentDate) parts.push(`ngày văn bản ${shortDate(r.documentDate)}`);
			if (r.status) parts.push(`trạng thái “${r.status}”`);
			let text = parts.join('; ');
			if (r.note) text += `. Ghi chú: ${r.note}`;
			if (r.remarks.length) text += `. ${r.remarks.join(' ')}`;
			addEvent.run(
				w.noticeId,
				taskId,
				w.now,
				w.user.id,
				w.user.displayName,
				IMPORTED_EVENT,
				text,
				JSON.stringify({ file: w.fileName, sheet: w.sheet, row: r.row, document: r.document, documentDate: r.documentDate, status: r.status, note: r.note })
			);
			if (!addRow.run(r.hash, importId, w.noticeId, taskId, r.row).changes)
				throw new DuplicateImportError(`Nhiệm vụ ở dòng ${r.row} vừa được nhập từ một tệp khác: không nhập lại.`);
			ids.push(taskId);
		});
	})();
	return ids;
}
