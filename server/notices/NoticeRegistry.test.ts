import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { AuthService } from '../auth/AuthService';
import { openMemoryDocStore } from '../store/MemoryDocStore';
import { NoticeRegistry } from './NoticeRegistry';
import type { User } from '../auth/types';

let dir: string;
let db: Db;
let notices: NoticeRegistry;
let office: User, leader: User, agency: User;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'kl-notices-'));
	db = openDatabase(dir);
	const auth = new AuthService(db);
	notices = new NoticeRegistry(db, openMemoryDocStore());
	office = await auth.createUser({ username: 'cv', displayName: 'Chuyên viên', password: 'mat-khau-123', role: 'office' });
	leader = await auth.createUser({ username: 'ld', displayName: 'Lãnh đạo', password: 'mat-khau-123', role: 'leader' });
	agency = await auth.createUser({ username: 'tc', displayName: 'Sở TC', password: 'mat-khau-123', role: 'agency', agency: 'Sở Tài chính' });
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the notice list at volume (issue 9)', () => {
	it('pages newest first by the notice date, says how many there are, and keeps a search across pages', async () => {
		// 120 notices dated over 2024 in shuffled order of creation; every third about "giải ngân".
		const days = Array.from({ length: 120 }, (_, i) => i);
		days.sort((a, b) => ((a * 37) % 120) - ((b * 37) % 120));
		for (const i of days) {
			const date = new Date(Date.UTC(2024, 0, 1 + i * 3)).toISOString().slice(0, 10);
			await notices.create(office, { title: `Kết luận ${i}${i % 3 === 0 ? ' về giải ngân' : ''}`, date });
		}
		const first = notices.listPage(office, '', 1, 50);
		expect([first.total, first.rows.length, first.page]).toEqual([120, 50, 1]);
		const dates = first.rows.map((r) => r.date);
		expect(dates).toEqual([...dates].sort().reverse());
		expect(first.rows[0]!.title).toBe('Kết luận 119');
		const third = notices.listPage(office, '', 3, 50);
		expect([third.rows.length, third.rows.at(-1)!.title]).toEqual([20, 'Kết luận 0 về giải ngân']);
		// A page past the end shows the last page, not an empty list.
		expect(notices.listPage(office, '', 99, 50).page).toBe(3);
		const found = notices.listPage(leader, 'giai ngan', 1, 25);
		expect([found.total, found.rows.length]).toEqual([40, 25]);
		expect(found.rows.every((r) => r.title.endsWith('về giải ngân'))).toBe(true);
		// An agency opens only issued notices that name it: none of these drafts.
		expect(notices.listPage(agency, '', 1, 50)).toMatchObject({ total: 0, rows: [] });
	});
});
