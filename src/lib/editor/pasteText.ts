import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Fragment, Slice } from '@tiptap/pm/model';
import { segmentNotice } from '#shared/extract/text';

/**
 * Paragraphs of text pasted from a PDF (or any plain text): lines a PDF broke are joined, page
 * numbers and footnote marks dropped, and numbered items ("1.", "2.1.", "(3)", "a)", "-") kept
 * at the start of their own paragraph.
 */
export function pastedTextToParagraphs(text: string): string[] {
	return segmentNotice(text.normalize('NFC')).map((b) => (b.marker ? `${b.marker} ${b.text}` : b.text));
}

/** Handles plain-text pastes of several lines; HTML from Word keeps ProseMirror's own parsing. */
export const PastePlainText = Extension.create({
	name: 'pastePlainText',
	addProseMirrorPlugins() {
		return [
			new Plugin({
				key: new PluginKey('pastePlainText'),
				props: {
					handlePaste: (view, event) => {
						const data = event.clipboardData;
						if (!data || data.getData('text/html')) return false;
						const text = data.getData('text/plain');
						if (!text.includes('\n')) return false;
						const { schema } = view.state;
						const paragraph = schema.nodes.paragraph;
						if (!paragraph) return false;
						const nodes = pastedTextToParagraphs(text).map((p) => paragraph.create(null, p ? schema.text(p) : null));
						if (!nodes.length) return false;
						view.dispatch(view.state.tr.replaceSelection(new Slice(Fragment.from(nodes), 1, 1)).scrollIntoView());
						return true;
					}
				}
			})
		];
	}
});
