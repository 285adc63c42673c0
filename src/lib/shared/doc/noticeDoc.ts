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
		const lines: string[] = [];
		const walk = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment): void => {
			if (node instanceof Y.XmlText) {
				lines[lines.length - 1] += node.toString().replace(/<[^>]+>/g, '');
				return;
			}
			if (node instanceof Y.XmlElement && isTextBlock(node.nodeName)) lines.push('');
			node.toArray().forEach((c) => walk(c as Y.XmlElement | Y.XmlText));
		};
		walk(this.content);
		return lines.join('\n');
	}

	/** Text blocks of the body with their ids, in document order (input of extraction). */
	blocks(): { id: string; type: string; text: string }[] {
		const out: { id: string; type: string; text: string }[] = [];
		const textOf = (el: Y.XmlElement): string =>
			el
				.toArray()
				.map((c) => (c instanceof Y.XmlText ? c.toString().replace(/<[^>]+>/g, '') : ''))
				.join('');
		const walk = (node: Y.XmlElement | Y.XmlFragment): void => {
			for (const child of node.toArray()) {
				if (!(child instanceof Y.XmlElement)) continue;
				if (isTextBlock(child.nodeName)) {
					out.push({ id: String(child.getAttribute('id') ?? ''), type: child.nodeName, text: textOf(child) });
				} else walk(child);
			}
		};
		walk(this.content);
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

/** Node names of the Tiptap blocks that hold text directly. */
function isTextBlock(name: string): boolean {
	return name === 'paragraph' || name === 'heading';
}
