import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db';
import { DEFAULT_OFFICE, OfficeProfileError, OfficeProfileStore } from './OfficeProfile';

let dir: string;
let db: Db;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kl-office-'));
	db = openDatabase(dir);
});
afterEach(() => {
	db.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('office profile', () => {
	it('names no province until the administrator sets one, then keeps it across a reopen, in NFC and Decree 30 capitals', () => {
		const store = new OfficeProfileStore(db);
		expect(store.configured()).toBe(false);
		expect(store.get()).toEqual(DEFAULT_OFFICE);
		store.set({
			issuingParent: 'UBND tỉnh Cao Bằng'.normalize('NFD'),
			issuingBody: 'Văn phòng',
			place: '  Cao   Bằng ',
			signerTitle: 'Chánh Văn phòng',
			signerName: 'Trịnh Sỹ Tài'
		});
		const again = new OfficeProfileStore(db).get();
		expect(again).toEqual({
			issuingParent: 'UBND TỈNH CAO BẰNG',
			issuingBody: 'VĂN PHÒNG',
			place: 'Cao Bằng',
			signerAuthority: '',
			signerTitle: 'CHÁNH VĂN PHÒNG',
			signerName: 'Trịnh Sỹ Tài'
		});
		expect(again.issuingParent).toBe(again.issuingParent.normalize('NFC'));
	});

	it('refuses a profile without its governing body, office or place, or with a field too long, and changes nothing', () => {
		const store = new OfficeProfileStore(db);
		store.set({ issuingParent: 'UBND TỈNH CAO BẰNG', issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' });
		expect(() => store.set({ issuingParent: '', issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' })).toThrow(OfficeProfileError);
		expect(() => store.set({ issuingParent: 'UBND TỈNH', issuingBody: 'VĂN PHÒNG', place: '' })).toThrow(/địa danh/);
		expect(() => store.set({ issuingParent: 'x'.repeat(121), issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' })).toThrow(/120/);
		expect(() => store.set({ issuingParent: 42, issuingBody: 'VĂN PHÒNG', place: 'Cao Bằng' })).toThrow(/không hợp lệ/);
		expect(store.get().issuingParent).toBe('UBND TỈNH CAO BẰNG');
	});
});
