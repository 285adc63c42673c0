import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NoticeDoc, defaultMeta, type BodyBlock } from '../doc/noticeDoc';
import { TaskDeriver, deadlineLabel } from './draftTasks';

const meta = { ...defaultMeta('2024-01-05'), issuingParent: 'UBND TỈNH BẮC GIANG', issuingBody: 'VĂN PHÒNG' };
const p = (id: string, text: string, extra: Partial<BodyBlock> = {}): BodyBlock => ({ id, type: 'paragraph', text, depth: 0, ...extra });

describe('draft tasks', () => {
	it('turns an assignment line into one task with lead, support and deadline', () => {
		const tasks = new TaskDeriver().derive(
			[p('b1', 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh xong trước ngày 30/01/2024.')],
			meta,
			new Map()
		);
		expect(tasks).toHaveLength(1);
		const t = tasks[0]!;
		expect(t.id).toBe('b1');
		expect(t.lead.map((a) => a.name)).toEqual(['Sở Tài chính']);
		expect(t.support.map((a) => a.name)).toEqual(['Sở Xây dựng']);
		expect(t.deadline).toMatchObject({ kind: 'date', date: '2024-01-30' });
		expect(deadlineLabel(t.deadline)).toBe('Trước 30/01/2024');
		const text = 'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh xong trước ngày 30/01/2024.';
		const marked = t.marks.map((m) => `${m.kind}:${text.slice(m.start, m.end)}`);
		expect(marked).toContain('lead:Sở Tài chính');
		expect(marked).toContain('support:Sở Xây dựng');
		expect(marked.some((m) => m.startsWith('deadline:') && m.includes('30/01/2024'))).toBe(true);
	});

	it('gives list items the assignee of the intro before them', () => {
		const tasks = new TaskDeriver().derive(
			[
				p('h', 'Đề nghị UBND huyện, thành phố tập trung thực hiện tốt các nhiệm vụ sau:'),
				p('i1', 'Tổ chức tốt các hoạt động chăm lo Tết cho người dân, hoàn thành trước ngày 15/01/2024.', { list: { kind: 'ordered', index: 0 }, depth: 1 }),
				p('i2', 'Rà soát các dự án chậm tiến độ.', { list: { kind: 'ordered', index: 1 }, depth: 1 })
			],
			meta,
			new Map()
		);
		expect(tasks.map((t) => t.blockId)).toEqual(['i1', 'i2']);
		expect(tasks.every((t) => t.lead[0]?.text === 'UBND huyện, thành phố')).toBe(true);
		expect(tasks[0]!.deadline).toMatchObject({ kind: 'date', date: '2024-01-15' });
	});

	it('reads no task in background, agreement, closing or recipient lines', () => {
		const tasks = new TaskDeriver().derive(
			[
				p('a', 'Năm 2023, dù còn nhiều khó khăn, tỉnh đã đạt được nhiều kết quả quan trọng.'),
				p('b', 'Nhất trí chủ trương.'),
				p('c', 'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.'),
				p('d', 'Nơi nhận:'),
				p('e', '- Sở Tài chính;')
			],
			meta,
			new Map()
		);
		expect(tasks).toEqual([]);
	});

	it('applies corrections: a chosen agency, a set deadline, a dismissal', () => {
		const blocks = [p('b1', 'Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.')];
		const deriver = new TaskDeriver();
		const [t] = deriver.derive(blocks, meta, new Map([['b1', { lead: ['Sở Xây dựng'], deadline: '2024-02-15', dismissed: true, by: 'An' }]]));
		expect(t!.lead.map((a) => a.name)).toEqual(['Sở Xây dựng']);
		expect(t!.deadline).toMatchObject({ kind: 'date', date: '2024-02-15' });
		expect(t!.dismissed).toBe(true);
		expect(t!.corrected).toBe(true);
		expect(t!.correctedBy).toBe('An');
	});

	it('[DS6] a corrected agency is known only when the directory knows it: a misspelt name stays flagged', () => {
		const blocks = [p('b1', 'Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.')];
		const [t] = new TaskDeriver().derive(blocks, meta, new Map([['b1', { lead: ['Sở Tài chánh'], support: ['Sở Tài chính'] }]]));
		expect(t!.lead).toMatchObject([{ name: 'Sở Tài chánh', known: false }]);
		expect(t!.support).toMatchObject([{ name: 'Sở Tài chính', known: true, agencyId: 'so-tai-chinh' }]);
	});

	it('[DS6] a corrected agency written as an abbreviation or with a comma in its name is stored under its one canonical name', () => {
		const blocks = [p('b1', 'Giao Sở Tài chính chủ trì rà soát, xong trước ngày 30/01/2024.')];
		const [t] = new TaskDeriver().derive(blocks, meta, new Map([['b1', { lead: ['Sở VHTTDL'], support: ['Sở Văn hóa, Thể thao và Du lịch'] }]]));
		expect(t!.lead.map((a) => [a.name, a.known])).toEqual([['Sở Văn hóa, Thể thao và Du lịch', true]]);
		expect(t!.support.map((a) => [a.name, a.known])).toEqual([['Sở Văn hóa, Thể thao và Du lịch', true]]);
	});

	it('[DS6] two docs editing the same assignment line concurrently end with exactly one task, identical in both', () => {
		const a = new NoticeDoc(new Y.Doc());
		a.setBodyParagraphs(['Giao Sở Tài chính chủ trì.'], () => 'blk1');
		const b = new NoticeDoc(new Y.Doc());
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		// Both extend the same line at once, then merge.
		const textOf = (n: NoticeDoc) => (n.content.get(0) as Y.XmlElement).get(0) as Y.XmlText;
		textOf(a).insert(textOf(a).length - 1, ', phối hợp với Sở Xây dựng');
		textOf(b).insert(textOf(b).length - 1, ' xong trước ngày 30/01/2024');
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc)));
		const ta = new TaskDeriver().derive(a.blocks(), meta, a.readCorrections());
		const tb = new TaskDeriver().derive(b.blocks(), meta, b.readCorrections());
		expect(ta).toHaveLength(1);
		expect(tb).toEqual(ta);
		expect(ta[0]!.id).toBe('blk1');
		expect(ta[0]!.support.map((s) => s.name)).toEqual(['Sở Xây dựng']);
		expect(ta[0]!.deadline).toMatchObject({ date: '2024-01-30' });
	});

	it('[DS6] corrections made in two docs merge into one entry per task', () => {
		const a = new NoticeDoc(new Y.Doc());
		const b = new NoticeDoc(new Y.Doc());
		a.correctTask('blk1', { lead: ['Sở Xây dựng'] });
		b.correctTask('blk1', { deadline: '2024-03-01' });
		Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc));
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b.doc));
		expect(a.readCorrections().get('blk1')).toEqual(b.readCorrections().get('blk1'));
		expect(a.readCorrections().size).toBe(1);
	});

	it('re-reads only changed blocks (the cache answers for the others)', () => {
		const deriver = new TaskDeriver();
		const blocks = Array.from({ length: 50 }, (_, i) => p(`b${i}`, `Giao Sở Tài chính chủ trì nhiệm vụ số ${i}, xong trước ngày 30/01/2024.`));
		const first = deriver.derive(blocks, meta, new Map());
		const again = deriver.derive(blocks, meta, new Map());
		expect(again[10]!.lead).toBe(first[10]!.lead);
		blocks[10] = p('b10', 'Giao Sở Xây dựng chủ trì nhiệm vụ mới.');
		const changed = deriver.derive(blocks, meta, new Map());
		expect(changed[10]!.lead.map((l) => l.name)).toEqual(['Sở Xây dựng']);
		expect(changed[11]!.lead).toBe(first[11]!.lead);
	});
});
