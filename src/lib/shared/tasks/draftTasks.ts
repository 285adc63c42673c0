/**
 * Tasks of a notice while it is written: a pure function of the body's blocks (their text and
 * outline), the header (date, issuing body) and the human corrections in the `tasks` map. Runs in
 * the browser as people type and on the server for the tracker, so both always agree. [DS6]
 */
import type { BodyBlock, NoticeMeta, TaskCorrection } from '../doc/noticeDoc';
import { extractBlock } from '../extract/block';
import { extractSequence, type SequenceBlock } from '../extract/sequence';
import { readMarker } from '../extract/text';
import type { AgencyRef, Assignment, BlockContext, Deadline, RuleId, Span } from '../extract/types';
import { WEAK_CONFIDENCE } from '../extract/ruleIds';
import type { AgencyDirectory } from '../agencies/types';
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { findParties, resolveAgency } from '../agencies/matcher';

/** What a highlighted span in the editor is. */
export type MarkKind = 'lead' | 'support' | 'official' | 'deadline';

/** A highlighted span inside a block's text. */
export interface TaskMark extends Span {
	kind: MarkKind;
}

/** A task as every view shows it: extraction plus the corrections people made. */
export interface DraftTask {
	/** Task identity: the block id, with `#n` for the n-th (n ≥ 1) assignment of the same block. */
	id: string;
	blockId: string;
	/** Position in document order (0-based). */
	order: number;
	/** Lead agencies (chủ trì), after corrections. */
	lead: AgencyRef[];
	/** Supporting agencies (phối hợp), after corrections. */
	support: AgencyRef[];
	/** Provincial leaders in charge. */
	officials: AgencyRef[];
	action: string;
	/** The deadline after corrections (a corrected day becomes a 'date' deadline). */
	deadline: Deadline | null;
	/** The sentence(s) carrying the assignment, in the block's text. */
	span: Span;
	/** The sentence(s) of {@link span}, as written (what "Ghi nhớ cho lần sau" teaches is no task). */
	sentence: string;
	/** Lead and support as the text gives them, before corrections (what a correction replaced). */
	written: { lead: AgencyRef[]; support: AgencyRef[] };
	/** Spans to highlight in the block (from extraction, whatever the corrections). */
	marks: TaskMark[];
	/** True when someone dismissed the line as not an assignment. */
	dismissed: boolean;
	/** True when a person corrected any field. */
	corrected: boolean;
	/** Who corrected it last. */
	correctedBy?: string;
	/** Why extraction found it: RULES.md ids (`RULE_LABELS` reads them out). */
	rules: readonly RuleId[];
	/** Extraction's confidence, 0–1. */
	confidence: number;
	/** Doubtful and nobody has checked it yet (not corrected): the panel and the chip say "cần kiểm tra". */
	weak: boolean;
}

/** The task id of the `index`-th assignment of block `blockId`. */
export function taskIdFor(blockId: string, index: number): string {
	return index === 0 ? blockId : `${blockId}#${index}`;
}

/** Turns a body block into what the outline reader needs (markers typed as text count too). */
function toSequenceBlock(b: BodyBlock): { seq: SequenceBlock; offset: number } {
	const lead = b.text.length - b.text.trimStart().length;
	const typed = readMarker(b.text.slice(lead));
	const text = b.text.slice(lead + typed.length);
	let markerType = typed.type;
	let rank = typed.rank;
	if (b.list && typed.type === 'none') {
		// An editor list item has its number in the structure, not in the text.
		markerType = b.list.kind === 'ordered' ? 'decimal' : 'dash';
		rank = (b.list.kind === 'ordered' ? 2 : 7) + Math.max(0, b.depth - 1);
	}
	return {
		seq: { text, markerType, rank, openEnded: !'.;!?…)"”'.includes(text.trimEnd().slice(-1) || ' '), heading: b.type === 'heading' },
		offset: lead + typed.length
	};
}

function shift(span: Span, by: number): Span {
	return { start: span.start + by, end: span.end + by };
}

/**
 * An agency a person chose in a correction. Known only when the directory knows the whole name
 * (canonical name and id then, so the agency sees its task in the tracker), never on the
 * person's word: a misspelt "Sở Tài chánh" stays flagged, because no agency would ever see it.
 */
export function correctedAgency(name: string, directory: AgencyDirectory = DEFAULT_DIRECTORY): AgencyRef {
	const text = name.normalize('NFC').replace(/\s+/g, ' ').trim();
	const entry = resolveAgency(text, directory);
	if (entry) {
		const kind = entry.kind === 'authority' ? 'authority' : entry.kind === 'leader' ? 'leader' : 'agency';
		return { name: entry.name, text, kind, known: true, agencyId: entry.id };
	}
	// Names the extractor knows without a directory entry of their own ("Cục Thuế thành phố", a
	// leader by title) are known the same way here as in the text.
	const [m] = findParties(text, { directory });
	if (m && m.start === 0 && m.end === text.length && m.known)
		return { name: m.name, text, kind: m.kind, known: true, ...(m.agencyId ? { agencyId: m.agencyId } : {}) };
	return { name: text, text, kind: 'unknown', known: false };
}

/**
 * Derives tasks from blocks. Keeps a cache of per-block extraction keyed by the block's text and
 * context, so that while someone types only the changed block is read again.
 */
export class TaskDeriver {
	/**
	 * Per block id: the text and context last read and what they gave. Compared with ===, not
	 * hashed as Map keys, because a notice's blocks can be thousands of characters long and are
	 * looked up on every keystroke's projection.
	 */
	#cache = new Map<string, { ctx: string; text: string; result: Assignment[] }>();
	#ids: string[] = [];
	#seen = new Set<string>();

	/** @param directory the agency directory in force (an administrator may have edited it) */
	constructor(private directory: AgencyDirectory = DEFAULT_DIRECTORY) {}

	/** Switches to another directory (edited by an administrator); the cache starts over. */
	setDirectory(directory: AgencyDirectory): void {
		if (directory === this.directory) return;
		this.directory = directory;
		this.#cache.clear();
	}

	/** Extraction of one block, memoised on its text and everything it is read with. */
	#extract = (text: string, ctx: BlockContext, index: number): Assignment[] => {
		const id = this.#ids[index] ?? `#${index}`;
		const ctxKey = `${ctx.noticeDate ?? ''}\u0001${ctx.issuer ?? ''}\u0001${(ctx.inheritedLead ?? []).map((r) => r.name).join('\u0002')}\u0001${(ctx.declaredParties ?? []).join('\u0002')}`;
		this.#seen.add(id);
		const hit = this.#cache.get(id);
		if (hit && hit.text === text && hit.ctx === ctxKey) return hit.result;
		const result = extractBlock(text, ctx);
		this.#cache.set(id, { ctx: ctxKey, text, result });
		return result;
	};

	/** The notice's tasks in document order. */
	derive(
		blocks: readonly BodyBlock[],
		meta: Pick<NoticeMeta, 'date' | 'meetingDate' | 'issuingBody' | 'issuingParent'>,
		corrections: ReadonlyMap<string, TaskCorrection>
	): DraftTask[] {
		this.#seen.clear();
		this.#ids = blocks.map((b) => b.id);
		const prepared = blocks.map(toSequenceBlock);
		const noticeDate = meta.date || meta.meetingDate || undefined;
		const issuer = [meta.issuingBody, meta.issuingParent].filter(Boolean).join(' ') || undefined;
		const results = extractSequence(
			prepared.map((p) => p.seq),
			{ ...(noticeDate ? { noticeDate } : {}), ...(issuer ? { issuer } : {}), directory: this.directory, extract: this.#extract }
		);
		// Forget what no block reads any more, so the cache does not grow while people type.
		for (const key of this.#cache.keys()) if (!this.#seen.has(key)) this.#cache.delete(key);

		const tasks: DraftTask[] = [];
		results.forEach((r, i) => {
			const block = blocks[i] as BodyBlock;
			const offset = (prepared[i] as { offset: number }).offset;
			if (!block.id) return;
			r.assignments.forEach((a, index) => {
				const id = taskIdFor(block.id, index);
				const c = corrections.get(id) ?? {};
				const marks: TaskMark[] = [];
				const addMarks = (refs: AgencyRef[], kind: MarkKind) => {
					for (const ref of refs) if (ref.span && !ref.inherited) marks.push({ ...shift(ref.span, offset), kind });
				};
				addMarks(a.lead, 'lead');
				addMarks(a.support, 'support');
				addMarks(a.officials, 'official');
				if (a.deadline) marks.push({ ...shift(a.deadline.span, offset), kind: 'deadline' });
				let deadline: Deadline | null = a.deadline ? { ...a.deadline, span: shift(a.deadline.span, offset) } : null;
				if (c.deadline === null) deadline = null;
				else if (typeof c.deadline === 'string')
					deadline = { kind: 'date', date: c.deadline, inclusive: true, text: a.deadline?.text ?? '', span: deadline?.span ?? { start: 0, end: 0 } };
				const corrected = c.lead !== undefined || c.support !== undefined || c.deadline !== undefined;
				tasks.push({
					id,
					blockId: block.id,
					order: tasks.length,
					lead: c.lead ? c.lead.map((n) => correctedAgency(n, this.directory)) : a.lead,
					support: c.support ? c.support.map((n) => correctedAgency(n, this.directory)) : a.support,
					officials: a.officials,
					action: a.action,
					deadline,
					span: shift(a.span, offset),
					sentence: block.text.slice(a.span.start + offset, a.span.end + offset),
					written: { lead: a.lead, support: a.support },
					marks,
					dismissed: c.dismissed === true,
					corrected,
					...(c.by ? { correctedBy: c.by } : {}),
					rules: a.rules,
					confidence: a.confidence,
					weak: !corrected && c.dismissed !== true && a.confidence < WEAK_CONFIDENCE
				});
			});
		});
		return tasks;
	}
}

/** "30/01/2024", "01/2024 – 03/2024"…: a deadline as people write it, for chips and lists. */
export function deadlineLabel(d: Deadline | null): string {
	if (!d) return 'Không thời hạn';
	const vn = (iso: string) => iso.split('-').reverse().join('/');
	switch (d.kind) {
		case 'date':
			return `${d.inclusive ? 'Hết' : 'Trước'} ${vn(d.date)}`;
		case 'period':
			return `${vn(d.from)} – ${vn(d.to)}`;
		case 'recurring':
			return d.text;
		case 'event':
			return d.text;
		default:
			return assertNever(d);
	}
}

function assertNever(x: never): never {
	throw new Error(`unexpected deadline: ${JSON.stringify(x)}`);
}
