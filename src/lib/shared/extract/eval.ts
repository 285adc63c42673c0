/**
 * Scoring of extracted assignments against hand labels (`gold.json`), shared by the eval script
 * and the floor test.
 *
 * Definitions:
 * - Location: a gold item's `quote` is found in the NFC text of its file; a predicted assignment
 *   is *located* on a gold item when its span overlaps the quote's span.
 * - Lead equality: the two lead lists are equal as sets after normalisation (NFC, case and
 *   tone-mark placement folded, whitespace collapsed, trailing punctuation dropped; a name the
 *   directory knows is replaced by its canonical name, so "Sở KH&ĐT" equals "Sở Kế hoạch và Đầu tư").
 * - Pairing: gold and predicted items are paired one-to-one among located pairs, greedily by
 *   score (lead equality 4, deadline equality 2, closeness of the span start to the quote start).
 * - Whole assignments: a true positive is a pair whose leads are equal. P = TP / predicted,
 *   R = TP / gold.
 * - Leads: per lead string. In a pair, common strings are TP, the others FP (predicted) or FN
 *   (gold); all leads of unpaired items are FP or FN.
 * - Deadlines: over items that have one. A gold item with `deadline: null` but a `deadline_text`
 *   (an event such as "tại cuộc họp giao ban kế tiếp") counts as kind `event`. A pair whose
 *   deadlines agree (same kind, and same day / same period / same frequency) is a TP; every other
 *   predicted deadline is an FP and every other gold deadline an FN.
 */
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { foldKey } from '../agencies/fold';
import { resolveAgency } from '../agencies/matcher';
import type { AgencyDirectory } from '../agencies/types';
import { WEAK_CONFIDENCE } from './ruleIds';

/** One hand-labelled assignment, as in `gold.json`. */
export interface GoldItem {
	file: string;
	quote: string;
	lead: string[];
	support?: string[];
	official?: string[];
	deadline: null | string | { from: string; to: string } | { recurring: string };
	deadline_text: string | null;
}

/** A deadline as the CLI prints it. */
export type DeadlineJson =
	| { kind: 'date'; date: string; text?: string }
	| { kind: 'period'; from: string; to: string; text?: string }
	| { kind: 'recurring'; text: string; frequency?: string }
	| { kind: 'event'; text?: string };

/** A predicted assignment, as the CLI prints it. */
export interface PredictedItem {
	start: number;
	end: number;
	lead: Array<{ name: string; text: string }>;
	deadline: DeadlineJson | null;
	/** The extractor's confidence (0–1), when it gives one. */
	confidence?: number;
}

/** Counts and derived precision, recall, F1. */
export interface Prf {
	tp: number;
	fp: number;
	fn: number;
	precision: number;
	recall: number;
	f1: number;
}

/** Scores of one file (or a sum of files). */
export interface Score {
	lead: Prf;
	deadline: Prf;
	assignment: Prf;
	/** Gold items whose quote was not found in the text (should be zero). */
	unlocated: number;
	/** Human-readable mismatches, for `--verbose`. */
	notes: string[];
	/**
	 * Predictions below and at or above `WEAK_CONFIDENCE`: how many, and how many are a whole
	 * assignment right (paired with a gold item, same leads) — whether "cần kiểm tra" marks the doubtful ones.
	 */
	calibration: { weak: { n: number; right: number }; strong: { n: number; right: number } };
}

function prf(tp: number, fp: number, fn: number): Prf {
	const precision = tp + fp ? tp / (tp + fp) : 1;
	const recall = tp + fn ? tp / (tp + fn) : 1;
	const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
	return { tp, fp, fn, precision, recall, f1 };
}

/** Normalised comparison key of an agency string. */
export function leadKey(s: string, directory: AgencyDirectory = DEFAULT_DIRECTORY): string {
	const clean = s
		.normalize('NFC')
		.replace(/\s+/gu, ' ')
		.replace(/[.,;:]+$/u, '')
		.trim();
	const known = resolveAgency(clean, directory);
	return foldKey(known ? known.name : clean);
}

/**
 * The frequency of a recurring deadline as written. The word after "hằng / hàng / mỗi / định kỳ"
 * (or before "một lần") is the cycle; a month or a day in the phrase may only date it ("trước ngày 30
 * tháng 6 hằng năm" is yearly, not monthly).
 */
export function frequencyOf(text: string): string {
	const t = text.toLowerCase();
	const cycle =
		/(?:hằng|hàng|mỗi|định kỳ)\s+(0?6 tháng|sáu tháng|ngày|tuần|tháng|quý|năm)|(0?6 tháng|sáu tháng|ngày|tuần|tháng|quý|năm)\s+(?:một|1)\s+lần/u.exec(t);
	const word = cycle?.[1] ?? cycle?.[2];
	if (word) return frequencyWord(word);
	if (/6 tháng|sáu tháng/u.test(t)) return 'half-yearly';
	if (/tuần/u.test(t)) return 'weekly';
	if (/quý/u.test(t)) return 'quarterly';
	if (/tháng/u.test(t)) return 'monthly';
	if (/năm/u.test(t)) return 'yearly';
	return 'daily';
}

function frequencyWord(w: string): string {
	if (/6 tháng|sáu tháng/u.test(w)) return 'half-yearly';
	return { ngày: 'daily', tuần: 'weekly', tháng: 'monthly', quý: 'quarterly', năm: 'yearly' }[w] ?? 'daily';
}

/** The gold deadline in the CLI's shape (null when there is none). */
export function goldDeadline(g: GoldItem): DeadlineJson | null {
	const d = g.deadline;
	if (d === null) return g.deadline_text ? { kind: 'event', text: g.deadline_text } : null;
	if (typeof d === 'string') return { kind: 'date', date: d };
	if ('recurring' in d) return { kind: 'recurring', text: d.recurring, frequency: frequencyOf(d.recurring) };
	return { kind: 'period', from: d.from, to: d.to };
}

/** True when two deadlines agree (kind, and day / period / frequency). */
export function sameDeadline(a: DeadlineJson | null, b: DeadlineJson | null): boolean {
	if (!a || !b) return !a && !b;
	if (a.kind !== b.kind) return false;
	if (a.kind === 'date' && b.kind === 'date') return a.date === b.date;
	if (a.kind === 'period' && b.kind === 'period') return a.from === b.from && a.to === b.to;
	if (a.kind === 'recurring' && b.kind === 'recurring') return (a.frequency ?? frequencyOf(a.text)) === (b.frequency ?? frequencyOf(b.text));
	return true;
}

function describe(d: DeadlineJson | null): string {
	if (!d) return '∅';
	if (d.kind === 'date') return d.date;
	if (d.kind === 'period') return `${d.from}..${d.to}`;
	return d.kind;
}

/** Scores the predictions for one file. `text` is the file's raw content. */
export function scoreFile(text: string, gold: readonly GoldItem[], predicted: readonly PredictedItem[], directory: AgencyDirectory = DEFAULT_DIRECTORY): Score {
	const nfc = text.normalize('NFC');
	const notes: string[] = [];
	let unlocated = 0;
	const located = gold.map((g) => {
		const q = g.quote.normalize('NFC');
		const at = nfc.indexOf(q);
		if (at < 0) unlocated++;
		return at < 0 ? null : { start: at, end: at + q.length };
	});
	const keys = (xs: readonly string[]) => new Set(xs.map((x) => leadKey(x, directory)));
	const goldLeads = gold.map((g) => keys(g.lead));
	const predLeads = predicted.map((p) => keys(p.lead.map((l) => l.text)));
	const goldDl = gold.map(goldDeadline);
	const setEq = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
	const pairs: Array<{ g: number; p: number; score: number }> = [];
	gold.forEach((_, gi) => {
		const loc = located[gi];
		if (!loc) return;
		predicted.forEach((p, pi) => {
			if (p.start >= loc.end || p.end <= loc.start) return;
			const leads = setEq(goldLeads[gi] as Set<string>, predLeads[pi] as Set<string>);
			const dl = sameDeadline(goldDl[gi] ?? null, p.deadline);
			const score = (leads ? 4 : 0) + (dl ? 2 : 0) + 1 / (1 + Math.abs(p.start - loc.start));
			pairs.push({ g: gi, p: pi, score });
		});
	});
	pairs.sort((a, b) => b.score - a.score);
	const gMatch = new Map<number, number>();
	const pMatch = new Map<number, number>();
	for (const pr of pairs) {
		if (gMatch.has(pr.g) || pMatch.has(pr.p)) continue;
		gMatch.set(pr.g, pr.p);
		pMatch.set(pr.p, pr.g);
	}
	let aTp = 0;
	let lTp = 0;
	let lFp = 0;
	let lFn = 0;
	let dTp = 0;
	gold.forEach((g, gi) => {
		const pi = gMatch.get(gi);
		const gl = goldLeads[gi] as Set<string>;
		if (pi === undefined) {
			lFn += gl.size;
			notes.push(`MISS  «${g.quote.slice(0, 60)}» lead=${g.lead.join(' | ')} dl=${describe(goldDl[gi] ?? null)}`);
			return;
		}
		const p = predicted[pi] as PredictedItem;
		const pl = predLeads[pi] as Set<string>;
		for (const x of pl)
			if (gl.has(x)) lTp++;
			else lFp++;
		for (const x of gl) if (!pl.has(x)) lFn++;
		if (setEq(gl, pl)) aTp++;
		else notes.push(`LEAD  «${g.quote.slice(0, 60)}» gold=${g.lead.join(' | ')} got=${p.lead.map((l) => l.text).join(' | ')}`);
		const gd = goldDl[gi] ?? null;
		if (gd && p.deadline && sameDeadline(gd, p.deadline)) dTp++;
		else if (gd || p.deadline)
			notes.push(`DEAD  «${g.quote.slice(0, 60)}» gold=${describe(gd)} got=${describe(p.deadline)}${p.deadline?.text ? ` (${p.deadline.text})` : ''}`);
	});
	predicted.forEach((p, pi) => {
		if (pMatch.has(pi)) return;
		lFp += (predLeads[pi] as Set<string>).size;
		notes.push(`EXTRA [${p.start},${p.end}) «${nfc.slice(p.start, p.start + 60)}» lead=${p.lead.map((l) => l.text).join(' | ')} dl=${describe(p.deadline)}`);
	});
	const calibration = { weak: { n: 0, right: 0 }, strong: { n: 0, right: 0 } };
	predicted.forEach((p, pi) => {
		const bin = (p.confidence ?? 1) < WEAK_CONFIDENCE ? calibration.weak : calibration.strong;
		bin.n++;
		const gi = pMatch.get(pi);
		if (gi !== undefined && setEq(goldLeads[gi] as Set<string>, predLeads[pi] as Set<string>)) bin.right++;
	});
	const goldWithDl = goldDl.filter(Boolean).length;
	const predWithDl = predicted.filter((p) => p.deadline).length;
	return {
		lead: prf(lTp, lFp, lFn),
		deadline: prf(dTp, predWithDl - dTp, goldWithDl - dTp),
		assignment: prf(aTp, predicted.length - aTp, gold.length - aTp),
		unlocated,
		notes,
		calibration
	};
}

/** Sums file scores (micro-average). */
export function sumScores(scores: readonly Score[]): Score {
	const add = (f: (s: Score) => Prf) =>
		prf(
			scores.reduce((n, s) => n + f(s).tp, 0),
			scores.reduce((n, s) => n + f(s).fp, 0),
			scores.reduce((n, s) => n + f(s).fn, 0)
		);
	return {
		lead: add((s) => s.lead),
		deadline: add((s) => s.deadline),
		assignment: add((s) => s.assignment),
		unlocated: scores.reduce((n, s) => n + s.unlocated, 0),
		notes: scores.flatMap((s) => s.notes),
		calibration: {
			weak: { n: scores.reduce((n, s) => n + s.calibration.weak.n, 0), right: scores.reduce((n, s) => n + s.calibration.weak.right, 0) },
			strong: { n: scores.reduce((n, s) => n + s.calibration.strong.n, 0), right: scores.reduce((n, s) => n + s.calibration.strong.right, 0) }
		}
	};
}
