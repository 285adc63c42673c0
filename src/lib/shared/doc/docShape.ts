/**
 * What a notice's Y.Doc (and its comments doc) may hold, as data the sync server checks every
 * update against before storing it ([P14] in `../PROTOCOL.md`): which roots exist, whether each is a
 * list or a map, and which kinds of values each Yjs type holds. It describes shapes, never content:
 * any text, any attribute value, any JSON is fine where the editor puts JSON.
 *
 * Kept beside `noticeDoc.ts` and `commentsDoc.ts`, the only modules that write these docs.
 */

/** A value a type may hold: a kind of Yjs item content, or a nested type of a named shape. */
export type ChildShape =
	/** Any JSON value (`Y.Map#set` / `Y.Array#insert` of a plain value; attributes of XML nodes). */
	| 'json'
	/** Characters of a Y.Text / Y.XmlText. */
	| 'string'
	/** A formatting mark of a Y.Text / Y.XmlText (bold, italic, link …). */
	| 'format'
	/** A nested Yjs type, described by the shape named here. */
	| { readonly shape: string };

/** The Yjs type constructors a shape can require (by their Yjs names). */
export type YTypeName = 'XmlFragment' | 'XmlElement' | 'XmlText' | 'Map' | 'Array' | 'Text';

/** One kind of Yjs type and what it may hold. */
export interface TypeShape {
	/** The type's constructor. Roots have none in an update: their shape is told by their items. */
	readonly type: YTypeName;
	/** For `XmlElement`: the node names allowed (the editor's schema). */
	readonly nodeNames?: readonly string[];
	/** What the list part may hold (array elements, children, characters); empty: nothing. */
	readonly items: readonly ChildShape[];
	/** What may be set under keys (map entries, XML attributes); empty: nothing. */
	readonly entries: readonly ChildShape[];
}

/** The whole shape of one kind of doc: its roots by name, and every shape they refer to. */
export interface DocShape {
	/** Root name → shape name. A root not listed may not be written to. */
	readonly roots: Readonly<Record<string, string>>;
	readonly shapes: Readonly<Record<string, TypeShape>>;
}

/**
 * Block nodes of the body editor's schema (Tiptap StarterKit, `src/lib/editor/createNoticeEditor.ts`)
 * that may stand at the top of `content`; a test checks the list against the schema.
 */
export const BODY_BLOCK_NODES = ['paragraph', 'heading', 'blockquote', 'bulletList', 'orderedList', 'codeBlock', 'horizontalRule'] as const;

/** Every node of the body schema stored as a Y.XmlElement (text is Y.XmlText, `doc` is the fragment). */
export const BODY_NODES = [...BODY_BLOCK_NODES, 'listItem', 'hardBreak'] as const;

/**
 * A notice ([DS2]): `content` the Tiptap body (y-prosemirror: an XmlFragment of XmlElements whose
 * attributes are JSON, holding XmlElements and XmlTexts), `meta` the header fields (JSON values),
 * `tasks` the corrections (task id → Y.Map of JSON values).
 */
export const NOTICE_SHAPE: DocShape = {
	roots: { content: 'content', meta: 'meta', tasks: 'tasks' },
	shapes: {
		content: { type: 'XmlFragment', items: [{ shape: 'block' }], entries: [] },
		block: { type: 'XmlElement', nodeNames: BODY_BLOCK_NODES, items: [{ shape: 'node' }, { shape: 'text' }], entries: ['json'] },
		node: { type: 'XmlElement', nodeNames: BODY_NODES, items: [{ shape: 'node' }, { shape: 'text' }], entries: ['json'] },
		text: { type: 'XmlText', items: ['string', 'format'], entries: ['json'] },
		meta: { type: 'Map', items: [], entries: ['json'] },
		tasks: { type: 'Map', items: [], entries: [{ shape: 'task' }] },
		task: { type: 'Map', items: [], entries: ['json'] }
	}
};

/** A comments doc ([CM1], [CM2]): `threads` thread id → Y.Map (JSON fields and a Y.Array of replies), `meta` JSON. */
export const COMMENTS_SHAPE: DocShape = {
	roots: { threads: 'threads', meta: 'meta' },
	shapes: {
		threads: { type: 'Map', items: [], entries: [{ shape: 'thread' }] },
		thread: { type: 'Map', items: [], entries: ['json', { shape: 'replies' }] },
		replies: { type: 'Array', items: ['json'], entries: [] },
		meta: { type: 'Map', items: [], entries: ['json'] }
	}
};
