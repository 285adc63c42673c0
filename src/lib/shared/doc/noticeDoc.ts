/**
 * The CRDT data model of one notice (Thông báo kết luận): the only module that knows the Y.Doc root
 * names and their shapes. Rules are numbered in SPEC.md beside this file ([DS1]…) and quoted by tests.
 */
import * as Y from 'yjs';

/** Version of the shapes below; stored in `meta` so that later code can migrate old docs. [DS1] */
export const SCHEMA_VERSION = 1;

/** Root names. [DS2] Nobody else calls doc.getMap/getXmlFragment with a string. */
const ROOT = { content: 'content', meta: 'meta', tasks: 'tasks' } as const;

/** Lifecycle state of a notice: draft while being written, issued (ban hành) when frozen. */
export type NoticeState = 'draft' | 'issued';

/**
 * Structured header fields of a notice in the Decree 30/2020 "Thông báo" layout.
 * Dates are ISO `YYYY-MM-DD` strings ('' when not set); free text is NFC.
 */
export interface NoticeMeta {
	/** Cơ quan chủ quản, e.g. "UBND TỈNH BẮC GIANG". */
	issuingParent: string;
	/** Cơ quan ban hành, e.g. "VĂN PHÒNG". */
	issuingBody: string;
	/** Number part of "Số: 12/TB-VP" ('' until issued). */
	number: string;
	/** Symbol part of "Số: 12/TB-VP", e.g. "TB-VP". */
	symbol: string;
	/** Place of the place-and-date line, e.g. "Bắc Giang". */
	place: string;
	/** Date of the notice (ISO). */
	date: string;
	/** Summary line under "THÔNG BÁO", e.g. "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp …". */
	title: string;
	/** Date the meeting was held (ISO). */
	meetingDate: string;
	/** Who chaired the meeting (chủ trì cuộc họp). */
	chair: string;
	/** Who attended, free text (one per line). */
	attendees: string;
	/** Recipients (Nơi nhận), one per line, without the leading "- " and trailing ";". */
	recipients: string;
	/** Signing authority line, e.g. "TL. CHỦ TỊCH" or "KT. CHỦ TỊCH". */
	signerAuthority: string;
	/** Signer's title, e.g. "CHÁNH VĂN PHÒNG". */
	signerTitle: string;
	/** Signer's full name. */
	signerName: string;
	state: NoticeState;
}

/** Keys of NoticeMeta, in form order. */
export const META_FIELDS = [
	'issuingParent',
	'issuingBody',
	'number',
	'symbol',
	'place',
	'date',
	'title',
	'meetingDate',
	'chair',
	'attendees',
	'recipients',
	'signerAuthority',
	'signerTitle',
	'signerName',
	'state'
] as const satisfies readonly (keyof NoticeMeta)[];

/** A header field other than the lifecycle state. */
export type MetaTextField = Exclude<keyof NoticeMeta, 'state'>;

/** Defaults of a new notice; the place and bodies come from the office's settings. */
export function defaultMeta(today: string): NoticeMeta {
	return {
		issuingParent: 'UBND TỈNH',
		issuingBody: 'VĂN PHÒNG',
		number: '',
		symbol: 'TB-VP',
		place: '',
		date: today,
		title: '',
		meetingDate: today,
		chair: '',
		attendees: '',
		recipients: '',
		signerAuthority: 'TL. CHỦ TỊCH',
		signerTitle: 'CHÁNH VĂN PHÒNG',
		signerName: '',
		state: 'draft'
	};
}

/** Human corrections of one assignment block's task (tasks map value). [DS6] */
export interface TaskCorrection {
	/** The line is not an assignment: extraction is ignored for it. */
	dismissed?: boolean;
	/** Canonical agency names chosen by a person, replacing the extracted leads. */
	lead?: string[];
	/** Canonical agency names chosen by a person, replacing the extracted supports. */
	support?: string[];
	/** ISO date chosen by a person, replacing the extracted deadline. */
	deadline?: string | null;
	/** Who made the correction last, for display. */
	by?: string;
}

/** One text block of the body as extraction sees it. */
export interface BodyBlock {
	/** Stable block id (task identity). */
	id: string;
	type: 'paragraph' | 'heading';
	/** Plain text (NFC as typed). */
	text: string;
	/** List nesting depth (0 outside lists). */
	depth: number;
	/** Set on the first paragraph of a list item: the list kind and the item's 0-based position. */
	list?: { kind: 'ordered' | 'bullet'; index: number };
}

/** A run of text with its emphasis. */
export interface RichRun {
	text: string;
	bold?: boolean;
	italic?: boolean;
}

/** One block of a body built outside the editor (import, demo data): text runs and structure. */
export interface RichBlock {
	type: 'paragraph' | 'heading';
	/** Heading level (Tiptap's h1–h3). */
	level?: 1 | 2 | 3;
	/** Consecutive blocks of one list kind form one list. */
	list?: 'ordered' | 'bullet';
	runs: RichRun[];
}

/** Reads a correction from its JSON, keeping only well-typed fields. */
function parseCorrection(raw: Record<string, unknown>): TaskCorrection {
	const names = (v: unknown) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
	const c: TaskCorrection = {};
	if (typeof raw.dismissed === 'boolean') c.dismissed = raw.dismissed;
	const lead = names(raw.lead);
	if (lead) c.lead = lead;
	const support = names(raw.support);
	if (support) c.support = support;
	if (raw.deadline === null || (typeof raw.deadline === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw.deadline))) c.deadline = raw.deadline as string | null;
	if (typeof raw.by === 'string') c.by = raw.by;
	return c;
}

/** Typed accessors over one notice's Y.Doc. */
export class NoticeDoc {
	constructor(readonly doc: Y.Doc) {}

	/** The rich-text body (Tiptap/ProseMirror), every block with a stable `id` attribute. [DS3] */
	get content(): Y.XmlFragment {
		return this.doc.getXmlFragment(ROOT.content);
	}

	/** The header fields map. */
	get metaMap(): Y.Map<unknown> {
		return this.doc.getMap(ROOT.meta);
	}

	/** Per-block task corrections, keyed by block id. */
	get tasksMap(): Y.Map<unknown> {
		return this.doc.getMap(ROOT.tasks);
	}

	/** Reads the header, filling fields missing from the doc with ''. */
	readMeta(): NoticeMeta {
		const m = this.metaMap;
		const out = defaultMeta('');
		for (const key of META_FIELDS) {
			const v = m.get(key);
			if (key === 'state') out.state = v === 'issued' ? 'issued' : 'draft';
			else out[key] = typeof v === 'string' ? v : '';
		}
		return out;
	}

	/** Writes some header fields in one transaction; values are NFC-normalised. [DS4] */
	writeMeta(patch: Partial<NoticeMeta>, origin?: unknown): void {
		this.doc.transact(() => {
			const m = this.metaMap;
			for (const key of META_FIELDS) {
				const v = patch[key];
				if (v === undefined) continue;
				const nfc = v.normalize('NFC');
				if (m.get(key) !== nfc) m.set(key, nfc);
			}
			if (m.get('schemaVersion') !== SCHEMA_VERSION) m.set('schemaVersion', SCHEMA_VERSION);
		}, origin);
	}

	/** The schema version stored in the doc (0 when never written). */
	schemaVersion(): number {
		const v = this.metaMap.get('schemaVersion');
		return typeof v === 'number' ? v : 0;
	}

	/** Plain text of the body, one line per block, for search and projections. */
	bodyText(): string {
		return this.blocks()
			.map((b) => b.text)
			.join('\n');
	}

	/** Text blocks of the body with their ids and list context, in document order (input of extraction). */
	blocks(): BodyBlock[] {
		const out: BodyBlock[] = [];
		const walk = (node: Y.XmlElement | Y.XmlFragment, list: BodyBlock['list'], depth: number): void => {
			let item = 0;
			for (const child of node.toArray()) {
				if (!(child instanceof Y.XmlElement)) continue;
				const name = child.nodeName;
				if (isTextBlock(name)) {
					const block: BodyBlock = { id: String(child.getAttribute('id') ?? ''), type: name as BodyBlock['type'], text: blockText(child), depth };
					if (list) block.list = list;
					out.push(block);
				} else if (name === 'orderedList' || name === 'bulletList') {
					walk(child, { kind: name === 'orderedList' ? 'ordered' : 'bullet', index: 0 }, depth + 1);
				} else if (name === 'listItem') {
					// Only the first paragraph of a list item carries the item's number.
					const first = out.length;
					walk(child, list ? { ...list, index: item++ } : undefined, depth);
					for (let k = first + 1; k < out.length; k++) delete out[k]!.list;
				} else walk(child, list, depth);
			}
		};
		walk(this.content, undefined, 0);
		return out;
	}

	/** Human corrections of tasks, keyed by task id ([DS6]). Malformed entries are skipped. */
	readCorrections(): Map<string, TaskCorrection> {
		const out = new Map<string, TaskCorrection>();
		this.tasksMap.forEach((value, key) => {
			if (value instanceof Y.Map) out.set(key, parseCorrection(value.toJSON()));
		});
		return out;
	}

	/** Merges a correction into a task's entry (creating it); `undefined` fields are left alone. */
	correctTask(taskId: string, patch: TaskCorrection, origin?: unknown): void {
		this.doc.transact(() => {
			let entry = this.tasksMap.get(taskId);
			if (!(entry instanceof Y.Map)) {
				entry = new Y.Map<unknown>();
				this.tasksMap.set(taskId, entry);
			}
			const m = entry as Y.Map<unknown>;
			for (const [k, v] of Object.entries(patch)) if (v !== undefined) m.set(k, v);
		}, origin);
	}

	/** Drops a task's corrections: extraction decides again. */
	resetTask(taskId: string, origin?: unknown): void {
		this.doc.transact(() => this.tasksMap.delete(taskId), origin);
	}

	/**
	 * Replaces the body with `blocks`, in the exact shape the editor (Tiptap through y-prosemirror)
	 * writes: headings with a level, lists of list items holding a paragraph, bold and italic as
	 * text attributes, and a fresh id on every text block. [DS3]
	 */
	setBody(blocks: readonly RichBlock[], newId: () => string, origin?: unknown): void {
		const textBlock = (b: RichBlock): Y.XmlElement => {
			const el = new Y.XmlElement(b.type);
			el.setAttribute('id', newId());
			if (b.type === 'heading') el.setAttribute('level', (b.level ?? 2) as unknown as string);
			const text = new Y.XmlText();
			let at = 0;
			for (const r of b.runs) {
				if (!r.text) continue;
				const marks: Record<string, object> = {};
				if (r.bold) marks.bold = {};
				if (r.italic) marks.italic = {};
				text.insert(at, r.text.normalize('NFC'), marks);
				at += r.text.normalize('NFC').length;
			}
			el.insert(0, [text]);
			return el;
		};
		const nodes: Y.XmlElement[] = [];
		let list: { kind: 'ordered' | 'bullet'; el: Y.XmlElement; items: Y.XmlElement[] } | null = null;
		const closeList = () => {
			if (!list) return;
			list.el.insert(0, list.items);
			nodes.push(list.el);
			list = null;
		};
		for (const b of blocks) {
			if (b.list && b.type === 'paragraph') {
				if (!list || list.kind !== b.list) {
					closeList();
					list = { kind: b.list, el: new Y.XmlElement(b.list === 'ordered' ? 'orderedList' : 'bulletList'), items: [] };
					if (b.list === 'ordered') list.el.setAttribute('start', 1 as unknown as string);
				}
				const item = new Y.XmlElement('listItem');
				item.insert(0, [textBlock(b)]);
				list.items.push(item);
			} else {
				closeList();
				nodes.push(textBlock(b));
			}
		}
		closeList();
		this.doc.transact(() => {
			const c = this.content;
			c.delete(0, c.length);
			c.insert(0, nodes.length ? nodes : [textBlock({ type: 'paragraph', runs: [] })]);
		}, origin);
	}

	/**
	 * The body as rich blocks, in the shape {@link setBody} writes: headings with their level, list
	 * items with the kind of their (innermost) list, bold and italic runs from the text attributes.
	 * A hard break inside a block reads as "\n". Used by export (.docx) and tests.
	 */
	readBody(): RichBlock[] {
		const out: RichBlock[] = [];
		const runsOf = (el: Y.XmlElement): RichRun[] => {
			const runs: RichRun[] = [];
			const push = (r: RichRun) => {
				const last = runs[runs.length - 1];
				if (last && !!last.bold === !!r.bold && !!last.italic === !!r.italic) last.text += r.text;
				else runs.push(r);
			};
			for (const child of el.toArray()) {
				if (child instanceof Y.XmlText) {
					for (const d of child.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
						if (typeof d.insert !== 'string') continue;
						const r: RichRun = { text: d.insert };
						if (d.attributes?.bold) r.bold = true;
						if (d.attributes?.italic) r.italic = true;
						push(r);
					}
				} else push({ text: '\n' });
			}
			return runs;
		};
		const walk = (node: Y.XmlElement | Y.XmlFragment, list: RichBlock['list']): void => {
			for (const child of node.toArray()) {
				if (!(child instanceof Y.XmlElement)) continue;
				const name = child.nodeName;
				if (isTextBlock(name)) {
					const block: RichBlock = { type: name as RichBlock['type'], runs: runsOf(child) };
					if (name === 'heading') {
						const level = Number(child.getAttribute('level'));
						block.level = level === 1 || level === 3 ? level : 2;
					} else if (list) block.list = list;
					out.push(block);
				} else if (name === 'orderedList' || name === 'bulletList') walk(child, name === 'orderedList' ? 'ordered' : 'bullet');
				else walk(child, list);
			}
		};
		walk(this.content, undefined);
		return out;
	}

	/** Sets the body from plain paragraphs (used by CLI, import and tests), one block per line. */
	setBodyParagraphs(paragraphs: string[], newId: () => string, origin?: unknown): void {
		this.doc.transact(() => {
			const c = this.content;
			c.delete(0, c.length);
			c.insert(
				0,
				paragraphs.map((p) => {
					const el = new Y.XmlElement('paragraph');
					el.setAttribute('id', newId());
					el.insert(0, [new Y.XmlText(p.normalize('NFC'))]);
					return el;
				})
			);
		}, origin);
	}
}

/**
 * The text of one block as extraction reads it: its characters, with an inline node (a hard break)
 * counted as one "\n", so that offsets match ProseMirror's positions inside the block.
 */
export function blockText(el: Y.XmlElement): string {
	let out = '';
	for (const child of el.toArray()) {
		if (child instanceof Y.XmlText) {
			for (const d of child.toDelta() as { insert?: unknown }[]) if (typeof d.insert === 'string') out += d.insert;
		} else out += '\n';
	}
	return out;
}

/** Node names of the Tiptap blocks that hold text directly. */
function isTextBlock(name: string): boolean {
	return name === 'paragraph' || name === 'heading';
}
