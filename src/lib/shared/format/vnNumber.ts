/**
 * Numbers the way Vietnamese administrative documents write them: "." groups thousands, ","
 * marks decimals (3.085.050; 62,6%), and counts under ten take a leading zero ("09 nhiệm vụ",
 * "04 cuộc họp"), as report writers do in seed 001. Isomorphic: no Intl locale data is assumed,
 * because a trimmed-ICU Node or an old browser would silently fall back to English separators.
 */

/** Groups the digits of a non-negative integer string with "." every three digits. */
function groupThousands(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** An integer with "." as thousands separator: 3085050 → "3.085.050". */
export function formatInteger(n: number): string {
	if (!Number.isFinite(n)) return '—';
	const r = Math.round(n);
	return (r < 0 ? '-' : '') + groupThousands(String(Math.abs(r)));
}

/** A count as written in reports: a leading zero under ten ("09"), thousands grouped above. */
export function formatCount(n: number): string {
	if (!Number.isFinite(n)) return '—';
	const r = Math.round(n);
	return r >= 0 && r < 10 ? `0${r}` : formatInteger(r);
}

/** Options of {@link formatDecimal} and {@link formatPercent}. */
export interface DecimalOptions {
	/** Digits after the comma (default 1). */
	digits?: number;
	/** Drops a fractional part that rounds to zero ("71%" rather than "71,0%"), as seed 001 writes it. Default true. */
	trimZero?: boolean;
}

/** A decimal with "," before the fraction: 62.62 → "62,6"; 71 → "71" (trimZero). */
export function formatDecimal(n: number, options: DecimalOptions = {}): string {
	if (!Number.isFinite(n)) return '—';
	const digits = options.digits ?? 1;
	const trimZero = options.trimZero ?? true;
	const scale = 10 ** digits;
	// Round half away from zero on the scaled value; EPSILON keeps 0.05-style ties from falling short.
	const scaled = Math.round(Math.abs(n) * scale + Number.EPSILON * scale);
	const sign = n < 0 && scaled !== 0 ? '-' : '';
	const int = Math.floor(scaled / scale);
	const frac = String(scaled % scale).padStart(digits, '0');
	const intText = groupThousands(String(int));
	if (digits === 0 || (trimZero && /^0+$/.test(frac))) return sign + intText;
	return `${sign}${intText},${frac}`;
}

/** A percentage value (0–100) with one decimal and "%": 62.62 → "62,6%"; null → "—". */
export function formatPercent(value: number | null, options: DecimalOptions = {}): string {
	return value === null || !Number.isFinite(value) ? '—' : `${formatDecimal(value, options)}%`;
}

/** `part` as a percentage of `whole` (0–100, unrounded), or null when `whole` is 0. */
export function percentOf(part: number, whole: number): number | null {
	return whole > 0 ? (part * 100) / whole : null;
}
