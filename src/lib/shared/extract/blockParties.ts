/**
 * The party stage of the block reader: the parse of a block (its party mentions and deadlines), and
 * who is charged in a sentence — after "Giao / Yêu cầu / Đề nghị", as subject, in the passive, as a
 * row label (RULES.md P, S5, V3).
 */
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { foldKey } from '../agencies/fold';
import { findParties, type PartyMention } from '../agencies/matcher';
import { findDeadlines } from './deadline';
import type { AgencyRef, BlockContext, Deadline } from './types';
import type { RuleId } from './ruleIds';
import { CLOSE_PAREN, COLON, COMMA, OPEN_PAREN, SEMICOLON, clauseStarts, isWordChar, matchesIn, skipSpaces } from './blockClauses';
import {
	APPROVAL_SUBJECT_RE,
	BARE_COMMITTEE_RE,
	COMMA_PREDICATE_RE,
	CONNECTOR_RE,
	BARE_ADDRESSEE_RE,
	INTRODUCER_RE,
	ISSUER_OWN_RE,
	LAPSE_RE,
	LEAD_KINDS,
	NESTED_CONTENT_RE,
	NOT_PREDICATE_RE,
	REQUESTER_VERB_RE,
	ROLE_PREDICATE_RE,
	SCOPE_ADVERBIAL_RE,
	SPEAKER_CHARGE_RE,
	SPEAKER_FORMULA_RE,
	SPEAKER_PRAISE_RE
} from './blockWords';

export function toRef(m: PartyMention, textOverride?: string): AgencyRef {
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

export function sameParties(a: readonly AgencyRef[], b: readonly AgencyRef[]): boolean {
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

export interface Parse {
	text: string;
	mentions: PartyMention[];
	at: Map<number, PartyMention>;
	ends: Set<number>;
	deadlines: Deadline[];
	ctx: BlockContext;
	provincialIssuer: boolean;
	/** The issuing body as written in the header, folded (lower case), for {@link isIssuer}. */
	issuerKey: string;
	/** The party a row label names ("Sở Tài chính: …"), charged with the whole block. */
	label?: AgencyRef[];
}

/**
 * [P2] True when `m` is the body that issues the document ("Bộ Nông nghiệp và Môi trường kính đề
 * nghị UBND các tỉnh …" in the ministry's own letter): with a verb of requesting it speaks.
 */
export function isIssuer(m: PartyMention, parse: Parse): boolean {
	if (m.kind !== 'agency' || !parse.issuerKey) return false;
	// An office (Văn phòng UBND tỉnh, Văn phòng Chính phủ) issues for its leaders, and is itself
	// charged in what it issues ("Văn phòng UBND tỉnh chỉ đạo Trung tâm …").
	if (/^văn phòng/iu.test(m.name)) return false;
	return parse.issuerKey.includes(foldKey(m.name.toLowerCase()));
}

export function isLeadCapable(m: PartyMention, parse: Parse): boolean {
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
/** [P18] A bare council before its committee ("Hội đồng nhân dân, Ủy ban nhân dân các tỉnh …"). */
const COUNCIL_ELLIPSIS_RE = /^(Hội đồng nhân dân|HĐND)\s*(?:,|và)\s*(?=(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s)/u;
/** The committee head of a locality mention ("Ủy ban nhân dân" of "Ủy ban nhân dân các tỉnh, thành phố"). */
const COMMITTEE_HEAD_RE = /^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND)/u;

/** A declared short form in parentheses right after a party ("(sau đây gọi là Bộ, cơ quan trung ương)"). */
const DECLARED_ASIDE_RE = /^\s*\((?:sau đây\s+)?(?:gọi\s+(?:tắt\s+)?là|viết tắt(?:\s+là)?)\s[^()]{1,80}\)/u;

export function readParties(parse: Parse, p: number): PartyList | null {
	const { text, at } = parse;
	const q = skipSpaces(text, p);
	let first = at.get(q);
	let council: PartyMention | null = null;
	if (!first) {
		// [P18] "Hội đồng nhân dân, Ủy ban nhân dân các tỉnh, thành phố": the council shares the
		// committee's place.
		const m = COUNCIL_ELLIPSIS_RE.exec(text.slice(q, q + 40));
		const committee = m ? at.get(q + m[0].length) : undefined;
		if (!m || !committee || committee.kind !== 'locality') return null;
		const place = committee.text.replace(COMMITTEE_HEAD_RE, '');
		council = { start: q, end: q + (m[1] ?? '').length, text: `${m[1]}${place}`, name: `${m[1]}${place}`, kind: 'locality', known: false };
		first = committee;
	}
	const mentions = council ? [council, first] : [first];
	let end = first.end;
	for (;;) {
		const rest = text.slice(end, end + 120);
		// [P17] "Các sở, ban, ngành; Ủy ban nhân dân các xã, phường; các cơ quan, đơn vị …": ";" parts parties too.
		const sep = /^(?:\s*[,;]\s*|\s+và\s+)/u.exec(rest);
		const next = sep ? at.get(end + sep[0].length) : undefined;
		if (sep && next) {
			mentions.push(next);
			end = next.end;
			continue;
		}
		// [P11] "các Bộ, … ở trung ương (sau đây gọi là Bộ, cơ quan trung ương) và Ủy ban nhân dân các
		// tỉnh …": the list goes on after a party's declared short form.
		const declared = DECLARED_ASIDE_RE.exec(rest);
		const afterAside = declared ? /^(?:\s*,\s*|\s+và\s+)/u.exec(rest.slice(declared[0].length)) : null;
		const nextAfterAside = declared && afterAside ? at.get(end + declared[0].length + afterAside[0].length) : undefined;
		if (declared && afterAside && nextAfterAside) {
			mentions.push(nextAfterAside);
			end = nextAfterAside.end;
			continue;
		}
		// [P12] "Vườn quốc gia Hoàng Liên, các Công ty Lâm nghiệp …": a named kind in the plural is
		// one more party of the list, kept with its "các".
		const plural = sep ? /^(?:các|những)\s+/u.exec(rest.slice(sep[0].length)) : null;
		const many = sep && plural ? at.get(end + sep[0].length + plural[0].length) : undefined;
		if (sep && plural && many) {
			const word = plural[0].trimEnd();
			mentions.push({ ...many, start: end + sep[0].length, text: `${plural[0]}${many.text}`, name: `${word} ${many.name}` });
			end = many.end;
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
export function rowLabel(parse: Parse, p: number, to: number): { leads: AgencyRef[]; end: number } | null {
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
export function declaredShortForm(text: string, end: number): { text: string; end: number } | null {
	const m = /^\s*\((?:sau đây\s+)?(?:viết tắt là|gọi tắt là|gọi chung là|gọi là)\s+([^)]+)\)/u.exec(text.slice(end, end + 80));
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

/** Finds the lead groups of one sentence (analysis range `[from, to)`). */
export function findLeadGroups(parse: Parse, from: number, to: number): { groups: LeadGroup[]; requester: boolean; requesterAt: number } {
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
			} else if (!list && introducer && !/^giao/iu.test(introducer[0])) {
				// [P16] "đề nghị địa phương căn cứ …": the bare noun stands for the addressee.
				const at = p + intro[0].length;
				const bare = BARE_ADDRESSEE_RE.exec(text.slice(at, at + 30));
				const word = bare?.[0].trimEnd() ?? '';
				if (word) {
					groups.push({
						start: cs.pos,
						predStart: at + word.length,
						leads: [{ name: word, text: word, kind: 'generic', known: false, span: { start: at, end: at + word.length } }],
						rules: [...opener, 'P1', 'P16']
					});
					consumed = at + word.length;
				}
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
		let tail = text.slice(after, after + 60);
		let predStart = list.end;
		// [P13] "Các Bộ, … đến nay chưa có báo cáo theo văn bản số …, khẩn trương gửi báo cáo …": a
		// clause of what the subject has not yet done restricts it; the predicate follows the comma.
		if (!cs.comma && LAPSE_RE.test(tail)) {
			const comma = lapseEnd(text, after, to);
			if (comma > 0) {
				after = comma;
				predStart = comma;
				tail = text.slice(after, after + 60);
			}
		}
		// The speaker: the authority or a leader with a verb of requesting; a bare "UBND thành phố" /
		// "UBND tỉnh" (no place name: the notice's own committee) with such a verb; anyone praising.
		const speakers =
			(list.mentions.every((m) => m.kind === 'authority' || m.kind === 'leader' || isIssuer(m, parse)) ||
				(list.mentions.every((m) => m.kind === 'locality' && BARE_COMMITTEE_RE.test(m.text)) && !/^chỉ đạo/u.test(tail))) &&
			REQUESTER_VERB_RE.test(tail);
		if (speakers || SPEAKER_PRAISE_RE.test(tail) || SPEAKER_FORMULA_RE.test(tail)) {
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
		// [V4] "Bộ Nông nghiệp và Môi trường gửi các thủ tục … để tham khảo": the issuer tells of its own doing.
		if (list.mentions.every((m) => isIssuer(m, parse)) && ISSUER_OWN_RE.test(tail)) continue;
		groups.push({ start: cs.pos, predStart, leads: leads.map((m) => toRef(m)), rules: [...opener, 'P8', ...(predStart > list.end ? (['P13'] as const) : [])] });
		consumed = predStart;
	}
	return { groups, requester, requesterAt };
}

/**
 * Where the predicate starts after a restrictive clause of lapse ([P13]): past the first comma
 * (outside parentheses, before any ";" or ":") that a predicate opener follows; -1 when none does.
 */
function lapseEnd(text: string, from: number, to: number): number {
	let depth = 0;
	for (let i = from; i < to && i < from + 240; i++) {
		const c = text.charCodeAt(i);
		if (c === OPEN_PAREN) depth++;
		else if (c === CLOSE_PAREN && depth > 0) depth--;
		else if (c === SEMICOLON || c === COLON) return -1;
		else if (c === COMMA && depth === 0) {
			const at = skipSpaces(text, i + 1);
			if (COMMA_PREDICATE_RE.test(text.slice(at, at + 40))) return at;
		}
	}
	return -1;
}

/**
 * A task stated in the passive with its agent named: "Việc kiểm tra … được giao cho Sở Y tế chủ
 * trì thực hiện", "Kinh phí … được Sở Tài chính tham mưu UBND tỉnh bố trí". Only in the first
 * clause, and only a named party (a collective such as "cơ quan chuyên môn" after "được" describes
 * how the subject's own task is to be done).
 */
export function passiveAgent(parse: Parse, from: number, to: number): LeadGroup | null {
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

export function dedupe(refs: AgencyRef[]): AgencyRef[] {
	const seen = new Set<string>();
	return refs.filter((r) => {
		const k = partyKey(r);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
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

export function makeParse(text: string, ctx: BlockContext): Parse {
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
		provincialIssuer: !issuer || /tỉnh|UBND|Ủy ban nhân dân|thành phố/iu.test(issuer),
		issuerKey: issuer ? foldKey(issuer.toLowerCase()) : ''
	};
}
