import { createHash } from 'node:crypto';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { vnDay } from '#shared/tracker/status';
import { shortDate } from '#shared/format/vnDate';
import { getAppContext } from '$server/context';
import type { User } from '$server/auth/types';
import {
	checkRows,
	IMPORT_FIELDS,
	mappingErrors,
	readTaskSheet,
	type ColumnMapping,
	type ImportCounts,
	type ImportField,
	type ImportRow,
	type SheetColumn
} from '$server/tracker/taskSheet';
import { mappingFor, migrateTaskImport, priorImportOf, priorRows, pseudoNoticeHeader, rememberMapping, writeImport } from '$server/tracker/taskImport';

/** Rows shown in the preview table. */
export const PREVIEW_ROWS = 50;
/** Bad rows listed beyond the table, at most. */
const MORE_ERRORS = 500;

/** One row as the preview shows it. */
export interface PreviewRow {
	row: number;
	action: string;
	lead: string;
	support: string;
	due: string;
	document: string;
	status: string;
	errors: string[];
	remarks: string[];
}

/** What the page shows after reading a file: the sheet, the mapping, the rows as they would be imported. */
export interface ImportPreview {
	fileName: string;
	sheets: string[];
	sheet: string;
	headerRow: number;
	headerGuessed: boolean;
	columns: { index: number; text: string }[];
	fields: { key: ImportField; label: string; required: boolean }[];
	mapping: ColumnMapping;
	remembered: boolean;
	mappingErrors: string[];
	counts: ImportCounts;
	rows: PreviewRow[];
	/** Bad rows after the table's first PREVIEW_ROWS (at most 500). */
	moreErrors: { row: number; errors: string[] }[];
	/** This very file was imported before: said so, and the import is refused. */
	priorFile: string | null;
}

/** An error shown on the page (the file, the sheet or the mapping), nothing stored. */
export class ImportRefused extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = 'ImportRefused';
	}
}

/** The mapping posted by the form (map-<field> = column number, '' for none), or null when none was posted. */
function postedMapping(form: FormData): ColumnMapping | null {
	if (form.get('mapped') !== '1') return null;
	const mapping: ColumnMapping = {};
	for (const f of IMPORT_FIELDS) {
		const v = String(form.get(`map-${f.key}`) ?? '');
		if (/^\d{1,4}$/.test(v) && Number(v) > 0) mapping[f.key] = Number(v);
	}
	return mapping;
}

const columnText = (c: SheetColumn) => `${c.letter}: ${c.label || '(không có tiêu đề)'}`;

/** Reads the posted file with the posted (or remembered, or guessed) mapping and checks every row. */
async function read(form: FormData, today: string) {
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) throw new ImportRefused(400, 'Hãy chọn tệp Excel (.xlsx) của bảng theo dõi.');
	const fileName = file.name.normalize('NFC').replace(/[\\/]/g, '_').slice(0, 200) || 'bang-theo-doi.xlsx';
	const bytes = new Uint8Array(await file.arrayBuffer());
	const sheetName = String(form.get('sheet') ?? '') || undefined;
	const sheet = await readTaskSheet(bytes, sheetName);
	const { db } = getAppContext();
	migrateTaskImport(db);
	const posted = postedMapping(form);
	const { mapping, remembered } = posted ? { mapping: posted, remembered: false } : mappingFor(db, sheet.columns);
	const errors = mappingErrors(sheet, mapping);
	const { directory } = getAppContext();
	const checked = errors.length
		? { rows: [] as ImportRow[], counts: { rows: sheet.rows.length, good: 0, bad: 0, already: 0 } }
		: checkRows(sheet, mapping, { directory: directory.get(), today, prior: priorRows(db) });
	// The file's content (with the sheet and mapping it is read by: another sheet is another import).
	const fileHash = createHash('sha256').update(bytes).update(`\u0000${sheet.sheet}`).digest('hex');
	const prior = priorImportOf(db, fileHash);
	return { fileName, sheet, mapping, remembered, posted, errors, checked, fileHash, prior };
}

const priorText = (p: { fileName: string; at: number; imported: number }) =>
	`Tệp này đã được nhập ngày ${shortDate(vnDay(p.at))} (tệp “${p.fileName}”, ${p.imported} nhiệm vụ): không nhập lại.`;

/** The preview of a posted file; remembers a mapping the person chose that can be used. */
export async function previewImport(form: FormData): Promise<ImportPreview> {
	const now = Date.now();
	const r = await read(form, vnDay(now));
	if (r.posted && !r.errors.length) rememberMapping(getAppContext().db, r.sheet.columns, r.mapping, now);
	const show = (x: ImportRow): PreviewRow => ({
		row: x.row,
		action: x.action.length > 300 ? `${x.action.slice(0, 300)}…` : x.action,
		// A bad row shows its agencies as written: the unknown one is what its error names.
		lead: x.errors.length ? x.leadText : x.lead.join('; '),
		support: x.errors.length ? x.supportText : x.support.join('; '),
		due: x.due ? shortDate(x.due) : x.dueText,
		document: [x.document, x.documentDate ? shortDate(x.documentDate) : ''].filter(Boolean).join(', '),
		status: x.outcome === 'open' ? x.status : `${x.status || 'Hoàn thành'}${x.outcomeOn ? ` (${shortDate(x.outcomeOn)})` : ''}`,
		errors: x.errors,
		remarks: x.remarks
	});
	return {
		fileName: r.fileName,
		sheets: r.sheet.sheets,
		sheet: r.sheet.sheet,
		headerRow: r.sheet.headerRow,
		headerGuessed: r.sheet.headerGuessed,
		columns: r.sheet.columns.map((c) => ({ index: c.index, text: columnText(c) })),
		fields: IMPORT_FIELDS.map((f) => ({ key: f.key, label: f.label, required: f.required })),
		mapping: r.mapping,
		remembered: r.remembered,
		mappingErrors: r.errors,
		counts: r.checked.counts,
		rows: r.checked.rows.slice(0, PREVIEW_ROWS).map(show),
		moreErrors: r.checked.rows
			.slice(PREVIEW_ROWS)
			.filter((x) => x.errors.length)
			.slice(0, MORE_ERRORS)
			.map((x) => ({ row: x.row, errors: x.errors })),
		priorFile: r.prior ? priorText(r.prior) : null
	};
}

/** Imports run one at a time: two of the same file never both pass the check. */
let running: Promise<unknown> = Promise.resolve();

/**
 * Imports the good rows of a posted file under a new pseudo-notice (issued, source 'migrated'):
 * its doc and row are made as any notice's, frozen as an issued one, then every task is stored in
 * one transaction. Refuses (ImportRefused) a bad mapping, a file imported before, or a file with
 * no good row; nothing is stored then.
 */
export function importTasks(user: User, form: FormData): Promise<{ noticeId: string; imported: number; skipped: number; title: string }> {
	const run = running.then(() => importNow(user, form));
	running = run.catch(() => {
		/* the caller gets the error; the next import runs */
	});
	return run;
}

async function importNow(user: User, form: FormData) {
	const now = Date.now();
	const today = vnDay(now);
	const r = await read(form, today);
	if (r.errors.length) throw new ImportRefused(400, r.errors.join(' '));
	if (r.prior) throw new ImportRefused(409, priorText(r.prior));
	const good = r.checked.rows.filter((x) => !x.errors.length);
	if (!good.length)
		throw new ImportRefused(
			r.checked.counts.already ? 409 : 400,
			r.checked.counts.already
				? 'Mọi nhiệm vụ của tệp đã được nhập trước đây: không có gì để nhập.'
				: 'Không có dòng hợp lệ để nhập: hãy sửa các dòng lỗi trong tệp.'
		);
	const ctx = getAppContext();
	rememberMapping(ctx.db, r.sheet.columns, r.mapping, now);
	const header = pseudoNoticeHeader(good, r.fileName, today);
	const noticeId = await ctx.notices.create(user, header);
	ctx.sync.setFrozen(noticeId, true);
	try {
		const doc = await ctx.sync.updateDoc(noticeId, (d) => new NoticeDoc(d).writeMeta({ ...header, state: 'issued' }, 'tracker'));
		ctx.notices.project(noticeId, doc);
		writeImport(ctx.db, {
			noticeId,
			header,
			fileName: r.fileName,
			fileHash: r.fileHash,
			sheet: r.sheet.sheet,
			rows: good,
			skipped: r.checked.rows.length - good.length,
			user,
			now
		});
	} catch (e) {
		// Nothing of the import is kept: the empty notice goes with it.
		ctx.db.prepare(`DELETE FROM notices WHERE id = ? AND NOT EXISTS (SELECT 1 FROM tasks WHERE notice_id = ?)`).run(noticeId, noticeId);
		ctx.sync.setFrozen(noticeId, false);
		if (e instanceof Error && e.name === 'DuplicateImportError') throw new ImportRefused(409, e.message);
		throw e;
	}
	return { noticeId, imported: good.length, skipped: r.checked.rows.length - good.length, title: header.title };
}
