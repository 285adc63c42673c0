/**
 * Reporting periods of the provincial office (kỳ báo cáo): a month, a quarter, the first or last
 * six months, the first nine months, a year — with the Vietnamese labels report titles use.
 */
import type { IsoDay } from './vnDate';

/** Kinds of reporting period. */
export const PERIOD_KINDS = ['month', 'quarter', 'half', 'nine-months', 'year'] as const;
/** One of PERIOD_KINDS. */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A reporting period: first and last day (inclusive, Asia/Ho_Chi_Minh days) and its label. */
export interface Period {
	from: IsoDay;
	to: IsoDay;
	/** "tháng 01/2024", "quý I/2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "năm 2024". */
	label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Last day of a month (1–12). */
function lastDay(year: number, month: number): IsoDay {
	// Day 0 of the next month is the last day of this one; UTC so no local zone shifts it.
	const d = new Date(Date.UTC(year, month, 0));
	return `${year}-${pad2(month)}-${pad2(d.getUTCDate())}`;
}

/** A period running from the first day of month `m1` to the last day of month `m2`. */
function months(year: number, m1: number, m2: number, label: string): Period {
	return { from: `${year}-${pad2(m1)}-01`, to: lastDay(year, m2), label };
}

/**
 * The period of `kind` in `year`. `index`: the month (1–12), the quarter (1–4) or the half
 * (1 = first six months, 2 = last six); ignored for 'nine-months' and 'year'. Throws RangeError
 * on an index out of range.
 */
export function periodOf(kind: PeriodKind, year: number, index = 1): Period {
	if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`bad year ${year}`);
	const check = (max: number) => {
		if (!Number.isInteger(index) || index < 1 || index > max) throw new RangeError(`bad ${kind} index ${index}`);
	};
	switch (kind) {
		case 'month':
			check(12);
			return months(year, index, index, `tháng ${pad2(index)}/${year}`);
		case 'quarter':
			check(4);
			return months(year, index * 3 - 2, index * 3, `quý ${ROMAN[index - 1]}/${year}`);
		case 'half':
			check(2);
			return index === 1 ? months(year, 1, 6, `6 tháng đầu năm ${year}`) : months(year, 7, 12, `6 tháng cuối năm ${year}`);
		case 'nine-months':
			return months(year, 1, 9, `9 tháng năm ${year}`);
		case 'year':
			return months(year, 1, 12, `năm ${year}`);
		default:
			return assertNever(kind);
	}
}

/** A custom period's label: "từ 05/01/2024 đến 20/02/2024". */
export function customPeriodLabel(from: IsoDay, to: IsoDay): string {
	const dmy = (d: IsoDay) => d.split('-').reverse().join('/');
	return `từ ${dmy(from)} đến ${dmy(to)}`;
}

function assertNever(x: never): never {
	throw new RangeError(`unknown period kind ${String(x)}`);
}
