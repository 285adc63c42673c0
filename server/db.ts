import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A better-sqlite3 handle; every server module that keeps relational state takes one of these. */
export type Db = Database.Database;

/** The data directory or its database cannot be used: the process must not start (the message says why, in Vietnamese). */
export class DataDirError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'DataDirError';
	}
}

/**
 * Tables Kết Luận creates (each module creates its own); a database holding tables but none of
 * these is someone else's. A new module's table belongs here too.
 */
const OWN_TABLES = new Set([
	'api_tokens',
	'doc_snapshots',
	'doc_updates',
	'extensions',
	'notice_members',
	'notice_snapshots',
	'notice_versions',
	'notices',
	'progress_reports',
	'reminders',
	'report_narratives',
	'sessions',
	'settings',
	'task_agencies',
	'task_events',
	'task_import_rows',
	'task_imports',
	'task_occurrences',
	'task_officials',
	'tasks',
	'users'
]);

const SQLITE_HEADER = 'SQLite format 3\0';

/**
 * Opens (creating if needed) the embedded database `ketluan.db` under `dataDir`, in WAL mode.
 * Refuses (DataDirError) rather than start on something it would only fail on later or take for a
 * fresh install (issue 10, low): a data directory it cannot write to, a `ketluan.db` that is empty
 * (0 bytes), not SQLite, or SQLite of another program, and a database that fails
 * `PRAGMA quick_check`.
 */
export function openDatabase(dataDir: string): Db {
	try {
		mkdirSync(dataDir, { recursive: true });
	} catch (e) {
		throw new DataDirError(`Không tạo được thư mục dữ liệu ${dataDir} (${codeOf(e)}). Hãy kiểm tra DATA_DIR.`);
	}
	// SQLite needs to create its -wal and -shm files beside the database: a directory we cannot
	// write to would start and then answer every change with 500.
	const probe = join(dataDir, `.ghi-thu-${process.pid}`);
	try {
		writeFileSync(probe, '');
		rmSync(probe, { force: true });
	} catch (e) {
		throw new DataDirError(
			`Không ghi được vào thư mục dữ liệu ${dataDir} (${codeOf(e)}). Hãy cấp quyền ghi cho tài khoản chạy máy chủ hoặc chọn DATA_DIR khác.`
		);
	}
	const file = join(dataDir, 'ketluan.db');
	const existed = existsSync(file);
	if (existed) checkFile(file);
	let db: Db;
	try {
		db = new Database(file);
	} catch (e) {
		throw new DataDirError(`Không mở được cơ sở dữ liệu ${file} (${codeOf(e)}).`);
	}
	try {
		if (existed) checkContents(db, file);
		// WAL lets readers (list pages) run while the sync server appends; NORMAL is durable in WAL
		// mode across a process crash (kill -9); only an OS crash could lose the last transactions.
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		db.pragma('busy_timeout = 5000');
	} catch (e) {
		db.close();
		if (e instanceof DataDirError) throw e;
		throw new DataDirError(`Cơ sở dữ liệu ${file} không dùng được (${codeOf(e)}). Hãy khôi phục từ bản sao lưu.`);
	}
	return db;
}

/** An existing database file must have SQLite's header: an empty or foreign file is no fresh install. */
function checkFile(file: string): void {
	const size = statSync(file).size;
	if (size === 0)
		throw new DataDirError(
			`Tệp cơ sở dữ liệu ${file} rỗng (0 byte). Máy chủ không khởi động để khỏi coi đây là một cài đặt mới: hãy khôi phục tệp từ bản sao lưu, hoặc xóa nó nếu đúng là cài đặt mới.`
		);
	const header = Buffer.alloc(SQLITE_HEADER.length);
	const fd = openSync(file, 'r');
	try {
		readSync(fd, header, 0, header.length, 0);
	} finally {
		closeSync(fd);
	}
	if (header.toString('latin1') !== SQLITE_HEADER)
		throw new DataDirError(`Tệp ${file} không phải cơ sở dữ liệu SQLite. Máy chủ không khởi động; hãy khôi phục tệp từ bản sao lưu hoặc kiểm tra DATA_DIR.`);
}

/** An existing database must be sound and Kết Luận's own. */
function checkContents(db: Db, file: string): void {
	const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).filter((r) => r !== 'ok');
	if (problems.length > 0)
		throw new DataDirError(
			`Cơ sở dữ liệu ${file} bị hỏng (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). Máy chủ không khởi động; hãy khôi phục từ bản sao lưu.`
		);
	const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[]).map(
		(t) => t.name
	);
	if (tables.length > 0 && !tables.some((t) => OWN_TABLES.has(t)))
		throw new DataDirError(
			`Tệp ${file} là cơ sở dữ liệu của chương trình khác (bảng: ${tables.slice(0, 5).join(', ')}). Máy chủ không khởi động; hãy kiểm tra DATA_DIR.`
		);
}

function codeOf(e: unknown): string {
	const code = (e as { code?: unknown }).code;
	return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}
