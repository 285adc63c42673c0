/**
 * Reads a sequence of blocks the way a notice is read: headings and list intros ("… yêu cầu UBND
 * huyện, thành phố tập trung thực hiện các nhiệm vụ sau:") open a scope whose assignee the items
 * under them inherit; an outline marker of the same or an outer rank closes it; the "Nơi nhận" list
 * and the closing boilerplate are never assignments; a table of tasks gives one task a row. Used
 * by {@link extractNotice} (plain text) and by the editor (blocks of the collaborative body), so
 * both read a notice alike.
 */
import { enumeratedParties, extractBlock, headingAssignee, isBoilerplate, splitSentences } from './block';
import { dropLearnedNonTasks } from './learned';
import { rowAssignment, splitCells, tableHeader, type TableColumns } from './table';
import type { MarkerType } from './text';
import type { AgencyRef, Assignment, BlockContext, BlockRole, RuleId } from './types';
import { shortFormsOf } from './shortForms';

/** One block as the sequence reader needs it. */
export interface SequenceBlock {
	/** Text without its list marker. */
	text: string;
	/** Marker family ('none' for a plain paragraph). */
	markerType: MarkerType;
	/** Nesting rank of the marker (see readMarker); 99 without one. */
	rank: number;
	/** True when the block does not end a sentence (a heading shape). */
	openEnded: boolean;
	/** True when the writer marked the block as a heading (an editor heading node). */
	heading?: boolean;
}

/** What the reader made of one block. Spans are offsets into the block's text. */
export interface SequenceResult {
	role: BlockRole;
	/** The assignee the enclosing headings give to subject-less sentences. */
	inheritedLead: AgencyRef[];
	/** For a heading: the assignee it names (inherited by what follows), else null. */
	headingLead: AgencyRef[] | null;
	assignments: Assignment[];
}

/** Options of {@link extractSequence}. */
export interface SequenceOptions extends Omit<BlockContext, 'inheritedLead'> {
	/** Blocks before this index are the notice header. */
	headerEnd?: number;
	/** Extraction of one block (a memoised {@link extractBlock} in the editor). */
	extract?: (text: string, context: BlockContext, index: number) => Assignment[];
	/** Maps a party a heading names (spans in the heading's text) before items inherit it. */
	mapHeadingRef?: (blockIndex: number, ref: AgencyRef) => AgencyRef;
}

interface Scope {
	/** Blocks of rank ≥ this value stay inside; a block of smaller rank closes the scope. */
	rank: number;
	/** True while an intro waits for its first list item to learn its rank. */
	pending: boolean;
	lead: AgencyRef[] | null;
	/** Opened by an editor heading node: only the next heading node closes it. */
	node: boolean;
	/** [S7] An intro ending "… gồm:" whose items name its parties, one by one. */
	enumerating?: boolean;
	/** The parties its items named so far. */
	enumerated?: AgencyRef[];
	/** [S8] Opened by a task whose details are its items ("…, bao gồm:"): they are no tasks. */
	detailing?: boolean;
}

/** [S8] A task that lists its details below: "…, bao gồm:", "…; cụ thể như sau:". */
const DETAILED_INTRO_RE = /[,;]\s*(?:bao gồm|cụ thể(?:\s+như sau)?)\s*:\s*$/u;

/** [S7] An intro that lists its parties in the items below: "Giao các sở … theo ngành, lĩnh vực gồm:". */
const ENUMERATION_INTRO_RE =
	/(?<![\p{L}\p{M}])(?:bao gồm|gồm)(?:\s+(?:các\s+)?(?:cơ quan|đơn vị|sở|bộ|ngành)(?:,\s*(?:cơ quan|đơn vị|địa phương))*(?:\s+sau(?:\s+đây)?)?)?\s*:\s*$/iu;

/** An intro that goes on about the task before it ("Trong đó chú ý …", "Cụ thể như sau:"). */
const ELABORATING_INTRO_RE = /^(?:Trong đó|Cụ thể|Lưu ý|Đồng thời|Theo đó)(?![\p{L}\p{M}])/iu;

/** [A7] A paragraph that elaborates the item before it: "Đối với … thì …", "Trong đó, …", "Lưu ý: …". */
const ELABORATING_PARAGRAPH_RE = /^(?:Đối với[^.;:]{0,200}?\sthì\s|Trong đó[,:\s]|Lưu ý[,:\s])/u;

/** Rules that read an explicit charge ("Giao X", "yêu cầu X", "đồng ý X …"). */
const CHARGE_RULES: ReadonlySet<RuleId> = new Set(['P1', 'P2', 'P3']);

/** Deepest outline kept: real notices nest five or six levels at most. */
const MAX_SCOPES = 32;

/** Reads every block in order and returns, for each, its role, context and assignments. */
export function extractSequence(blocks: readonly SequenceBlock[], options: SequenceOptions = {}): SequenceResult[] {
	const { headerEnd = 0, extract = extractBlock, mapHeadingRef = (_i: number, r: AgencyRef) => r, ...given } = options;
	// The short forms are the whole notice's: read once, before any block. [P11]
	const shortForms = given.declaredParties ?? shortFormsOf(blocks.map((b) => b.text).join('\n'), given.directory);
	const baseCtx: Omit<BlockContext, 'inheritedLead'> = { ...given, ...(shortForms.length ? { declaredParties: shortForms } : {}) };
	const scopes: Scope[] = [];
	let recipients = false;
	/** The columns of the table of tasks being read (its header row seen), else null. */
	let table: TableColumns | null = null;
	const results: SequenceResult[] = [];
	const step = (block: SequenceBlock, index: number): SequenceResult => {
		// A table of tasks (rows of tab-separated cells, as Word pastes or imports one): a header
		// row naming the "chủ trì" column, then one task a row, read by column.
		const cells = index >= headerEnd && !recipients ? splitCells(block.text) : null;
		if (!cells) table = null;
		else {
			const header = tableHeader(cells);
			if (header) {
				table = header;
				return { role: 'heading', inheritedLead: [], headingLead: null, assignments: [] };
			}
			if (table) {
				const row = rowAssignment(cells, table, baseCtx);
				return { role: 'body', inheritedLead: [], headingLead: null, assignments: dropLearnedNonTasks(block.text, row ? [row] : [], baseCtx.directory) };
			}
		}
		const t = block.text.trim();
		// [S7] "- Sở Công Thương (đối với …);" under "… gồm:": the item names one more party of the
		// intro, no task; the items after "Có trách nhiệm:" inherit them all.
		const open = scopes[scopes.length - 1];
		if (open?.enumerating && index >= headerEnd && block.markerType !== 'none') {
			const named = enumeratedParties(block.text, baseCtx);
			if (named?.length) {
				open.enumerated = [...(open.enumerated ?? []), ...named.map((r) => ({ ...mapHeadingRef(index, r), inherited: true }))];
				open.lead = open.enumerated;
				return { role: 'heading', inheritedLead: [], headingLead: named, assignments: [] };
			}
		}
		if (open?.enumerating) open.enumerating = false;
		let role: BlockRole = 'body';
		if (index < headerEnd) role = 'header';
		else if (recipients || /^Nơi nhận\b/u.test(t)) {
			recipients = true;
			role = 'recipients';
		} else if (isBoilerplate(t)) role = 'closing';
		if (block.heading && role === 'body') {
			// A heading node closes every scope, like a new section of the outline.
			scopes.length = 0;
		} else if (role === 'body' && block.markerType !== 'none') {
			// Outline: a marked block closes the scopes it is not nested in.
			for (const s of scopes)
				if (s.pending) {
					s.rank = block.rank - 0.5;
					s.pending = false;
				}
			while (scopes.length && !(scopes[scopes.length - 1] as Scope).node && (scopes[scopes.length - 1] as Scope).rank >= block.rank) scopes.pop();
		}
		const next = blocks[index + 1];
		const isHeading =
			role === 'body' &&
			(block.heading === true ||
				t.endsWith(':') ||
				(block.openEnded &&
					t.length < 160 &&
					(block.markerType !== 'none' || /^[\p{Lu}\d\s,.\-–]+$/u.test(t)) &&
					(!next || next.rank > block.rank || next.markerType === 'none')));
		if (isHeading) role = 'heading';
		let inheritedLead: AgencyRef[] = [];
		for (let k = scopes.length - 1; k >= 0; k--) {
			const lead = (scopes[k] as Scope).lead;
			if (lead?.length) {
				inheritedLead = lead;
				break;
			}
		}
		// [S8] "Chủ trì, phối hợp … tham mưu Lãnh đạo Sở triển khai thực hiện các nhiệm vụ …, bao gồm:":
		// a task whose details follow is a task itself; the items under it detail it and are none.
		if (role === 'heading' && !block.heading && DETAILED_INTRO_RE.test(t) && !/^[\p{Lu}\d\s,.\-–:]+$/u.test(t)) {
			// Only the intro sentence's own task: what the sentences before it say is context.
			const parts = splitSentences(block.text);
			const intro = parts[parts.length - 1]?.start ?? 0;
			const own = dropLearnedNonTasks(block.text, extract(block.text, { ...baseCtx, inheritedLead }, index), baseCtx.directory).filter(
				(a) => a.lead.length && !a.rules.includes('P2') && a.span.end > intro
			);
			if (own.length) {
				if (scopes.length >= MAX_SCOPES) scopes.shift();
				if (block.markerType === 'none') scopes.push({ rank: 0, pending: true, lead: null, node: false, detailing: true });
				else scopes.push({ rank: block.rank, pending: false, lead: null, node: false, detailing: true });
				return { role: 'body', inheritedLead, headingLead: null, assignments: own };
			}
		}
		if (role === 'heading') {
			// Section titles in capitals ("II. NHIỆM VỤ, GIẢI PHÁP …") name topics, not assignees.
			const caps = /^[\p{Lu}\d\s,.\-–:]+$/u.test(t);
			// [S6] "2. Bộ Tài chính … trình Thủ tướng … trước ngày 20/10/2024. Trong đó chú ý một số nội
			// dung sau:": the sentences before the intro are a task of their own.
			const sentences = block.heading || caps ? [] : splitSentences(block.text);
			const last = sentences[sentences.length - 1];
			const before = last && sentences.length > 1 ? block.text.slice(0, last.start) : '';
			// A preamble is mostly context ("Báo X ngày … có bài …. Thủ tướng chỉ đạo:"): only a clear
			// charge counts — a verb of assigning, or a deadline.
			const charged = before.trim()
				? extract(before, { ...baseCtx, inheritedLead }, index).filter((a) => a.deadline || a.rules.some((r) => CHARGE_RULES.has(r)))
				: [];
			const assignments = dropLearnedNonTasks(before, charged, baseCtx.directory);
			let lead = caps ? null : headingAssignee(block.text, { ...baseCtx, inheritedLead });
			// "… Trong đó chú ý một số nội dung sau:" names no one: the items elaborate that task.
			const task = assignments[assignments.length - 1];
			if (!lead?.length && task && last && ELABORATING_INTRO_RE.test(block.text.slice(last.start))) lead = task.lead;
			const refs = lead?.map((r) => ({ ...mapHeadingRef(index, r), inherited: true })) ?? null;
			// An outline is a few levels deep; a run of thousands of heading-shaped lines (a pasted
			// form, a broken file) must not make every later block scan them all.
			if (scopes.length >= MAX_SCOPES) scopes.shift();
			const enumerating = !caps && ENUMERATION_INTRO_RE.test(t);
			if (block.heading) scopes.push({ rank: 0, pending: false, lead: refs, node: true });
			else if (block.markerType === 'none') scopes.push({ rank: 0, pending: true, lead: refs, node: false, enumerating });
			else scopes.push({ rank: block.rank, pending: false, lead: refs, node: false, enumerating });
			return { role, inheritedLead, headingLead: lead, assignments };
		}
		if (role !== 'body') return { role, inheritedLead, headingLead: null, assignments: [] };
		// [S8] The items that detail a task (under "…, bao gồm:") are none of their own.
		if (scopes.length && (scopes[scopes.length - 1] as Scope).detailing) return { role, inheritedLead, headingLead: null, assignments: [] };
		// [A6] What the office taught is not a task stays out, in the editor and on the server alike.
		let assignments = dropLearnedNonTasks(block.text, extract(block.text, { ...baseCtx, inheritedLead }, index), baseCtx.directory);
		// [A7] "2. Tập trung tổ chức thực hiện …" then the paragraph "Đối với trình tự, thủ tục … thì cần
		// căn cứ vào …": an unmarked paragraph that elaborates the list item before it, with no party
		// of its own, is part of that item's task.
		const prev = index > 0 ? results[index - 1] : undefined;
		if (
			block.markerType === 'none' &&
			ELABORATING_PARAGRAPH_RE.test(t) &&
			prev?.role === 'body' &&
			prev.assignments.length > 0 &&
			blocks[index - 1]?.markerType !== 'none' &&
			assignments.every((a) => a.lead.every((l) => l.inherited) && !a.rules.some((r) => CHARGE_RULES.has(r) || r === 'P8'))
		)
			assignments = [];
		return { role, inheritedLead, headingLead: null, assignments };
	};
	for (let index = 0; index < blocks.length; index++) results.push(step(blocks[index] as SequenceBlock, index));
	return results;
}
