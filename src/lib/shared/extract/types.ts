/**
 * Types of the assignment extractor. An assignment (nhiệm vụ) is what a conclusion notice
 * (Thông báo kết luận) charges a party with: lead agencies (chủ trì), supporting agencies
 * (phối hợp), the provincial leader who directs or handles it, the action and the deadline.
 */
import type { AgencyDirectory, AgencyId, IsoDate } from '../agencies/types';
import type { PartyKind } from '../agencies/matcher';

export type { IsoDate } from '../agencies/types';
import type { RuleId } from './ruleIds';
export type { RuleId } from './ruleIds';

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface Span {
	/** Start offset (inclusive). */
	start: number;
	/** End offset (exclusive). */
	end: number;
}

/** A party named in an assignment. */
export interface AgencyRef {
	/** Canonical directory name, or the words as written when the directory does not know it. */
	name: string;
	/** The words as written. */
	text: string;
	/** What kind of party. */
	kind: PartyKind;
	/** True when the directory knows it. */
	known: boolean;
	/** Directory id when known. */
	agencyId?: AgencyId;
	/** For a name retired by a reorganisation before the notice date: its successor's name. */
	successorName?: string;
	/** Where it is written; absent when inherited from a heading outside this text. */
	span?: Span;
	/** True when the party comes from the enclosing heading or list intro, not this text. */
	inherited?: boolean;
}

/** Frequencies of a recurring deadline. */
export type Frequency = 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'half-yearly' | 'yearly';

/** Fields every deadline carries: the original words and where they are. */
interface DeadlineBase {
	/** The deadline phrase as written. */
	text: string;
	/** Where the phrase is. */
	span: Span;
}

/** A deadline on one day ("trước ngày 20/01/2024", "hết ngày 31/01/2024"). */
export interface DateDeadline extends DeadlineBase {
	kind: 'date';
	/** The day. */
	date: IsoDate;
	/** Whether the task may still be done on that day ("hết ngày" yes, "trước ngày" no). */
	inclusive: boolean;
	/** Hour of day when written ("trước 17h00 ngày …" → "17:00"). */
	time?: string;
}

/** A deadline that is a period ("trong tháng 01/2024", "trong Quý III/2021", "trong 03 tháng"). */
export interface PeriodDeadline extends DeadlineBase {
	kind: 'period';
	/** First day (inclusive). */
	from: IsoDate;
	/** Last day (inclusive). */
	to: IsoDate;
}

/** A recurring rule ("định kỳ hằng quý", "trước 16 giờ ngày thứ 6 hàng tuần"). */
export interface RecurringDeadline extends DeadlineBase {
	kind: 'recurring';
	/** How often. */
	frequency: Frequency;
}

/** A deadline tied to an event, with no day we could honestly compute ("tại cuộc họp giao ban kế tiếp"). */
export interface EventDeadline extends DeadlineBase {
	kind: 'event';
}

/** A deadline, discriminated by `kind`. */
export type Deadline = DateDeadline | PeriodDeadline | RecurringDeadline | EventDeadline;

/** One assignment found in a block. Spans are offsets into the block text. */
export interface Assignment {
	/** The sentence(s) that carry the assignment. Several assignments of one sentence share it. */
	span: Span;
	/** Lead agencies (chủ trì). */
	lead: AgencyRef[];
	/** Supporting agencies (phối hợp / cùng / hỗ trợ). */
	support: AgencyRef[];
	/** Provincial leaders who direct or handle the matter (object of "tham mưu", charged leader). */
	officials: AgencyRef[];
	/** The action, in short (the words of the predicate, trimmed). */
	action: string;
	/** Where the action is. */
	actionSpan: Span;
	/** The deadline, or null when the text sets none. */
	deadline: Deadline | null;
	/** Why it was found: the ids of the RULES.md rules that read it (`ruleIds.ts` says them in Vietnamese). */
	rules: readonly RuleId[];
	/** How sure the reading is, 0–1 (`confidenceOf`); below `WEAK_CONFIDENCE` a person should check it first. */
	confidence: number;
}

/** Context a block is read in. */
export interface BlockContext {
	/** The notice date (or meeting date): year-less dates and "trong 03 tháng" are read from it. */
	noticeDate?: IsoDate;
	/** The issuing body, as written in the header ("Văn phòng UBND tỉnh Lào Cai"). */
	issuer?: string;
	/**
	 * The assignee named by the enclosing heading or list intro ("yêu cầu UBND huyện, thành phố …
	 * sau:"): sentences without a subject are charged to it.
	 */
	inheritedLead?: readonly AgencyRef[];
	/** The agency directory (default: the built-in one). */
	directory?: AgencyDirectory;
	/**
	 * Short forms the notice declares for a party ("Công ty Cổ phần X (sau đây gọi là Nhà đầu
	 * tư)"): read as parties wherever they are written, with the declared capitalisation.
	 */
	declaredParties?: readonly string[];
}

/** What a block is, for the document reader and the editor. */
export type BlockRole =
	/** notice header lines, title, number, place and date */
	| 'header'
	/** a heading or list intro: names context, never an assignment itself */
	| 'heading'
	/** ordinary paragraph or list item */
	| 'body'
	/** "Trên đây là …", "… thông báo để … biết, thực hiện./." */
	| 'closing'
	/** the "Nơi nhận" list and the signature block */
	| 'recipients';
