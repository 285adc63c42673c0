import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';
import { deadlineLabel, type DraftTask } from '#shared/tasks/draftTasks';
import { doubtsOf } from '#shared/extract/ruleIds';

/** Plugin key; dispatch `tr.setMeta(taskHighlightsKey, tasks)` to show a new set of tasks. */
export const taskHighlightsKey = new PluginKey<DecorationSet>('taskHighlights');

/** Event the chip dispatches (bubbling) when clicked: `detail` is the task id. */
export const TASK_CHIP_EVENT = 'ket-luan:task-chip';

const MARK_CLASS = { lead: 'tk-lead', support: 'tk-support', official: 'tk-official', deadline: 'tk-deadline' } as const;
const MARK_TITLE = { lead: 'Chủ trì', support: 'Phối hợp', official: 'Lãnh đạo chỉ đạo', deadline: 'Thời hạn' } as const;

/** The live status of an official task (issued notice), shown on its chip. */
export interface ChipStatus {
	key: string;
	label: string;
	/** The tracker's lead agencies, joined: what a correction after issue made them (issue 9 [3]). */
	lead?: string;
}

/** What the editor shows: the tasks, and for an issued notice their live status by task id. */
export interface TaskHighlightsPayload {
	tasks: readonly DraftTask[];
	statuses?: Readonly<Record<string, ChipStatus>>;
}

/** Short text of a chip: lead and deadline (or live status), the way a tracker line reads. */
export function chipLabel(t: DraftTask, status?: ChipStatus): string {
	if (t.dismissed) return 'Không phải nhiệm vụ';
	// After issue the tracker's record decides: a correction reassigns without touching the text.
	const lead = status?.lead || t.lead.map((l) => l.name).join(', ') || 'Chưa rõ chủ trì';
	return `${lead} · ${status ? status.label : deadlineLabel(t.deadline)}`;
}

/**
 * The chip at the end of an assignment line. An inline span, not a button: a button is always an
 * unbreakable inline-block, and a wide chip that did not fit at the end of a justified line
 * moved to the next line whole, stretching the line before it with huge gaps. Inline, its words
 * wrap like the line's own (the border is drawn on each piece, see the page's CSS).
 */
function chip(t: DraftTask, status?: ChipStatus): HTMLElement {
	const el = document.createElement('span');
	el.className = `task-chip${t.dismissed ? ' dismissed' : ''}${t.weak ? ' weak' : ''}${status ? ` st-${status.key}` : ''}`;
	el.dataset.taskId = t.id;
	el.contentEditable = 'false';
	el.setAttribute('role', 'button');
	el.tabIndex = 0;
	el.textContent = chipLabel(t, status);
	// A doubtful reading says why, so a specialist checks those first.
	el.title = t.weak ? `Cần kiểm tra: ${doubtsOf(t.rules).join('; ')}. Bấm để mở nhiệm vụ.` : 'Mở nhiệm vụ';
	const open = () => el.dispatchEvent(new CustomEvent(TASK_CHIP_EVENT, { detail: t.id, bubbles: true }));
	el.addEventListener('mousedown', (e) => e.preventDefault());
	el.addEventListener('click', open);
	el.addEventListener('keydown', (e) => {
		if (e.key !== 'Enter' && e.key !== ' ') return;
		e.preventDefault();
		open();
	});
	return el;
}

/** Builds decorations for `tasks` on the current doc: highlighted parties and deadline, and a chip per task. */
export function buildDecorations(doc: PmNode, { tasks, statuses = {} }: TaskHighlightsPayload): DecorationSet {
	const byBlock = new Map<string, DraftTask[]>();
	for (const t of tasks) byBlock.set(t.blockId, [...(byBlock.get(t.blockId) ?? []), t]);
	const decos: Decoration[] = [];
	doc.descendants((node, pos) => {
		if (!node.isTextblock) return true;
		const list = byBlock.get(String(node.attrs.id ?? ''));
		if (!list) return false;
		const size = node.content.size;
		for (const t of list) {
			if (!t.dismissed)
				for (const m of t.marks) {
					const from = pos + 1 + Math.min(m.start, size);
					const to = pos + 1 + Math.min(m.end, size);
					if (to > from) decos.push(Decoration.inline(from, to, { class: MARK_CLASS[m.kind], title: MARK_TITLE[m.kind] }));
				}
			const status = statuses[t.id];
			decos.push(
				Decoration.widget(pos + 1 + size, () => chip(t, status), {
					side: 1,
					key: `chip-${t.id}-${chipLabel(t, status)}${t.weak ? '-weak' : ''}`,
					stopEvent: () => true,
					ignoreSelection: true
				})
			);
		}
		return false;
	});
	return DecorationSet.create(doc, decos);
}

/**
 * Shows the notice's tasks in the body: lead, support, officials and deadline highlighted in the
 * line, and a task chip at the end of each assignment block. Tasks are computed outside (the
 * session) and pushed in; between two pushes the decorations follow the edits by mapping.
 */
export const TaskHighlights = Extension.create({
	name: 'taskHighlights',
	addProseMirrorPlugins() {
		return [
			new Plugin<DecorationSet>({
				key: taskHighlightsKey,
				state: {
					init: () => DecorationSet.empty,
					apply(tr, old, _oldState, newState: EditorState) {
						const payload = tr.getMeta(taskHighlightsKey) as TaskHighlightsPayload | undefined;
						if (payload) return buildDecorations(newState.doc, payload);
						return tr.docChanged ? old.map(tr.mapping, tr.doc) : old;
					}
				},
				props: {
					decorations: (state) => taskHighlightsKey.getState(state)
				}
			})
		];
	}
});
