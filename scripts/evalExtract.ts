/**
 * `npm run eval:extract [-- --verbose]`: runs extractNotice over every file labelled in
 * ../shared/seeds/gold.json and ../shared/examples/gold.json (override the folder with SHARED_DIR)
 * and prints precision, recall and F1 for lead agencies, deadlines and whole assignments, per file
 * and overall (the evaluation half of the real corpus: its total only). When
 * tests/fixtures/extract/heldout/gold.json exists (notices never used for tuning),
 * it is scored too and reported separately, after the "overall" row of the development sets
 * (override the folder with HELDOUT_DIR). How items are located, paired and compared is documented at the top of
 * src/lib/shared/extract/eval.ts (scoreFile).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreFile, sumScores, type GoldItem, type PredictedItem, type Score } from '../src/lib/shared/extract/eval';
import { extractNotice } from '../src/lib/shared/extract/notice';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
const verbose = process.argv.includes('--verbose');

/** Runs the extractor on one file and returns predictions in the CLI's shape. */
function predict(raw: string): PredictedItem[] {
	return extractNotice(raw).assignments.map((a) => ({
		start: a.span.start,
		end: a.span.end,
		lead: a.lead.map((l) => ({ name: l.name, text: l.text })),
		confidence: a.confidence,
		deadline: a.deadline
			? a.deadline.kind === 'date'
				? { kind: 'date', date: a.deadline.date, text: a.deadline.text }
				: a.deadline.kind === 'period'
					? { kind: 'period', from: a.deadline.from, to: a.deadline.to, text: a.deadline.text }
					: a.deadline.kind === 'recurring'
						? { kind: 'recurring', text: a.deadline.text, frequency: a.deadline.frequency }
						: { kind: 'event', text: a.deadline.text }
			: null
	}));
}

const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
function row(label: string, s: Score): string {
	const f = (p: Score['lead']) => `${pct(p.precision)} ${pct(p.recall)} ${pct(p.f1)}`;
	return `${label.padEnd(34)} │ ${f(s.lead)} │ ${f(s.deadline)} │ ${f(s.assignment)}`;
}

const sets = [
	{ name: 'seeds', dir: path.join(shared, 'seeds') },
	{ name: 'examples', dir: path.join(shared, 'examples') }
];
const heldout = { name: 'held-out', dir: process.env.HELDOUT_DIR ?? path.join(repoRoot, 'tests', 'fixtures', 'extract', 'heldout') };
if (!sets.some((s) => existsSync(path.join(s.dir, 'gold.json')))) {
	process.stderr.write(`Lỗi: không tìm thấy gold.json trong ${shared} (đặt SHARED_DIR nếu cần)\n`);
	process.exit(1);
}
console.log(`${''.padEnd(34)} │ lead  P     R    F1 │ deadline P  R    F1 │ assignment P R    F1`);
/** Scores every file of one labelled set, printing a row per file and one for the set. */
function scoreSet(set: { name: string; dir: string; sealed?: boolean }): Score[] {
	// A folder may hold one gold.json or several gold.<labeller>.json files (labelled in parallel).
	const goldFiles = existsSync(set.dir) ? readdirSync(set.dir).filter((f) => /^gold(\.[\w-]+)?\.json$/.test(f)) : [];
	if (!goldFiles.length) return [];
	const gold = goldFiles.flatMap((f) => JSON.parse(readFileSync(path.join(set.dir, f), 'utf8')) as GoldItem[]);
	const files = [...new Set(gold.map((g) => g.file))];
	const scores: Score[] = [];
	for (const file of files) {
		const raw = readFileSync(path.join(set.dir, file), 'utf8');
		const s = scoreFile(
			raw,
			gold.filter((g) => g.file === file),
			predict(raw)
		);
		scores.push(s);
		if (s.unlocated) console.log(`      ! ${file}: ${s.unlocated} gold quote(s) not found in the file`);
		// A sealed set prints its total only: per-file rows and misses would invite tuning on it.
		if (set.sealed) continue;
		console.log(row(`  ${file}`, s));
		if (verbose) for (const n of s.notes) console.log(`      ${n}`);
	}
	const total = sumScores(scores);
	console.log(row(`${set.name} (${files.length} files, ${gold.length} gold)`, total));
	const { weak, strong } = total.calibration;
	const share = (b: { n: number; right: number }) => `${b.n} (${b.n ? pct(b.right / b.n).trim() : '–'} % đúng)`;
	if (weak.n) console.log(`  confidence: cần kiểm tra ${share(weak)}, còn lại ${share(strong)}`);
	return scores;
}

const all: Score[] = [];
for (const set of sets) all.push(...scoreSet(set));
console.log(row('overall', sumScores(all)));
const rule = `${'─'.repeat(34)}─┼───────────────────┼───────────────────┼──────────────────`;
// Sets written for the purpose and since tuned on: regression floors, not accuracy figures.
const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'extract');
for (const set of [heldout, { name: 'blind', dir: path.join(fixtures, 'blind') }, { name: 'blind2', dir: path.join(fixtures, 'blind2') }]) {
	console.log(rule);
	scoreSet(set);
}
// Real documents as found (tests/fixtures/extract/real, provenance in SOURCES.*.md). The
// development half may be studied and tuned on; the evaluation half is only ever scored here.
for (const half of ['dev', 'eval']) {
	console.log(rule);
	const scores = scoreSet({ name: `real/${half}${half === 'eval' ? ' (honest)' : ''}`, dir: path.join(fixtures, 'real', half), sealed: half === 'eval' });
	if (!scores.length) console.log(`  real/${half}: chưa có tệp được gán nhãn`);
}
