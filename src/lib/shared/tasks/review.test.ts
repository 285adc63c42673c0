import { describe, expect, it } from 'vitest';
import { defaultMeta } from '../doc/noticeDoc';
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { TaskDeriver } from './draftTasks';
import { missingForIssue, reviewChecklist } from './review';

const blocks = (lines: string[]) => lines.map((text, i) => ({ id: `b${i}`, type: 'paragraph' as const, text, depth: 0 }));

describe('review before issuing', () => {
	const meta = {
		...defaultMeta('2024-01-10'),
		title: 'Kết luận',
		place: 'Cao Bằng',
		recipients: 'Sở Tài chính',
		signerName: 'Trịnh Sỹ Tài',
		issuingParent: 'UBND TỈNH CAO BẰNG'
	};

	it('lists what extraction flagged: no deadline, an agency not in the directory, a deadline before the notice, a vague group', () => {
		const tasks = new TaskDeriver(DEFAULT_DIRECTORY).derive(
			blocks([
				'Giao Sở Tài chính chủ trì rà soát, báo cáo trước ngày 30/01/2024.',
				'Giao Sở Tài chánh chủ trì kiểm tra nguồn vốn, xong trước ngày 20/01/2024.',
				'Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo trước ngày 05/01/2024.',
				'Giao Sở Xây dựng hướng dẫn hồ sơ.'
			]),
			meta,
			new Map()
		);
		const items = reviewChecklist(tasks, meta);
		const kinds = items.map((i) => `${i.taskId ?? 'header'}:${i.kind}`);
		expect(kinds).not.toContain('b0:no-deadline');
		expect(kinds).toContain('b1:unknown-agency');
		expect(kinds).toContain('b2:deadline-before-notice');
		expect(kinds).toContain('b3:no-deadline');
		expect(items.every((i) => i.message === i.message.normalize('NFC'))).toBe(true);
	});

	it('lists the Decree 30 header fields that are blank, and nothing for a complete header and clean tasks', () => {
		const blank = { ...meta, title: '', place: '', signerName: '' };
		expect(reviewChecklist([], blank).map((i) => i.key)).toEqual(['header:place', 'header:title', 'header:signerName']);
		// Required for issuing: they cannot be accepted as they are; a missing parent body can.
		expect(reviewChecklist([], { ...blank, issuingParent: '' }).map((i) => [i.key, i.required ?? false])).toEqual([
			['header:issuingParent', false],
			['header:place', true],
			['header:title', true],
			['header:signerName', true]
		]);
		expect(missingForIssue(blank)).toEqual(['địa danh', 'trích yếu (tiêu đề)', 'người ký']);
		expect(missingForIssue({ ...meta, issuingParent: '' })).toEqual([]);
		const tasks = new TaskDeriver(DEFAULT_DIRECTORY).derive(blocks(['Giao Sở Tài chính chủ trì rà soát, báo cáo trước ngày 30/01/2024.']), meta, new Map());
		expect(reviewChecklist(tasks, meta)).toEqual([]);
	});
});
