/**
 * What changed between two versions of a notice: header fields, body blocks (matched by their
 * stable block id [DS3], with a word diff inside a changed block) and — since a version of the
 * notice is also a version of its task list — the tasks that appeared, changed or vanished,
 * derived from each version's text by the same TaskDeriver the editor and the tracker run [DS6].
 * Isomorphic: no DOM, no Node; the server computes it, the page only shows it.
 */
import type * as Y from 'yjs';
import { META_FIELDS, NoticeDoc, type BodyBlock, type MetaTextField, type NoticeMeta } from './noticeDoc';
import { TaskDeriver, deadlineLabel, type DraftTask } from '../tasks/draftTasks';
import type { Deadline } from '../extract/types';

/** A task as a version shows it: names and labels only (what the diff compares). */
export interface TaskView {
	id: string;
	/** Lead agencies (chủ trì), canonical names. */
	lead: string[];
	/** Supporting agencies (phối hợp), canonical names. */
	support: string[];
	/** The deadline as people write it ("Hết 30/01/2024"). */
	deadline: string;
	action: string;
}

/** What a version holds, read from its doc: header, blocks and derived tasks. */
export interface VersionContent {
	meta: NoticeMeta;
	blocks: BodyBlock[];
	/** Tasks in document order, dismissed lines left out (they are not tasks). */
	tasks: TaskView[];
	/** Comparison keys of the deadlines, by task id (two spellings of one day are one deadline). */
	deadlineKeys: Record<string, string>;
}

/** One run of a word diff. */
export interface WordSegment {
	op: 'equal' | 'insert' | 'delete';
	text: string;
}

/** One body block in a diff, in the order a reader meets it (deleted blocks where they were). */
export type BlockChange =
	| { kind: 'unchanged'; id: string; type: BodyBlock['type']; text: string; moved: boolean }
	| { kind: 'inserted'; id: string; type: BodyBlock['type']; text: string }
	| { kind: 'deleted'; id: string; type: BodyBlock['type']; text: string }
	| { kind: 'changed'; id: string; type: BodyBlock['type']; before: string; after: string; words: WordSegment[]; moved: boolean };

/** A header field whose value differs. */
export interface MetaChange {
	field: MetaTextField;
	before: string;
	after: string;
}

/** Which task fields the task diff compares. */
export type TaskField = 'lead' | 'support' | 'deadline' | 'action';

/** A task present in both versions with different fields. */
export interface TaskChange {
	id: string;
	before: TaskView;
	after: TaskView;
	fields: TaskField[];
}

/** The task-list diff: matched by task id (block id, `#n` for later assignments of a block). */
export interface TaskDiff {
	appeared: TaskView[];
	changed: TaskChange[];
	vanished: TaskView[];
}

/** Everything that changed from `before` to `after`. */
export interface VersionDiff {
	meta: MetaChange[];
	blocks: BlockChange[];
	tasks: TaskDiff;
	/** True when nothing at all differs. */
	same: boolean;
}

/** A comparison key for a deadline: its meaning, not its wording or position. */
function deadlineKey(d: Deadline | null): string {
	if (!d) return '';
	switch (d.kind) {
		case 'date':
			return `date:${d.date}:${d.inclusive ? 1 : 0}:${d.time ?? ''}`;
		case 'period':
			return `period:${d.from}:${d.to}`;
		case 'recurring':
			return `recurring:${d.frequency}:${d.text}`;
		case 'event':
			return `event:${d.text}`;
	}
}

function taskView(t: DraftTask): TaskView {
	return { id: t.id, lead: t.lead.map((r) => r.name), support: t.support.map((r) => r.name), deadline: deadlineLabel(t.deadline), action: t.action };
}

/** Reads a version's content from its doc, deriving its tasks with `deriver` (the app's own). */
export function versionContent(doc: Y.Doc, deriver: TaskDeriver = new TaskDeriver()): VersionContent {
	const notice = new NoticeDoc(doc);
	const meta = notice.readMeta();
	const blocks = notice.blocks();
	const derived = deriver.derive(blocks, meta, notice.readCorrections()).filter((t) => !t.dismissed);
	const deadlineKeys: Record<string, string> = {};
	for (const t of derived) deadlineKeys[t.id] = deadlineKey(t.deadline);
	return { meta, blocks, tasks: derived.map(taskView), deadlineKeys };
}

/** Words and the whitespace between them, so that joining the tokens gives the text back. */
function tokens(text: string): string[] {
	return text.match(/\s+|[^\s]+/gu) ?? [];
}

/**
 * Longest common subsequence of two sequences, as pairs of indices. Quadratic in the part that
 * differs (common prefix and suffix are matched first), which suits blocks and notices: a notice
 * has hundreds of blocks, a block hundreds of words.
 */
function lcsPairs<T>(a: readonly T[], b: readonly T[]): [number, number][] {
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const n = endA - start;
	const m = endB - start;
	const pairs: [number, number][] = [];
	for (let i = 0; i < start; i++) pairs.push([i, i]);
	// Beyond ~16 M cells (a pathological block or notice) the middle shows as deleted and inserted
	// rather than spending seconds and hundreds of megabytes on the server.
	if (n > 0 && m > 0 && n * m <= 16_000_000) {
		// Suffix lengths table, row-major, one Uint32Array: (n+1)×(m+1) cells.
		const w = m + 1;
		const len = new Uint32Array((n + 1) * w);
		for (let i = n - 1; i >= 0; i--)
			for (let j = m - 1; j >= 0; j--)
				len[i * w + j] = a[start + i] === b[start + j] ? len[(i + 1) * w + j + 1]! + 1 : Math.max(len[(i + 1) * w + j]!, len[i * w + j + 1]!);
		let i = 0;
		let j = 0;
		while (i < n && j < m) {
			if (a[start + i] === b[start + j]) {
				pairs.push([start + i, start + j]);
				i++;
				j++;
			} else if (len[(i + 1) * w + j]! >= len[i * w + j + 1]!) i++;
			else j++;
		}
	}
	for (let k = 0; k < a.length - endA; k++) pairs.push([endA + k, endB + k]);
	return pairs;
}

/** Word-level diff of two texts; deletions come before insertions at the same place. */
export function diffWords(before: string, after: string): WordSegment[] {
	const a = tokens(before);
	const b = tokens(after);
	const out: WordSegment[] = [];
	const push = (op: WordSegment['op'], text: string) => {
		if (!text) return;
		const last = out[out.length - 1];
		if (last && last.op === op) last.text += text;
		else out.push({ op, text });
	};
	let i = 0;
	let j = 0;
	for (const [pi, pj] of [...lcsPairs(a, b), [a.length, b.length] as [number, number]]) {
		while (i < pi) push('delete', a[i++]!);
		while (j < pj) push('insert', b[j++]!);
		if (pi < a.length) push('equal', a[pi]!);
		i = pi + 1;
		j = pj + 1;
	}
	return joinChanges(out);
}

/**
 * Reads better: "Tài chính" → "Xây dựng" rather than "Tài"→"Xây", " ", "chính"→"dựng". A space
 * kept between two changes joins them; each run of changes shows its deletion, then its insertion.
 */
function joinChanges(segments: WordSegment[]): WordSegment[] {
	const out: WordSegment[] = [];
	let del = '';
	let ins = '';
	const flush = () => {
		if (del) out.push({ op: 'delete', text: del });
		if (ins) out.push({ op: 'insert', text: ins });
		del = ins = '';
	};
	segments.forEach((s, k) => {
		const inChange = del !== '' || ins !== '';
		const next = segments[k + 1];
		if (s.op === 'delete') del += s.text;
		else if (s.op === 'insert') ins += s.text;
		else if (inChange && next && next.op !== 'equal' && /^\s+$/u.test(s.text)) {
			del += s.text;
			ins += s.text;
		} else {
			flush();
			out.push(s);
		}
	});
	flush();
	return out;
}

/**
 * Block-level diff by block id. Blocks kept in order are compared in place; a block whose id is in
 * both versions but out of order is shown where it is now, marked as moved; blocks only in
 * `before` are shown as deleted where they were.
 */
export function diffBlocks(before: readonly BodyBlock[], after: readonly BodyBlock[]): BlockChange[] {
	const pairs = lcsPairs(
		before.map((b) => b.id),
		after.map((b) => b.id)
	);
	const afterIds = new Set(after.map((b) => b.id));
	const beforeById = new Map(before.map((b) => [b.id, b]));
	const inOrder = new Set(pairs.map(([, j]) => j));
	const out: BlockChange[] = [];
	const compare = (old: BodyBlock, now: BodyBlock, moved: boolean): BlockChange =>
		old.text === now.text && old.type === now.type
			? { kind: 'unchanged', id: now.id, type: now.type, text: now.text, moved }
			: { kind: 'changed', id: now.id, type: now.type, before: old.text, after: now.text, words: diffWords(old.text, now.text), moved };
	let i = 0;
	let j = 0;
	for (const [pi, pj] of [...pairs, [before.length, after.length] as [number, number]]) {
		for (; i < pi; i++) {
			const old = before[i]!;
			if (!afterIds.has(old.id)) out.push({ kind: 'deleted', id: old.id, type: old.type, text: old.text });
		}
		for (; j < pj; j++) {
			const now = after[j]!;
			const old = inOrder.has(j) ? undefined : beforeById.get(now.id);
			out.push(old ? compare(old, now, true) : { kind: 'inserted', id: now.id, type: now.type, text: now.text });
		}
		if (pi < before.length) out.push(compare(before[pi]!, after[pj]!, false));
		i = pi + 1;
		j = pj + 1;
	}
	return out;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, k) => x === b[k]);

/** Task-list diff, matched by task id; fields compared: lead, support, deadline (its meaning), action. */
export function diffTasks(before: VersionContent, after: VersionContent): TaskDiff {
	const old = new Map(before.tasks.map((t) => [t.id, t]));
	const now = new Set(after.tasks.map((t) => t.id));
	const appeared: TaskView[] = [];
	const changed: TaskChange[] = [];
	for (const t of after.tasks) {
		const o = old.get(t.id);
		if (!o) {
			appeared.push(t);
			continue;
		}
		const fields: TaskField[] = [];
		if (!sameList(o.lead, t.lead)) fields.push('lead');
		if (!sameList(o.support, t.support)) fields.push('support');
		if (before.deadlineKeys[t.id] !== after.deadlineKeys[t.id]) fields.push('deadline');
		if (o.action !== t.action) fields.push('action');
		if (fields.length) changed.push({ id: t.id, before: o, after: t, fields });
	}
	return { appeared, changed, vanished: before.tasks.filter((t) => !now.has(t.id)) };
}

/** Header fields that differ (the lifecycle state is not a field people write). */
export function diffMeta(before: NoticeMeta, after: NoticeMeta): MetaChange[] {
	const out: MetaChange[] = [];
	for (const field of META_FIELDS) {
		if (field === 'state') continue;
		if (before[field] !== after[field]) out.push({ field, before: before[field], after: after[field] });
	}
	return out;
}

/** The whole diff from `before` to `after`. */
export function diffVersions(before: VersionContent, after: VersionContent): VersionDiff {
	const meta = diffMeta(before.meta, after.meta);
	const blocks = diffBlocks(before.blocks, after.blocks);
	const tasks = diffTasks(before, after);
	const same =
		meta.length === 0 && blocks.every((b) => b.kind === 'unchanged' && !b.moved) && tasks.appeared.length + tasks.changed.length + tasks.vanished.length === 0;
	return { meta, blocks, tasks, same };
}
