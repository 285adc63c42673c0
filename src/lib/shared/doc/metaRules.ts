import type { MetaTextField } from './noticeDoc';

/** Longest text accepted per header field (characters); long lists get more room. */
const MAX_LENGTH: Record<MetaTextField, number> = {
	issuingParent: 120,
	issuingBody: 120,
	number: 10,
	symbol: 40,
	place: 60,
	date: 10,
	title: 500,
	meetingDate: 10,
	chair: 200,
	attendees: 4000,
	recipients: 4000,
	signerAuthority: 60,
	signerTitle: 120,
	signerName: 100
};

/** True for a real calendar day written as ISO YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1945 && y <= 2100;
}

/**
 * Checks one header field; returns a Vietnamese message, or null when the value may be stored.
 * Empty values are allowed while drafting (the notice is checked as a whole when it is issued).
 */
export function validateMetaField(field: MetaTextField, raw: string): string | null {
	const value = raw.normalize('NFC');
	if (value.length > MAX_LENGTH[field]) return `Quá dài: tối đa ${MAX_LENGTH[field]} ký tự.`;
	if (value === '') return null;
	switch (field) {
		case 'date':
		case 'meetingDate':
			return isIsoDate(value) ? null : 'Ngày không hợp lệ.';
		case 'number':
			return /^\d{1,6}$/.test(value) ? null : 'Số văn bản chỉ gồm chữ số, ví dụ 12.';
		case 'symbol':
			// Decree 30/2020: the symbol is the document type's abbreviation, a dash, the issuer's.
			return /^[A-ZĐ0-9]+(-[A-ZĐ0-9&]+)+$/u.test(value) ? null : 'Ký hiệu viết hoa, nối bằng gạch ngang, ví dụ TB-VP hoặc TB-UBND.';
		default:
			// eslint-disable-next-line no-control-regex -- a header field must not hold control characters
			return /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value) ? 'Có ký tự điều khiển không hợp lệ.' : null;
	}
}
