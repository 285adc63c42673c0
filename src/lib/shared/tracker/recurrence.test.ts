import { describe, expect, it } from 'vitest';
import { occurrences } from './recurrence';

describe('occurrences of a recurring deadline', () => {
	it('monthly on the day named, clamped to short months, from the notice date for a year', () => {
		const days = occurrences('monthly', 'trước ngày 20 hằng tháng', '2024-01-25');
		expect(days).toHaveLength(12);
		expect(days.slice(0, 3)).toEqual(['2024-02-20', '2024-03-20', '2024-04-20']);
		expect(days.at(-1)).toBe('2025-01-20');
		expect(occurrences('monthly', 'trước ngày 31 hằng tháng', '2024-01-05').slice(0, 2)).toEqual(['2024-01-31', '2024-02-29']);
		expect(occurrences('monthly', 'báo cáo hằng tháng', '2024-01-05', 2)).toEqual(['2024-01-31', '2024-02-29']);
	});

	it('weekly on the weekday named, Friday when none is', () => {
		// 2024-01-05 is a Friday.
		expect(occurrences('weekly', 'trước 16 giờ ngày thứ 6 hàng tuần', '2024-01-05', 1)).toEqual([
			'2024-01-05',
			'2024-01-12',
			'2024-01-19',
			'2024-01-26',
			'2024-02-02'
		]);
		expect(occurrences('weekly', 'vào thứ hai hằng tuần', '2024-01-05', 1)[0]).toBe('2024-01-08');
		expect(occurrences('weekly', 'hằng tuần', '2024-01-06', 1)[0]).toBe('2024-01-12');
		expect(occurrences('weekly', 'chủ nhật hằng tuần', '2024-01-05', 1)[0]).toBe('2024-01-07');
	});

	it('quarterly, half-yearly and yearly on the days named, the period’s end when none is', () => {
		expect(occurrences('quarterly', 'định kỳ hằng quý', '2024-02-01')).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
		expect(occurrences('quarterly', 'trước ngày 25 tháng cuối quý', '2024-02-01').slice(0, 2)).toEqual(['2024-03-25', '2024-06-25']);
		expect(occurrences('half-yearly', 'báo cáo 6 tháng', '2024-02-01')).toEqual(['2024-06-30', '2024-12-31']);
		expect(occurrences('yearly', 'trước ngày 15/6 và 15/12 hằng năm', '2024-02-01')).toEqual(['2024-06-15', '2024-12-15']);
		expect(occurrences('yearly', 'hằng năm', '2024-02-01')).toEqual(['2024-12-31']);
	});

	it('makes no occurrences of a daily rule', () => {
		expect(occurrences('daily', 'hằng ngày', '2024-02-01')).toEqual([]);
	});
});
