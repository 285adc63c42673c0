/**
 * The block grammar's word classes, compiled: the lists of `lexicon.ts` turned into the patterns each
 * stage of the block reader tests (introducers, approval and praise, predicates, topics, connectors …).
 */
import {
	ANAPHORIC_PLURALS,
	ANAPHORIC_POINTERS,
	ANAPHORIC_TOPIC_NOUNS,
	APPROVAL_WORDS,
	BARE_ADDRESSEES,
	capitalised,
	CHARGE_VERBS,
	CONNECTORS,
	DIRECTING_VERBS,
	ELABORATION_OPENERS,
	FINDING_VERBS,
	INTRODUCER_VERBS,
	ISSUER_OWN_VERBS,
	LAPSE_OPENERS,
	mergeWords,
	NARRATIVE_OPENERS,
	NON_PREDICATE_WORDS,
	PRAISE_WORDS,
	PREDICATE_OPENERS,
	SPEAKER_FORMULAS,
	SPEAKER_VERBS,
	TOPIC_MARKERS,
	WORD_END,
	withCapitals,
	wordsAlt,
	wordsRe
} from './lexicon';

export const LEAD_KINDS = new Set(['agency', 'locality', 'localOfficial', 'generic', 'unknown', 'leader']);

/** Words that may open a clause before its subject and carry no meaning for the parse. */
export const CONNECTOR_RE = new RegExp(`^(?:(?:${wordsAlt(withCapitals(CONNECTORS))})\\s*[,:]?\\s*)+`, 'u');

/**
 * Sentences that elaborate the previous one about the same party (merged into it); "Báo cáo kết
 * quả (thực hiện) về … trước ngày …" without a subject is the report-back of the task before.
 */
export const ELABORATION_RE = wordsRe(capitalised(ELABORATION_OPENERS), { after: '', caseSensitive: true });

/** A sentence that makes the party answer for the task ("Người đứng đầu chịu trách nhiệm trước …"). */
const ACCOUNTABILITY_PATTERN = /^(?:[^,;.]{0,40}\s)?(?:phải\s+|hoàn toàn\s+)?chịu trách nhiệm\s+(?:trước|nếu)(?![\p{L}\p{M}])/u;

/** {@link ACCOUNTABILITY_PATTERN} behind a cheap test for its words (it backtracks on every sentence). */
export const ACCOUNTABILITY_RE = { test: (s: string) => s.includes('chịu trách nhiệm') && ACCOUNTABILITY_PATTERN.test(s) };

/** [P16] A bare noun for the letter's addressee right after "đề nghị / yêu cầu" ("đề nghị địa phương căn cứ …"). */
export const BARE_ADDRESSEE_RE = wordsRe(BARE_ADDRESSEES, { after: '\\s+(?=\\p{Ll})', caseSensitive: true });

/** "Giao X", "Yêu cầu X", "Thống nhất giao X": the party after it is charged. */
export const INTRODUCER_RE = new RegExp(`^(?:(?:${wordsAlt(APPROVAL_WORDS)})\\s+(?:(?:việc|để|cho)\\s+)?)?(?:${wordsAlt(INTRODUCER_VERBS)})\\s+`, 'iu');

/**
 * An approval that names who is to act: "Thống nhất việc X …", "Đồng ý về chủ trương X nghiên cứu
 * …", "Đồng ý X lập Đề án …" (X must then be a party, read as the lead).
 */
export const APPROVAL_SUBJECT_RE = new RegExp(
	`^(?:cơ bản\\s+)?(?:${wordsAlt(APPROVAL_WORDS)})(?:\\s+(?:về\\s+)?(?:chủ trương|nguyên tắc))?(?:\\s+(?:việc|để|cho))?\\s+`,
	'iu'
);

/** Verbs with which the issuing authority or a leader speaks: the clause names the requester. */
export const REQUESTER_VERB_RE = wordsRe(mergeWords(INTRODUCER_VERBS, APPROVAL_WORDS, PRAISE_WORDS, CHARGE_VERBS, SPEAKER_VERBS), { caseSensitive: true });

/** Words that, right after a noun phrase, show it is not the subject of a predicate. */
export const NOT_PREDICATE_RE = new RegExp(`^(?!theo dõi)(?:[,:;.)\\]/]|-|–|\\(|${wordsAlt(NON_PREDICATE_WORDS)})${WORD_END}`, 'u');

/** "là cơ quan thường trực", "là đầu mối": a standing role given to the subject. */
export const ROLE_PREDICATE_RE = /^là\s+(?:(?:cơ quan|đơn vị)\s+(?:thường trực|đầu mối|chủ trì|tham mưu)|đầu mối)(?![\p{L}\p{M}])/u;

/**
 * Adverbials of scope between a subject and its predicate ("Bộ Công an, Thanh tra Chính phủ theo
 * chức năng, nhiệm vụ được giao tăng cường …"): skipped when looking for the predicate.
 */
export const SCOPE_ADVERBIAL_RE =
	/^(?:,\s*)?(?:theo|trong phạm vi|căn cứ)\s+(?:(?:đúng|các)\s+)?(?:chức năng,?\s+nhiệm vụ(?:,?\s+quyền hạn)?|thẩm quyền|lĩnh vực|phạm vi)(?:\s+(?:được giao|được phân công|của mình|quản lý))?(?:\s*,)?\s+/u;

/** A restrictive clause of what the subject has not yet done ("… đến nay chưa có báo cáo …, khẩn trương …"). */
export const LAPSE_RE = wordsRe(LAPSE_OPENERS, { after: '\\s', caseSensitive: true });

/** Predicate openers accepted after a comma ("…, Chủ tịch UBND cấp huyện phải chịu trách nhiệm"). */
export const COMMA_PREDICATE_RE = wordsRe(PREDICATE_OPENERS, { caseSensitive: true });

/**
 * Verbs with which the speaker charges a party besides giao / yêu cầu / đề nghị: "Ban Thường vụ
 * Tỉnh ủy lưu ý các cấp ủy …", "Thường trực Tỉnh ủy chỉ đạo Đảng ủy Công an tỉnh …".
 */
export const SPEAKER_CHARGE_RE = wordsRe(CHARGE_VERBS, { after: '\\s+', caseSensitive: true });

/** A committee written without a place name: in its own notice, the speaker. */
export const BARE_COMMITTEE_RE = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố|huyện|quận|thị xã)$/u;

/** [P15] "… có ý kiến như sau": whoever says it is the speaker. */
export const SPEAKER_FORMULA_RE = wordsRe(SPEAKER_FORMULAS, { caseSensitive: true });

/** Verbs of praise: whoever says them speaks for the notice, and is not charged by them. */
export const SPEAKER_PRAISE_RE = wordsRe(PRAISE_WORDS, { caseSensitive: true });

/** A sentence of agreement ("Nhất trí chủ trương."): no assignment without a party to act. */
export const AGREEMENT_RE = new RegExp(`^(?:Cơ bản\\s+)?(?:${wordsAlt(capitalised(APPROVAL_WORDS))})${WORD_END}`, 'u');

/** A sentence of praise ("Ghi nhận …", "Ủy ban nhân dân tỉnh ghi nhận …"): never an assignment. */
export const PRAISE_RE = new RegExp(`^(?:${wordsAlt(capitalised(PRAISE_WORDS))}|Ủy ban nhân dân tỉnh ghi nhận)${WORD_END}`, 'u');

/** A topic that points back ("Về việc này, …", "Về các nội dung trên, …"): the comma ends it. */
export const ANAPHORIC_TOPIC_RE = new RegExp(
	`^Về\\s+(?:(?:${wordsAlt(ANAPHORIC_PLURALS)})\\s+)?(?:${wordsAlt(ANAPHORIC_TOPIC_NOUNS)})\\s+(?:${wordsAlt(ANAPHORIC_POINTERS)})\\s*,\\s*`,
	'iu'
);

/** [V4] The issuing body telling of its own doing ("Bộ … gửi các thủ tục … để tham khảo"). */
export const ISSUER_OWN_RE = wordsRe(ISSUER_OWN_VERBS, { caseSensitive: true });

/** [V1] A finding: "…, cho thấy …" (the sentence states what an inspection found). */
export const FINDING_RE = new RegExp(`(?:^|[,\\s])(?:${wordsAlt(FINDING_VERBS)})\\s`, 'u');

/** Lead-ins that name a topic or a proposer ("Kiến nghị của …:"): capitalised, as they open a sentence. */
export const TOPIC_RE = wordsRe(capitalised(TOPIC_MARKERS), { caseSensitive: true });

/** Sentences about the meeting itself (who attended, who reported): never assignments. */
export const NARRATIVE_RE = new RegExp(`^(?:Ngày\\s+\\d|${wordsAlt(capitalised(NARRATIVE_OPENERS))})`, 'u');

/** Verbs of directing, in lower case: "giao" after a subject directs, "Giao" opening a sentence charges. */
export const DIRECTING_RE = wordsRe(DIRECTING_VERBS, { anchor: false, after: '\\s+', caseSensitive: true, flags: 'g' });

/** Where a plan's own wording starts: "(thể hiện|quy định) theo hướng", "với nội dung:". */
export const NESTED_CONTENT_RE = /(?<![\p{L}\p{M}])(?:theo hướng|với nội dung)(?![\p{L}\p{M}])(\s*:)?/u;
