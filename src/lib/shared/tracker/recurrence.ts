/**
 * The due days of a recurring deadline (issue 9 [2]): "trước ngày 20 hằng tháng", "định kỳ hằng
 * quý", "trước 16 giờ ngày thứ 6 hàng tuần", "trước ngày 15/6 và 15/12 hằng năm" become one due day
 * per occurrence, so each occurrence can be on time or late. Read from the deadline's own words:
 *
 * - monthly: "ngày D" of every month (the month's last day when D is past it); none named: the
 *   month's last day;
 * - weekly: the weekday named ("thứ 2"…"thứ 7", "thứ hai"…"thứ bảy", "chủ nhật"); none: Friday,
 *   the office's weekly rule;
 * - quarterly: "ngày D" of the quarter's last month; none: the quarter's last day;
 * - half-yearly: the days named "D/M", else "ngày D" of June and December; none: 30/6 and 31/12;
 * - yearly: the days named "D/M"; none: 31/12;
 * - daily: not tracked per occurrence (no due days).
 *
 * Occurrences run from the notice's date (inclusive) for {@link HORIZON_MONTHS} months.
 */
import type { Frequency } from '../extract/types';
import { addDays, type IsoDay } from './status';

/** How far ahead occurrences are made when a notice is issued. */
export const HORIZON_MONTHS = 12;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Day `d` of month `m` (1-12) of year `y`, the month's last day when `d` is past it. */
const dayOf = (y: number, m: number, d: number): IsoDay => `${y}-${pad(m)}-${pad(Math.min(d, lastDayOf(y, m)))}`;

const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tư: 3, tu: 3, năm: 4, nam: 4, sáu: 5, sau: 5, bảy: 6, bay: 6 };

/** The weekday (0 = Sunday … 6 = Saturday) the words name, or null. */
function weekdayOf(text: string): number | null {
	if (/chủ\s*nhật/i.test(text)) return 0;
	const digit = /thứ\s*([2-7])\b/i.exec(text);
	if (digit) return Number(digit[1]) - 1;
	const word = /thứ\s*(hai|ba|tư|năm|sáu|bảy)\b/i.exec(text);
	return word ? (WEEKDAYS[word[1]!.toLowerCase()] ?? null) : null;
}

/** "ngày 20" (not a "ngày 20/6" date), or null. */
function dayNamed(text: string): number | null {
	const m = /ngày\s+(\d{1,2})(?!\s*[/.-]\s*\d)/i.exec(text);
	const d = m ? Number(m[1]) : NaN;
	return d >= 1 && d <= 31 ? d : null;
}

/** Every "D/M" (without a year) the words name, as [month, day]. */
function daysOfYear(text: string): [number, number][] {
	const out: [number, number][] = [];
	for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\s*\/\s*(\d{1,2})(?![\d/])/g)) {
		const d = Number(m[1]);
		const mo = Number(m[2]);
		if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12) out.push([mo, d]);
	}
	return out;
}

/** The due days in each year for the frequencies counted per year, as [month, day] pairs. */
function yearlyPattern(frequency: Frequency, text: string): [number, number][] {
	const named = daysOfYear(text);
	const d = dayNamed(text);
	switch (frequency) {
		case 'monthly':
			return Array.from({ length: 12 }, (_, i) => [i + 1, d ?? 31] as [number, number]);
		case 'quarterly':
			return [3, 6, 9, 12].map((m) => [m, d ?? 31] as [number, number]);
		case 'half-yearly':
			return named.length ? named : [6, 12].map((m) => [m, d ?? 31] as [number, number]);
		case 'yearly':
			return named.length ? named : [[12, 31]];
		default:
			return [];
	}
}

/**
 * The due days of a recurring deadline with `frequency` written as `text`, from `from` (the
 * notice's date, inclusive) for `months` months, in order.
 */
export function occurrences(frequency: Frequency, text: string, from: IsoDay, months = HORIZON_MONTHS): IsoDay[] {
	const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
	const endMonth = fm + months;
	const until = dayOf(fy + Math.floor((endMonth - 1) / 12), ((endMonth - 1) % 12) + 1, fd);
	if (frequency === 'daily') return [];
	if (frequency === 'weekly') {
		const want = weekdayOf(text) ?? 5;
		const start = new Date(`${from}T00:00:00Z`).getUTCDay();
		const out: IsoDay[] = [];
		for (let day = addDays(from, (want - start + 7) % 7); day < until; day = addDays(day, 7)) out.push(day);
		return out;
	}
	const pattern = yearlyPattern(frequency, text);
	const out = new Set<IsoDay>();
	for (let y = fy; y <= fy + Math.ceil(months / 12) + 1; y++) for (const [m, d] of pattern) out.add(dayOf(y, m, d));
	return [...out].filter((day) => day >= from && day < until).sort();
}
