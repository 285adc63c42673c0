/**
 * Document-level extraction: a plain-text notice in, assignments with offsets into its NFC text
 * out. Splits the text into blocks, reads the header (issuing body, date), tracks headings and
 * list intros as context, and calls {@link extractBlock} on every body block.
 */
import { extractBlock, headingAssignee, isBoilerplate } from './block';
import { parseDay } from './deadline';
import { resolveAgency } from '../agencies/matcher';
import { segmentNotice, toSourceSpan, type SourceBlock } from './text';
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

const HEADER_LINE_RE =
	/^(?:#|THÔNG BÁO\b|Số\s*:|CỘNG HOÀ|CỘNG HÒA|Độc lập|_{3,}|Kết luận của|V\/v|[\p{Lu}\s,.\-–]+$|[\p{L} .]+,\s+ngày\b)/u;
const BODY_START_RE = /^(?:Ngày\s+\d|Sau khi|Tham dự|Căn cứ|Thực hiện|Xét\s|Vừa qua|Hôm nay|Chiều|Sáng)/u;

/** Reads the notice date: a complete place-date line, else the meeting date, else the month. */
function readDates(blocks: SourceBlock[], headerEnd: number): IsoDate | undefined {
	let partial: IsoDate | undefined;
	for (let i = 0; i < headerEnd; i++) {
		const t = blocks[i]?.text ?? '';
		const m = /ngày\s+(\d{1,2})?\s*tháng\s+(\d{1,2})\s+năm\s+(\d{4})/u.exec(t);
		if (m && /^[\p{L} .]+,\s+ngày/u.test(t)) {
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
	for (let i = 0; i < headerEnd; i++) {
		const t = (blocks[i]?.text ?? '').trim();
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
	const hasHeader = blocks.slice(0, 15).some((b) => /^(?:THÔNG BÁO|Số\s*:)/u.test(b.text.trim()));
	if (!hasHeader) return 0;
	for (let i = 0; i < blocks.length; i++) {
		const b = blocks[i] as SourceBlock;
		const t = b.text.trim();
		if (HEADER_LINE_RE.test(t) && !BODY_START_RE.test(t)) continue;
		if (b.marker || BODY_START_RE.test(t) || t.length >= 150 || i > 0) return i;
	}
	return 0;
}

interface Scope {
	/** Blocks of rank ≥ this value stay inside; a block of smaller rank closes the scope. */
	rank: number;
	/** True while an intro waits for its first list item to learn its rank. */
	pending: boolean;
	lead: AgencyRef[] | null;
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
	const blocks = segmentNotice(text);
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
	const scopes: Scope[] = [];
	let recipients = false;
	blocks.forEach((block, index) => {
		const t = block.text.trim();
		let role: BlockRole = 'body';
		if (index < headerEnd) role = 'header';
		else if (recipients || /^Nơi nhận\b/u.test(t)) {
			recipients = true;
			role = 'recipients';
		} else if (isBoilerplate(t)) role = 'closing';
		// Outline: a marked block closes the scopes it is not nested in.
		if (role === 'body' && block.markerType !== 'none') {
			for (const s of scopes) if (s.pending) {
				s.rank = block.rank - 0.5;
				s.pending = false;
			}
			while (scopes.length && (scopes[scopes.length - 1] as Scope).rank >= block.rank) scopes.pop();
		}
		const next = blocks[index + 1];
		const isHeading =
			role === 'body' &&
			(/:\s*$/u.test(t) ||
				(block.openEnded &&
					t.length < 160 &&
					(block.markerType !== 'none' || /^[\p{Lu}\d\s,.\-–]+$/u.test(t)) &&
					(!next || next.rank > block.rank || next.markerType === 'none')));
		if (isHeading) role = 'heading';
		const inheritedLead = [...scopes].reverse().find((s) => s.lead?.length)?.lead ?? [];
		out.blocks.push({ span: { start: block.start, end: block.end }, text: block.text, marker: block.marker, role, inheritedLead });
		if (role === 'heading') {
			// Section titles in capitals ("II. NHIỆM VỤ, GIẢI PHÁP …") name topics, not assignees.
			const caps = /^[\p{Lu}\d\s,.\-–:]+$/u.test(t);
			const lead = caps ? null : headingAssignee(block.text, { ...baseCtx, inheritedLead });
			const refs = lead?.map((r) => ({ ...mapRef(block, r), inherited: true })) ?? null;
			if (block.markerType === 'none') scopes.push({ rank: 0, pending: true, lead: refs });
			else scopes.push({ rank: block.rank, pending: false, lead: refs });
			return;
		}
		if (role !== 'body') return;
		const found = extractBlock(block.text, { ...baseCtx, inheritedLead });
		for (const a of found) {
			out.assignments.push({
				...a,
				block: index,
				span: toSourceSpan(block, a.span.start, a.span.end),
				actionSpan: toSourceSpan(block, a.actionSpan.start, a.actionSpan.end),
				lead: a.lead.map((r) => mapRef(block, r)),
				support: a.support.map((r) => mapRef(block, r)),
				officials: a.officials.map((r) => mapRef(block, r)),
				deadline: mapDeadline(block, a.deadline)
			});
		}
	});
	return out;
}
