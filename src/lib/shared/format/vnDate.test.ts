import { describe, expect, it } from 'vitest';
import { decree30DateWords, placeDateLine, shortDate } from './vnDate';

describe('Decree 30 dates', () => {
	it('pads days under 10 and the months January and February with a zero', () => {
		expect(placeDateLine('Bắc Giang', '2024-01-05')).toBe('Bắc Giang, ngày 05 tháng 01 năm 2024');
		expect(decree30DateWords('2024-02-29')).toBe('ngày 29 tháng 02 năm 2024');
	});
	it('writes March to December without a leading zero', () => {
		expect(decree30DateWords('2022-03-09')).toBe('ngày 09 tháng 3 năm 2022');
		expect(decree30DateWords('2022-12-31')).toBe('ngày 31 tháng 12 năm 2022');
	});
	it('starts with a capital when no place is given, and refuses malformed days', () => {
		expect(placeDateLine('  ', '2024-10-20')).toBe('Ngày 20 tháng 10 năm 2024');
		expect(() => decree30DateWords('20/10/2024')).toThrow(RangeError);
	});
	it('cites a day as dd/mm/yyyy in running text', () => {
		expect(shortDate('2021-11-08')).toBe('08/11/2021');
	});
});

describe('the place-and-date line of a draft', () => {
	it('leaves day, month and year blank until the notice has a date', () => {
		expect(placeDateLine('Bắc Giang', '')).toBe(
			'Bắc Giang, ngày\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0tháng\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0năm\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0'
		);
	});
});
