import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NoticeDoc, defaultMeta, type BodyBlock, type NoticeMeta } from './noticeDoc';
import { diffBlocks, diffVersions, diffWords, versionContent } from './versionDiff';

const p = (id: string, text: string, type: BodyBlock['type'] = 'paragraph'): BodyBlock => ({ id, type, text, depth: 0 });

/** A notice doc whose paragraphs carry the given ids, in order. */
function noticeWith(paragraphs: [id: string, text: string][], meta: Partial<NoticeMeta> = {}): Y.Doc {
	const doc = new Y.Doc();
	const notice = new NoticeDoc(doc);
	notice.writeMeta({ ...defaultMeta('2024-01-05'), issuingParent: 'UBND TỈNH BẮC GIANG', ...meta });
	const ids = paragraphs.map(([id]) => id);
	notice.setBody(
		paragraphs.map(([, text]) => ({ type: 'paragraph', runs: [{ text }] })),
		() => ids.shift()!
	);
	return doc;
}

const A1 = 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát nguồn vốn, xong trước ngày 30/01/2024.';
const A2 = 'Giao Sở Y tế chủ trì kiểm tra an toàn thực phẩm dịp Tết, báo cáo trước ngày 15/02/2024.';
const A3 = 'Giao Sở Giáo dục và Đào tạo chủ trì tổng kết năm học, xong trước ngày 30/06/2024.';

describe('word diff inside a block', () => {
	it('keeps the common words and marks only the words that were replaced', () => {
		const words = diffWords('Giao Sở Tài chính rà soát nguồn vốn', 'Giao Sở Xây dựng rà soát kỹ nguồn vốn');
		expect(words).toEqual([
			{ op: 'equal', text: 'Giao Sở ' },
			{ op: 'delete', text: 'Tài chính' },
			{ op: 'insert', text: 'Xây dựng' },
			{ op: 'equal', text: ' rà soát' },
			{ op: 'insert', text: ' kỹ' },
			{ op: 'equal', text: ' nguồn vốn' }
		]);
	});

	it('gives the old text back from equal and deleted runs, and the new text from equal and inserted runs', () => {
		const before = 'Đề nghị các sở, ngành khẩn trương triển khai thực hiện.';
		const after = 'Yêu cầu các sở, ngành và địa phương khẩn trương thực hiện ngay.';
		const words = diffWords(before, after);
		expect(
			words
				.filter((w) => w.op !== 'insert')
				.map((w) => w.text)
				.join('')
		).toBe(before);
		expect(
			words
				.filter((w) => w.op !== 'delete')
				.map((w) => w.text)
				.join('')
		).toBe(after);
	});
});

describe('block diff by block id', () => {
	it('shows inserted, deleted and changed blocks in reading order, deleted ones where they were', () => {
		const before = [p('a', 'Mở đầu.'), p('b', 'Đoạn sẽ bị xóa.'), p('c', 'Sở Tài chính rà soát.')];
		const after = [p('a', 'Mở đầu.'), p('c', 'Sở Tài chính rà soát kỹ.'), p('d', 'Đoạn mới.')];
		const diff = diffBlocks(before, after);
		expect(diff.map((b) => `${b.kind}:${b.id}`)).toEqual(['unchanged:a', 'deleted:b', 'changed:c', 'inserted:d']);
		const changed = diff[2]!;
		expect(changed.kind === 'changed' && changed.words).toEqual([
			{ op: 'equal', text: 'Sở Tài chính rà ' },
			{ op: 'delete', text: 'soát.' },
			{ op: 'insert', text: 'soát kỹ.' }
		]);
	});

	it('matches a block by its id, not its text: the same text under a new id is a deletion and an insertion', () => {
		const diff = diffBlocks([p('a', 'Cùng một câu.')], [p('z', 'Cùng một câu.')]);
		expect(diff.map((b) => `${b.kind}:${b.id}`)).toEqual(['deleted:a', 'inserted:z']);
	});

	it('marks a block that moved, at its new place, and a paragraph turned heading as changed', () => {
		const diff = diffBlocks([p('a', 'Một.'), p('b', 'Hai.'), p('c', 'Ba.')], [p('c', 'Ba.', 'heading'), p('a', 'Một.'), p('b', 'Hai.')]);
		expect(diff.map((b) => `${b.kind}:${b.id}:${'moved' in b && b.moved ? 'moved' : ''}`)).toEqual(['changed:c:moved', 'unchanged:a:', 'unchanged:b:']);
	});
});

describe('task-list diff of two versions', () => {
	it('finds the tasks that appeared, changed (lead, support, deadline, action) and vanished, matched by task id', () => {
		const v1 = versionContent(
			noticeWith([
				['t1', A1],
				['t2', A2],
				['x', 'Nhất trí chủ trương.']
			])
		);
		const v2 = versionContent(
			noticeWith([
				['t1', 'Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát nguồn vốn, xong trước ngày 28/02/2024.'],
				['x', 'Nhất trí chủ trương.'],
				['t3', A3]
			])
		);
		const { tasks } = diffVersions(v1, v2);
		expect(tasks.appeared.map((t) => t.id)).toEqual(['t3']);
		expect(tasks.appeared[0]!.lead).toEqual(['Sở Giáo dục và Đào tạo']);
		expect(tasks.vanished.map((t) => t.id)).toEqual(['t2']);
		expect(tasks.changed).toHaveLength(1);
		const c = tasks.changed[0]!;
		expect(c.id).toBe('t1');
		expect(c.fields).toEqual(expect.arrayContaining(['lead', 'support', 'deadline']));
		expect(c.before.lead).toEqual(['Sở Tài chính']);
		expect(c.after.lead).toEqual(['Sở Xây dựng']);
		expect(c.after.deadline).toBe('Trước 28/02/2024');
	});

	it('sees a new action alone as a changed action', () => {
		const before = versionContent(noticeWith([['t1', A1]]));
		const after = versionContent(noticeWith([['t1', A1.replace('rà soát', 'kiểm tra')]]));
		expect(diffVersions(before, after).tasks.changed.map((c) => [c.id, c.fields])).toEqual([['t1', ['action']]]);
	});

	it('sees a human correction of the lead as a changed task even when the text is the same', () => {
		const before = noticeWith([['t1', A1]]);
		const after = noticeWith([['t1', A1]]);
		new NoticeDoc(after).correctTask('t1', { lead: ['Sở Kế hoạch và Đầu tư'], by: 'Trần Văn An' });
		const diff = diffVersions(versionContent(before), versionContent(after));
		expect(diff.blocks.every((b) => b.kind === 'unchanged')).toBe(true);
		expect(diff.tasks.changed.map((c) => [c.id, c.fields])).toEqual([['t1', ['lead']]]);
		expect(diff.same).toBe(false);
	});

	it('counts a dismissed line as a vanished task', () => {
		const after = noticeWith([['t1', A1]]);
		new NoticeDoc(after).correctTask('t1', { dismissed: true });
		const { tasks } = diffVersions(versionContent(noticeWith([['t1', A1]])), versionContent(after));
		expect(tasks.vanished.map((t) => t.id)).toEqual(['t1']);
	});

	it('reports changed header fields and says when two versions are the same', () => {
		const a = versionContent(noticeWith([['t1', A1]], { title: 'Kết luận giao ban tháng 1' }));
		const b = versionContent(noticeWith([['t1', A1]], { title: 'Kết luận giao ban tháng 01/2024' }));
		expect(diffVersions(a, b).meta).toEqual([{ field: 'title', before: 'Kết luận giao ban tháng 1', after: 'Kết luận giao ban tháng 01/2024' }]);
		expect(diffVersions(a, a).same).toBe(true);
	});
});
