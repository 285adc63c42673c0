/**
 * Document-level extraction: a plain-text notice in, assignments with offsets into its NFC text
 * out. Splits the text into blocks, reads the header (issuing body, date), tracks headings and
 * list intros as context, and calls {@link extractBlock} on every body block.
 */
import { extractSequence } from './sequence';
import { parseDay } from './deadline';
import { resolveAgency } from '../agencies/matcher';
import { repairLegacyLetters, segmentNotice, toSourceSpan, type SourceBlock } from './text';
import type { AgencyDirectory, IsoDate } from '../agencies/types';
import type { AgencyRef, Assignment, BlockRole, Deadline, Span } from './types';

/** Options of {@link extractNotice}. */
export interface NoticeOptions {
	/** The notice date when known from elsewhere (metadata); otherwise read from the text. */
	noticeDate?: IsoDate;
	/** The agency directory (default: the built-in one). */
	directory?: AgencyDirectory;
}

/** One block of the notice, with its role and the context it was read in. */
export interface NoticeBlock {
	/** Where the block is in the NFC text. */
	span: Span;
	/** The cleaned block text (PDF lines joined, marker removed). */
	text: string;
	/** The list marker, or "". */
	marker: string;
	/** What the block is. */
	role: BlockRole;
	/** The assignee the enclosing headings give to subject-less sentences. */
	inheritedLead: AgencyRef[];
}

/** An assignment with spans mapped into the NFC text of the whole notice. */
export interface NoticeAssignment extends Assignment {
	/** Index into {@link NoticeExtraction.blocks}. */
	block: number;
}

/** Result of {@link extractNotice}. */
export interface NoticeExtraction {
	/** The NFC text all offsets refer to. */
	text: string;
	/** Notice date used (given, from the header, or the meeting date). */
	noticeDate?: IsoDate;
	/** Issuing body read from the header, when found. */
	issuer?: string;
	/** The blocks. */
	blocks: NoticeBlock[];
	/** The assignments, in reading order. */
	assignments: NoticeAssignment[];
}

// [L13] The digital-signature stamp a signed PDF prints above the header ("Ký bởi: BỘ TÀI CHÍNH",
// "Cơ quan: …", "Thời gian ký: 19/06/2026 14:18:57 +07:00") is header too.
const HEADER_LINE_RE =
	/^(?:#|THÔNG BÁO\b|Số\s*:|CỘNG HOÀ|CỘNG HÒA|Độc lập|_{3,}|Kết luận của|V\/v|(?:Ký bởi|Người ký|Thời gian ký|Ngày ký|Cơ quan|Email)\s*:|[\p{Lu}\s,.\-–]+$|[\p{L} .]+,\s+ngày\b)/u;
/** The national motto, which a two-column header pastes beside the issuer's name. */
export const MOTTO_RE = /C[ỘO]NG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do\s*[-–]\s*Hạnh\s+phúc/giu;
/** A header line without the motto beside it. */
const headerText = (t: string) => t.replace(MOTTO_RE, ' ').replace(/\s+/gu, ' ').trim();
/**
 * The cells of a header pasted as a table row ("VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA … |", Word's
 * two-column header converted to text): each is a header line of its own.
 */
const headerCells = (t: string): string[] =>
	t
		.split(/\s*\|\s*/u)
		.map(headerText)
		.filter(Boolean);
/** A header line, or a row of header cells; "Kính gửi: | - Bộ …; |" carries the addressees. */
const isHeaderLine = (t: string): boolean => {
	const cells = headerCells(t);
	return cells.length > 0 && (/^Kính gửi\s*:/u.test(cells[0]!) || cells.every((c) => HEADER_LINE_RE.test(c) && !BODY_START_RE.test(c)));
};

const BODY_START_RE = /^(?:Ngày\s+\d|Sau khi|Tham dự|Căn cứ|Thực hiện|Xét\s|Vừa qua|Hôm nay|Chiều|Sáng)/u;

/** Reads the notice date: a complete place-date line, else the meeting date, else the month. */
function readDates(blocks: SourceBlock[], headerEnd: number): IsoDate | undefined {
	let partial: IsoDate | undefined;
	for (let i = 0; i < headerEnd; i++) {
		const t = blocks[i]?.text ?? '';
		// The place-date line, alone or beside the number in a two-column header pasted as one line
		// ("Số: 356/TB-VP Hà Tĩnh, ngày 12 tháng 9 năm 2023").
		const m = /(?:^|\s)\p{Lu}[\p{L} .]*,\s+ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(t);
		if (m) {
			if (m[1]) {
				const d = parseDay(`${m[1]}/${m[2]}/${m[3]}`);
				if (d) return d;
			}
			partial = parseDay(`1/${m[2]}/${m[3]}`) ?? undefined;
		}
	}
	const body = blocks.slice(headerEnd, headerEnd + 3).map((b) => b.text);
	for (const t of body) {
		const m = /^Ngày\s+(\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})/u.exec(t);
		const d = m?.[1] ? parseDay(m[1].replace(/\s+/gu, ' ')) : null;
		if (d) return d;
	}
	for (let i = 0; i < headerEnd; i++) {
		const m = /ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})/u.exec(blocks[i]?.text ?? '');
		const d = m?.[1] ? parseDay(m[1]) : null;
		if (d) return d;
	}
	return partial;
}

const titleCase = (s: string) =>
	s
		.toLowerCase()
		.split(/\s+/u)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/** Reads the issuing body from the header's capitalised lines or the number's suffix. */
function readIssuer(blocks: SourceBlock[], headerEnd: number, directory?: AgencyDirectory): string | undefined {
	const caps: string[] = [];
	// An underline beside the name ("VĂN PHÒNG CHÍNH PHỦ -------") is not part of it.
	// [L16] A Markdown heading mark ("## VĂN PHÒNG CHÍNH PHỦ") is not part of it either.
	const names = blocks.slice(0, headerEnd).flatMap((b) =>
		headerCells(b.text).map((c) =>
			c
				.replace(/\s*(?:-{3,}|_{3,})\s*/gu, ' ')
				.replace(/^#{1,6}\s+/u, '')
				.trim()
		)
	);
	// "ỦY BAN NHÂN DÂN" over "TỈNH LÀO CAI" (the motto beside each line) is one name.
	const lettered = names.filter((c) => /\p{L}/u.test(c));
	const joined: string[] = [];
	for (let i = 0; i < lettered.length; i++) {
		const c = lettered[i]!;
		const next = lettered[i + 1];
		if (next && /^(?:ỦY|UỶ) BAN NHÂN DÂN$/u.test(c) && /^(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG)\s/u.test(next)) {
			joined.push(`${c} ${next}`);
			i++;
		} else if (next && /(?:\sVÀ|,)$/u.test(c) && /^[\p{Lu}\s,.\-–]+$/u.test(c) && /^[\p{Lu}\s,.\-–]+$/u.test(next)) {
			// [L5] "BỘ NÔNG NGHIỆP VÀ" over "MÔI TRƯỜNG": a name that breaks after "VÀ" or a comma goes on.
			lettered[i + 1] = `${c} ${next}`;
		} else joined.push(c);
	}
	for (const t of joined) {
		if (/^[\p{Lu}\s,.\-–]+$/u.test(t) && !/^(?:THÔNG BÁO|CỘNG H|ĐỘC LẬP)/u.test(t) && t.length > 3) caps.push(t);
		const num = /Số\s*:[^/]*\/TB-([\p{L}\d]+)/u.exec(t);
		if (num?.[1] && !caps.length) {
			const code = num[1];
			if (/^VPUBND|^VP$/u.test(code)) caps.push('VĂN PHÒNG UBND TỈNH');
			else if (/^UBND/u.test(code)) caps.push('UBND TỈNH');
			else if (/^VPCP/u.test(code)) caps.push('VĂN PHÒNG CHÍNH PHỦ');
		}
	}
	if (!caps.length) return undefined;
	const lastCaps = caps[caps.length - 1] as string;
	const parent = caps.length > 1 ? (caps[caps.length - 2] as string) : '';
	const province = /(?:UBND|ỦY BAN NHÂN DÂN)\s+TỈNH\s+(.+)$/u.exec(parent)?.[1];
	if (/^VĂN PHÒNG$/u.test(lastCaps) && province) return `Văn phòng UBND tỉnh ${titleCase(province)}`;
	const own = /^(?:UBND|ỦY BAN NHÂN DÂN)\s+TỈNH\s*(.*)$/u.exec(lastCaps);
	if (own) return `UBND tỉnh${own[1] ? ` ${titleCase(own[1])}` : ''}`;
	if (/^VĂN PHÒNG UBND TỈNH$/u.test(lastCaps)) return 'Văn phòng UBND tỉnh';
	const known = resolveAgency(lastCaps, directory);
	return known ? known.name : lastCaps.charAt(0) + lastCaps.slice(1).toLowerCase();
}

/** Where the header ends: the first block that reads like the body. */
function findHeaderEnd(blocks: SourceBlock[]): number {
	const hasHeader = blocks.slice(0, 15).some((b) => headerCells(b.text).some((c) => /^(?:THÔNG BÁO|Số\s*:)/u.test(c)));
	if (!hasHeader) return 0;
	// After "Kính gửi:", the addressees one per line ("- Các sở, ban, ngành cấp tỉnh;") are header too.
	let addressees = false;
	let subject = false;
	for (let i = 0; i < blocks.length; i++) {
		const b = blocks[i] as SourceBlock;
		const t = headerText(b.text);
		if (addressees && t.length < 120 && /[;.,]$/u.test(t) && !BODY_START_RE.test(t)) continue;
		// The subject line ("V/v tổ chức triển khai thực hiện") wraps over short lines of its own.
		if (subject && !b.marker && t.length < 200 && !/[.;:]$/u.test(t) && !BODY_START_RE.test(t) && !/^Kính gửi/u.test(t)) continue;
		// Its last line may end with a full stop when "Kính gửi:" comes next ("… do Nhà nước đầu tư, quản lý.").
		if (subject && !b.marker && t.length < 200 && !BODY_START_RE.test(t) && /^Kính gửi/u.test(headerText(blocks[i + 1]?.text ?? ''))) continue;
		addressees = /^Kính gửi\s*:/u.test(headerCells(b.text)[0] ?? '');
		// The subject line may follow the number and date on a pasted two-column line ("Số: … năm 2026 V/v …").
		subject = /(?:^|\s)V\/v\s/u.test(t);
		if (!t || isHeaderLine(b.text)) continue;
		if (b.marker || BODY_START_RE.test(t) || t.length >= 150 || i > 0) return i;
	}
	return 0;
}

/** Maps a block-level deadline span to source offsets. */
function mapDeadline(block: SourceBlock, d: Deadline | null): Deadline | null {
	if (!d) return null;
	return { ...d, span: toSourceSpan(block, d.span.start, d.span.end) };
}

function mapRef(block: SourceBlock, r: AgencyRef): AgencyRef {
	if (!r.span || r.inherited) return r;
	return { ...r, span: toSourceSpan(block, r.span.start, r.span.end) };
}

/**
 * Extracts every assignment of a plain-text notice. Offsets are UTF-16 indices into the NFC
 * form of `fullText` (returned as `text`).
 */
export function extractNotice(fullText: string, options: NoticeOptions = {}): NoticeExtraction {
	const text = fullText.normalize('NFC');
	// [L11] Blocks are read from the text with legacy-font letters repaired (offsets unchanged).
	const blocks = segmentNotice(repairLegacyLetters(text));
	const headerEnd = findHeaderEnd(blocks);
	const noticeDate = options.noticeDate ?? readDates(blocks, headerEnd);
	const issuer = readIssuer(blocks, headerEnd, options.directory);
	const baseCtx = {
		...(noticeDate ? { noticeDate } : {}),
		...(issuer ? { issuer } : {}),
		...(options.directory ? { directory: options.directory } : {})
	};
	const out: NoticeExtraction = {
		text,
		...(noticeDate ? { noticeDate } : {}),
		...(issuer ? { issuer } : {}),
		blocks: [],
		assignments: []
	};
	const results = extractSequence(blocks, {
		...baseCtx,
		headerEnd,
		mapHeadingRef: (i, r) => mapRef(blocks[i] as SourceBlock, r)
	});
	results.forEach((r, index) => {
		const block = blocks[index] as SourceBlock;
		out.blocks.push({ span: { start: block.start, end: block.end }, text: block.text, marker: block.marker, role: r.role, inheritedLead: r.inheritedLead });
		for (const a of r.assignments) {
			out.assignments.push({
				...a,
				block: index,
				span: toSourceSpan(block, a.span.start, a.span.end),
				actionSpan: toSourceSpan(block, a.actionSpan.start, a.actionSpan.end),
				lead: a.lead.map((ref) => mapRef(block, ref)),
				support: a.support.map((ref) => mapRef(block, ref)),
				officials: a.officials.map((ref) => mapRef(block, ref)),
				deadline: mapDeadline(block, a.deadline)
			});
		}
	});
	return out;
}
