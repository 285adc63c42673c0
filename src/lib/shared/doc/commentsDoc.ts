/**
 * The comments of one notice: a Y.Doc of its own (sync room `<noticeId>~comments`), so that
 * readers — leaders reading a draft — can comment without ever writing to the notice. This module
 * is the only one that knows the comments doc's root names. Rules quoted by tests: `COMMENTS.md`.
 */
import * as Y from 'yjs';

/** Version of the comments doc's layout, stored in `meta.schemaVersion`. [CM1] */
export const COMMENTS_SCHEMA_VERSION = 1;

/** Root names. [CM1] Nobody else calls getMap on a comments doc. */
const ROOT = { threads: 'threads', meta: 'meta' } as const;

/** Keys of one thread's Y.Map. */
const KEY = {
	id: 'id',
	anchor: 'anchor',
	quote: 'quote',
	text: 'text',
	author: 'author',
	createdAt: 'createdAt',
	status: 'status',
	replies: 'replies'
} as const;

/** Longest comment or reply, in characters. [CM6] */
export const MAX_COMMENT_LENGTH = 4000;
/** Longest quote kept with a thread (the commented text when the thread was made). [CM2] */
export const MAX_QUOTE_LENGTH = 500;

/** A thread id (random, made by the client that opens the thread). */
export type ThreadId = string & { readonly __brand: 'ThreadId' };

/** Who wrote a comment. */
export interface CommentAuthor {
	id: string;
	name: string;
}

/** Yjs RelativePosition as JSON (`Y.relativePositionToJSON`). */
export type RelativePositionJson = Record<string, unknown>;

/**
 * The commented range: two Yjs relative positions into the notice's `content` fragment. `from`
 * sticks to the first commented character, `to` to the last, so text typed inside the range
 * joins it and text typed at either edge stays outside. [CM3]
 */
export interface CommentAnchor {
	from: RelativePositionJson;
	to: RelativePositionJson;
}

/** Whether a thread is done (Đã xử lý), and who said so; one value, so its parts never mix. [CM5] */
export interface ThreadStatus {
	resolved: boolean;
	by: CommentAuthor | null;
	at: number | null;
}

/** One reply in a thread. */
export interface Reply {
	id: string;
	author: CommentAuthor;
	text: string;
	createdAt: number;
}

/** A comment thread as the panel shows it. */
export interface Thread {
	id: ThreadId;
	anchor: CommentAnchor;
	/** The commented text when the thread was made (shown when that text is gone). */
	quote: string;
	/** The opening comment. */
	text: string;
	author: CommentAuthor;
	createdAt: number;
	status: ThreadStatus;
	/** In the order they were written (createdAt, then id), the same on every client. */
	replies: Reply[];
}

/** A point in the notice's Yjs tree: an index into a Y.XmlText (or another Yjs type). */
export interface YPoint {
	// Yjs's own signatures take AbstractType<any>; a narrower type rejects Y.XmlText.
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	type: Y.AbstractType<any>;
	index: number;
}

/** Where an anchor points now. [CM4] */
export type AnchorResolution =
	| { kind: 'live'; from: YPoint; to: YPoint }
	/** Every commented character was deleted (or the anchor is not a valid position). */
	| { kind: 'orphan' }
	/** The anchor points at text this copy of the notice has not received yet. */
	| { kind: 'missing' };

/** Why a comment could not be written. */
export class CommentError extends Error {
	constructor(
		readonly reason: 'empty' | 'too-long' | 'no-thread' | 'empty-range',
		message: string
	) {
		super(message);
		this.name = 'CommentError';
	}
}

/** Typed access to a comments doc. */
export class CommentsDoc {
	constructor(readonly doc: Y.Doc) {}

	/** Root map: thread id → Y.Map of the thread. */
	get threadsMap(): Y.Map<Y.Map<unknown>> {
		return this.doc.getMap(ROOT.threads);
	}

	get #meta(): Y.Map<unknown> {
		return this.doc.getMap(ROOT.meta);
	}

	/** Opens a thread on `anchor`; returns its id. Throws CommentError for empty or long text. [CM2] [CM6] */
	addThread(input: { id: string; anchor: CommentAnchor; quote: string; text: string; author: CommentAuthor; createdAt: number }, origin?: unknown): ThreadId {
		const text = checkText(input.text);
		this.doc.transact(() => {
			this.#stampVersion();
			const thread = new Y.Map<unknown>();
			thread.set(KEY.id, input.id);
			// A plain copy: Yjs keeps the very object in this doc, and a caller's may be reactive or mutable.
			thread.set(KEY.anchor, JSON.parse(JSON.stringify({ from: input.anchor.from, to: input.anchor.to })) as CommentAnchor);
			thread.set(KEY.quote, input.quote.normalize('NFC').slice(0, MAX_QUOTE_LENGTH));
			thread.set(KEY.text, text);
			thread.set(KEY.author, { id: input.author.id, name: input.author.name });
			thread.set(KEY.createdAt, input.createdAt);
			thread.set(KEY.status, { resolved: false, by: null, at: null } satisfies ThreadStatus);
			thread.set(KEY.replies, new Y.Array<unknown>());
			this.threadsMap.set(input.id, thread);
		}, origin);
		return input.id as ThreadId;
	}

	/** Appends a reply to a thread. Replies from several people never overwrite each other. [CM5] [CM6] */
	reply(threadId: string, reply: { id: string; author: CommentAuthor; text: string; createdAt: number }, origin?: unknown): void {
		const text = checkText(reply.text);
		const thread = this.#thread(threadId);
		const replies = thread.get(KEY.replies);
		this.doc.transact(() => {
			const entry = { id: reply.id, author: { id: reply.author.id, name: reply.author.name }, text, createdAt: reply.createdAt };
			if (replies instanceof Y.Array) replies.push([entry]);
			else thread.set(KEY.replies, Y.Array.from([entry]));
		}, origin);
	}

	/** Marks a thread resolved (Đã xử lý) or open again (Mở lại); the last writer wins. [CM5] */
	setResolved(threadId: string, resolved: boolean, by: CommentAuthor, at: number, origin?: unknown): void {
		const thread = this.#thread(threadId);
		const status: ThreadStatus = resolved
			? { resolved: true, by: { id: by.id, name: by.name }, at }
			: { resolved: false, by: { id: by.id, name: by.name }, at };
		this.doc.transact(() => thread.set(KEY.status, status), origin);
	}

	/**
	 * Every well-formed thread, oldest first. Anything else in the doc (written by a broken or
	 * hostile client: every reader may write here) is skipped, never shown half-read. [CM7]
	 */
	threads(): Thread[] {
		const out: Thread[] = [];
		for (const [key, value] of this.threadsMap) {
			const thread = value instanceof Y.Map ? readThread(key, value) : null;
			if (thread) out.push(thread);
		}
		return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	}

	/** One thread by id, or undefined. */
	thread(threadId: string): Thread | undefined {
		const value = this.threadsMap.get(threadId);
		return value instanceof Y.Map ? (readThread(threadId, value) ?? undefined) : undefined;
	}

	#thread(threadId: string): Y.Map<unknown> {
		const value = this.threadsMap.get(threadId);
		if (!(value instanceof Y.Map) || !readThread(threadId, value)) throw new CommentError('no-thread', 'Không tìm thấy bình luận này.');
		return value;
	}

	#stampVersion(): void {
		if (this.#meta.get('schemaVersion') !== COMMENTS_SCHEMA_VERSION) this.#meta.set('schemaVersion', COMMENTS_SCHEMA_VERSION);
	}
}

/** Makes an anchor over [from, to) of the notice: `from` sticks to the right, `to` to the left. [CM3] */
export function createAnchor(from: YPoint, to: YPoint): CommentAnchor {
	if (from.type === to.type && from.index >= to.index) throw new CommentError('empty-range', 'Hãy chọn đoạn văn bản cần bình luận.');
	return {
		from: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(from.type, from.index, 0)) as RelativePositionJson,
		to: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(to.type, to.index, -1)) as RelativePositionJson
	};
}

/**
 * Where an anchor points now in `content` (the notice's body fragment). An anchor whose whole
 * text was deleted, or that points outside the body, is an orphan; one that points at text not
 * yet received is missing (it becomes live when the notice's update arrives). [CM4]
 */
export function resolveAnchor(content: Y.XmlFragment, anchor: CommentAnchor): AnchorResolution {
	const doc = content.doc;
	if (!doc) return { kind: 'missing' };
	let from: Y.AbsolutePosition | null;
	let to: Y.AbsolutePosition | null;
	if (!wellFormed(doc, anchor.from) || !wellFormed(doc, anchor.to)) return { kind: 'orphan' };
	try {
		if (unknownItem(doc, anchor.from) || unknownItem(doc, anchor.to)) return { kind: 'missing' };
		from = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.from), doc);
		to = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.to), doc);
	} catch {
		// A malformed position (any reader may write the comments doc) is treated as deleted text.
		return { kind: 'orphan' };
	}
	if (!from || !to) return { kind: 'orphan' };
	if (!liveInside(from.type, content) || !liveInside(to.type, content)) return { kind: 'orphan' };
	if (from.type === to.type && from.index >= to.index) return { kind: 'orphan' };
	return { kind: 'live', from: { type: from.type, index: from.index }, to: { type: to.type, index: to.index } };
}

const isId = (v: unknown): boolean =>
	typeof v === 'object' && v !== null && Number.isInteger((v as { client?: unknown }).client) && Number.isInteger((v as { clock?: unknown }).clock);

/**
 * True when a position JSON has the shape Yjs writes: an item id and/or a parent type given by id
 * or by the name of an existing root. Checked first, because Yjs would create a root type for any
 * name it is given.
 */
function wellFormed(doc: Y.Doc, json: RelativePositionJson): boolean {
	const { item, type, tname, assoc } = json as { item?: unknown; type?: unknown; tname?: unknown; assoc?: unknown };
	if (assoc !== undefined && typeof assoc !== 'number') return false;
	if (item != null && !isId(item)) return false;
	if (type != null && !isId(type)) return false;
	if (tname != null && (typeof tname !== 'string' || !doc.share.has(tname))) return false;
	return item != null || type != null || tname != null;
}

/** True when a relative position names an item (or type) this doc has not received yet. */
function unknownItem(doc: Y.Doc, json: RelativePositionJson): boolean {
	for (const key of ['item', 'type'] as const) {
		const id = json[key] as { client?: unknown; clock?: unknown } | undefined;
		if (id && typeof id.client === 'number' && typeof id.clock === 'number' && Y.getState(doc.store, id.client) <= id.clock) return true;
	}
	return false;
}

/** True when `type` is `root` or lies, not deleted, somewhere inside it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function liveInside(type: Y.AbstractType<any>, root: Y.AbstractType<any>): boolean {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	let t: Y.AbstractType<any> | null = type;
	while (t && t !== root) {
		const item: Y.Item | null = t._item;
		if (!item || item.deleted) return false;
		t = item.parent instanceof Y.AbstractType ? item.parent : null;
	}
	return t === root;
}

function checkText(raw: string): string {
	const text = raw.normalize('NFC').trim();
	if (!text) throw new CommentError('empty', 'Nội dung bình luận đang trống.');
	if (text.length > MAX_COMMENT_LENGTH) throw new CommentError('too-long', `Bình luận dài quá ${MAX_COMMENT_LENGTH} ký tự.`);
	return text;
}

const isAuthor = (v: unknown): v is CommentAuthor =>
	typeof v === 'object' && v !== null && typeof (v as CommentAuthor).id === 'string' && typeof (v as CommentAuthor).name === 'string';

const isPosition = (v: unknown): v is RelativePositionJson => typeof v === 'object' && v !== null && !Array.isArray(v);

function readStatus(v: unknown): ThreadStatus {
	if (typeof v !== 'object' || v === null) return { resolved: false, by: null, at: null };
	const s = v as Partial<ThreadStatus>;
	return { resolved: s.resolved === true, by: isAuthor(s.by) ? s.by : null, at: typeof s.at === 'number' ? s.at : null };
}

function readThread(key: string, map: Y.Map<unknown>): Thread | null {
	const anchor = map.get(KEY.anchor) as Partial<CommentAnchor> | undefined;
	const text = map.get(KEY.text);
	const author = map.get(KEY.author);
	const createdAt = map.get(KEY.createdAt);
	if (!anchor || !isPosition(anchor.from) || !isPosition(anchor.to) || typeof text !== 'string' || !isAuthor(author) || typeof createdAt !== 'number')
		return null;
	const quote = map.get(KEY.quote);
	const repliesType = map.get(KEY.replies);
	const replies: Reply[] = [];
	if (repliesType instanceof Y.Array)
		for (const r of repliesType.toArray() as Partial<Reply>[])
			if (r && typeof r.id === 'string' && typeof r.text === 'string' && isAuthor(r.author) && typeof r.createdAt === 'number')
				replies.push({ id: r.id, author: r.author, text: r.text, createdAt: r.createdAt });
	// Replies written offline arrive late; ordering by time (then id) reads the same everywhere.
	replies.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return {
		id: key as ThreadId,
		anchor: { from: anchor.from, to: anchor.to },
		quote: typeof quote === 'string' ? quote : '',
		text,
		author,
		createdAt,
		status: readStatus(map.get(KEY.status)),
		replies
	};
}
