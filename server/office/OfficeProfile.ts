import type { Db } from '../db';
import { ensureSettings, readSetting, writeSetting } from '../settings';

/**
 * Who the office is, as its documents say it (Decree 30/2020): the governing body and the office
 * in the header's left column, the place of the place-and-date line, and who signs the reports.
 * Set by the administrator ("Thông tin cơ quan"); new notices and the report's .docx take it.
 */
export interface OfficeProfile {
	/** Cơ quan chủ quản, e.g. "UBND TỈNH CAO BẰNG". */
	issuingParent: string;
	/** Cơ quan ban hành, e.g. "VĂN PHÒNG". */
	issuingBody: string;
	/** Địa danh, e.g. "Cao Bằng". */
	place: string;
	/** e.g. "KT. CHÁNH VĂN PHÒNG" ('' when the head signs himself). */
	signerAuthority: string;
	/** e.g. "CHÁNH VĂN PHÒNG". */
	signerTitle: string;
	/** The signer's full name. */
	signerName: string;
}

/** What a fresh installation assumes until the administrator says otherwise: no province named. */
export const DEFAULT_OFFICE: OfficeProfile = {
	issuingParent: 'UBND TỈNH',
	issuingBody: 'VĂN PHÒNG',
	place: '',
	signerAuthority: '',
	signerTitle: 'CHÁNH VĂN PHÒNG',
	signerName: ''
};

const FIELDS = Object.keys(DEFAULT_OFFICE) as (keyof OfficeProfile)[];
const MAX_LENGTH = 120;
const KEY = 'office-profile';

/** A profile that cannot be stored, with the Vietnamese reason (nothing was changed). */
export class OfficeProfileError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'OfficeProfileError';
	}
}

/** The office profile in the settings table (one JSON row). */
export class OfficeProfileStore {
	constructor(private readonly db: Db) {
		ensureSettings(db);
	}

	/** True once the administrator has saved a profile. */
	configured(): boolean {
		return this.#raw() !== undefined;
	}

	/** The stored profile, defaults filling what is missing (a damaged row reads as the defaults). */
	get(): OfficeProfile {
		const raw = this.#raw();
		if (raw === undefined) return { ...DEFAULT_OFFICE };
		try {
			const stored = JSON.parse(raw) as Record<string, unknown>;
			const out = { ...DEFAULT_OFFICE };
			for (const f of FIELDS) if (typeof stored[f] === 'string') out[f] = stored[f];
			return out;
		} catch {
			return { ...DEFAULT_OFFICE };
		}
	}

	/** Checks and stores a profile (NFC, trimmed, the bodies in capitals as Decree 30 writes them); throws OfficeProfileError. */
	set(input: Record<string, unknown>): OfficeProfile {
		const p = { ...DEFAULT_OFFICE };
		for (const f of FIELDS) {
			const v = input[f];
			if (v !== undefined && typeof v !== 'string') throw new OfficeProfileError('Thông tin cơ quan không hợp lệ.');
			p[f] = (v ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
			if (p[f].length > MAX_LENGTH) throw new OfficeProfileError(`Mỗi ô tối đa ${MAX_LENGTH} ký tự.`);
		}
		if (!p.issuingParent) throw new OfficeProfileError('Hãy ghi cơ quan chủ quản (ví dụ: UBND TỈNH CAO BẰNG).');
		if (!p.issuingBody) throw new OfficeProfileError('Hãy ghi cơ quan ban hành (ví dụ: VĂN PHÒNG).');
		if (!p.place) throw new OfficeProfileError('Hãy ghi địa danh (ví dụ: Cao Bằng).');
		p.issuingParent = p.issuingParent.toLocaleUpperCase('vi');
		p.issuingBody = p.issuingBody.toLocaleUpperCase('vi');
		p.signerAuthority = p.signerAuthority.toLocaleUpperCase('vi');
		p.signerTitle = p.signerTitle.toLocaleUpperCase('vi');
		writeSetting(this.db, KEY, JSON.stringify(p));
		return p;
	}

	#raw(): string | undefined {
		return readSetting(this.db, KEY);
	}
}
