/**
 * "Nhập văn bản": a .docx or a plain text (a .txt file, or text pasted from a PDF) becomes a new
 * draft notice. The file is checked (size, kind, readability) before anything is stored, so a
 * refused file creates nothing; the new notice's tasks are projected at once.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { NoticeDoc, defaultMeta } from '#shared/doc/noticeDoc';
import type { User } from '../auth/types';
import { newId, type NoticeRegistry } from '../notices/NoticeRegistry';
import { vnToday } from '#shared/tracker/status';
import type { TaskStore } from '../tasks/TaskStore';
import { docxLines } from './readDocx';
import { textLines } from './readText';
import { recogniseNotice } from './recognise';
import { ImportError, MAX_DOCX_BYTES, MAX_TEXT_BYTES, type ImportedNotice } from './types';

const MB = 1024 * 1024;

/** What an import needs from the host: the registry that stores the notice and the task projection. */
export interface ImportDeps {
	notices: Pick<NoticeRegistry, 'createFromDoc' | 'project' | 'findIssued'>;
	tasks: Pick<TaskStore, 'project'>;
}

/** Reads an uploaded file (.docx, or UTF-8 text whatever its name) into a notice; throws ImportError. */
export async function readNoticeFile(name: string, bytes: Uint8Array): Promise<ImportedNotice> {
	if (bytes.byteLength === 0) throw new ImportError('empty', `Tệp "${name}" rỗng.`);
	const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
	const lower = name.toLowerCase();
	if (zip || lower.endsWith('.docx')) {
		if (bytes.byteLength > MAX_DOCX_BYTES)
			throw new ImportError('too-large', `Tệp .docx lớn hơn ${MAX_DOCX_BYTES / MB} MB (${(bytes.byteLength / MB).toFixed(1)} MB), không nhập được.`);
		if (!zip) throw new ImportError('corrupt', `Tệp "${name}" không phải văn bản Word (.docx) hợp lệ: tệp bị hỏng hoặc chỉ đổi tên đuôi.`);
		return finish(recogniseNotice(await docxLines(bytes)));
	}
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
		throw new ImportError('unsupported', 'Tệp .doc (Word 97–2003) chưa được hỗ trợ. Hãy mở bằng Word và lưu lại dưới dạng .docx.');
	if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)
		throw new ImportError('unsupported', 'Không nhập trực tiếp được tệp PDF. Hãy mở PDF, chọn toàn bộ văn bản, sao chép rồi dán vào ô "Dán văn bản".');
	if (bytes.byteLength > MAX_TEXT_BYTES)
		throw new ImportError('too-large', `Văn bản lớn hơn ${MAX_TEXT_BYTES / MB} MB (${(bytes.byteLength / MB).toFixed(1)} MB), không nhập được.`);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		// Not UTF-8: a binary file or text in an old Vietnamese encoding (TCVN3, VNI).
		throw new ImportError('unsupported', `Tệp "${name}" không phải .docx hay văn bản Unicode (UTF-8). Hãy lưu lại thành .docx hoặc .txt (UTF-8).`);
	}
	// eslint-disable-next-line no-control-regex -- control characters are exactly what marks a binary file
	if (/[\u0000-\u0008\u000e-\u001f]/u.test(text)) throw new ImportError('unsupported', `Tệp "${name}" không phải .docx hay văn bản thuần.`);
	return readNoticeText(text);
}

/** Reads pasted text into a notice; throws ImportError. */
export function readNoticeText(text: string): ImportedNotice {
	if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) throw new ImportError('too-large', `Văn bản lớn hơn ${MAX_TEXT_BYTES / MB} MB, không nhập được.`);
	if (!/\p{L}/u.test(text)) throw new ImportError('empty', 'Chưa có văn bản để nhập.');
	return finish(recogniseNotice(textLines(text)));
}

function finish(imported: ImportedNotice): ImportedNotice {
	if (!imported.body.length) throw new ImportError('no-content', 'Không tìm thấy nội dung thông báo trong tệp (chỉ có phần đầu hoặc trống).');
	return imported;
}

/** The Y.Doc of an imported notice: defaults of a new notice, the recognised header, the body. */
export function buildNoticeDoc(imported: ImportedNotice, today = vnToday()): Y.Doc {
	const ydoc = new Y.Doc();
	const notice = new NoticeDoc(ydoc);
	const base = defaultMeta(today);
	// An imported draft keeps its own (blank) date rather than today's: the clerk dates it when it is issued.
	notice.writeMeta({ ...base, date: '', meetingDate: '', ...imported.meta, state: 'draft' });
	notice.setBody(imported.body, newId);
	return ydoc;
}

/** Stores an imported notice for `user` and projects its header and tasks at once; returns its id. */
export async function createImportedNotice(deps: ImportDeps, user: User, imported: ImportedNotice): Promise<string> {
	// Importing an issued notice again must not make a second notice and a second copy of its tasks.
	const { number, symbol, date } = imported.meta;
	const issued = number && symbol && date ? deps.notices.findIssued(symbol, number, date.slice(0, 4)) : undefined;
	if (issued)
		throw new ImportError(
			'duplicate',
			`Thông báo số ${number}/${symbol} năm ${date!.slice(0, 4)} đã được ban hành trong hệ thống (“${issued.title || 'không tiêu đề'}”, /notices/${issued.id}): không tạo bản mới.`
		);
	const ydoc = buildNoticeDoc(imported);
	try {
		const id = await deps.notices.createFromDoc(user, ydoc);
		deps.notices.project(id, ydoc);
		deps.tasks.project(id, ydoc);
		return id;
	} finally {
		ydoc.destroy();
	}
}

/** Reads a file and stores it as a new notice; a refused file throws ImportError and stores nothing. */
export async function importNoticeFile(deps: ImportDeps, user: User, name: string, bytes: Uint8Array): Promise<{ id: string; imported: ImportedNotice }> {
	const imported = await readNoticeFile(name, bytes);
	return { id: await createImportedNotice(deps, user, imported), imported };
}

/** Where the sample notices are: SEEDS_DIR, else ../shared/seeds beside the app's directory. */
export function seedsDir(env: NodeJS.ProcessEnv = process.env): string {
	return env.SEEDS_DIR ? path.resolve(env.SEEDS_DIR) : path.resolve(process.cwd(), '..', 'shared', 'seeds');
}

/**
 * Imports every .txt notice of `dir` (sorted by name) for `user`. A missing folder imports nothing
 * and says so (`found: false`); a file that cannot be read stops the import with its ImportError.
 */
/** The sample notices in `dir` (.txt files that are a Thông báo; the folder also holds a report). */
export function seedNoticeFiles(dir = seedsDir()): string[] {
	let names: string[];
	try {
		names = readdirSync(dir)
			.filter((n) => n.toLowerCase().endsWith('.txt'))
			.sort();
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
		throw e;
	}
	return names.filter((n) => /^\s*(?:\*\*)?THÔNG BÁO\b/mu.test(readFileSync(path.join(dir, n), 'utf8').normalize('NFC')));
}

/** Imports the sample notices of `dir`; `found` is false when the folder does not exist. */
export async function importSeedNotices(deps: ImportDeps, user: User, dir = seedsDir()): Promise<{ found: boolean; ids: string[] }> {
	if (!existsSync(dir)) return { found: false, ids: [] };
	const ids: string[] = [];
	for (const name of seedNoticeFiles(dir)) ids.push((await importNoticeFile(deps, user, name, await readFile(path.join(dir, name)))).id);
	return { found: true, ids };
}
