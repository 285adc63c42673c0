import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { narrativeKey, ReportNarrativeError, ReportNarrativeStore } from './ReportNarrative';
import { MAX_NARRATIVE_CHARS, narrativeParagraphs } from '#shared/format/reportNarrative';

let dir: string;
let db: Db;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kl-narrative-'));
	db = openDatabase(dir);
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

const SEPTEMBER = narrativeKey('month', 2022, 9)!;

describe('the report’s written paragraphs (issue 9 [4])', () => {
	it('keeps each period’s sections apart, across a reopen, cleaned (NFC, line ends, blank lines)', () => {
		const store = new ReportNarrativeStore(db);
		expect(store.get(SEPTEMBER)).toEqual({ sections: { direction: '', central: '', programme: '' }, updatedAt: null, updatedBy: null });
		const decomposed = 'Trong tháng 9 và 9 tháng năm 2022'.normalize('NFD');
		store.set(
			SEPTEMBER,
			{ direction: `  ${decomposed},  \r\n\r\n\r\n\r\nUBND tỉnh đã tổ chức 04 cuộc họp.  `, programme: 'Có tổng số 85 nhiệm vụ.' },
			'Trần Văn An'
		);
		store.set(narrativeKey('month', 2022, 10)!, { direction: 'Tháng 10.' }, 'Lê Thị Bình');
		store.set(narrativeKey('quarter', 2022, 3)!, { central: 'Quý III.' }, 'Lê Thị Bình');
		db.close();
		db = openDatabase(dir);
		const again = new ReportNarrativeStore(db);
		const september = again.get(SEPTEMBER);
		expect(september.sections).toEqual({
			direction: 'Trong tháng 9 và 9 tháng năm 2022,\n\nUBND tỉnh đã tổ chức 04 cuộc họp.',
			central: '',
			programme: 'Có tổng số 85 nhiệm vụ.'
		});
		expect(september.sections.direction.startsWith('Trong tháng 9'.normalize('NFC'))).toBe(true);
		expect(september.updatedBy).toBe('Trần Văn An');
		expect(september.updatedAt).toBeGreaterThan(0);
		expect(again.get(narrativeKey('month', 2022, 10)!).sections.direction).toBe('Tháng 10.');
		expect(again.get(narrativeKey('quarter', 2022, 3)!).sections).toEqual({ direction: '', central: 'Quý III.', programme: '' });
		expect(narrativeParagraphs(september.sections.direction)).toEqual(['Trong tháng 9 và 9 tháng năm 2022,', 'UBND tỉnh đã tổ chức 04 cuộc họp.']);
	});

	it('replaces a period’s text when saved again (a section left out is emptied)', () => {
		const store = new ReportNarrativeStore(db);
		store.set(SEPTEMBER, { direction: 'Bản đầu.', central: 'Mục 2.' }, 'An');
		store.set(SEPTEMBER, { direction: 'Bản sửa.' }, 'Bình');
		expect(store.get(SEPTEMBER)).toMatchObject({ sections: { direction: 'Bản sửa.', central: '', programme: '' }, updatedBy: 'Bình' });
	});

	it('refuses too long or malformed text and changes nothing', () => {
		const store = new ReportNarrativeStore(db);
		store.set(SEPTEMBER, { direction: 'Giữ nguyên.' }, 'An');
		expect(() => store.set(SEPTEMBER, { direction: 'x'.repeat(MAX_NARRATIVE_CHARS + 1) }, 'Bình')).toThrow(ReportNarrativeError);
		expect(() => store.set(SEPTEMBER, { direction: 'Mới', central: 42 }, 'Bình')).toThrow('Nội dung báo cáo không hợp lệ.');
		expect(store.get(SEPTEMBER)).toMatchObject({ sections: { direction: 'Giữ nguyên.' }, updatedBy: 'An' });
	});

	it('names the regular periods only, bringing the index into the kind’s range', () => {
		expect(narrativeKey('quarter', 2026, 7)).toEqual({ kind: 'quarter', year: 2026, index: 4 });
		expect(narrativeKey('half', 2026, 2)).toEqual({ kind: 'half', year: 2026, index: 2 });
		expect(narrativeKey('nine-months', 2026, 5)).toEqual({ kind: 'nine-months', year: 2026, index: 1 });
		expect(narrativeKey('year', 2026, 1)).toEqual({ kind: 'year', year: 2026, index: 1 });
		expect(narrativeKey('custom', 2026, 1)).toBeNull();
		expect(narrativeKey('month', 1999, 1)).toBeNull();
		expect(narrativeKey('month', 2026, 13)).toBeNull();
	});
});
