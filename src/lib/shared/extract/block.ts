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
import type { AgencyRef, Assignment, BlockContext, Deadline, Span } from './types';
import { explained, type RuleId } from './ruleIds';
import { CLOSE_PAREN, COLON, OPEN_PAREN, matchesIn, skipSpaces, splitSentences } from './blockClauses';
import { firstDeadlineIn, sameDeadline, splitByDeadline } from './blockDeadline';
import {
	declaredShortForm,
	dedupe,
	findLeadGroups,
	isLeadCapable,
	makeParse,
	passiveAgent,
	readParties,
	rowLabel,
	sameParties,
	toRef,
	type Parse
} from './blockParties';
import { actionOf, isDirective } from './blockPredicate';
import { findOfficials, findSupport } from './blockSupport';
import {
	ACCOUNTABILITY_RE,
	ANAPHORIC_TOPIC_RE,
	COMMA_PREDICATE_RE,
	ELABORATION_RE,
	FINDING_RE,
	NARRATIVE_RE,
	PRAISE_RE,
	SPEAKER_FORMULA_RE,
	TOPIC_RE
} from './blockWords';
import {
	capitalised,
	CARRY_OUT_MANNERS,
	CARRY_OUT_OBJECTS,
	CARRY_OUT_OPENERS,
	CARRY_OUT_POINTERS,
	COURTESY_OPENERS,
	DIFFICULTY_WORDS,
	wordsAlt,
	wordsRe
} from './lexicon';

/** Sentences of a block: part of this module's public face (the editor and the sequence reader use it). */
export { splitSentences } from './blockClauses';

/** A recurring deadline that names the due day of each round ("trước ngày 30 tháng 6 hằng năm"). */
const DUE_DAY_RE = /^(?:(?:chậm nhất|muộn nhất)\s+)?(?:trước|vào)\s/iu;

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
	// [V1] "Qua quá trình kiểm tra …, cho thấy các đơn vị cơ bản đã chấp hành …": a finding, unless it
	// also charges someone ("…; yêu cầu …").
	if (FINDING_RE.test(body) && !/(?:^|[;:]\s*)(?:[Gg]iao|[Yy]êu cầu|[Đđ]ề nghị)\s/u.test(body)) return { drafts: [], lastLead: null };
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
		// "định kỳ hai năm một lần rà soát …, gửi Bộ … trước ngày 30 tháng 6 hằng năm": a bare cycle
		// paces the work; the due day of each round is the deadline.
		if (first?.kind === 'recurring' && !DUE_DAY_RE.test(first.text))
			return parse.deadlines.find((d) => d.span.start > first.span.start && d.span.start < b && d.kind === 'recurring' && DUE_DAY_RE.test(d.text)) ?? first;
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

/** True for closing boilerplate: "Trên đây là …", "… thông báo để … biết, thực hiện./.". */
export function isBoilerplate(text: string): boolean {
	const t = text.trim();
	if (/^(?:Trên đây là|Nay thông báo|Thừa lệnh|Văn phòng[^.]{0,60}?(?:xin\s+)?thông báo)/u.test(t)) return true;
	if (COURTESY_RE.test(t)) return true;
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
		// [V2] The closing formula "Yêu cầu các cơ quan … triển khai thực hiện./.": no task of its own,
		// nor its "trong quá trình thực hiện nếu có khó khăn, vướng mắc … báo cáo …" tail.
		// (What is left once the tail is cut may be nothing: the sentence was the tail.)
		const rest = closing && !d.deadline ? withoutDifficulties(nfc.slice(span.start, span.end)).trim() : null;
		if (rest !== null && (GENERIC_CARRY_OUT_RE.test(action) || !rest || GENERIC_CARRY_OUT_RE.test(rest) || CHARGED_CARRY_OUT_RE.test(rest))) return [];
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

/** [V2] "Mong nhận được sự quan tâm, phối hợp …": a closing courtesy. */
const COURTESY_RE = wordsRe(capitalised(COURTESY_OPENERS), { caseSensitive: true });

/** A document's last words: "./." (or "/."). */
const CLOSING_END_RE = /\.?\/\.\s*$/u;

/**
 * An action that only says "carry it out" ("nghiên cứu, triển khai thực hiện", "tổ chức thực hiện
 * nghiêm túc", "chịu trách nhiệm tổ chức triển khai thực hiện nghiêm túc các nội dung nêu trên").
 */
const CARRY_OUT = `(?:(?:${wordsAlt(CARRY_OUT_OPENERS)})[,\\s]+)*(?:(?:triển khai|tổ chức)\\s+){0,2}thực hiện(?:\\s+(?:${wordsAlt(CARRY_OUT_MANNERS)}))?(?:\\s+(?:các\\s+)?(?:${wordsAlt(CARRY_OUT_OBJECTS)})\\s+(?:${wordsAlt(CARRY_OUT_POINTERS)}))?(?:\\s+(?:${wordsAlt(CARRY_OUT_MANNERS)}))?[\\s./]*$`;
const GENERIC_CARRY_OUT_RE = new RegExp(`^${CARRY_OUT}`, 'iu');
/** "Yêu cầu đồng chí … và Trưởng phòng … nghiêm túc triển khai thực hiện.": the formula, whoever is named. */
const CHARGED_CARRY_OUT_RE = new RegExp(`^(?:Yêu cầu|Đề nghị)\\s[^.;:]{0,240}?\\s${CARRY_OUT}`, 'u');

/** "…; trong quá trình thực hiện nếu phát sinh khó khăn, vướng mắc …": where the closing's tail starts. */
const DIFFICULTY_TAIL_RE = new RegExp(
	`(?:^|\\s*[;.]\\s*)(?:trong quá trình[^,;.]{0,30}?,?\\s*)?(?:nếu|khi)\\s+(?:có|phát sinh|gặp)\\s+(?:${wordsAlt(DIFFICULTY_WORDS)})[\\s\\S]*$`,
	'iu'
);

/** The closing's text without its "if difficulties arise, report" tail. */
const withoutDifficulties = (s: string): string => s.replace(DIFFICULTY_TAIL_RE, '');

/**
 * [S7] The parties of a list item that only names parties, with an optional aside and a final ";"
 * or "." ("- Sở Công Thương (đối với tài sản kết cấu hạ tầng cụm công nghiệp và hạ tầng thương
 * mại);", "- Ban Quản lý Khu kinh tế, Ban Quản lý các khu công nghiệp (…)."), else null.
 */
export function enumeratedParties(text: string, context: BlockContext = {}): AgencyRef[] | null {
	const nfc = text.normalize('NFC').trim();
	const parse = makeParse(nfc, context);
	const first = parse.at.get(0);
	if (!first || !isLeadCapable(first, parse)) return null;
	const list = readParties(parse, 0);
	if (!list || !list.mentions.every((m) => isLeadCapable(m, parse))) return null;
	if (!/^\s*(?:\([^()]*(?:\([^()]*\)[^()]*)*\))?\s*[;.,]?\s*$/u.test(nfc.slice(list.end))) return null;
	return list.mentions.map((m) => toRef(m));
}

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
		// [P15] "Bộ Tài chính có ý kiến như sau:" names the speaker, not a party with a qualifier.
		if (!rest.trim() || !(COMMA_PREDICATE_RE.test(rest.trim()) || SPEAKER_FORMULA_RE.test(rest.trim()))) return [toRef(first, bare)];
	}
	// [S1] "1. Công an tỉnh, các sở, ban, ngành, đoàn thể tỉnh và Ủy ban nhân dân các xã, phường": a
	// heading that is only a list of parties passes them all.
	const whole = first && isLeadCapable(first, parse) ? readParties(parse, 0) : null;
	if (whole && whole.mentions.length > 1 && whole.end === bare.length && whole.mentions.every((m) => isLeadCapable(m, parse)))
		return whole.mentions.map((m) => toRef(m));
	// "a) Đối với Tập đoàn Điện lực Việt Nam:": the tasks below are that party's.
	const toward = /^(?:Đối với|đối với|ĐỐI VỚI)\s+/u.exec(bare);
	if (toward) {
		const list = readParties(parse, toward[0].length);
		// "3. Đối với các Bộ quản lý chuyên ngành (theo quy định tại khoản 5 Điều 3 …)": an aside may follow.
		const ends = list && (list.end === bare.length || /^\s*\([^()]*\)\s*$/u.test(bare.slice(list.end)));
		if (list && ends && list.mentions.every((m) => isLeadCapable(m, parse))) return list.mentions.map((m) => toRef(m));
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
