import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMMENTS_SHAPE, NOTICE_SHAPE, type DocShape } from '#shared/doc/docShape';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { CommentsDoc } from '#shared/doc/commentsDoc';
import { UpdateValidator, type Verdict } from './updateValidator';

const LIMITS = { maxDepth: 64, maxDocBytes: 16 * 1024 * 1024 };

/** A server doc with its validator, and a client doc whose every update is checked then applied. */
function setup(shape: DocShape | null = NOTICE_SHAPE, limits = LIMITS) {
	const server = new Y.Doc();
	const validator = new UpdateValidator(server, shape, limits);
	const client = new Y.Doc();
	const verdicts: Verdict[] = [];
	client.on('update', (update: Uint8Array) => {
		const verdict = validator.check(update);
		verdicts.push(verdict);
		if (!verdict.ok) return;
		validator.accept(verdict);
		Y.applyUpdate(server, update);
		validator.settled();
	});
	return { server, validator, client, verdicts };
}

const refused = (verdicts: Verdict[]) => verdicts.filter((v) => !v.ok);

let ids = 0;
const newId = () => `b${++ids}`;

describe('UpdateValidator: honest edits pass', () => {
	it('body, marks, lists, meta, tasks and undo', () => {
		const { client, server, verdicts } = setup();
		const notice = new NoticeDoc(client);
		notice.writeMeta({ title: 'Kết luận cuộc họp', place: 'Bắc Giang' });
		notice.setBody(
			[
				{ type: 'heading', level: 2, runs: [{ text: 'I. Tình hình' }] },
				{ type: 'paragraph', runs: [{ text: 'Giao ' }, { text: 'Sở Tài chính', bold: true }, { text: ' chủ trì.', italic: true }] },
				{ type: 'paragraph', list: 'bullet', runs: [{ text: 'một' }] },
				{ type: 'paragraph', list: 'ordered', runs: [{ text: 'hai' }] }
			],
			newId
		);
		const undo = new Y.UndoManager(notice.content, { captureTimeout: 0 });
		const first = notice.content.get(1) as Y.XmlElement;
		const text = first.get(0) as Y.XmlText;
		for (const ch of 'thêm chữ') text.insert(text.length, ch);
		text.format(0, 4, { italic: {} });
		first.setAttribute('id', 'renamed');
		const hardBreak = new Y.XmlElement('hardBreak');
		first.insert(1, [hardBreak, new Y.XmlText('sau')]);
		undo.undo();
		undo.redo();
		undo.undo();
		notice.correctTask('renamed', { lead: ['Sở Tài chính'], deadline: '2026-12-31', dismissed: false });
		notice.resetTask('renamed');
		notice.content.delete(0, 1);
		expect(refused(verdicts)).toEqual([]);
		expect(new NoticeDoc(server).bodyText()).toBe(notice.bodyText());
	});

	it('comments: threads, replies, status', () => {
		const { client, verdicts } = setup(COMMENTS_SHAPE);
		const content = new Y.Doc().getXmlFragment('content');
		const comments = new CommentsDoc(client);
		const anchor = {
			from: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(content, 0)),
			to: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(content, 0, -1))
		};
		const thread = comments.threadsMap;
		client.transact(() => {
			const t = new Y.Map<unknown>();
			t.set('id', 't1');
			t.set('anchor', anchor);
			t.set('replies', new Y.Array<unknown>());
			thread.set('t1', t);
		});
		(thread.get('t1')!.get('replies') as Y.Array<unknown>).push([{ id: 'r1', text: 'Đồng ý' }]);
		thread.get('t1')!.set('status', { resolved: true, by: 'u', at: 1 });
		expect(refused(verdicts)).toEqual([]);
	});

	it('an update depending on an accepted one not applied yet, and a merged update of two clients', () => {
		const server = new Y.Doc();
		const validator = new UpdateValidator(server, NOTICE_SHAPE, LIMITS);
		const a = new Y.Doc();
		const updates: Uint8Array[] = [];
		a.on('update', (u: Uint8Array) => updates.push(u));
		new NoticeDoc(a).setBodyParagraphs(['một'], newId);
		((a.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, ' hai');
		const [first, second] = updates as [Uint8Array, Uint8Array];
		const v1 = validator.check(first);
		expect(v1.ok).toBe(true);
		if (v1.ok) validator.accept(v1);
		// The second builds on the first, which is stored but not yet in the server's doc.
		expect(validator.check(second).ok).toBe(true);
		expect(new UpdateValidator(server, NOTICE_SHAPE, LIMITS).check(second)).toMatchObject({ ok: false, reason: 'pending' });
		// B, having A's changes, types after them: one merged update of both clients.
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		((b.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'B ');
		validator.settled();
		expect(new UpdateValidator(server, NOTICE_SHAPE, LIMITS).check(Y.encodeStateAsUpdate(b)).ok).toBe(true);
	});
});

describe('UpdateValidator: pending structures are refused', () => {
	it('structs whose origin nobody has', () => {
		const { validator } = setup();
		const other = new Y.Doc();
		new NoticeDoc(other).setBodyParagraphs(['gốc'], newId);
		const sv = Y.encodeStateVector(other);
		((other.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(3, ' thêm');
		// Only the typing, without the paragraph it types into.
		const typing = Y.encodeStateAsUpdate(other, sv);
		expect(validator.check(typing)).toMatchObject({ ok: false, reason: 'pending' });
	});

	it('deletes of clocks nobody has', () => {
		const { validator } = setup();
		const other = new Y.Doc();
		new NoticeDoc(other).setBodyParagraphs(['gốc'], newId);
		const sv = Y.encodeStateVector(other);
		other.getXmlFragment('content').delete(0, 1);
		const deletion = Y.encodeStateAsUpdate(other, sv);
		expect(validator.check(deletion)).toMatchObject({ ok: false, reason: 'pending' });
	});

	it('a clock gap of a known client', () => {
		const { server, validator } = setup();
		const client = new Y.Doc();
		new NoticeDoc(client).setBodyParagraphs(['một'], newId);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		const sv = Y.encodeStateVector(client);
		const text = (client.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText;
		text.insert(0, 'a');
		const sv2 = Y.encodeStateVector(client);
		text.insert(0, 'b');
		expect(validator.check(Y.encodeStateAsUpdate(client, sv2))).toMatchObject({ ok: false, reason: 'pending' });
		expect(validator.check(Y.encodeStateAsUpdate(client, sv)).ok).toBe(true);
	});
});

describe('UpdateValidator: shapes', () => {
	const attack = (write: (doc: Y.Doc) => void, shape: DocShape | null = NOTICE_SHAPE) => {
		const { validator, server } = setup(shape);
		const honest = new Y.Doc();
		new NoticeDoc(honest).setBodyParagraphs(['đoạn thật'], newId);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(honest));
		const bad = new Y.Doc();
		Y.applyUpdate(bad, Y.encodeStateAsUpdate(server));
		const sv = Y.encodeStateVector(bad);
		write(bad);
		return validator.check(Y.encodeStateAsUpdate(bad, sv));
	};

	it.each([
		['a bare XmlText at the top of content', (d: Y.Doc) => d.getXmlFragment('content').insert(0, [new Y.XmlText('x')])],
		['an XmlElement of no schema node at the top of content', (d: Y.Doc) => d.getXmlFragment('content').insert(0, [new Y.XmlElement('script')])],
		['a list item inside an element', (d: Y.Doc) => d.getXmlFragment('content').insert(0, [new Y.XmlElement('listItem')])],
		['a Y.Text under the content root', (d: Y.Doc) => d.getArray('content').insert(0, [new Y.Text('x')])],
		['a Y.Map under the content root', (d: Y.Doc) => d.getArray('content').insert(0, [new Y.Map()])],
		['a Y.Array under the content root', (d: Y.Doc) => d.getArray('content').insert(0, [new Y.Array()])],
		['a JSON value in content', (d: Y.Doc) => d.getArray('content').insert(0, [1])],
		['a map entry on content (its type changed to a map)', (d: Y.Doc) => d.getMap('content').set('k', 'v')],
		['list items under meta (its type changed to a list)', (d: Y.Doc) => d.getArray('meta').insert(0, ['x'])],
		['a nested type in meta', (d: Y.Doc) => d.getMap('meta').set('title', new Y.Text('x'))],
		['a JSON task', (d: Y.Doc) => d.getMap('tasks').set('t', { lead: [] })],
		['an unknown root', (d: Y.Doc) => d.getMap('other').set('k', 1)],
		['a Y.Map inside a paragraph', (d: Y.Doc) => (d.getXmlFragment('content').get(0) as Y.XmlElement).insert(0, [new Y.Map() as never])],
		['a type inside a text', (d: Y.Doc) => ((d.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, new Y.XmlText('x'))],
		['an embed inside a text', (d: Y.Doc) => ((d.getXmlFragment('content').get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { image: 'x' })]
	])('refuses %s', (_name, write) => {
		expect(attack(write)).toMatchObject({ ok: false, reason: 'shape' });
	});

	it('refuses 3 000-deep nesting, even without a shape', () => {
		// Built one level at a time: Yjs itself overflows its stack integrating a prelim 3 000 deep.
		const deep = (d: Y.Doc) =>
			d.transact(() => {
				let el = new Y.XmlElement('blockquote');
				d.getXmlFragment('content').insert(0, [el]);
				for (let i = 0; i < 3000; i++) {
					const inner = new Y.XmlElement('blockquote');
					el.insert(0, [inner]);
					el = inner;
				}
			});
		expect(attack(deep)).toMatchObject({ ok: false, reason: 'depth' });
		expect(attack(deep, null)).toMatchObject({ ok: false, reason: 'depth' });
		// 30 nested lists (60 levels) are fine.
		expect(
			attack((d) => {
				let el = new Y.XmlElement('bulletList');
				const top = el;
				for (let i = 0; i < 29; i++) {
					const item = new Y.XmlElement('listItem');
					const inner = new Y.XmlElement('bulletList');
					item.insert(0, [inner]);
					el.insert(0, [item]);
					el = inner;
				}
				d.getXmlFragment('content').insert(0, [top]);
			}).ok
		).toBe(true);
	});

	it('without a shape, any root and type is fine', () => {
		expect(attack((d) => d.getText('anything').insert(0, 'x'), null)).toMatchObject({ ok: true });
	});

	it('refuses growing past the size limit, but not deleting', () => {
		const { client, server, validator, verdicts } = setup(NOTICE_SHAPE, { maxDepth: 64, maxDocBytes: 64 * 1024 });
		const notice = new NoticeDoc(client);
		notice.setBodyParagraphs(['x'.repeat(40_000)], newId);
		notice.setBodyParagraphs(['y'.repeat(40_000)], newId);
		expect(verdicts.map((v) => (v.ok ? 'ok' : v.reason))).toEqual(['ok', 'size']);
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
		fresh.on('update', (u: Uint8Array) => verdicts.push(validator.check(u)));
		fresh.getXmlFragment('content').delete(0, 1);
		expect(verdicts[2]?.ok).toBe(true);
	});
});
