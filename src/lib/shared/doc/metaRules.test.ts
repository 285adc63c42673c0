import { describe, expect, it } from 'vitest';
import { isIsoDate, validateMetaField } from './metaRules';

describe('notice header rules', () => {
	it('accepts real dates only', () => {
		expect(isIsoDate('2024-01-05')).toBe(true);
		expect(isIsoDate('2024-02-30')).toBe(false);
		expect(isIsoDate('05/01/2024')).toBe(false);
		expect(validateMetaField('date', '2023-13-01')).toBe('Ngày không hợp lệ.');
	});
	it('accepts a number of digits and a Decree 30 symbol', () => {
		expect(validateMetaField('number', '12')).toBeNull();
		expect(validateMetaField('number', '12a')).toMatch(/chữ số/);
		expect(validateMetaField('symbol', 'TB-UBND')).toBeNull();
		expect(validateMetaField('symbol', 'TB-VP')).toBeNull();
		expect(validateMetaField('symbol', 'tb vp')).toMatch(/viết hoa/);
	});
	it('allows empty fields while drafting and rejects over-long ones', () => {
		expect(validateMetaField('title', '')).toBeNull();
		expect(validateMetaField('title', 'x'.repeat(501))).toMatch(/tối đa 500/);
	});
});
