import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatInteger, formatPercent, percentOf } from './vnNumber';

describe('Vietnamese number format', () => {
	it('groups thousands with dots as in "3.085.050 triệu đồng"', () => {
		expect(formatInteger(3085050)).toBe('3.085.050');
		expect(formatInteger(2714)).toBe('2.714');
		expect(formatInteger(999)).toBe('999');
		expect(formatInteger(0)).toBe('0');
		expect(formatInteger(-1234567)).toBe('-1.234.567');
	});
	it('writes counts under ten with a leading zero, as report writers do ("09 nhiệm vụ")', () => {
		expect(formatCount(9)).toBe('09');
		expect(formatCount(0)).toBe('00');
		expect(formatCount(55)).toBe('55');
		expect(formatCount(1927)).toBe('1.927');
	});
	it('reproduces the percentages of seed 001: 129, 55 and 22 of 206 tasks', () => {
		expect(formatPercent(percentOf(129, 206))).toBe('62,6%');
		expect(formatPercent(percentOf(55, 206))).toBe('26,7%');
		expect(formatPercent(percentOf(22, 206))).toBe('10,7%');
		expect(formatPercent(percentOf(687, 2714))).toBe('25,3%');
		expect(formatPercent(percentOf(100, 2714))).toBe('3,7%');
	});
	it('drops a zero decimal like "đạt 71%" unless asked to keep it', () => {
		expect(formatPercent(percentOf(1927, 2714))).toBe('71%');
		expect(formatPercent(71, { trimZero: false })).toBe('71,0%');
	});
	it('uses a comma before the decimals and rounds half away from zero', () => {
		expect(formatDecimal(638.706, { digits: 3 })).toBe('638,706');
		expect(formatDecimal(14.56, { digits: 2 })).toBe('14,56');
		expect(formatDecimal(0.05)).toBe('0,1');
		expect(formatDecimal(12345.25)).toBe('12.345,3');
		expect(formatDecimal(-0.04)).toBe('0');
		expect(formatDecimal(-2.25)).toBe('-2,3');
	});
	it('has no percentage of an empty base', () => {
		expect(percentOf(3, 0)).toBeNull();
		expect(formatPercent(null)).toBe('—');
		expect(formatInteger(Number.NaN)).toBe('—');
	});
});
