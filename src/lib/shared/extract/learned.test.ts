import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTORY } from '../agencies/directory';
import { resolveAgency } from '../agencies/matcher';
import type { AgencyDirectory } from '../agencies/types';
import { TaskDeriver } from '../tasks/draftTasks';
import { defaultMeta } from '../doc/noticeDoc';
import { nonTaskKey } from './learned';
import { extractNotice } from './notice';

const REPORT = 'Sở Y tế báo cáo tình hình dịch bệnh trong tháng.';
const TASK = 'Giao Sở Xây dựng chủ trì rà soát quy hoạch, xong trước ngày 30/01/2099.';
const taught: AgencyDirectory = { ...DEFAULT_DIRECTORY, version: 'test+nt', nonTasks: ['Sở Y tế báo cáo tình hình dịch bệnh trong tháng'] };

describe('what the office taught is not a task', () => {
	it('[A6] a block matching a learned phrasing gives no task, in the editor and in text extraction; another block still does', () => {
		// Without the lesson the line is read as a task (so the test below means something).
		expect(extractNotice(`${REPORT}\n\n${TASK}`).assignments).toHaveLength(2);
		const text = `1. ${REPORT.replace('báo cáo', 'BÁO  CÁO')}\n\n${TASK}`;
		const { assignments } = extractNotice(text, { directory: taught });
		expect(assignments.map((a) => a.lead.map((l) => l.name))).toEqual([['Sở Xây dựng']]);

		const blocks = [
			{ id: 'b1', type: 'paragraph' as const, text: `  ${REPORT}`, depth: 0 },
			{ id: 'b2', type: 'paragraph' as const, text: TASK, depth: 0 }
		];
		expect(new TaskDeriver(DEFAULT_DIRECTORY).derive(blocks, defaultMeta('2026-01-10'), new Map()).map((t) => t.blockId)).toEqual(['b1', 'b2']);
		expect(new TaskDeriver(taught).derive(blocks, defaultMeta('2026-01-10'), new Map()).map((t) => t.blockId)).toEqual(['b2']);
	});

	it('[A6] matches the whole sentence only: a longer sentence that starts alike is still a task', () => {
		const longer = 'Sở Y tế báo cáo tình hình dịch bệnh trong tháng và đề xuất giải pháp, xong trước ngày 30/01/2099.';
		expect(extractNotice(longer, { directory: taught }).assignments).toHaveLength(1);
		expect(nonTaskKey(' 2) Sở Y  tế BÁO CÁO …\t')).toBe('sở y tế báo cáo');
		expect(nonTaskKey('Sở Y t\u00ea\u0301')).toBe(nonTaskKey('Sở Y tế'));
	});

	it('[A6] a row of a table of tasks matching a learned phrasing gives no task', () => {
		const table = [
			'STT\tNội dung\tCơ quan chủ trì\tThời hạn',
			'1\tRà soát quy hoạch vùng\tSở Xây dựng\t30/01/2099',
			'2\tLập kế hoạch vốn\tSở Tài chính\t30/01/2099'
		].join('\n');
		expect(extractNotice(table).assignments.map((a) => a.lead.map((l) => l.name))).toEqual([['Sở Xây dựng'], ['Sở Tài chính']]);
		const dir: AgencyDirectory = { ...DEFAULT_DIRECTORY, version: 'test+row', nonTasks: ['1 Rà soát quy hoạch vùng Sở Xây dựng 30/01/2099'] };
		expect(extractNotice(table, { directory: dir }).assignments.map((a) => a.lead.map((l) => l.name))).toEqual([['Sở Tài chính']]);
	});

	it('[A6] a learned alias makes the wording as written resolve to the agency', () => {
		expect(resolveAgency('Sở Tài chánh')).toBeUndefined();
		const dir: AgencyDirectory = {
			version: 'test+alias',
			entries: DEFAULT_DIRECTORY.entries.map((e) => (e.id === 'so-tai-chinh' ? { ...e, aliases: [...(e.aliases ?? []), 'Sở Tài chánh'] } : e))
		};
		expect(resolveAgency('Sở Tài chánh', dir)?.id).toBe('so-tai-chinh');
		const [a] = extractNotice('Giao Sở Tài chánh chủ trì lập kế hoạch vốn, xong trước ngày 30/01/2099.', { directory: dir }).assignments;
		expect(a?.lead.map((l) => [l.name, l.known])).toEqual([['Sở Tài chính', true]]);
	});
});
