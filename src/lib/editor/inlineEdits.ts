import { AddMarkStep, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform';
import type { Transaction } from '@tiptap/pm/state';

/**
 * True when every step of `tr` edits text inside one textblock (typing, deleting a character,
 * replacing a word) or only adds or removes marks: no block is created, split, joined or given
 * new attributes, so no block id can appear, vanish or be duplicated. The block-id plugins
 * (UniqueID, DedupeBlockIds) skip such transactions — they are nearly every keystroke, and both
 * plugins otherwise replay the steps and walk the changed range (DedupeBlockIds: the whole doc)
 * on the keystroke's own frame. [DS5]
 */
export function onlyInlineEdits(tr: Transaction): boolean {
	if (!tr.docChanged) return true;
	return tr.steps.every((step, i) => {
		if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) return true;
		if (!(step instanceof ReplaceStep)) return false;
		const { from, to, slice } = step;
		if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
		let inline = true;
		slice.content.forEach((node) => {
			if (!node.isInline) inline = false;
		});
		if (!inline) return false;
		const doc = tr.docs[i]!;
		const $from = doc.resolve(from);
		return $from.parent.isTextblock && (from === to || $from.sameParent(doc.resolve(to)));
	});
}
