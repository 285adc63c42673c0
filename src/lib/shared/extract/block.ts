/**
 * Block-level extraction: one paragraph or list item in, assignments out.
 *
 * The grammar it reads is that of Vietnamese conclusion notices:
 *  - the charged party (lead, chủ trì) follows "Giao", "Yêu cầu", "Đề nghị" at the start of a
 *    clause, or is the clause's grammatical subject ("Sở Tài chính có văn bản …");
 *  - a sentence with no subject is charged to the assignee of the enclosing heading or list intro;
 *  - supporting parties (phối hợp) follow "phối hợp (với|cùng)", "cùng với", "hỗ trợ";
 *  - a provincial leader is an official when he is the object of "tham mưu", is charged directly,
 *    or signs the directing document ("văn bản của Chủ tịch UBND tỉnh");
 *  - parties that the lead directs, addresses or reports to ("chỉ đạo X", "gửi X", "báo cáo X")
 *    are neither lead nor support;
 *  - agreements ("Nhất trí chủ trương."), praise, background and boilerplate carry no assignment.
 */
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { foldKey } from '../agencies/fold';
import { findParties, NAME_STOPS, type PartyMention } from '../agencies/matcher';
import { findDeadlines } from './deadline';
import {
	APPROVAL_WORDS,
	capitalised,
	CHARGE_VERBS,
	CONNECTORS,
	DIRECTING_VERBS,
	ELABORATION_OPENERS,
	INTRODUCER_VERBS,
	mergeWords,
	NARRATIVE_OPENERS,
	NON_PREDICATE_WORDS,
	PRAISE_WORDS,
	PREDICATE_OPENERS,
	SPEAKER_VERBS,
	TOPIC_MARKERS,
	WORD_END,
	withCapitals,
	wordsAlt,
	wordsRe
} from './lexicon';
import type { AgencyRef, Assignment, BlockContext, Deadline, Span } from './types';
import { explained, type RuleId } from './ruleIds';

// ——————————————————————————————————— small helpers ———————————————————————————————————

const LEAD_KINDS = new Set(['agency', 'locality', 'localOfficial', 'generic', 'unknown', 'leader']);

/** Words that may open a clause before its subject and carry no meaning for the parse. */
const CONNECTOR_RE = new RegExp(`^(?:(?:${wordsAlt(withCapitals(CONNECTORS))})\\s*[,:]?\\s*)+`, 'u');

/**
 * Sentences that elaborate the previous one about the same party (merged into it); "Báo cáo kết
 * quả (thực hiện) về … trước ngày …" without a subject is the report-back of the task before.
 */
const ELABORATION_RE = wordsRe(capitalised(ELABORATION_OPENERS), { after: '', caseSensitive: true });

/** A sentence that makes the party answer for the task ("Người đứng đầu chịu trách nhiệm trước …"). */
const ACCOUNTABILITY_PATTERN = /^(?:[^,;.]{0,40}\s)?(?:phải\s+|hoàn toàn\s+)?chịu trách nhiệm\s+(?:trước|nếu)(?![\p{L}\p{M}])/u;
/** {@link ACCOUNTABILITY_PATTERN} behind a cheap test for its words (it backtracks on every sentence). */
const ACCOUNTABILITY_RE = { test: (s: string) => s.includes('chịu trách nhiệm') && ACCOUNTABILITY_PATTERN.test(s) };

/** "Giao X", "Yêu cầu X", "Thống nhất giao X": the party after it is charged. */
const INTRODUCER_RE = new RegExp(`^(?:(?:${wordsAlt(APPROVAL_WORDS)})\\s+(?:(?:việc|để|cho)\\s+)?)?(?:${wordsAlt(INTRODUCER_VERBS)})\\s+`, 'iu');
/**
 * An approval that names who is to act: "Thống nhất việc X …", "Đồng ý về chủ trương X nghiên cứu
 * …", "Đồng ý X lập Đề án …" (X must then be a party, read as the lead).
 */
const APPROVAL_SUBJECT_RE = new RegExp(
	`^(?:cơ bản\\s+)?(?:${wordsAlt(APPROVAL_WORDS)})(?:\\s+(?:về\\s+)?(?:chủ trương|nguyên tắc))?(?:\\s+(?:việc|để|cho))?\\s+`,
	'iu'
);

/** Verbs with which the issuing authority or a leader speaks: the clause names the requester. */
const REQUESTER_VERB_RE = wordsRe(mergeWords(INTRODUCER_VERBS, APPROVAL_WORDS, PRAISE_WORDS, CHARGE_VERBS, SPEAKER_VERBS), { caseSensitive: true });

/** Words that, right after a noun phrase, show it is not the subject of a predicate. */
const NOT_PREDICATE_RE = new RegExp(`^(?!theo dõi)(?:[,:;.)\\]/]|-|–|\\(|${wordsAlt(NON_PREDICATE_WORDS)})${WORD_END}`, 'u');

/** "là cơ quan thường trực", "là đầu mối": a standing role given to the subject. */
const ROLE_PREDICATE_RE = /^là\s+(?:(?:cơ quan|đơn vị)\s+(?:thường trực|đầu mối|chủ trì|tham mưu)|đầu mối)(?![\p{L}\p{M}])/u;

/**
 * Adverbials of scope between a subject and its predicate ("Bộ Công an, Thanh tra Chính phủ theo
 * chức năng, nhiệm vụ được giao tăng cường …"): skipped when looking for the predicate.
 */
const SCOPE_ADVERBIAL_RE =
	/^(?:theo|trong phạm vi|căn cứ)\s+(?:(?:đúng|các)\s+)?(?:chức năng,?\s+nhiệm vụ(?:,?\s+quyền hạn)?|thẩm quyền|lĩnh vực|phạm vi)(?:\s+(?:được giao|được phân công|của mình|quản lý))?(?:\s*,)?\s+/u;

/** Predicate openers accepted after a comma ("…, Chủ tịch UBND cấp huyện phải chịu trách nhiệm"). */
const COMMA_PREDICATE_RE = wordsRe(PREDICATE_OPENERS, { caseSensitive: true });

/**
 * Verbs with which the speaker charges a party besides giao / yêu cầu / đề nghị: "Ban Thường vụ
 * Tỉnh ủy lưu ý các cấp ủy …", "Thường trực Tỉnh ủy chỉ đạo Đảng ủy Công an tỉnh …".
 */
const SPEAKER_CHARGE_RE = wordsRe(CHARGE_VERBS, { after: '\\s+', caseSensitive: true });

/** A committee written without a place name: in its own notice, the speaker. */
const BARE_COMMITTEE_RE = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã)$/u;
/** Verbs of praise: whoever says them speaks for the notice, and is not charged by them. */
const SPEAKER_PRAISE_RE = wordsRe(PRAISE_WORDS, { caseSensitive: true });

/** A sentence of agreement ("Nhất trí chủ trương."): no assignment without a party to act. */
const AGREEMENT_RE = new RegExp(`^(?:Cơ bản\\s+)?(?:${wordsAlt(capitalised(APPROVAL_WORDS))})${WORD_END}`, 'u');
/** A sentence of praise ("Ghi nhận …", "Ủy ban nhân dân tỉnh ghi nhận …"): never an assignment. */
const PRAISE_RE = new RegExp(`^(?:${wordsAlt(capitalised(PRAISE_WORDS))}|Ủy ban nhân dân tỉnh ghi nhận)${WORD_END}`, 'u');
const ANAPHORIC_TOPIC_RE = /^Về\s+(?:việc|vấn đề|nội dung|kiến nghị|đề nghị|đề xuất)\s+(?:này|trên|nêu trên)\s*,\s*/iu;
/** Lead-ins that name a topic or a proposer ("Kiến nghị của …:"): capitalised, as they open a sentence. */
const TOPIC_RE = wordsRe(capitalised(TOPIC_MARKERS), { caseSensitive: true });

/** Sentences about the meeting itself (who attended, who reported): never assignments. */
const NARRATIVE_RE = new RegExp(`^(?:Ngày\\s+\\d|${wordsAlt(capitalised(NARRATIVE_OPENERS))})`, 'u');

/** Verbs of directing, in lower case: "giao" after a subject directs, "Giao" opening a sentence charges. */
const DIRECTING_RE = wordsRe(DIRECTING_VERBS, { anchor: false, after: '\\s+', caseSensitive: true, flags: 'g' });

/**
 * Matches of a global regex that start in `[from, to)`, with indices into `text`. The regex runs
 * on that window only, so a search never scans the rest of a long paragraph.
 */
function matchesIn(re: RegExp, text: string, from: number, to: number): RegExpExecArray[] {
	const out: RegExpExecArray[] = [];
	if (to <= from) return out;
	// A little look-ahead past `to` lets a match that starts inside the window finish.
	const window = text.slice(from, Math.min(text.length, to + 40));
	re.lastIndex = 0;
	for (let m = re.exec(window); m && m.index < to - from; m = re.exec(window)) {
		m.index += from;
		out.push(m);
		if (m[0] === '') re.lastIndex++;
	}
	return out;
}

/** The first deadline (sorted by start) that starts in `[a, b)`: a binary search. */
function firstDeadlineIn(deadlines: readonly Deadline[], a: number, b: number): Deadline | null {
	let lo = 0;
	let hi = deadlines.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if ((deadlines[mid] as Deadline).span.start < a) lo = mid + 1;
		else hi = mid;
	}
	const d = deadlines[lo];
	return d && d.span.start < b ? d : null;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{M}\d]/u.test(c);

/** Per-code-unit memo of `/\s/u`: 0 unknown, 1 a space, 2 not. */
const spaceMemo = new Uint8Array(65536);
const SPACE_RE = /\s/u;

function skipSpaces(text: string, p: number): number {
	while (p < text.length) {
		const c = text.charCodeAt(p);
		let v = spaceMemo[c] as number;
		if (v === 0) spaceMemo[c] = v = SPACE_RE.test(text[p] as string) ? 1 : 2;
		if (v !== 1) break;
		p++;
	}
	return p;
}

// UTF-16 code units of the punctuation the scanners below look at.
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const PERIOD = 46;
const EXCLAMATION = 33;
const QUESTION = 63;
const SEMICOLON = 59;
const COLON = 58;
const COMMA = 44;
const SPACE = 32;
const LETTER_T = 116;

/** Sentence spans in `text`: a period (or ! ?) followed by a capital letter starts a new one. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
	const out: Span[] = [];
	let start = skipSpaces(text, from);
	let depth = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN || c === OPEN_BRACKET) depth++;
		else if ((c === CLOSE_PAREN || c === CLOSE_BRACKET) && depth > 0) depth--;
		else if ((c === PERIOD || c === EXCLAMATION || c === QUESTION) && depth === 0) {
			let j = i + 1;
			while (j < to && (text[j] === '.' || text[j] === '/')) j++;
			const k = skipSpaces(text, j);
			if (k >= to) continue;
			if (k === j) continue;
			if (!/[\p{Lu}“"(]/u.test(text[k] ?? '')) continue;
			// Abbreviations ("TP. Hồ Chí Minh", "v.v. Các …") do not end a sentence.
			const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(from, i - 6), i))?.[1] ?? '';
			if (/^(?:TP|Tp|TX|TT|ThS|TS|PGS|GS|St|v\.v|Q|P)$/u.test(word)) continue;
			out.push({ start, end: j });
			start = k;
			i = k - 1;
		}
	}
	const end = to;
	let e = end;
	while (e > start && /\s/u.test(text[e - 1] ?? '')) e--;
	if (e > start) out.push({ start, end: e });
	return out;
}

function toRef(m: PartyMention, textOverride?: string): AgencyRef {
	const ref: AgencyRef = {
		name: m.name,
		text: textOverride ?? m.text,
		kind: m.kind,
		known: m.known,
		span: { start: m.start, end: m.end }
	};
	if (m.agencyId) ref.agencyId = m.agencyId;
	if (m.successorName) ref.successorName = m.successorName;
	return ref;
}

/** Folded comparison key of a party: "UBND huyện" and "UBND huyện Sơn Động" refer back to each other. */
function partyKey(r: AgencyRef): string {
	return foldKey(r.known ? r.name : r.text)
		.replace(/\s+/g, ' ')
		.trim();
}

function sameParties(a: readonly AgencyRef[], b: readonly AgencyRef[]): boolean {
	if (a.length !== b.length) return false;
	return a.every((x, i) => {
		const y = b[i];
		if (!y) return false;
		const kx = partyKey(x);
		const ky = partyKey(y);
		// An anaphoric short form ("UBND huyện" after "UBND huyện Sơn Động") is the same party.
		return kx === ky || kx.startsWith(`${ky} `) || ky.startsWith(`${kx} `);
	});
}

function sameDeadline(a: Deadline | null, b: Deadline | null): boolean {
	if (!a || !b) return a === b;
	if (a.kind !== b.kind) return false;
	switch (a.kind) {
		case 'date':
			return b.kind === 'date' && a.date === b.date;
		case 'period':
			return b.kind === 'period' && a.from === b.from && a.to === b.to;
		case 'recurring':
			return b.kind === 'recurring' && a.frequency === b.frequency;
		case 'event':
			return true;
		default:
			return assertNever(a);
	}
}

function assertNever(x: never): never {
	throw new Error(`unexpected ${JSON.stringify(x)}`);
}

// ——————————————————————————————————— parsing a block ———————————————————————————————————

interface Parse {
	text: string;
	mentions: PartyMention[];
	at: Map<number, PartyMention>;
	ends: Set<number>;
	deadlines: Deadline[];
	ctx: BlockContext;
	provincialIssuer: boolean;
	/** The party a row label names ("Sở Tài chính: …"), charged with the whole block. */
	label?: AgencyRef[];
}

function isLeadCapable(m: PartyMention, parse: Parse): boolean {
	// A province's own notice or report does not charge the province itself ("UBND tỉnh Cao Bằng
	// tổng hợp …" is the author speaking).
	if (m.kind === 'locality' && parse.provincialIssuer && /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân) tỉnh [\p{Lu}]/u.test(m.text)) return false;
	if (LEAD_KINDS.has(m.kind)) return true;
	// Bare "UBND tỉnh" is the issuing authority in a province's own notice, but a charged party
	// in a ministry's or the Government Office's notice.
	return m.kind === 'authority' && !parse.provincialIssuer && /^(?:UBND|Ủy ban nhân dân) tỉnh/u.test(m.text);
}

interface PartyList {
	mentions: PartyMention[];
	/** Where the predicate starts. */
	end: number;
}

/** Reads coordinated parties at `p`: "Sở Tài chính, Sở Kế hoạch và Đầu tư", "X được giao … và Y". */
function readParties(parse: Parse, p: number): PartyList | null {
	const { text, at } = parse;
	const first = at.get(skipSpaces(text, p));
	if (!first) return null;
	const mentions = [first];
	let end = first.end;
	for (;;) {
		const rest = text.slice(end, end + 120);
		const sep = /^(?:\s*,\s*|\s+và\s+)/u.exec(rest);
		const next = sep ? at.get(end + sep[0].length) : undefined;
		if (sep && next) {
			mentions.push(next);
			end = next.end;
			continue;
		}
		// "Các cơ quan … được giao chủ trì thực hiện nhiệm vụ và các chuyên viên …": a restrictive
		// clause inside a coordinated subject.
		const rel = /^\s+(?:được|đã được)\s+(?:giao|phân công|cử)[^,;.:]{0,60}?\s+và\s+/u.exec(rest);
		const afterRel = rel ? at.get(end + rel[0].length) : undefined;
		if (rel && afterRel) {
			mentions.push(afterRel);
			end = afterRel.end;
			continue;
		}
		break;
	}
	// A trailing restrictive clause ("các chuyên viên được phân công rà soát") belongs to the noun.
	const rel = /^\s+(?:được|đã được)\s+(?:giao|phân công|cử)(?![\p{L}\p{M}])/u.exec(text.slice(end, end + 30));
	if (rel) end += rel[0].length;
	return { mentions, end };
}

/**
 * A row label at `p`: coordinated parties, a colon, and a predicate ("UBND huyện Sơn Tịnh, UBND
 * huyện Tư Nghĩa: phối hợp …"). Returns the leads and where the text after the colon starts.
 */
function rowLabel(parse: Parse, p: number, to: number): { leads: AgencyRef[]; end: number } | null {
	const { text } = parse;
	const list = readParties(parse, p);
	if (!list || !list.mentions.every((m) => isLeadCapable(m, parse))) return null;
	const colon = /^\s*:\s*/u.exec(text.slice(list.end, list.end + 6));
	if (!colon) return null;
	const end = list.end + colon[0].length;
	// The colon must open a clause, not a list of names ("Sở Y tế: 2 đoàn") or nothing.
	if (end >= to || !/^\p{L}/u.test(text[end] ?? '')) return null;
	return { leads: list.mentions.map((m) => toRef(m)), end };
}

/** Declared short form right after a party: "Văn phòng UBND tỉnh (viết tắt là Văn phòng)". */
function declaredShortForm(text: string, end: number): { text: string; end: number } | null {
	const m = /^\s*\((?:sau đây\s+)?(?:viết tắt là|gọi tắt là|gọi chung là)\s+([^)]+)\)/u.exec(text.slice(end, end + 80));
	return m?.[1] ? { text: m[1].trim(), end: end + m[0].length } : null;
}

interface LeadGroup {
	/** Clause start. */
	start: number;
	/** Predicate start. */
	predStart: number;
	leads: AgencyRef[];
	/** How the lead was found (RULES.md), and an opener skipped before it ([A3]). */
	rules: RuleId[];
}

interface ClauseStart {
	pos: number;
	comma: boolean;
}

/** Candidate clause starts in `[from, to)`: the start, after ; : and "thì", and after commas. */
function clauseStarts(text: string, from: number, to: number): ClauseStart[] {
	const out: ClauseStart[] = [{ pos: from, comma: false }];
	let depth = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN) depth++;
		else if (c === CLOSE_PAREN && depth > 0) depth--;
		else if (depth > 0) continue;
		else if (c === SEMICOLON || c === COLON) out.push({ pos: skipSpaces(text, i + 1), comma: false });
		else if (c === COMMA) out.push({ pos: skipSpaces(text, i + 1), comma: true });
		else if (c === SPACE && text.charCodeAt(i + 1) === LETTER_T && text.startsWith(' thì ', i)) out.push({ pos: i + 5, comma: false });
	}
	return out.filter((s) => s.pos < to);
}

/** Where a plan's own wording starts: "(thể hiện|quy định) theo hướng", "với nội dung:". */
const NESTED_CONTENT_RE = /(?<![\p{L}\p{M}])(?:theo hướng|với nội dung)(?![\p{L}\p{M}])(\s*:)?/u;

/** Finds the lead groups of one sentence (analysis range `[from, to)`). */
function findLeadGroups(parse: Parse, from: number, to: number): { groups: LeadGroup[]; requester: boolean; requesterAt: number } {
	const { text } = parse;
	const groups: LeadGroup[] = [];
	let requester = false;
	/** Start of the first clause in which the issuing side speaks ("Thủ tướng Chính phủ đồng ý …"). */
	let requesterAt = -1;
	let consumed = from;
	// [V3] "… thống nhất … nội dung phân công tại Đề án theo hướng: Bộ X chủ trì …": what follows
	// is the text to be written into the plan, not a charge of this notice.
	// With a colon it runs to the end of the sentence; without, to the end of its ";"-clause.
	const nested = NESTED_CONTENT_RE.exec(text.slice(from, to));
	const nestedAt = nested ? from + nested.index : to;
	const semi = nested && !nested[1] ? text.indexOf(';', nestedAt) : -1;
	const nestedEnd = !nested ? to : semi >= 0 && semi < to ? semi : to;
	for (const cs of clauseStarts(text, from, to)) {
		if (cs.pos > nestedAt && cs.pos <= nestedEnd) continue;
		if (cs.pos < consumed) continue;
		let p = cs.pos;
		const conn = CONNECTOR_RE.exec(text.slice(p, p + 40));
		if (conn) p += conn[0].length;
		const opener: RuleId[] = conn ? ['A3'] : [];
		const rest = text.slice(p, p + 60);
		// (a) Giao / Yêu cầu / Đề nghị X … ; Thống nhất việc X …
		const introducer = INTRODUCER_RE.exec(rest);
		const intro = introducer ?? APPROVAL_SUBJECT_RE.exec(rest);
		if (intro) {
			const list = readParties(parse, p + intro[0].length);
			const leads = list?.mentions.filter((m) => isLeadCapable(m, parse)) ?? [];
			if (list && leads.length) {
				groups.push({ start: cs.pos, predStart: list.end, leads: leads.map((m) => toRef(m)), rules: [...opener, introducer ? 'P1' : 'P3'] });
				consumed = list.end;
			}
			continue;
		}
		// (b) a subject at the clause start.
		const list = readParties(parse, p);
		if (!list) {
			// (c) "Huyện chờ …": a bare locality noun as subject.
			const bare = /^(Huyện|Thị xã|Thành phố|Quận)\s+(?=\p{Ll})(?!ủy|uỷ)/u.exec(rest);
			if (bare && !cs.comma && !NOT_PREDICATE_RE.test(text.slice(p + bare[0].length, p + bare[0].length + 8))) {
				const word = bare[1] ?? '';
				groups.push({
					start: cs.pos,
					predStart: p + word.length,
					leads: [{ name: word, text: word, kind: 'locality', known: false, span: { start: p, end: p + word.length } }],
					rules: [...opener, 'P8']
				});
				consumed = p + word.length;
			}
			continue;
		}
		let after = skipSpaces(text, list.end);
		const scope = SCOPE_ADVERBIAL_RE.exec(text.slice(after, after + 80));
		if (scope) after += scope[0].length;
		const tail = text.slice(after, after + 60);
		// The speaker: the authority or a leader with a verb of requesting; a bare "UBND thành phố" /
		// "UBND tỉnh" (no place name: the notice's own committee) with such a verb; anyone praising.
		const speakers =
			(list.mentions.every((m) => m.kind === 'authority' || m.kind === 'leader') ||
				(list.mentions.every((m) => m.kind === 'locality' && BARE_COMMITTEE_RE.test(m.text)) && !/^chỉ đạo/u.test(tail))) &&
			REQUESTER_VERB_RE.test(tail);
		if (speakers || SPEAKER_PRAISE_RE.test(tail)) {
			// "Ủy ban nhân dân tỉnh yêu cầu X …", "Thường trực UBND tỉnh yêu cầu:"
			requester = true;
			if (requesterAt < 0) requesterAt = cs.pos;
			const verb = INTRODUCER_RE.exec(tail) ?? SPEAKER_CHARGE_RE.exec(tail);
			const named = verb ? readParties(parse, after + verb[0].length) : null;
			const leads = named?.mentions.filter((m) => isLeadCapable(m, parse)) ?? [];
			if (named && leads.length) {
				groups.push({ start: cs.pos, predStart: named.end, leads: leads.map((m) => toRef(m)), rules: [...opener, 'P2'] });
				consumed = named.end;
			} else consumed = after;
			continue;
		}
		const leads = list.mentions.filter((m) => isLeadCapable(m, parse));
		if (leads.length !== list.mentions.length || !leads.length) continue;
		// A noun phrase followed by another party ("Các thành viên UBND tỉnh …") is still a noun phrase.
		// "Sở Giao thông vận tải là cơ quan thường trực, theo dõi …": a standing role is a charge.
		if (after >= to || (NOT_PREDICATE_RE.test(tail) && !ROLE_PREDICATE_RE.test(tail)) || parse.at.has(after)) continue;
		if (cs.comma) {
			if (!COMMA_PREDICATE_RE.test(tail)) continue;
			// "Sở A, Sở B hướng dẫn": a coordinated list, not a new clause.
			let b = cs.pos - 1;
			while (b > from && /[\s,]/u.test(text[b] ?? '')) b--;
			if (parse.ends.has(b + 1)) continue;
		}
		groups.push({ start: cs.pos, predStart: list.end, leads: leads.map((m) => toRef(m)), rules: [...opener, 'P8'] });
		consumed = list.end;
	}
	return { groups, requester, requesterAt };
}

/**
 * A task stated in the passive with its agent named: "Việc kiểm tra … được giao cho Sở Y tế chủ
 * trì thực hiện", "Kinh phí … được Sở Tài chính tham mưu UBND tỉnh bố trí". Only in the first
 * clause, and only a named party (a collective such as "cơ quan chuyên môn" after "được" describes
 * how the subject's own task is to be done).
 */
function passiveAgent(parse: Parse, from: number, to: number): LeadGroup | null {
	const { text } = parse;
	let end = to;
	for (let i = from; i < to; i++)
		if (text.charCodeAt(i) === SEMICOLON) {
			end = i;
			break;
		}
	for (const m of matchesIn(/(?<![\p{L}\p{M}])được\s+(?:giao\s+(?:cho\s+)?|phân công\s+(?:cho\s+)?)?/gu, text, from, end)) {
		if (m.index === from) continue;
		const list = readParties(parse, m.index + m[0].length);
		if (!list || !list.mentions.every((x) => isLeadCapable(x, parse) && x.kind !== 'generic')) continue;
		const tail = text.slice(skipSpaces(text, list.end), list.end + 60);
		if (!COMMA_PREDICATE_RE.test(tail)) continue;
		return { start: from, predStart: list.end, leads: list.mentions.map((x) => toRef(x)), rules: ['P9'] };
	}
	return null;
}

/** True when a sentence with no subject still reads as a directive, not a statement. */
function isDirective(sentence: string): boolean {
	const s = sentence.trim();
	if (AGREEMENT_RE.test(s) || PRAISE_RE.test(s) || NARRATIVE_RE.test(s)) return false;
	const firstClause = s.split(/[,;:]/u)[0] ?? s;
	const modal = /(?:^|\s)(?:cần|phải)(?![\p{L}\p{M}])/u.test(s);
	if (/\slà(?:\s|:)/u.test(` ${firstClause}`) && !modal) return false;
	if (/^Việc\s/u.test(s) && !modal) return false;
	const head = s.split(/\s+/u, 4).join(' ');
	if (/(?:^|\s)(?:đã|đang|vừa)(?:\s|$)/u.test(head)) return false;
	return true;
}

/** Supporting parties in `[from, to)`: after "phối hợp (với|cùng)", "cùng với", "hỗ trợ". */
function findSupport(parse: Parse, from: number, to: number): AgencyRef[] {
	const { text, at } = parse;
	const out: AgencyRef[] = [];
	const re = /(phối hợp|Phối hợp|cùng với|Cùng với|hỗ trợ)(?![\p{L}\p{M}])/gu;
	for (const m of matchesIn(re, text, from, to)) {
		// "đôn đốc các chủ đầu tư phối hợp với …": the directed party co-operates, not the lead.
		// Only the same ";"-clause, and at most a few hundred characters back, is looked at: the
		// scan must stay linear on a paragraph without punctuation.
		let clauseStart = m.index;
		const floor = Math.max(from, m.index - 400);
		while (clauseStart > floor && text[clauseStart - 1] !== ';') clauseStart--;
		const window = text.slice(clauseStart, m.index);
		DIRECTING_RE.lastIndex = 0;
		let directed = false;
		for (let d = DIRECTING_RE.exec(window); d; d = DIRECTING_RE.exec(window)) {
			// "lãnh đạo" is the verb after a Party body ("Đảng đoàn X lãnh đạo Y phối hợp …"), the
			// noun after a preposition or determiner ("làm việc với lãnh đạo Sở …").
			if (d[0].startsWith('lãnh đạo') && /(?:với|của|các|và|cùng|đồng chí|đại diện)\s+$/u.test(window.slice(Math.max(0, d.index - 12), d.index))) continue;
			if (!isWordChar(window[d.index - 1]) && (d.index > 0 || !isWordChar(text[clauseStart - 1]))) directed = true;
		}
		if (directed) continue;
		const trigger = (m[1] ?? '').toLowerCase();
		let p = m.index + trigger.length;
		if (trigger === 'phối hợp') {
			const adv = /^(?:\s+(?:chặt chẽ|tốt|thường xuyên|với|cùng))*/u.exec(text.slice(p, p + 40));
			const hadPrep = /với|cùng/u.test(adv?.[0] ?? '');
			p += adv?.[0].length ?? 0;
			if (!hadPrep && !at.get(skipSpaces(text, p))) continue;
		}
		p = skipSpaces(text, p);
		for (;;) {
			const mention = at.get(p);
			let end: number;
			let ref: AgencyRef | null = null;
			if (mention) {
				end = mention.end;
				ref = toRef(mention);
				if (mention.kind === 'generic') {
					// "các chủ đầu tư hạ tầng cụm công nghiệp": extend a collective to its qualifiers.
					const ext = text[end] === ' ' ? readPlainNoun(text, end + 1, to) : end;
					if (ext > end + 1) {
						ref = { ...ref, text: text.slice(mention.start, ext), name: text.slice(mention.start, ext), span: { start: mention.start, end: ext } };
						end = ext;
					}
				}
			} else {
				if (trigger === 'hỗ trợ' || trigger === 'cùng với') break;
				end = readPlainNoun(text, p, to);
				if (end <= p) break;
				const words = text.slice(p, end);
				ref = { name: words, text: words, kind: 'unknown', known: false, span: { start: p, end } };
			}
			const generic = ref.kind === 'generic' && /liên quan/u.test(ref.text);
			if (ref.kind !== 'authority' && !(ref.kind === 'leader' && trigger === 'hỗ trợ') && !generic) out.push(ref);
			const sep = /^(?:\s*,\s*|\s+và\s+)/u.exec(text.slice(end, end + 6));
			if (!sep) break;
			const nxt = end + sep[0].length;
			if (!at.get(nxt) && !/^(?:các|những)\s/u.test(text.slice(nxt, nxt + 6))) break;
			p = nxt;
		}
	}
	return out;
}

/** Reads a plain noun phrase up to the predicate (for parties the directory cannot know). */
function readPlainNoun(text: string, p: number, to: number): number {
	let end = p;
	let q = p;
	for (let words = 0; words < 8 && q < to; words++) {
		const w = /^[\p{L}\p{M}\d]+/u.exec(text.slice(q, q + 20))?.[0];
		if (!w) break;
		const wk = foldKey(w);
		const pair = /^([\p{L}\p{M}]+)\s+([\p{L}\p{M}]+)/u.exec(foldKey(text.slice(q, q + 30)));
		if (NAME_STOPS.has(wk) || (pair && NAME_STOPS.has(`${pair[1]} ${pair[2]}`))) break;
		end = q + w.length;
		if (text[end] !== ' ') break;
		q = end + 1;
	}
	return end;
}

/** Leaders who direct or handle the matter: objects of "tham mưu", signers of the document. */
function findOfficials(parse: Parse, from: number, to: number): AgencyRef[] {
	const { text, at } = parse;
	const out: AgencyRef[] = [];
	const re = /tham mưu\s+(?:cho\s+)?/gu;
	for (const m of matchesIn(re, text, from, to)) {
		const p = m.index + m[0].length;
		const list = readParties(parse, p);
		if (list) {
			for (const x of list.mentions) if (x.kind === 'leader') out.push(toRef(x));
			continue;
		}
		// "tham mưu văn bản của Chủ tịch UBND tỉnh giao …": the leader signs the directing document.
		const doc = /^(?:văn bản|công văn|quyết định|kế hoạch|chỉ thị|công điện|dự thảo)[^,;.]{0,30}?của\s+/iu.exec(text.slice(p, p + 60));
		if (doc) {
			const signer = at.get(p + doc[0].length);
			if (signer?.kind === 'leader') out.push(toRef(signer));
		}
	}
	const sign = /trình\s+/gu;
	for (const m of matchesIn(sign, text, from, to)) {
		const x = at.get(m.index + m[0].length);
		if (x?.kind === 'leader' && /^\s+(?:ký|ban hành)/u.test(text.slice(x.end, x.end + 12))) out.push(toRef(x));
	}
	return out;
}

function dedupe(refs: AgencyRef[]): AgencyRef[] {
	const seen = new Set<string>();
	return refs.filter((r) => {
		const k = partyKey(r);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
}

/** Trims a predicate to a short action phrase. */
function actionOf(text: string, span: Span, deadline: Deadline | null): { action: string; span: Span } {
	let s = span.start;
	let e = span.end;
	const head = /^[\s,:;]*(?:(?:cần phải|cần|phải|có trách nhiệm)\s+)?/u.exec(text.slice(s, s + 30));
	if (head) s += head[0].length;
	while (e > s && /[\s.,;:/]/u.test(text[e - 1] ?? '')) e--;
	let action = text.slice(s, e);
	if (deadline && deadline.span.start >= s && deadline.span.end <= e) {
		action = (text.slice(s, deadline.span.start) + text.slice(deadline.span.end, e))
			.replace(/\s*,\s*$/u, '')
			.replace(/\s+([,.;])/gu, '$1')
			.trim();
	}
	if (action.length > 220) action = `${action.slice(0, 220).replace(/\s+\S*$/u, '')}…`;
	action = action.charAt(0).toUpperCase() + action.slice(1);
	return { action, span: { start: s, end: e } };
}

interface Draft {
	sentence: number;
	span: Span;
	predSpan: Span;
	lead: AgencyRef[];
	support: AgencyRef[];
	officials: AgencyRef[];
	deadline: Deadline | null;
	elaboration: boolean;
	/** Only object of its sentence (merge candidates). */
	single: boolean;
	/** The rules that read it so far (parties and deadline are added at assembly). */
	rules: RuleId[];
}

/**
 * Report-back, target ("phấn đấu …") and standalone deadline clauses close the whole task, not
 * just their clause.
 */
const WHOLE_TASK_DEADLINE_RE =
	/^(?:(?:xong|hoàn thành|hoàn tất)\b|báo cáo|kết quả|phấn đấu|(?:lưu ý|trong đó)|(?:chậm nhất|trước|hết|từ nay)|(?:định kỳ\s+)?(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)\s+(?:tổng hợp,?\s+)?báo cáo)/u;

/**
 * Splits a clause group whose deadline sits in a later ";"-clause that is its own task
 * ("Phối hợp …; thực hiện …; khẩn trương giao … hoàn thành trước ngày 30/7/2026").
 */
function splitByDeadline(parse: Parse, span: Span, deadline: Deadline | null, predStart = span.start): Span[] {
	// A recurring rule ("định kỳ trước ngày 25 hằng tháng", "03 giờ một lần") or a time limit
	// counted from an event ("trong 10 ngày kể từ ngày nhận đủ hồ sơ") paces the whole task.
	if (!deadline || deadline.kind === 'recurring' || deadline.kind === 'event') return [span];
	const { text } = parse;
	let depth = 0;
	let lastSemi = -1;
	for (let i = span.start; i < deadline.span.start; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN) depth++;
		else if (c === CLOSE_PAREN && depth > 0) depth--;
		else if (c === SEMICOLON && depth === 0) lastSemi = i;
	}
	if (lastSemi < 0 || depth > 0) return [span];
	// "X chủ trì, phối hợp với Y hoàn thiện hồ sơ …; chi trả … trước ngày …": a task opened jointly
	// with a co-operating party runs on through its ";"-steps (the support would be lost on a split).
	if (/^[\s,]*(?:chủ trì,?\s+)?phối hợp\s+(?:chặt chẽ\s+)?(?:với|cùng)\s/u.test(text.slice(predStart, predStart + 40))) return [span];
	// "theo dõi, đôn đốc; tham mưu … trong tháng 01/2025": a clause of a few words with no object
	// is not a task of its own.
	if (lastSemi > predStart && text.slice(predStart, lastSemi).trim().split(/\s+/u).length <= 4) return [span];
	const clause = skipSpaces(text, lastSemi + 1);
	if (WHOLE_TASK_DEADLINE_RE.test(text.slice(clause, clause + 48).toLowerCase())) return [span];
	// "…; xóa các vùng lõm sóng, hoàn thành trong năm 2026": a completion phrase set off by a comma
	// at the end of the item closes the whole list of tasks, not only the last one, unless the last
	// clause is a procedure of its own ("…; giao X lập hồ sơ, gửi Sở Y thẩm định, trình …, hoàn
	// thành trước ngày …").
	const ownProcedure = /,\s*(?:gửi|trình)\s/u.test(text.slice(clause, deadline.span.start));
	if (
		!ownProcedure &&
		/^(?:xong|hoàn thành|hoàn tất)(?![\p{L}\p{M}])/u.test(deadline.text) &&
		/,\s*$/u.test(text.slice(Math.max(span.start, deadline.span.start - 4), deadline.span.start)) &&
		!text.slice(deadline.span.end, span.end).includes(';')
	)
		return [span];
	// A clause that reports back ("tổng hợp báo cáo … tại cuộc họp …") closes the whole task.
	if (/báo cáo/u.test(text.slice(clause, deadline.span.end))) return [span];
	return [
		{ start: span.start, end: lastSemi },
		{ start: clause, end: span.end }
	];
}

function analyseSentence(parse: Parse, index: number, sent: Span, carried: AgencyRef[] | null): { drafts: Draft[]; lastLead: AgencyRef[] | null } {
	const { text, ctx } = parse;
	let from = sent.start;
	const raw = text.slice(sent.start, sent.end);
	// "Về việc này, Phó Thủ tướng … yêu cầu X …": a topic that points back is no topic heading.
	const anaphor = ANAPHORIC_TOPIC_RE.exec(raw);
	const read: RuleId[] = anaphor ? ['S4'] : [];
	if (anaphor) from += anaphor[0].length;
	// "Kiến nghị của UBND huyện X về …: Giao …" — the lead-in names the proposer, not the assignee.
	else if (TOPIC_RE.test(raw)) {
		let depth = 0;
		for (let i = sent.start; i < sent.end; i++) {
			const c = text.charCodeAt(i);
			if (c === OPEN_PAREN) depth++;
			else if (c === CLOSE_PAREN && depth > 0) depth--;
			else if (c === COLON && depth === 0) {
				from = skipSpaces(text, i + 1);
				break;
			}
		}
		if (from === sent.start) return { drafts: [], lastLead: null };
	}
	// "- UBND huyện Bình Sơn: tập trung …", "Sở Tài chính: phối hợp …": a row labelled with the
	// party, as in a table of tasks; the label charges the clauses after the colon.
	if (index === 0 && from === sent.start) {
		const label = rowLabel(parse, from, sent.end);
		if (label) {
			parse.label = label.leads;
			from = label.end;
		}
	}
	const body = text.slice(from, sent.end);
	if (!body.trim() || NARRATIVE_RE.test(body) || PRAISE_RE.test(body)) return { drafts: [], lastLead: null };
	const { groups, requester, requesterAt } = findLeadGroups(parse, from, sent.end);
	if (!groups.length && !requester) {
		const passive = passiveAgent(parse, from, sent.end);
		if (passive) groups.push(passive);
	}
	// "Người đứng đầu chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu …": accountability for the task
	// just set elaborates it.
	const elaboration = ELABORATION_RE.test(body) || ACCOUNTABILITY_RE.test(body);
	const drafts: Draft[] = [];
	const deadlineIn = (a: number, b: number) => {
		const first = firstDeadlineIn(parse.deadlines, a, b);
		// "trình HĐND tỉnh tại kỳ họp cuối năm; hoàn thành trước ngày 10/12": an occasion named in
		// the task gives way to a calendar deadline written after it.
		if (first?.kind !== 'event') return first;
		const later = parse.deadlines.find((d) => d.span.start > first.span.start && d.span.start < b && d.kind !== 'event');
		return later ?? first;
	};

	const build = (lead: AgencyRef[], clause: Span, predStart: number, how: readonly RuleId[]) => {
		const deadline = deadlineIn(clause.start, clause.end);
		const parts = splitByDeadline(parse, clause, deadline, Math.max(clause.start, predStart));
		const rules: RuleId[] = [...read, ...how, ...(parse.label ? ['S5' as const] : []), ...(parts.length > 1 ? ['A2' as const] : [])];
		for (const part of parts) {
			const dl = deadlineIn(part.start, part.end);
			const pred = { start: Math.max(part.start, predStart), end: part.end };
			const officials = findOfficials(parse, part.start, part.end);
			for (const l of lead) if (l.kind === 'leader') officials.unshift(l);
			drafts.push({
				sentence: index,
				span: { start: sent.start, end: sent.end },
				predSpan: pred,
				lead,
				support: dedupe(findSupport(parse, pred.start, pred.end)),
				officials: dedupe(officials),
				deadline: dl,
				elaboration,
				single: false,
				rules
			});
		}
	};

	if (groups.length) {
		groups.forEach((g, k) => {
			// A subject-less opening clause belongs to the first named party of the sentence, unless
			// the issuing side speaks in it ("Thủ tướng Chính phủ đồng ý về chủ trương; giao X …").
			const start = k === 0 && !(requesterAt >= 0 && requesterAt < g.start) ? from : g.start;
			const end = groups[k + 1]?.start ?? sent.end;
			build(g.leads, { start, end }, g.predStart, g.rules);
			// "… gửi về Sở Tài chính để tổng hợp, tham mưu …": the receiving agency's own task.
			// A deadline may stand between the agency and the purpose ("gửi Sở Tài chính trước ngày
			// 05/9 để tổng hợp, tham mưu …"); a bare "để tổng hợp" only says why it is sent.
			const purpose = /gửi\s+(?:về\s+)?/gu;
			for (const m of matchesIn(purpose, text, g.predStart, end)) {
				const x = parse.at.get(m.index + m[0].length);
				if (!x || x.kind !== 'agency') continue;
				let q = x.end;
				const dl = firstDeadlineIn(parse.deadlines, q, q + 3);
				if (dl && text.slice(q, dl.span.start).trim() === '') q = dl.span.end;
				const so = /^\s+để\s+/u.exec(text.slice(q, q + 6));
				const why = so ? (text.slice(q + so[0].length, end).split(/[;.]/u)[0] ?? '').trim() : '';
				if (so && !/^(?:tổng hợp|theo dõi|biết)(?:,?\s+(?:tổng hợp|theo dõi|biết))?$/u.test(why)) {
					const predStart = q + so[0].length;
					drafts.push({
						sentence: index,
						span: { ...sent },
						predSpan: { start: predStart, end },
						lead: [toRef(x)],
						support: [],
						officials: findOfficials(parse, predStart, end),
						deadline: null,
						elaboration: false,
						single: false,
						rules: [...read, 'A5']
					});
				}
			}
		});
		const last = groups[groups.length - 1];
		return { drafts: finish(drafts), lastLead: last ? last.leads : null };
	}
	if (requester) return { drafts: [], lastLead: null };
	const continuation = /^(?:Đồng thời|Trong đó|Lưu ý|Kết quả|Riêng|Ngoài ra|Theo đó)/u.test(body);
	const fromHeading = !parse.label && !(continuation && carried) && !!ctx.inheritedLead?.length;
	const inherited = parse.label ? parse.label : continuation && carried ? carried : fromHeading ? [...(ctx.inheritedLead ?? [])] : carried;
	if (!inherited?.length || !isDirective(body)) return { drafts: [], lastLead: null };
	build(
		inherited.map((r) => ({ ...r })),
		{ start: from, end: sent.end },
		from,
		parse.label ? [] : fromHeading ? ['S1'] : ['A4']
	);
	return { drafts: finish(drafts), lastLead: inherited };
}

function finish(drafts: Draft[]): Draft[] {
	if (drafts.length === 1 && drafts[0]) drafts[0].single = true;
	return drafts;
}

/** Merges consecutive sentences about the same party, support and deadline. */
function mergeDrafts(drafts: Draft[]): Draft[] {
	const out: Draft[] = [];
	for (const d of drafts) {
		const prev = out[out.length - 1];
		const canMerge =
			prev &&
			d.single &&
			prev.single &&
			prev.sentence !== d.sentence &&
			sameParties(prev.lead, d.lead) &&
			(d.support.length === 0 || sameParties(prev.support, d.support)) &&
			(sameDeadline(prev.deadline, d.deadline) || d.elaboration) &&
			!(prev.deadline && d.deadline && !sameDeadline(prev.deadline, d.deadline));
		if (prev && canMerge) {
			prev.span = { start: prev.span.start, end: d.span.end };
			if (!prev.deadline && d.deadline) prev.deadline = d.deadline;
			prev.officials = dedupe([...prev.officials, ...d.officials]);
			prev.sentence = d.sentence;
			if (!prev.rules.includes('A1')) prev.rules = [...prev.rules, 'A1'];
			continue;
		}
		out.push({ ...d, rules: [...d.rules] });
	}
	return out;
}

/** Adds the notice's declared short forms ("Nhà đầu tư") where no other mention covers them. */
function addDeclared(text: string, mentions: PartyMention[], declared: readonly string[]): void {
	for (const name of declared) {
		for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
			const end = i + name.length;
			if (isWordChar(text[i - 1]) || isWordChar(text[end])) continue;
			if (mentions.some((m) => m.start < end && i < m.end)) continue;
			mentions.push({ start: i, end, text: name, name, kind: 'unknown', known: false });
		}
	}
	mentions.sort((a, b) => a.start - b.start);
}

function makeParse(text: string, ctx: BlockContext): Parse {
	const mentions = findParties(text, {
		directory: ctx.directory ?? DEFAULT_DIRECTORY,
		...(ctx.noticeDate ? { asOf: ctx.noticeDate } : {})
	});
	if (ctx.declaredParties?.length) addDeclared(text, mentions, ctx.declaredParties);
	const at = new Map<number, PartyMention>();
	const ends = new Set<number>();
	for (const m of mentions) {
		at.set(m.start, m);
		ends.add(m.end);
	}
	const issuer = ctx.issuer ?? '';
	return {
		text,
		mentions,
		at,
		ends,
		deadlines: findDeadlines(text, ctx.noticeDate),
		ctx,
		provincialIssuer: !issuer || /tỉnh|UBND|Ủy ban nhân dân|thành phố/iu.test(issuer)
	};
}

/** True for closing boilerplate: "Trên đây là …", "… thông báo để … biết, thực hiện./.". */
export function isBoilerplate(text: string): boolean {
	const t = text.trim();
	if (/^(?:Trên đây là|Nay thông báo|Thừa lệnh|Văn phòng[^.]{0,60}?(?:xin\s+)?thông báo)/u.test(t)) return true;
	return /thông báo\s+(?:để|đến|và|cho)[^.]*?(?:biết|thực hiện)[^.]*\.\/\.?\s*$/u.test(t);
}

/**
 * Extracts the assignments of one block (a paragraph or list item, without its list marker).
 * Offsets are into `text`. Pure and fast: the editor calls it on every changed block.
 */
export function extractBlock(text: string, context: BlockContext = {}): Assignment[] {
	const nfc = text.normalize('NFC');
	if (!nfc.trim() || isBoilerplate(nfc)) return [];
	const parse = makeParse(nfc, context);
	const drafts: Draft[] = [];
	let carried: AgencyRef[] | null = null;
	splitSentences(nfc).forEach((sent, i) => {
		const r = analyseSentence(parse, i, sent, carried);
		drafts.push(...r.drafts);
		if (r.lastLead) carried = r.lastLead;
	});
	const closing = CLOSING_END_RE.test(nfc);
	return mergeDrafts(drafts).flatMap((d) => {
		const { action, span } = actionOf(nfc, d.predSpan, d.deadline);
		// The closing formula "Yêu cầu các cơ quan … triển khai thực hiện./.": no task of its own.
		if (closing && !d.deadline && GENERIC_CARRY_OUT_RE.test(action)) return [];
		return {
			span: d.span,
			lead: d.lead,
			support: d.support,
			officials: d.officials,
			action,
			actionSpan: span,
			deadline: d.deadline,
			...explained(d.rules, d.lead, d.support, d.deadline)
		};
	});
}

/** A document's last words: "./." (or "/."). */
const CLOSING_END_RE = /\.?\/\.\s*$/u;
/** An action that only says "carry it out" ("nghiên cứu, triển khai thực hiện", "tổ chức thực hiện nghiêm túc"). */
const GENERIC_CARRY_OUT_RE =
	/^(?:(?:nghiên cứu|chủ động|khẩn trương|nghiêm túc)[,\s]+)*(?:triển khai|tổ chức)?\s*thực hiện(?:\s+(?:nghiêm túc|nghiêm|kịp thời))?(?:\s+(?:các\s+)?(?:nội dung|ý kiến chỉ đạo)\s+(?:trên|nêu trên|này))?[\s./]*$/iu;

/**
 * The assignee a heading or list intro names, if any: "1. Sở Công Thương", "… yêu cầu UBND
 * huyện, thành phố cần tập trung thực hiện … sau:", "đề nghị Văn phòng UBND tỉnh (viết tắt là
 * Văn phòng) …". A heading that names only the requester ("Thường trực UBND tỉnh yêu cầu:")
 * or a topic ("Về công tác tổng hợp") returns null.
 */
export function headingAssignee(text: string, context: BlockContext = {}): AgencyRef[] | null {
	const nfc = text.normalize('NFC').trim();
	const parse = makeParse(nfc, context);
	const bare = nfc.replace(/[.:]\s*$/u, '');
	const first = parse.at.get(0);
	// A heading that is only a party, maybe with a qualifier: "7. Ủy ban nhân dân các xã, phường có
	// cụm công nghiệp".
	if (first && isLeadCapable(first, parse) && bare.length < 120 && !/[,;:]/u.test(bare.slice(first.end))) {
		const rest = bare.slice(first.end);
		if (!rest.trim() || !COMMA_PREDICATE_RE.test(rest.trim())) return [toRef(first, bare)];
	}
	// "a) Đối với Tập đoàn Điện lực Việt Nam:": the tasks below are that party's.
	const toward = /^(?:Đối với|đối với|ĐỐI VỚI)\s+/u.exec(bare);
	if (toward) {
		const list = readParties(parse, toward[0].length);
		if (list && list.end === bare.length && list.mentions.every((m) => isLeadCapable(m, parse))) return list.mentions.map((m) => toRef(m));
	}
	const sentences = splitSentences(nfc);
	const last = sentences[sentences.length - 1];
	if (!last) return null;
	const { groups } = findLeadGroups(parse, last.start, last.end);
	const g = groups[0];
	if (!g) return null;
	return g.leads.map((r) => {
		const short = r.span ? declaredShortForm(nfc, r.span.end) : null;
		return short ? { ...r, text: short.text } : r;
	});
}
