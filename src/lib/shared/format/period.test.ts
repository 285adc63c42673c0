import { describe, expect, it } from 'vitest';
import { customPeriodLabel, periodOf } from './period';

describe('reporting periods', () => {
	it('labels a month with a two-digit month and ends on its last day', () => {
		expect(periodOf('month', 2024, 1)).toEqual({ from: '2024-01-01', to: '2024-01-31', label: 'tháng 01/2024' });
		expect(periodOf('month', 2024, 2).to).toBe('2024-02-29');
		expect(periodOf('month', 2023, 2).to).toBe('2023-02-28');
		expect(periodOf('month', 2022, 9).label).toBe('tháng 09/2022');
	});
	it('labels quarters with Roman numerals', () => {
		expect(periodOf('quarter', 2024, 1)).toEqual({ from: '2024-01-01', to: '2024-03-31', label: 'quý I/2024' });
		expect(periodOf('quarter', 2024, 3)).toEqual({ from: '2024-07-01', to: '2024-09-30', label: 'quý III/2024' });
		expect(periodOf('quarter', 2024, 4).to).toBe('2024-12-31');
	});
	it('covers six months, nine months and the year as report titles name them', () => {
		expect(periodOf('half', 2024)).toEqual({ from: '2024-01-01', to: '2024-06-30', label: '6 tháng đầu năm 2024' });
		expect(periodOf('half', 2024, 2)).toEqual({ from: '2024-07-01', to: '2024-12-31', label: '6 tháng cuối năm 2024' });
		expect(periodOf('nine-months', 2022)).toEqual({ from: '2022-01-01', to: '2022-09-30', label: '9 tháng năm 2022' });
		expect(periodOf('year', 2024)).toEqual({ from: '2024-01-01', to: '2024-12-31', label: 'năm 2024' });
	});
	it('refuses an index out of range', () => {
		expect(() => periodOf('month', 2024, 13)).toThrow(RangeError);
		expect(() => periodOf('quarter', 2024, 0)).toThrow(RangeError);
	});
	it('labels a custom period with both days', () => {
		expect(customPeriodLabel('2024-01-05', '2024-02-20')).toBe('từ 05/01/2024 đến 20/02/2024');
	});
});
