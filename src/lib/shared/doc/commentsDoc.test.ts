import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NoticeDoc } from './noticeDoc';
import { CommentError, CommentsDoc, createAnchor, resolveAnchor, type CommentAnchor } from './commentsDoc';

let nextId = 0;
const id = () => `b${++nextId}`;
const AN = { id: 'u-an', name: 'Trần Văn An' };
const BINH = { id: 'u-binh', name: 'Lê Thị Bình' };

/** A notice whose body is `paragraphs`, and the Y.XmlText of each paragraph. */
function noticeWith(...paragraphs: string[]): { notice: NoticeDoc; text: (i: number) => Y.XmlText } {
	const notice = new NoticeDoc(new Y.Doc());
	notice.setBodyParagraphs(paragraphs, id);
	const text = (i: number) => (notice.content.get(i) as Y.XmlElement).get(0) as Y.XmlText;
	return { notice, text };
}

/** The text an anchor covers now, or the kind when it is not live. */
function covered(notice: NoticeDoc, anchor: CommentAnchor): string {
	const r = resolveAnchor(notice.content, anchor);
	if (r.kind !== 'live') return `<${r.kind}>`;
	if (r.from.type !== r.to.type) throw new Error('range spans blocks');
	return (r.from.type as Y.XmlText).toString().slice(r.from.index, r.to.index);
}

/** Two peers' docs exchange everything they have. */
function exchange(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('comments anchored to a range of the notice', () => {
	it('[CM3] a range keeps covering its words when text is inserted before it, at its edges or in another block', () => {
		const { notice, text } = noticeWith('Giao Sở Tài chính chủ trì.', 'Đoạn thứ hai.');
		const anchor = createAnchor({ type: text(0), index: 5 }, { type: text(0), index: 17 });
		expect(covered(notice, anchor)).toBe('Sở Tài chính');
		text(0).insert(0, 'Đề nghị: ');
		expect(covered(notice, anchor)).toBe('Sở Tài chính');
		// Right at the start and right after the end: outside the range.
		const start = text(0).toString().indexOf('Sở');
		text(0).insert(start, '«');
		text(0).insert(text(0).toString().indexOf(' chủ trì'), '»');
		expect(covered(notice, anchor)).toBe('Sở Tài chính');
		expect(text(0).toString()).toBe('Đề nghị: Giao «Sở Tài chính» chủ trì.');
		text(1).insert(0, 'Thêm ');
		expect(covered(notice, anchor)).toBe('Sở Tài chính');
	});

	it('[CM3] text inserted inside the range joins it, and a partial deletion shrinks it', () => {
		const { notice, text } = noticeWith('Giao Sở Tài chính chủ trì.');
		const anchor = createAnchor({ type: text(0), index: 5 }, { type: text(0), index: 17 });
		text(0).insert(text(0).toString().indexOf('Tài'), 'Kế hoạch và ');
		expect(covered(notice, anchor)).toBe('Sở Kế hoạch và Tài chính');
		text(0).delete(text(0).toString().indexOf('Sở'), 3);
		expect(covered(notice, anchor)).toBe('Kế hoạch và Tài chính');
	});

	it('[CM3] a remote edit moves the range on the other peer the same way', () => {
		const a = noticeWith('Giao Sở Tài chính chủ trì.');
		const b = new NoticeDoc(new Y.Doc());
		exchange(a.notice.doc, b.doc);
		const anchor = createAnchor({ type: a.text(0), index: 5 }, { type: a.text(0), index: 17 });
		((b.content.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Đề nghị: ');
		exchange(a.notice.doc, b.doc);
		expect(covered(b, anchor)).toBe('Sở Tài chính');
		expect(covered(a.notice, anchor)).toBe('Sở Tài chính');
	});

	it('[CM4] deleting every commented character, or the whole block, makes the thread an orphan', () => {
		const { notice, text } = noticeWith('Giao Sở Tài chính chủ trì.', 'Nhất trí chủ trương.');
		const inText = createAnchor({ type: text(0), index: 5 }, { type: text(0), index: 17 });
		const inBlock = createAnchor({ type: text(1), index: 0 }, { type: text(1), index: 8 });
		text(0).delete(5, 12);
		expect(covered(notice, inText)).toBe('<orphan>');
		// Typing where the words were does not bring the thread back to life.
		text(0).insert(5, 'Sở Xây dựng');
		expect(covered(notice, inText)).toBe('<orphan>');
		expect(covered(notice, inBlock)).toBe('Nhất trí');
		notice.content.delete(1, 1);
		expect(covered(notice, inBlock)).toBe('<orphan>');
	});

	it('[CM4] an anchor into text not received yet is missing, and live once the text arrives', () => {
		const a = noticeWith('Giao Sở Tài chính chủ trì.');
		const b = new NoticeDoc(new Y.Doc());
		const anchor = createAnchor({ type: a.text(0), index: 5 }, { type: a.text(0), index: 17 });
		expect(covered(b, anchor)).toBe('<missing>');
		exchange(a.notice.doc, b.doc);
		expect(covered(b, anchor)).toBe('Sở Tài chính');
	});

	it('[CM4] a malformed anchor, or one outside the body, is an orphan and never throws', () => {
		const { notice } = noticeWith('Giao Sở Tài chính chủ trì.');
		expect(resolveAnchor(notice.content, { from: { nonsense: true }, to: { item: 'x' } }).kind).toBe('orphan');
		const meta = notice.metaMap;
		notice.doc.transact(() => meta.set('title', 'x'));
		const elsewhere = new Y.Text('Một đoạn ngoài nội dung');
		notice.doc.getMap('scratch').set('t', elsewhere);
		expect(resolveAnchor(notice.content, createAnchor({ type: elsewhere, index: 0 }, { type: elsewhere, index: 3 })).kind).toBe('orphan');
	});

	it('[CM3] an empty selection cannot be commented', () => {
		const { text } = noticeWith('Giao Sở Tài chính chủ trì.');
		expect(() => createAnchor({ type: text(0), index: 4 }, { type: text(0), index: 4 })).toThrow(CommentError);
	});
});

describe('comment threads', () => {
	const anchorOf = () => {
		const { text } = noticeWith('Giao Sở Tài chính chủ trì.');
		return createAnchor({ type: text(0), index: 5 }, { type: text(0), index: 17 });
	};

	it('[CM2] [CM6] opens a thread with its quote and text in NFC, and refuses empty or over-long text, changing nothing', () => {
		const comments = new CommentsDoc(new Y.Doc());
		const decomposed = 'Đề nghị làm rõ thời hạn'.normalize('NFD');
		comments.addThread({ id: 't1', anchor: anchorOf(), quote: 'Sở Tài chính'.normalize('NFD'), text: `  ${decomposed}  `, author: AN, createdAt: 1 });
		const [t] = comments.threads();
		expect(t).toMatchObject({ id: 't1', quote: 'Sở Tài chính', text: 'Đề nghị làm rõ thời hạn', author: AN, status: { resolved: false }, replies: [] });
		const before = Y.encodeStateVector(comments.doc);
		expect(() => comments.addThread({ id: 't2', anchor: anchorOf(), quote: '', text: '   ', author: AN, createdAt: 2 })).toThrow(CommentError);
		expect(() => comments.reply('t1', { id: 'r1', author: AN, text: 'x'.repeat(4001), createdAt: 3 })).toThrow(/dài quá 4000/);
		expect(() => comments.reply('no-such', { id: 'r2', author: AN, text: 'ok', createdAt: 3 })).toThrow(/Không tìm thấy/);
		expect(Y.encodeStateVector(comments.doc)).toEqual(before);
		expect(comments.threads()).toHaveLength(1);
	});

	it('[CM5] replies written on two peers at once are both kept, in time order, on both', () => {
		const a = new CommentsDoc(new Y.Doc());
		const b = new CommentsDoc(new Y.Doc());
		a.addThread({ id: 't1', anchor: anchorOf(), quote: 'Sở Tài chính', text: 'Cần ghi rõ cơ quan phối hợp.', author: AN, createdAt: 10 });
		exchange(a.doc, b.doc);
		b.reply('t1', { id: 'rb', author: BINH, text: 'Đã bổ sung Sở Xây dựng.', createdAt: 30 });
		a.reply('t1', { id: 'ra', author: AN, text: 'Xem thêm ý kiến của Sở Tư pháp.', createdAt: 20 });
		exchange(a.doc, b.doc);
		expect(a.thread('t1')?.replies.map((r) => r.id)).toEqual(['ra', 'rb']);
		expect(b.threads()).toEqual(a.threads());
	});

	it('[CM5] a concurrent resolve and reopen end the same on both peers, with who and when kept together', () => {
		const a = new CommentsDoc(new Y.Doc());
		const b = new CommentsDoc(new Y.Doc());
		a.addThread({ id: 't1', anchor: anchorOf(), quote: 'Sở Tài chính', text: 'Cần ghi rõ thời hạn.', author: AN, createdAt: 10 });
		exchange(a.doc, b.doc);
		a.setResolved('t1', true, AN, 100);
		exchange(a.doc, b.doc);
		expect(b.thread('t1')?.status).toEqual({ resolved: true, by: AN, at: 100 });

		// Offline at once: B reopens while A resolves again.
		b.setResolved('t1', false, BINH, 200);
		a.setResolved('t1', true, AN, 201);
		exchange(a.doc, b.doc);
		const sa = a.thread('t1')?.status;
		expect(b.thread('t1')?.status).toEqual(sa);
		expect([JSON.stringify({ resolved: false, by: BINH, at: 200 }), JSON.stringify({ resolved: true, by: AN, at: 201 })]).toContain(JSON.stringify(sa));

		// Sequential: the later writer wins.
		b.setResolved('t1', false, BINH, 300);
		exchange(a.doc, b.doc);
		expect(a.thread('t1')?.status).toEqual({ resolved: false, by: BINH, at: 300 });
	});

	it('[CM7] skips entries a broken client wrote instead of showing them half-read', () => {
		const comments = new CommentsDoc(new Y.Doc());
		comments.addThread({ id: 't1', anchor: anchorOf(), quote: 'Sở Tài chính', text: 'Hợp lệ.', author: AN, createdAt: 10 });
		const junk = new Y.Map<unknown>();
		junk.set('text', 42);
		comments.threadsMap.set('junk', junk);
		(comments.threadsMap as unknown as Y.Map<unknown>).set('plain', 'not a map');
		const replies = comments.threadsMap.get('t1')!.get('replies') as Y.Array<unknown>;
		replies.push([{ id: 'bad' }, null, { id: 'r1', author: BINH, text: 'Trả lời hợp lệ.', createdAt: 11 }]);
		const threads = comments.threads();
		expect(threads.map((t) => t.id)).toEqual(['t1']);
		expect(threads[0]!.replies.map((r) => r.id)).toEqual(['r1']);
	});
});
