import { Extension, combineTransactionSteps, getChangedRanges } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { newBlockId } from '#shared/doc/blockId';
import { onlyInlineEdits } from './inlineEdits';

/**
 * Keeps block ids unique across the whole doc. Tiptap's UniqueID only compares the ids of the
 * blocks inside a change with each other, so content inserted programmatically (pasted from the
 * clipboard of another notice, or from our own paste clean-up) could bring back an id that a block
 * elsewhere already has. Here a changed block whose id also belongs to an untouched block gets a
 * fresh id: the untouched block keeps it, so a task never moves to a copy of its line. [DS5]
 */
export const DedupeBlockIds = Extension.create<{ types: string[]; attributeName: string }>({
	name: 'dedupeBlockIds',
	// After UniqueID (priority 100 by default runs earlier for larger numbers): see its appendTransaction first.
	priority: 90,
	addOptions() {
		return { types: ['paragraph', 'heading'], attributeName: 'id' };
	},
	addProseMirrorPlugins() {
		const { types, attributeName } = this.options;
		return [
			new Plugin({
				key: new PluginKey('dedupeBlockIds'),
				appendTransaction: (transactions, oldState, newState) => {
					if (!transactions.some((tr) => tr.docChanged) || transactions.some((tr) => isChangeOrigin(tr))) return null;
					if (transactions.every(onlyInlineEdits)) return null;
					const transform = combineTransactionSteps(oldState.doc, [...transactions]);
					const ranges = getChangedRanges(transform).map((r) => r.newRange);
					// A block is touched when its extent overlaps a changed range (not when it merely borders one).
					const inChanged = (pos: number, size: number) => ranges.some((r) => pos < r.to && pos + size > r.from);
					const untouched = new Set<string>();
					const changed: { pos: number; id: unknown }[] = [];
					newState.doc.descendants((node, pos) => {
						if (!types.includes(node.type.name)) return true;
						const id = node.attrs[attributeName];
						if (inChanged(pos, node.nodeSize)) changed.push({ pos, id });
						else if (typeof id === 'string') untouched.add(id);
						return false;
					});
					const tr = newState.tr;
					const seen = new Set<string>();
					for (const { pos, id } of changed) {
						if (typeof id === 'string' && !untouched.has(id) && !seen.has(id)) {
							seen.add(id);
							continue;
						}
						if (id === null) continue; // UniqueID gives ids to new blocks itself.
						const node = tr.doc.nodeAt(pos);
						if (node) tr.setNodeMarkup(pos, undefined, { ...node.attrs, [attributeName]: newBlockId() });
					}
					if (!tr.steps.length) return null;
					tr.setMeta('addToHistory', false);
					return tr;
				}
			})
		];
	}
});
