/**
 * Recognises the parts of a Decree 30/2020 "Thông báo" in a sequence of paragraphs, whatever file
 * they came from: the header (issuing parent and body, "Số: 12/TB-VP", place and date), the title
 * ("THÔNG BÁO" and the summary under it), the body, the recipients ("Nơi nhận:") and the signer.
 * A header pasted from a two-column PDF or read from Word's header table is handled cell by cell.
 */
import { parseDay, readMarker } from '#shared/extract/index';
import { isTabRow } from '#shared/extract/text';
// The national name and motto (Quốc hiệu, Tiêu ngữ), beside the issuer in a two-column header: one
// pattern for import and extraction, whatever the spelling ("CỘNG HÒA", "CỘNG HOÀ", any case).
import { MOTTO_RE } from '#shared/extract/notice';
import type { MetaTextField, NoticeMeta, RichBlock, RichRun } from '#shared/doc/noticeDoc';
import type { FieldSource, ImportedNotice, SourceLine } from './types';

/** "THÔNG BÁO" on its own line: the kind of document (tên loại). */
const DOC_TYPE_RE = /^THÔNG\s+BÁO$/u;
/** Opening words of a notice body ("Ngày 27/12/2023, …", "Sau khi nghe …", "Căn cứ …"). */
const BODY_START_RE = /^(?:Ngày\s+\d|Sau khi|Tham dự|Căn cứ|Thực hiện|Xét\s|Vừa qua|Hôm nay|Chiều|Sáng|Tối|Trong\s)/u;
/** "Số: 12/TB-VP", "Số: /TB-UBND", "Số:     /TB-VPUBND". */
const NUMBER_RE = /Số\s*:\s*([^\s/]*)\s*\/\s*([\p{L}\d][\p{L}\d\-–.]*)/u;
/** "Bắc Giang, ngày 05 tháng 01 năm 2024"; a draft leaves the day, the month or all of it blank. */
const PLACE_DATE_RE = /(\p{Lu}[\p{L}\p{M} .]*?)\s*,\s*ngày(?:\s*(\d{1,2}))?(?:\s*tháng(?:\s*(\d{1,2}))?)?(?:\s*năm(?:\s*(\d{4}))?)?(?![\p{L}\d])/u;
/** Signing on behalf of someone (thẩm quyền ký): thay mặt, thừa lệnh, ký thay, thừa ủy quyền, quyền. */
const AUTHORITY_RE = /^(?:TM|TL|KT|TUQ|Q)\.\s*\p{Lu}/u;
const RECIPIENTS_RE = /^Nơi\s+nhận\s*:?\s*/iu;
const TERMINAL_RE = /[.:;!?]["”’)]*$/u;

/** Text without markdown emphasis and without the motto, spaces collapsed. */
const clean = (t: string) => t.replace(/\*/gu, '').replace(MOTTO_RE, ' ').replace(/\s+/gu, ' ').trim();
/** A line in capitals ("UBND TỈNH BẮC GIANG", "CHÁNH VĂN PHÒNG"). */
const isCaps = (t: string) => t.length >= 2 && /\p{Lu}.*\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t);
/**
 * The cells of a raw line: columns are separated by a tab or a run of three spaces or more. The
 * blank left for a draft's number ("Số:      /TB-VP") is not a column gap, nor are no-break spaces.
 */
const cellsOf = (raw: string) =>
	raw
		.replace(/\*/gu, '')
		.replace(/(Số\s*:)[\s\u00a0]+(?=\S*\/)/u, '$1 ')
		.split(/\t+| {3,}/u)
		.map((c) => c.replace(/\s+/gu, ' ').trim())
		.filter(Boolean);
const rawLines = (l: SourceLine) => l.raw ?? l.text.split('\n');

const upperVi = (s: string) => s.toLocaleUpperCase('vi');

/** Recognises a notice in `lines` (paragraphs in reading order; tables read row by row, cell by cell). */
export function recogniseNotice(lines: readonly SourceLine[]): ImportedNotice {
	const meta: Partial<NoticeMeta> = {};
	const fields: Partial<Record<MetaTextField, FieldSource>> = {};
	const set = (key: MetaTextField, value: string, how: FieldSource = 'read') => {
		if (!value) return;
		meta[key] = value;
		fields[key] = how;
	};

	// ---- header: everything before "THÔNG BÁO", or the header-like lines at the top.
	const typeAt = lines.slice(0, 25).findIndex((l) => DOC_TYPE_RE.test(clean(l.text)));
	let headerEnd = typeAt;
	if (typeAt < 0) {
		headerEnd = 0;
		while (headerEnd < Math.min(lines.length, 10) && isHeaderLine(lines[headerEnd]!)) headerEnd++;
	}
	const caps: string[] = [];
	let partialDate = false;
	for (const line of lines.slice(0, headerEnd)) {
		for (const raw of rawLines(line)) {
			for (const cell0 of cellsOf(raw)) {
				const cell = clean(cell0);
				if (!cell) continue;
				const num = NUMBER_RE.exec(cell);
				const pd = PLACE_DATE_RE.exec(cell);
				if (num) {
					// "…" or dots stand for a number the clerk has yet to write in.
					set('number', /\d/u.test(num[1] ?? '') ? (num[1] ?? '') : '');
					set('symbol', num[2] ?? '');
				}
				if (pd) {
					set('place', (pd[1] ?? '').trim());
					const day = pd[2] && pd[3] && pd[4] ? parseDay(`${pd[2]}/${pd[3]}/${pd[4]}`) : null;
					if (day) set('date', day);
					else partialDate = true;
				}
				if (!num && !pd && isCaps(cell) && !/^V\/v/u.test(cell)) caps.push(cell);
			}
		}
	}

	// ---- title: the summary lines under "THÔNG BÁO", up to the first line of the body.
	let bodyStart = headerEnd;
	if (typeAt >= 0) {
		const parts: string[] = [];
		let k = typeAt + 1;
		for (; k < lines.length && parts.length < 4; k++) {
			const t = clean(lines[k]!.text);
			if (!t) continue;
			if (/^[_\-–—.]{3,}$/u.test(t)) continue;
			if (readMarker(t).type !== 'none' || BODY_START_RE.test(t) || t.length > 400 || lines[k]!.list) break;
			if (parts.length && TERMINAL_RE.test(t)) break;
			parts.push(t.replace(/^V\/v:?\s*/u, ''));
		}
		set('title', parts.join(' '));
		bodyStart = k;
	}

	// ---- recipients and signer: from the last "Nơi nhận:" to the end.
	let bodyEnd = lines.length;
	for (let i = lines.length - 1; i >= bodyStart; i--) {
		if (RECIPIENTS_RE.test(clean(rawLines(lines[i]!)[0] ?? ''))) {
			bodyEnd = i;
			break;
		}
	}
	let signerLines: string[] = [];
	if (bodyEnd < lines.length) {
		const footer = readFooter(lines.slice(bodyEnd).flatMap(rawLines));
		if (footer.recipients.length) set('recipients', footer.recipients.join('\n'));
		signerLines = footer.signer;
	} else {
		// No "Nơi nhận": a signature may still close the text (capitals, then a name).
		let i = lines.length - 1;
		const tail: string[] = [];
		while (i >= bodyStart && tail.length < 5) {
			const t = clean(lines[i]!.text);
			if (!t) {
				i--;
				continue;
			}
			const nameLike = !tail.length && !isCaps(t) && !TERMINAL_RE.test(t) && t.split(' ').length <= 6 && /^\p{Lu}/u.test(t);
			if (nameLike || (tail.length && isCaps(t) && t.length <= 60)) {
				tail.unshift(t);
				i--;
			} else break;
		}
		if (tail.length >= 2) {
			signerLines = tail;
			bodyEnd = i + 1;
		}
	}
	readSigner(signerLines, set);

	// ---- issuing parent and body: the capital lines of the header, else inferred.
	if (caps.length) {
		set('issuingBody', caps[caps.length - 1]!);
		if (caps.length > 1) set('issuingParent', caps.slice(0, -1).join(' '));
		else meta.issuingParent = '';
	} else inferIssuer(meta, set);

	// ---- the body, and the meeting's date and chair from its opening lines.
	const body: RichBlock[] = [];
	for (const line of lines.slice(bodyStart, bodyEnd)) {
		const runs = tidyRuns(line.runs);
		if (!runs.length) continue;
		const block: RichBlock = { type: line.heading ? 'heading' : 'paragraph', runs };
		if (line.heading) block.level = line.heading;
		else if (line.list) block.list = line.list;
		body.push(block);
	}
	readMeeting(body, set);

	const warnings: string[] = [];
	const missing: [MetaTextField, string][] = [
		['title', 'trích yếu'],
		['issuingBody', 'cơ quan ban hành'],
		['place', 'địa danh'],
		['recipients', 'nơi nhận'],
		['signerName', 'người ký']
	];
	const absent = missing.filter(([k]) => !fields[k]).map(([, label]) => label);
	if (absent.length) warnings.push(`Không nhận ra: ${absent.join(', ')}. Hãy bổ sung trong phần đầu văn bản.`);
	if (partialDate && !fields.date) warnings.push('Văn bản chưa ghi ngày ban hành: ngày để trống.');
	if (!body.length) warnings.push('Không tìm thấy nội dung văn bản.');
	return { meta, body, fields, warnings };
}

/** A line that belongs to a header without "THÔNG BÁO": number, place and date, capitals, motto. */
function isHeaderLine(line: SourceLine): boolean {
	const raw = rawLines(line).join(' ');
	const t = clean(raw);
	if (!t) return true;
	return NUMBER_RE.test(t) || PLACE_DATE_RE.test(t) || (isCaps(t) && t.length <= 80);
}

/** Splits the lines from "Nơi nhận:" on into recipients ("- …;") and the signer's lines. */
function readFooter(raw: string[]): { recipients: string[]; signer: string[] } {
	const recipients: string[] = [];
	const signer: string[] = [];
	for (const line of raw) {
		for (let cell of cellsOf(line)) {
			if (RECIPIENTS_RE.test(cell)) {
				cell = cell.replace(RECIPIENTS_RE, '').trim();
				if (!cell) continue;
			}
			const last = recipients.length - 1;
			if (/^[-–•+]\s*/u.test(cell)) recipients.push(cell.replace(/^[-–•+]\s*/u, ''));
			// A recipient broken over two lines goes on until its ";" or ".".
			else if (last >= 0 && !signer.length && !/[;.]$/u.test(recipients[last]!) && !isCaps(cell)) recipients[last] += ` ${cell}`;
			else signer.push(cell);
		}
	}
	return { recipients: recipients.map((r) => r.replace(/[;.,\s]+$/u, '').trim()).filter(Boolean), signer };
}

/** Reads "TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG" / (signature) / "Lê Tuấn Phú". */
function readSigner(lines: string[], set: (k: MetaTextField, v: string, how?: FieldSource) => void): void {
	const useful = lines.map(clean).filter((t) => t && !/^\(.*\)$/u.test(t) && !/^(?:Đã ký|\[?Chữ ký|Ký tên)/iu.test(t));
	const authority = useful.filter((t) => AUTHORITY_RE.test(t));
	const titles = useful.filter((t) => isCaps(t) && !AUTHORITY_RE.test(t));
	const name = [...useful].reverse().find((t) => !isCaps(t) && !TERMINAL_RE.test(t) && t.split(' ').length <= 6);
	set('signerAuthority', authority.join('\n'));
	set('signerTitle', titles.join(' '));
	set('signerName', name ?? '');
}

/**
 * Infers the issuing parent and body when the header has no capital lines (a text that starts at
 * "THÔNG BÁO"): from the number's symbol ("TB-UBND", "TB-VP"), else from who signs — a notice signed
 * "TL. CHỦ TỊCH" is issued by the People's Committee (UBND), one signed by the Chánh Văn phòng in
 * their own name by the Office (Văn phòng).
 */
function inferIssuer(meta: Partial<NoticeMeta>, set: (k: MetaTextField, v: string, how?: FieldSource) => void): void {
	const province = meta.place ? ` ${upperVi(meta.place)}` : '';
	const code = /^TB-(.+)$/u.exec(meta.symbol ?? '')?.[1] ?? '';
	let byUbnd: boolean | undefined;
	if (/^VP/u.test(code)) byUbnd = false;
	else if (/^UBND/u.test(code)) byUbnd = true;
	else if (meta.signerAuthority && /CHỦ TỊCH/u.test(meta.signerAuthority)) byUbnd = true;
	else if (meta.signerTitle && /^CHÁNH VĂN PHÒNG/u.test(meta.signerTitle)) byUbnd = false;
	if (byUbnd === undefined) return;
	if (byUbnd) {
		meta.issuingParent = '';
		set('issuingBody', `UBND TỈNH${province}`, 'inferred');
		if (!meta.symbol) set('symbol', 'TB-UBND', 'inferred');
	} else {
		set('issuingParent', `UBND TỈNH${province}`, 'inferred');
		set('issuingBody', 'VĂN PHÒNG', 'inferred');
		if (!meta.symbol) set('symbol', 'TB-VP', 'inferred');
	}
}

/** The meeting date ("Ngày 27/12/2023, …") and chair ("… đồng chí X - Chủ tịch UBND tỉnh chủ trì"). */
function readMeeting(body: RichBlock[], set: (k: MetaTextField, v: string, how?: FieldSource) => void): void {
	const opening = body.slice(0, 3).map((b) => b.runs.map((r) => r.text).join(''));
	for (const t of opening) {
		const m = /^(?:(?:Sáng|Chiều|Tối)\s+)?[Nn]gày\s+(\d{1,2})\s*(?:\/|\s+tháng\s+)\s*(\d{1,2})\s*(?:\/|\s+năm\s+)\s*(\d{4})/u.exec(t);
		const day = m ? parseDay(`${m[1]}/${m[2]}/${m[3]}`) : null;
		if (day) {
			set('meetingDate', day);
			break;
		}
	}
	for (const t of opening) {
		const at = t.indexOf(' chủ trì');
		if (at < 0) continue;
		const clause = (t.slice(0, at).split(/[,;.]/u).pop() ?? '').replace(/^\s*(?:đồng chí|Đồng chí)\s+/u, '').trim();
		if (clause && clause.length <= 90 && /^\p{Lu}/u.test(clause)) set('chair', clause);
		break;
	}
}

/**
 * Collapses whitespace across runs, drops empty runs and trims the block's ends. A table row (three
 * cells or more, tab-separated) keeps one tab per cell boundary, empty cells too (table.ts reads
 * the columns by position).
 */
function tidyRuns(runs: readonly RichRun[]): RichRun[] {
	const out: RichRun[] = [];
	const row = isTabRow(runs.map((r) => r.text).join(''));
	for (const r of runs) {
		const text = row ? r.text.replace(/[^\S\t]*\t[^\S\t]*/gu, '\t').replace(/[^\S\t]+/gu, ' ') : r.text.replace(/\s+/gu, ' ');
		if (!text) continue;
		const prev = out[out.length - 1];
		const piece = prev && / $/u.test(prev.text) ? text.replace(/^ +/u, '') : text;
		if (!piece) continue;
		if (prev && !!prev.bold === !!r.bold && !!prev.italic === !!r.italic) prev.text += piece;
		else out.push({ text: piece, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) });
	}
	if (out.length) {
		out[0]!.text = out[0]!.text.replace(/^\s+/u, '');
		out[out.length - 1]!.text = out[out.length - 1]!.text.replace(/\s+$/u, '');
	}
	return out.filter((r) => r.text);
}
