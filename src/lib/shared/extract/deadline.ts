/**
 * Reads deadlines (thời hạn) in Vietnamese administrative text.
 *
 * Only phrases that bind the task count: a date preceded by a deadline word ("trước ngày",
 * "hết ngày", "chậm nhất", "tại phiên giao ban ngày …"), a period introduced by "trong" ("trong
 * tháng 01/2024", "trong Quý III/2021"), a recurring rule ("định kỳ hằng quý"), or an event
 * ("tại cuộc họp giao ban kế tiếp"). Bare dates are not deadlines: in these notices they date
 * cited documents ("Văn bản số 198/HĐND-TT ngày 26/7/2021") or events inside a proposal, and bare
 * years are descriptors ("kế hoạch năm 2024"). Start times ("ngay từ đầu năm", "từ Quý I") and
 * "thường xuyên" are not deadlines either.
 */
import { COMPLETION_WORDS, MEETING_WORDS, OPEN_ENDED_WORDS, REPORT_CYCLES, wordsAlt } from './lexicon';
import type { Deadline, Frequency, IsoDate } from './types';

const DATE_S = '(?:\\d{1,2}\\s*[/.\\-]\\s*\\d{1,2}(?:\\s*[/.\\-]\\s*\\d{4})?|\\d{1,2}\\s+tháng\\s+\\d{1,2}(?:\\s+năm\\s+\\d{4})?)(?![\\d/])';
const TIME_S = '(?:(?<h>\\d{1,2})\\s*(?:h|giờ|g)\\s*(?<mi>\\d{2})?(?:\\s*phút)?\\s+)';
const YEAR_TAIL = '(?:\\s*[/.\\-]\\s*(?<y>\\d{4})|\\s+năm\\s+(?<y2>\\d{4}))?';
const NB = '(?![\\p{L}\\p{M}\\d])';
/** "xong", "hoàn thành", "hoàn tất" (one of them). */
const DONE = `(?:${wordsAlt(COMPLETION_WORDS)})`;
/** "cuộc họp", "hội nghị", "phiên giao ban" … (one of them). */
const MEETING = `(?:${wordsAlt(MEETING_WORDS)})`;

/** A deadline pattern: the regex and how to turn a match into a deadline. */
interface Rule {
	re: RegExp;
	/**
	 * Words (lower case) of which every match contains one: a text whose lower-case form has none
	 * of them cannot match, and the regex is not run. Only letters whose every case-insensitive
	 * match lower-cases to themselves are used (no "s": "ſ" matches it).
	 */
	need?: readonly string[];
	/**
	 * A pattern every match contains, tested on the lower-case text before the rule runs: it
	 * starts with a word, which V8 finds fast, where the rule starts with optional groups and is
	 * tried at every position. No "s" in it (the rule's "s" also matches "ſ", which stays itself).
	 */
	pre?: RegExp;
	build: (m: RegExpExecArray, ctx: ReadContext) => Omit<Deadline, 'text' | 'span'> | null;
}

interface ReadContext {
	noticeDate?: IsoDate;
	/** The whole text, for rules that look behind their match. */
	text?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): IsoDate => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function addDays(date: IsoDate, days: number): IsoDate {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function addMonths(date: IsoDate, months: number): IsoDate {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const total = y * 12 + (m - 1) + months;
	const ny = Math.floor(total / 12);
	const nm = (total % 12) + 1;
	return iso(ny, nm, Math.min(d, daysIn(ny, nm)));
}

/**
 * The year a year-less day or month belongs to: the notice's year, or the next one when that
 * would put it more than a month before the notice (a December notice saying "trước ngày 15/01").
 */
function inferYear(month: number, day: number, noticeDate: IsoDate): number {
	const y = Number(noticeDate.slice(0, 4));
	const candidate = iso(y, month, Math.min(day, daysIn(y, month)));
	return candidate < addDays(noticeDate, -31) ? y + 1 : y;
}

/** Parses "20/01/2024", "20.7.2020", "05 tháng 01 năm 2024", "20/01" (year from the notice). */
export function parseDay(text: string, noticeDate?: IsoDate): IsoDate | null {
	const m =
		/^(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?$/u.exec(text.trim()) ?? /^(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?$/u.exec(text.trim());
	if (!m) return null;
	const day = Number(m[1]);
	const month = Number(m[2]);
	if (month < 1 || month > 12 || day < 1) return null;
	let year: number;
	if (m[3]) year = Number(m[3]);
	else if (noticeDate) year = inferYear(month, day, noticeDate);
	else return null;
	if (day > daysIn(year, month)) return null;
	return iso(year, month, day);
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

function yearOf(m: RegExpExecArray, ctx: ReadContext, month: number): number | null {
	const y = m.groups?.y ?? m.groups?.y2;
	if (y) return Number(y);
	if (!ctx.noticeDate) return null;
	return inferYear(month, 1, ctx.noticeDate);
}

function frequencyOf(word: string): Frequency {
	const w = word.toLowerCase();
	if (w.includes('6') || w.includes('sáu')) return 'half-yearly';
	if (w.includes('ngày')) return 'daily';
	if (w.includes('tuần')) return 'weekly';
	if (w.includes('tháng')) return 'monthly';
	if (w.includes('quý')) return 'quarterly';
	return 'yearly';
}

/** [D5] A report schedule's label ("Báo cáo 6 tháng:", "Báo cáo năm:"), the last one before a date. */
const REPORT_LABEL_RE = new RegExp(`Báo cáo\\s+(?:định kỳ\\s+)?(?:(?:hằng|hàng)\\s+)?(?<f>${wordsAlt(REPORT_CYCLES)})\\s*:`, 'giu');

/** The cycle of the report schedule whose label stands before `at` in the same sentence, if any. */
function scheduleCycle(text: string | undefined, at: number): Frequency | null {
	if (!text) return null;
	const before = text.slice(Math.max(0, at - 200), at);
	if (!before.includes('áo cáo')) return null;
	let cycle: string | null = null;
	let end = 0;
	REPORT_LABEL_RE.lastIndex = 0;
	for (let m = REPORT_LABEL_RE.exec(before); m; m = REPORT_LABEL_RE.exec(before)) {
		cycle = m.groups?.f ?? null;
		end = m.index + m[0].length;
	}
	if (cycle === null || /[.!?](?:\s|$)/u.test(before.slice(end))) return null;
	return frequencyOf(cycle);
}

const dateRule = (pattern: string, inclusive: boolean, need: readonly string[], pre?: RegExp): Rule => ({
	re: new RegExp(pattern, 'giu'),
	need,
	...(pre ? { pre } : {}),
	build: (m, ctx) => {
		// [D5] "Báo cáo 6 tháng: … trước ngày 05/7": a day with no year under a schedule's label recurs.
		const written = m.groups?.date ?? '';
		if (!/\d{4}/u.test(written)) {
			const cycle = scheduleCycle(ctx.text, m.index);
			if (cycle) return { kind: 'recurring', frequency: cycle };
		}
		const date = parseDay(written, ctx.noticeDate);
		if (!date) return m.groups?.date && !ctx.noticeDate ? { kind: 'event' } : null;
		const h = m.groups?.h;
		return {
			kind: 'date',
			date,
			inclusive: h ? true : inclusive,
			...(h ? { time: `${pad(Number(h))}:${m.groups?.mi ?? '00'}` } : {})
		};
	}
});

const RULES: Rule[] = [
	// "xong trước ngày 30/01/2024", "chậm nhất trước 17h00 ngày 25/9/2026": before that day.
	dateRule(
		`(?:(?:xong|hoàn thành|hoàn tất|gửi|nộp)\\s+)?(?:(?:chậm nhất|muộn nhất)\\s+(?:là\\s+)?)?trước\\s+${TIME_S}?(?:(?:sáng|chiều|trưa)\\s+)?(?:ngày\\s+)?(?<date>${DATE_S})`,
		false,
		['trước']
	),
	// "Từ nay đến hết ngày 31/01/2024", "hết ngày 31/01/2024": that day still counts.
	dateRule(`(?:(?:từ nay|Từ nay)\\s+)?(?:đến\\s+)?hết\\s+(?:ngày\\s+)?(?<date>${DATE_S})`, true, ['hết'], /hết\s+(?:ngày\s+)?\d/u),
	dateRule(`(?:từ nay|Từ nay)\\s+đến\\s+(?:ngày\\s+)?(?<date>${DATE_S})`, true, ['đến'], /từ nay\s+đến/u),
	// "chậm nhất đến ngày 01 tháng 7 năm 2028": that day still counts.
	dateRule(`(?:chậm nhất|muộn nhất)\\s+(?:là\\s+)?(?:vào\\s+|đến\\s+)?${TIME_S}?(?:ngày\\s+)?(?<date>${DATE_S})`, true, ['nhất'], /(?:chậm|muộn) nhất/u),
	dateRule(`trong\\s+ngày\\s+(?<date>${DATE_S})`, true, ['trong']),
	// "tại phiên giao ban ngày 12/01/2024": a meeting with a date is a day.
	dateRule(`(?:tại|trong)\\s+(?:phiên|cuộc họp|hội nghị|kỳ họp|buổi)[^,;.()]{0,60}?\\s+ngày\\s+(?<date>${DATE_S})`, true, ['ngày']),
	// "trước tháng 9/2024": before the first day of that month.
	{
		re: new RegExp(`trước\\s+tháng\\s+(?<m>\\d{1,2})${YEAR_TAIL}${NB}`, 'giu'),
		need: ['trước'],
		build: (m, ctx) => {
			const month = Number(m.groups?.m);
			const y = yearOf(m, ctx, month);
			if (month < 1 || month > 12 || y === null) return null;
			return { kind: 'date', date: iso(y, month, 1), inclusive: false };
		}
	},
	// Recurring: "chậm nhất trước 16 giờ ngày thứ 6 hàng tuần" — a time anchor, then the frequency.
	{
		re: /(?:(?:chậm nhất|muộn nhất)\s+)?(?:trước|vào|trong)\s+(?<mid>[^,;.()]{0,40}?)(?:hằng|hàng|mỗi)\s+(?<f>ngày|tuần|tháng|quý|năm)(?![\p{L}\p{M}])/giu,
		need: ['hằng', 'hàng', 'mỗi'],
		pre: /(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)/u,
		build: (m) =>
			/\d\s*(?:h|giờ)|thứ\s+(?:\d|hai|ba|tư|năm|sáu|bảy)|chủ nhật|ngày\s+\d/iu.test(m.groups?.mid ?? '')
				? { kind: 'recurring', frequency: frequencyOf(m.groups?.f ?? '') }
				: null
	},
	// "cập nhật bản tin 03 giờ một lần", "02 tuần một lần": a frequency written as an interval.
	{
		re: /(?<![\d/.])(?<n>\d{1,2}|một|hai|ba)\s+(?<f>giờ|tiếng|ngày|tuần|tháng|quý|năm)\s+(?:một|1)\s+lần(?![\p{L}\p{M}])/giu,
		need: ['lần'],
		pre: /(?:một|1)\s+lần/u,
		build: (m) => ({ kind: 'recurring', frequency: /giờ|tiếng/u.test(m.groups?.f ?? '') ? 'daily' : frequencyOf(m.groups?.f ?? '') })
	},
	{
		need: ['định kỳ'],
		pre: /định kỳ/u,
		re: /định kỳ\s+(?:(?:hằng|hàng|mỗi)\s+)?(?<f>ngày|tuần|tháng|quý|năm|0?6 tháng|sáu tháng)(?![\p{L}\p{M}])/giu,
		build: (m) => ({ kind: 'recurring', frequency: frequencyOf(m.groups?.f ?? '') })
	},
	{
		need: ['hằng', 'hàng'],
		pre: /(?:hằng|hàng)\s+(?:tuần|tháng|quý|năm)/u,
		re: /(?:báo cáo|cập nhật)\s+(?:định kỳ\s+)?(?:hằng|hàng)\s+(?<f>tuần|tháng|quý|năm)(?![\p{L}\p{M}])/giu,
		build: (m) => ({ kind: 'recurring', frequency: frequencyOf(m.groups?.f ?? '') })
	},
	// Periods introduced by "trong".
	{
		re: new RegExp(`(?:ngay\\s+)?(?:${DONE}\\s+)?trong\\s+tháng\\s+(?<m>\\d{1,2})${YEAR_TAIL}${NB}`, 'giu'),
		need: ['trong'],
		pre: /trong\s+tháng\s+\d/u,
		build: (m, ctx) => {
			const month = Number(m.groups?.m);
			const y = yearOf(m, ctx, month);
			if (month < 1 || month > 12) return null;
			if (y === null) return { kind: 'event' };
			return { kind: 'period', from: iso(y, month, 1), to: iso(y, month, daysIn(y, month)) };
		}
	},
	{
		re: new RegExp(`(?:ngay\\s+)?(?:${DONE}\\s+)?trong\\s+quý\\s+(?<q>IV|I{1,3}|[1-4])${NB}${YEAR_TAIL}`, 'giu'),
		need: ['trong'],
		pre: /trong\s+quý/u,
		build: (m, ctx) => {
			const q = ROMAN[(m.groups?.q ?? '').toLowerCase()];
			if (!q) return null;
			const y = yearOf(m, ctx, q * 3);
			if (y === null) return { kind: 'event' };
			return { kind: 'period', from: iso(y, q * 3 - 2, 1), to: iso(y, q * 3, daysIn(y, q * 3)) };
		}
	},
	{
		need: ['tháng'],
		pre: /tháng\s+(?:đầu|cuối)\s+năm/u,
		re: /(?:trong|trước)\s+(?:0?6|sáu)\s+tháng\s+(?<h>đầu|cuối)\s+năm(?:\s+(?<y>\d{4}))?(?![\p{L}\p{M}\d])/giu,
		build: (m, ctx) => {
			const first = m.groups?.h?.toLowerCase() === 'đầu';
			const y = m.groups?.y ? Number(m.groups.y) : ctx.noticeDate ? inferYear(first ? 6 : 12, 30, ctx.noticeDate) : null;
			if (y === null) return { kind: 'event' };
			return first ? { kind: 'period', from: iso(y, 1, 1), to: iso(y, 6, 30) } : { kind: 'period', from: iso(y, 7, 1), to: iso(y, 12, 31) };
		}
	},
	{
		need: ['trong'],
		pre: /trong\s+năm/u,
		re: new RegExp(
			`(?:ngay\\s+)?(?:${DONE}\\s+)?trong\\s+năm(?:\\s+(?<y>\\d{4})(?![\\d\\-–])|\\s+(?<rel>nay|tới|sau)(?![\\p{L}\\p{M}])|(?=\\s*[,.;)]|$))`,
			'giu'
		),
		build: (m, ctx) => {
			let y: number | null = m.groups?.y ? Number(m.groups.y) : null;
			if (y === null && ctx.noticeDate) y = Number(ctx.noticeDate.slice(0, 4)) + (m.groups?.rel && m.groups.rel !== 'nay' ? 1 : 0);
			if (y === null) return null;
			return { kind: 'period', from: iso(y, 1, 1), to: iso(y, 12, 31) };
		}
	},
	// "trong 03 tháng", "trong vòng 15 ngày": counted from the notice date; [D4] "trong thời hạn 06
	// tháng, kể từ ngày … có hiệu lực thi hành" (after a comma too) is counted from an event.
	{
		need: ['trong'],
		re: /trong\s+(?:vòng\s+|thời hạn\s+(?:là\s+)?|thời gian\s+)?(?:(?:không quá|tối đa)\s+)?(?<n>\d{1,3})\s+(?<u>ngày làm việc|ngày|tuần|tháng|năm)(?!\s+(?:đầu|cuối|qua|tới|gần|cao điểm))(?<rel>,?\s+kể từ\s+[^,;.()]+)?(?![\p{L}\p{M}])/giu,
		build: (m, ctx) => {
			const rel = m.groups?.rel;
			if (rel && !new RegExp(DATE_S, 'u').test(rel)) return { kind: 'event' };
			const anchor = rel ? parseDay(new RegExp(DATE_S, 'u').exec(rel)?.[0] ?? '', ctx.noticeDate) : ctx.noticeDate;
			if (!anchor) return { kind: 'event' };
			const n = Number(m.groups?.n);
			const u = (m.groups?.u ?? '').toLowerCase();
			let to: IsoDate;
			if (u === 'ngày làm việc') {
				const d = new Date(`${anchor}T00:00:00Z`);
				for (let left = n; left > 0;) {
					d.setUTCDate(d.getUTCDate() + 1);
					const wd = d.getUTCDay();
					if (wd !== 0 && wd !== 6) left--;
				}
				to = d.toISOString().slice(0, 10);
			} else if (u === 'ngày') to = addDays(anchor, n);
			else if (u === 'tuần') to = addDays(anchor, 7 * n);
			else if (u === 'tháng') to = addMonths(anchor, n);
			else to = addMonths(anchor, 12 * n);
			return { kind: 'period', from: anchor, to };
		}
	},
	// Events: no day can be computed honestly, so none is invented.
	{
		need: ['tại'],
		pre: new RegExp(`tại\\s+${MEETING}`, 'u'),
		re: new RegExp(`tại\\s+${MEETING}[^,;.()]{0,40}?(?:kế tiếp|tiếp theo|gần nhất|sắp tới|tới)(?![\\p{L}\\p{M}])`, 'giu'),
		build: () => ({ kind: 'event' })
	},
	// "báo cáo tại cuộc họp giao ban Bộ tháng 7 năm 2025": a meeting named by its month, no day.
	{
		need: ['tại'],
		pre: new RegExp(`tại\\s+${MEETING}`, 'u'),
		re: new RegExp(`tại\\s+${MEETING}[^,;.()]{0,40}?tháng\\s+\\d{1,2}(?:\\s*\\/\\s*\\d{4}|\\s+năm\\s+\\d{4})?(?![\\d/])`, 'giu'),
		build: () => ({ kind: 'event' })
	},
	// "tại kỳ họp thường lệ cuối năm 2024": a session named by its place in the year, no day.
	{
		need: ['tại'],
		pre: new RegExp(`tại\\s+${MEETING}`, 'u'),
		re: new RegExp(`tại\\s+${MEETING}[^,;.()]{0,40}?(?:cuối|giữa|đầu)\\s+năm(?:\\s+\\d{4})?(?![\\p{L}\\p{M}\\d])`, 'giu'),
		build: () => ({ kind: 'event' })
	},
	{ re: /ngay\s+sau\s+khi\s+[^,;.()]+/giu, need: ['ngay'], build: () => ({ kind: 'event' }) },
	// "trong thời gian chờ kết quả thanh tra", "Trong thời gian chưa hoàn thành di dời": until then.
	{
		re: new RegExp(`trong\\s+(?:thời\\s+gian|khi)\\s+(?:${wordsAlt(OPEN_ENDED_WORDS)})\\s+[^,;.()]+`, 'giu'),
		need: ['trong'],
		pre: /trong\s+(?:thời\s+gian|khi)\s/u,
		build: () => ({ kind: 'event' })
	},
	{
		need: ['trước'],
		re: /trước\s+(?:kỳ họp|phiên họp|hội nghị|Tết|Đại hội|lễ|năm học|mùa mưa bão|mùa mưa lũ|mùa mưa|mùa bão|mùa lũ|mùa khô)\s[^,;.()]{0,60}/gu,
		build: () => ({ kind: 'event' })
	},
	// "hoàn thành … trước khi trình …": the completion is due before the event. A bare "trước khi"
	// is a sequence ("đảm bảo các nội dung trước khi báo cáo"), not a deadline.
	{
		need: ['trước'],
		re: /trước\s+khi\s+[^,;.()]+/giu,
		build: (m, ctx) =>
			/(?:hoàn thành|xong|hoàn tất|kết thúc)[^,;.()]{0,40}\s$/iu.test(ctx.text?.slice(Math.max(0, m.index - 60), m.index) ?? '') ? { kind: 'event' } : null
	}
];

/** The distinct words of the rules' {@link Rule.need}, and each rule's as indices into them. */
const NEEDED_WORDS = [...new Set(RULES.flatMap((r) => r.need ?? []))];
const NEEDED_INDEX = new Map(NEEDED_WORDS.map((w, i) => [w, i]));
/**
 * The needed words. Scanned again from one past each match, it finds every position a word starts
 * at, overlapping words too (none is a prefix of another: one word at most starts at a position).
 */
const NEEDED_RE = new RegExp(NEEDED_WORDS.join('|'), 'g');
const RULE_NEEDS = new Map(RULES.filter((r) => r.need).map((r) => [r, (r.need ?? []).map((w) => NEEDED_WORDS.indexOf(w))]));

/**
 * Finds every deadline phrase in `text`, in reading order, non-overlapping.
 * `noticeDate` resolves dates written without a year and durations ("trong 03 tháng").
 */
export function findDeadlines(text: string, noticeDate?: IsoDate): Deadline[] {
	const ctx: ReadContext = noticeDate ? { noticeDate, text } : { text };
	const found: Deadline[] = [];
	// Which needed words the text has, in one pass over its lower-case form.
	const present = new Uint8Array(NEEDED_WORDS.length);
	const lower = text.toLowerCase();
	NEEDED_RE.lastIndex = 0;
	for (let m = NEEDED_RE.exec(lower); m; m = NEEDED_RE.exec(lower)) {
		present[NEEDED_INDEX.get(m[0]) as number] = 1;
		NEEDED_RE.lastIndex = m.index + 1;
	}
	for (const rule of RULES) {
		const need = RULE_NEEDS.get(rule);
		if (need && !need.some((w) => present[w] === 1)) continue;
		if (rule.pre && !rule.pre.test(lower)) continue;
		rule.re.lastIndex = 0;
		for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
			const built = rule.build(m, ctx);
			if (!built) continue;
			const raw = m[0];
			const lead = raw.length - raw.trimStart().length;
			const phrase = raw.trim();
			const start = m.index + lead;
			found.push({ ...built, text: phrase, span: { start, end: start + phrase.length } } as Deadline);
		}
	}
	found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
	const out: Deadline[] = [];
	for (const d of found) {
		const last = out[out.length - 1];
		if (last && d.span.start < last.span.end) continue;
		out.push(d);
	}
	return out;
}

/** The first deadline phrase in `text`, or null. */
export function findDeadline(text: string, noticeDate?: IsoDate): Deadline | null {
	return findDeadlines(text, noticeDate)[0] ?? null;
}
