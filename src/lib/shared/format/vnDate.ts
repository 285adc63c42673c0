/**
 * Dates as Decree 30/2020/NĐ-CP (Phụ lục I) writes them on the place-and-date line: "Bắc Giang,
 * ngày 05 tháng 01 năm 2024". Days under 10 and the months January and February take a leading
 * zero; March to December do not ("ngày 15 tháng 3 năm 2024") — the zero on 01/02 keeps a month
 * from being lengthened by hand into 11 or 12 on paper.
 */

/** An ISO calendar day, YYYY-MM-DD. */
export type IsoDay = string;

/** "ngày 05 tháng 01 năm 2024" for 2024-01-05; throws on a malformed day. */
export function decree30DateWords(day: IsoDay): string {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!m) throw new RangeError(`not an ISO day: ${day}`);
	const [, y, mm, dd] = m as unknown as [string, string, string, string];
	const month = Number(mm);
	const monthText = month <= 2 ? mm : String(month);
	return `ngày ${dd} tháng ${monthText} năm ${y}`;
}

/** The place-and-date line: "Bắc Giang, ngày 05 tháng 01 năm 2024" (only the date when no place). */
export function placeDateLine(place: string, day: IsoDay | ''): string {
	const p = place.normalize('NFC').trim();
	// A draft without a valid day leaves day, month and year blank, to be written in when issued.
	const words = /^\d{4}-\d{2}-\d{2}$/.test(day) ? decree30DateWords(day) : `ngày${BLANK}tháng${BLANK}năm${BLANK}`;
	return p ? `${p}, ${words}` : words.charAt(0).toUpperCase() + words.slice(1);
}

/** Blank room for the day, month and year of a draft's date. */
const BLANK = '\u00a0'.repeat(6);

/** dd/mm/yyyy, as dates are cited in running text ("ngày 08/11/2021"). */
export function shortDate(day: IsoDay): string {
	const [y, m, d] = day.split('-');
	return `${d}/${m}/${y}`;
}
