/**
 * Reading an existing task sheet (.xlsx) for import as official tasks (issue 9 [7], /tasks/import):
 * the sheet's header row and columns, a mapping of the import's fields onto them (guessed from the
 * header names without diacritics, or remembered for the same layout), and every data row checked
 * — text present, agencies the directory knows, dates that are dates, no row twice. Nothing here
 * writes: server/tracker/taskImport.ts stores what is good.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { resolveAgency } from '#shared/agencies/matcher';
import type { AgencyDirectory } from '#shared/agencies/types';
import { foldVietnamese } from '#shared/text/fold';
import { shortDate } from '#shared/format/vnDate';
import type { IsoDay } from '#shared/tracker/status';

/** The largest workbook read (the office's sheets are a few hundred kB). */
export const MAX_SHEET_BYTES = 10 * 1024 * 1024;
/** At most this many data rows in one import. */
export const MAX_SHEET_ROWS = 5000;
/** The header is looked for in this many first rows. */
const HEADER_SEARCH_ROWS = 30;
/** The longest task text kept (as a task added after issue). */
const MAX_ACTION = 4000;

/** The fields an import fills, in the mapping form's order. */
export const IMPORT_FIELDS = [
	{ key: 'action', label: 'Nội dung nhiệm vụ', required: true },
	{ key: 'lead', label: 'Cơ quan chủ trì', required: true },
	{ key: 'support', label: 'Cơ quan phối hợp', required: false },
	{ key: 'due', label: 'Thời hạn', required: false },
	{ key: 'document', label: 'Số thông báo / Văn bản giao', required: false },
	{ key: 'documentDate', label: 'Ngày văn bản', required: false },
	{ key: 'status', label: 'Trạng thái', required: false },
	{ key: 'completedOn', label: 'Ngày hoàn thành', required: false },
	{ key: 'note', label: 'Ghi chú', required: false }
] as const;

/** One of the import's fields. */
export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];

/** Which column (1-based, as Excel counts: A = 1) each field is read from; a field left out is not read. */
export type ColumnMapping = Partial<Record<ImportField, number>>;

/** A column of the sheet, by its header. */
export interface SheetColumn {
	index: number;
	/** Excel's letter of the column (A, B, … AA). */
	letter: string;
	/** The header's text ('' when the header cell is empty). */
	label: string;
}

/** A cell's value as the import reads it. */
export type CellValue = string | number | boolean | Date | null;

/** The sheet read: where its header is, its columns and its data rows (cells by column). */
export interface TaskSheet {
	/** Names of every sheet of the workbook, in order. */
	sheets: string[];
	sheet: string;
	/** Row number (1-based) of the header. */
	headerRow: number;
	/** True when no row looked like a header and the first non-empty one is used. */
	headerGuessed: boolean;
	columns: SheetColumn[];
	rows: { row: number; cells: Record<number, CellValue> }[];
}

/** A workbook that cannot be read, with a Vietnamese message. */
export class SheetError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SheetError';
	}
}

/** True for a SheetError (by name: the SvelteKit bundle has its own copy of this class). */
export function isSheetError(e: unknown): e is SheetError {
	return e instanceof Error && e.name === 'SheetError';
}

/** Excel's column letter of a 1-based column number. */
export function columnLetter(n: number): string {
	let s = '';
	for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
	return s;
}

/** A cell value reduced to text, number, boolean or date (rich text joined, a formula's result). */
function plain(v: ExcelJS.CellValue): CellValue {
	if (v === null || v === undefined) return null;
	if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
	if (typeof v === 'object') {
		if ('richText' in v) return v.richText.map((t) => t.text).join('');
		if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
		if ('text' in v) return plain((v as { text: ExcelJS.CellValue }).text);
	}
	return null;
}

/** The text of a cell, whitespace tidied ('' for an empty one). */
export function cellText(v: CellValue): string {
	if (v === null) return '';
	if (v instanceof Date) return shortDate(excelDay(v));
	return String(v)
		.normalize('NFC')
		.replace(/[ \t\u00a0]+/g, ' ')
		.replace(/ *\r?\n */g, '\n')
		.trim();
}

/** The day of an Excel date cell (stored as UTC midnight; rounded, so 23:59:59.999 is the next day). */
function excelDay(d: Date): IsoDay {
	return new Date(Math.round(d.getTime() / 60_000) * 60_000).toISOString().slice(0, 10);
}

/** A header's words for matching: folded, punctuation as spaces. */
function headerKey(label: string): string {
	return foldVietnamese(label)
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Header names each field is guessed from, folded (most specific first does not matter: scores do). */
const GUESSES: Record<ImportField, string[]> = {
	action: [
		'noi dung nhiem vu',
		'nhiem vu',
		'noi dung',
		'noi dung cong viec',
		'cong viec',
		'noi dung ket luan',
		'noi dung chi dao',
		'ten nhiem vu',
		'nhiem vu duoc giao'
	],
	lead: [
		'co quan chu tri',
		'chu tri',
		'don vi chu tri',
		'co quan don vi chu tri',
		'co quan thuc hien',
		'don vi thuc hien',
		'co quan duoc giao',
		'don vi duoc giao',
		'co quan chu tri thuc hien'
	],
	support: ['co quan phoi hop', 'phoi hop', 'don vi phoi hop', 'co quan don vi phoi hop'],
	due: ['thoi han', 'han', 'thoi han hoan thanh', 'han hoan thanh', 'thoi gian hoan thanh', 'han xu ly', 'thoi han thuc hien'],
	document: ['so thong bao', 'so van ban', 'van ban giao', 'so ky hieu', 'so ky hieu van ban', 'van ban', 'so tb', 'thong bao so', 'van ban giao nhiem vu'],
	documentDate: ['ngay van ban', 'ngay thong bao', 'ngay ban hanh', 'ngay giao', 'ngay ky', 'ngay ban hanh van ban'],
	status: ['trang thai', 'tinh trang', 'ket qua thuc hien', 'ket qua', 'tinh hinh thuc hien'],
	completedOn: ['ngay hoan thanh', 'hoan thanh ngay', 'ngay hoan thanh thuc te'],
	note: ['ghi chu']
};

/** How well a header names a field: exact name > name at the start > name among its words; 0 for no match. */
function guessScore(field: ImportField, label: string): number {
	const key = headerKey(label);
	if (!key) return 0;
	let best = 0;
	for (const g of GUESSES[field]) {
		if (key === g) best = Math.max(best, 1000 + g.length);
		else if (key.startsWith(g + ' ')) best = Math.max(best, 500 + g.length);
		else if (` ${key} `.includes(` ${g} `)) best = Math.max(best, g.length);
	}
	return best;
}

/** The mapping guessed from the headers: best matches first, each field and each column used once. */
export function guessMapping(columns: readonly SheetColumn[]): ColumnMapping {
	const candidates: { field: ImportField; index: number; score: number }[] = [];
	for (const { key } of IMPORT_FIELDS)
		for (const c of columns) {
			const score = guessScore(key, c.label);
			if (score > 0) candidates.push({ field: key, index: c.index, score });
		}
	candidates.sort((a, b) => b.score - a.score || a.index - b.index);
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	for (const c of candidates) {
		if (mapping[c.field] !== undefined || used.has(c.index)) continue;
		mapping[c.field] = c.index;
		used.add(c.index);
	}
	return mapping;
}

/** A layout's signature: its headers, folded, in order (the key a remembered mapping is kept under). */
export function layoutKey(columns: readonly SheetColumn[]): string {
	return columns.map((c) => `${c.letter}=${headerKey(c.label)}`).join('|');
}

/** A mapping as header names (to remember it), and back onto the columns of a sheet of the same layout. */
export function mappingByName(columns: readonly SheetColumn[], mapping: ColumnMapping): Partial<Record<ImportField, string>> {
	const out: Partial<Record<ImportField, string>> = {};
	for (const [field, index] of Object.entries(mapping) as [ImportField, number][]) {
		const c = columns.find((col) => col.index === index);
		if (c) out[field] = `${c.letter}=${headerKey(c.label)}`;
	}
	return out;
}

/** {@link mappingByName} undone: the columns of `columns` the remembered names point at. */
export function mappingFromNames(columns: readonly SheetColumn[], names: Partial<Record<ImportField, string>>): ColumnMapping {
	const out: ColumnMapping = {};
	for (const { key } of IMPORT_FIELDS) {
		const c = names[key] && columns.find((col) => `${col.letter}=${headerKey(col.label)}` === names[key]);
		if (c) out[key] = c.index;
	}
	return out;
}

/** True for a row of column numbers under a header ("1 | 2 | 3" or "(1) | (2)"): not a task. */
function isNumberingRow(cells: Record<number, CellValue>): boolean {
	const texts = Object.values(cells)
		.map(cellText)
		.filter((t) => t !== '');
	return texts.length >= 2 && texts.every((t) => /^\(?\d{1,2}\)?$/.test(t));
}

/**
 * Reads the workbook's sheet `sheetName` (the first when not given): its header row — the one of
 * the first 30 whose cells name the most fields (the lower of two equal ones, for a two-line
 * header) — its columns and its data rows (empty and numbering rows left out). Throws SheetError.
 */
export async function readTaskSheet(bytes: Uint8Array, sheetName?: string): Promise<TaskSheet> {
	if (bytes.length === 0) throw new SheetError('Tệp trống: hãy chọn một tệp Excel (.xlsx).');
	if (bytes.length > MAX_SHEET_BYTES) throw new SheetError(`Tệp lớn hơn ${MAX_SHEET_BYTES / 1048576} MB, không nhập được.`);
	if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
		throw new SheetError('Đây là tệp Excel cũ (.xls): hãy mở bằng Excel và lưu lại dưới dạng .xlsx (Excel Workbook) rồi nhập lại.');
	if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new SheetError('Tệp không phải bảng tính Excel (.xlsx).');
	const wb = new ExcelJS.Workbook();
	try {
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
	} catch {
		throw new SheetError('Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx.');
	}
	const sheets = wb.worksheets.map((w) => w.name);
	if (!sheets.length) throw new SheetError('Tệp Excel không có trang tính nào.');
	const ws = sheetName ? wb.worksheets.find((w) => w.name === sheetName) : wb.worksheets[0];
	if (!ws) throw new SheetError(`Tệp không có trang tính “${sheetName}”.`);

	const all: { row: number; cells: Record<number, CellValue> }[] = [];
	ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: Record<number, CellValue> = {};
		row.eachCell({ includeEmpty: false }, (cell, col) => {
			const v = plain(cell.value);
			if (v !== null && cellText(v) !== '') cells[col] = v;
		});
		if (Object.keys(cells).length) all.push({ row: rowNumber, cells });
	});
	if (!all.length) throw new SheetError(`Trang tính “${ws.name}” trống.`);

	let header = all[0]!;
	let bestScore = 0;
	for (const r of all.filter((x) => x.row <= HEADER_SEARCH_ROWS)) {
		const cols = Object.entries(r.cells).map(([i, v]) => ({ index: Number(i), letter: '', label: cellText(v) }));
		const score = Object.keys(guessMapping(cols)).length;
		if (score >= 2 && score >= bestScore) {
			header = r;
			bestScore = score;
		}
	}
	const width = Math.max(...all.map((r) => Math.max(...Object.keys(r.cells).map(Number))));
	const columns: SheetColumn[] = [];
	for (let i = 1; i <= width; i++) {
		const label = header.cells[i] === undefined ? '' : cellText(header.cells[i]!).replace(/\n/g, ' ');
		// A column without a header is offered only when some row below has something in it.
		if (label || all.some((r) => r.row > header.row && r.cells[i] !== undefined)) columns.push({ index: i, letter: columnLetter(i), label });
	}
	const rows = all.filter((r) => r.row > header.row && !isNumberingRow(r.cells));
	if (rows.length > MAX_SHEET_ROWS)
		throw new SheetError(`Trang tính có ${rows.length} dòng, nhiều hơn ${MAX_SHEET_ROWS} dòng một lần nhập: hãy chia thành nhiều tệp.`);
	return { sheets, sheet: ws.name, headerRow: header.row, headerGuessed: bestScore < 2, columns, rows };
}

/** Problems of a mapping itself (before any row is read), in Vietnamese; none when it can be used. */
export function mappingErrors(sheet: Pick<TaskSheet, 'columns'>, mapping: ColumnMapping): string[] {
	const errors: string[] = [];
	const label = (k: ImportField) => IMPORT_FIELDS.find((f) => f.key === k)!.label;
	for (const f of IMPORT_FIELDS) if (f.required && mapping[f.key] === undefined) errors.push(`Hãy chọn cột cho “${f.label}”.`);
	const byColumn = new Map<number, ImportField[]>();
	for (const [field, index] of Object.entries(mapping) as [ImportField, number][]) {
		if (!sheet.columns.some((c) => c.index === index)) errors.push(`Cột đã chọn cho “${label(field)}” không có trong trang tính.`);
		byColumn.set(index, [...(byColumn.get(index) ?? []), field]);
	}
	for (const [index, fields] of byColumn)
		if (fields.length > 1) errors.push(`Cột ${columnLetter(index)} được chọn cho nhiều mục: ${fields.map((f) => `“${label(f)}”`).join(', ')}.`);
	return errors;
}

/** What becomes of an imported task: still open, done, reported done (awaiting confirmation) or withdrawn. */
export type ImportOutcome = 'open' | 'done' | 'reported' | 'cancelled';

/** One data row as it would be imported, with its problems (a row with any is skipped). */
export interface ImportRow {
	/** Row number in the sheet (1-based). */
	row: number;
	action: string;
	lead: string[];
	support: string[];
	/** The agency cells as written (shown for a bad row, whose names may not all be known). */
	leadText: string;
	supportText: string;
	due: IsoDay | null;
	/** The due cell as written (for the deadline's text). */
	dueText: string;
	document: string;
	documentDate: IsoDay | null;
	status: string;
	outcome: ImportOutcome;
	/** The completion day (outcome 'done'), the day reported ('reported') or withdrawn ('cancelled'). */
	outcomeOn: IsoDay | null;
	note: string;
	/** Remarks that do not stop the import (a completion day assumed …). */
	remarks: string[];
	/** Identifies the row's content across files: the same task imported again is found by it. */
	hash: string;
	errors: string[];
}

/** Where a row's content was imported before (from the `task_import_rows` table). */
export interface PriorRow {
	fileName: string;
	row: number;
}

/** What checking the rows needs besides the sheet. */
export interface CheckContext {
	directory: AgencyDirectory;
	/** Today in Hà Nội: completion and document days after it are refused. */
	today: IsoDay;
	/** Where content was imported before, if it was. */
	prior?: (hash: string) => PriorRow | undefined;
}

/** Counts over every row read. */
export interface ImportCounts {
	rows: number;
	good: number;
	bad: number;
	/** Of the bad ones, those imported before (this file or another). */
	already: number;
}

const DAY_TEXT = /(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})(?!\d)/;
const ISO_TEXT = /(\d{4})-(\d{2})-(\d{2})(?!\d)/;
/** Words around a date that still mean that date ("trước ngày 30/6/2026", "hạn: 30/6/2026"). */
const DATE_FILLER = new Set(['truoc', 'ngay', 'han', 'cham', 'nhat', 'hoan', 'thanh', 'den', 'trong', 'thoi']);
/** What a due cell says when the task has no deadline. */
const NO_DEADLINE = ['thuong xuyen', 'khong thoi han', 'khong co thoi han', 'hang nam', 'hang thang', 'hang quy', 'hang tuan', 'lien tuc', 'khong'];

function realDay(y: number, m: number, d: number): IsoDay | null {
	const dt = new Date(Date.UTC(y, m - 1, d));
	if (y < 1900 || y > 2200 || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
	return dt.toISOString().slice(0, 10);
}

/**
 * A cell read as a day: an Excel date cell, a date serial number, or text "dd/mm/yyyy" (also
 * "d/m/yy", "dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd", and "trước ngày dd/mm/yyyy"). Empty: none;
 * `allowNone` words ("thường xuyên") also none; anything else is an error.
 */
export function readDay(v: CellValue, allowNone = false): { day: IsoDay | null } | { error: string } {
	if (v === null) return { day: null };
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? { error: 'không phải ngày' } : { day: excelDay(v) };
	if (typeof v === 'number') {
		// Excel counts days from 1899-12-30; a plain number is a date only in a plausible range.
		if (Number.isInteger(Math.round(v)) && v > 20_000 && v < 80_000)
			return { day: new Date(Math.round((v - 25_569) * 86_400) * 1000).toISOString().slice(0, 10) };
		return { error: 'không phải ngày' };
	}
	const text = cellText(v);
	if (!text) return { day: null };
	const folded = headerKey(text);
	if (allowNone && NO_DEADLINE.some((w) => folded === w || folded.startsWith(w + ' '))) return { day: null };
	let day: IsoDay | null = null;
	let rest = text;
	const dmy = DAY_TEXT.exec(text);
	const iso = ISO_TEXT.exec(text);
	if (iso) {
		day = realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
		rest = text.replace(iso[0], ' ');
	} else if (dmy) {
		const y = dmy[3]!.length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]);
		day = realDay(y, Number(dmy[2]), Number(dmy[1]));
		rest = text.replace(dmy[0], ' ');
	}
	if (!day) return { error: 'không phải ngày' };
	const others = headerKey(rest).split(' ').filter(Boolean);
	if (others.some((w) => !DATE_FILLER.has(w)) || DAY_TEXT.test(rest)) return { error: 'không phải một ngày' };
	return { day };
}

/** Agencies of a cell: known directory names, and what the directory does not know. */
export function readAgencies(text: string, directory: AgencyDirectory): { names: string[]; unknown: string[]; leaders: string[] } {
	const names: string[] = [];
	const unknown: string[] = [];
	const leaders: string[] = [];
	const known = (piece: string): { name: string; leader: boolean } | undefined => {
		const entry =
			resolveAgency(piece, directory) ?? directory.entries.find((e) => [e.name, ...(e.aliases ?? [])].some((n) => foldVietnamese(n) === foldVietnamese(piece)));
		return entry && { name: entry.name, leader: entry.kind === 'leader' };
	};
	const tidy = (s: string) =>
		s
			.replace(/^[\s\-+–•*]+/, '')
			.replace(/[\s.;,]+$/, '')
			.trim();
	for (const piece of text
		.split(/[;\n\r]+/)
		.map(tidy)
		.filter(Boolean)) {
		// A name with commas ("Sở Văn hóa, Thể thao và Du lịch") is kept whole when the directory
		// knows it; otherwise commas and "và" separate names: the longest run of parts the
		// directory knows is taken, from the left.
		const split = piece.split(/(,\s*|\s+và\s+)/);
		const parts = split.filter((_, i) => i % 2 === 0);
		const joined = (from: number, to: number) => tidy(split.slice(2 * from, 2 * to + 1).join(''));
		const found: { name: string; leader: boolean }[] = [];
		const missing: string[] = [];
		for (let i = 0; i < parts.length;) {
			let hit: { name: string; leader: boolean } | undefined;
			let j = parts.length - 1;
			for (; j >= i; j--) {
				const candidate = joined(i, j);
				if (candidate && (hit = known(candidate))) break;
			}
			if (hit) {
				found.push(hit);
				i = j + 1;
			} else {
				if (tidy(parts[i]!)) missing.push(tidy(parts[i]!));
				i++;
			}
		}
		unknown.push(...(found.length ? missing : [piece]));
		for (const f of found) {
			if (f.leader) leaders.push(f.name);
			else if (!names.includes(f.name)) names.push(f.name);
		}
	}
	return { names, unknown, leaders };
}

/** What a status cell says: done (on time or late), reported, withdrawn, or still open. */
function readStatus(text: string): { outcome: ImportOutcome; onTime: boolean | null } {
	const s = headerKey(text);
	if (!s) return { outcome: 'open', onTime: null };
	if (/\bthoi thuc hien\b|\bhuy\b|\bdung thuc hien\b/.test(s)) return { outcome: 'cancelled', onTime: null };
	if (/\bcho xac nhan\b/.test(s)) return { outcome: 'reported', onTime: null };
	if (/\bchua\b|\bdang\b/.test(s)) return { outcome: 'open', onTime: null };
	if (/\bhoan thanh\b|\bxong\b|\bda thuc hien\b/.test(s)) {
		const onTime = /\bdung han\b|\btruoc han\b|\btrong han\b/.test(s) ? true : /\bqua han\b|\btre han\b|\bcham\b/.test(s) ? false : null;
		return { outcome: 'done', onTime };
	}
	return { outcome: 'open', onTime: null };
}

/** The content of a row that makes it the same task (folded): text, agencies, deadline and document. */
function rowHash(r: Pick<ImportRow, 'action' | 'lead' | 'support' | 'due' | 'document'>): string {
	const f = (list: string[]) => list.map(foldVietnamese).sort();
	const key = JSON.stringify([foldVietnamese(r.action), f(r.lead), f(r.support), r.due, foldVietnamese(r.document)]);
	return createHash('sha256').update(key).digest('hex');
}

/**
 * Every data row of `sheet` read through `mapping` and checked: a row with an error (no text, no
 * or an unknown agency, a date that is not one, the same task twice in the file or imported
 * before) lists them in Vietnamese and is not imported. The mapping must be free of
 * {@link mappingErrors}.
 */
export function checkRows(sheet: TaskSheet, mapping: ColumnMapping, ctx: CheckContext): { rows: ImportRow[]; counts: ImportCounts } {
	const seen = new Map<string, number>();
	const rows: ImportRow[] = [];
	for (const { row, cells } of sheet.rows) {
		const raw = (f: ImportField) => (mapping[f] === undefined ? null : (cells[mapping[f]] ?? null));
		const text = (f: ImportField) => cellText(raw(f));
		const errors: string[] = [];
		const remarks: string[] = [];
		const action = text('action').replace(/\s+/g, ' ');
		if (!action) errors.push('Thiếu nội dung nhiệm vụ.');
		else if (action.length > MAX_ACTION) errors.push(`Nội dung nhiệm vụ dài quá ${MAX_ACTION} ký tự.`);
		const parties = (f: 'lead' | 'support', what: string) => {
			const got = readAgencies(text(f), ctx.directory);
			for (const u of got.unknown) errors.push(`${what} “${u}” không có trong danh mục cơ quan.`);
			for (const l of got.leaders) errors.push(`“${l}” là lãnh đạo, không phải cơ quan ${what === 'Cơ quan chủ trì' ? 'chủ trì' : 'phối hợp'}.`);
			return got.names;
		};
		const lead = parties('lead', 'Cơ quan chủ trì');
		if (!text('lead')) errors.push('Thiếu cơ quan chủ trì.');
		const support = parties('support', 'Cơ quan phối hợp').filter((a) => !lead.includes(a));
		const day = (f: ImportField, what: string, allowNone = false): IsoDay | null => {
			const got = readDay(raw(f), allowNone);
			if ('error' in got) {
				errors.push(`${what} “${text(f)}” ${got.error} (ghi dd/mm/yyyy hoặc dùng ô ngày của Excel).`);
				return null;
			}
			return got.day;
		};
		const due = day('due', 'Thời hạn', true);
		const documentDate = day('documentDate', 'Ngày văn bản');
		if (documentDate && documentDate > ctx.today) errors.push(`Ngày văn bản ${shortDate(documentDate)} sau hôm nay.`);
		const completed = day('completedOn', 'Ngày hoàn thành');
		if (completed && completed > ctx.today) errors.push(`Ngày hoàn thành ${shortDate(completed)} sau hôm nay.`);
		const status = text('status');
		const read = readStatus(status);
		let outcome: ImportOutcome = read.outcome;
		let outcomeOn: IsoDay | null = null;
		if (completed) {
			outcome = 'done';
			outcomeOn = completed;
		} else if (outcome === 'done') {
			// Done on a day the status names ("Đã hoàn thành ngày 01/12/2026"); without one, on time
			// means by the deadline, otherwise the day of the import.
			const said = DAY_TEXT.exec(status);
			const saidDay = said && realDay(said[3]!.length === 2 ? 2000 + Number(said[3]) : Number(said[3]), Number(said[2]), Number(said[1]));
			if (saidDay && saidDay <= ctx.today) outcomeOn = saidDay;
			else {
				outcomeOn = read.onTime === true && due && due <= ctx.today ? due : ctx.today;
				remarks.push(`Không có ngày hoàn thành: ghi ngày ${shortDate(outcomeOn)}.`);
			}
		} else if (outcome !== 'open') outcomeOn = ctx.today;
		const document = text('document').replace(/\s+/g, ' ').slice(0, 200);
		const note = text('note').slice(0, 2000);
		const r: ImportRow = {
			row,
			action,
			lead,
			support,
			leadText: text('lead').replace(/\n/g, '; '),
			supportText: text('support').replace(/\n/g, '; '),
			due,
			dueText: text('due').replace(/\s+/g, ' '),
			document,
			documentDate,
			status,
			outcome,
			outcomeOn,
			note,
			remarks,
			hash: '',
			errors
		};
		r.hash = rowHash(r);
		if (action && !errors.length) {
			const twin = seen.get(r.hash);
			const prior = ctx.prior?.(r.hash);
			if (twin !== undefined) errors.push(`Trùng với dòng ${twin}.`);
			else if (prior) errors.push(`Đã nhập trước đây (tệp “${prior.fileName}”, dòng ${prior.row}).`);
			else seen.set(r.hash, row);
		}
		rows.push(r);
	}
	const bad = rows.filter((r) => r.errors.length);
	return {
		rows,
		counts: {
			rows: rows.length,
			good: rows.length - bad.length,
			bad: bad.length,
			already: bad.filter((r) => r.errors.some((e) => e.startsWith('Đã nhập trước đây'))).length
		}
	};
}
