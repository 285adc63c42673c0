/** Latency figures of `npm run bench:editor`: percentiles of one editor on one case. */

/** p50/p95 (nearest rank), mean and max in ms, rounded to 0.1 ms, over `n` keys. */
export interface LatencyStats {
	p50: number;
	p95: number;
	mean: number;
	max: number;
	n: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Nearest-rank percentile `q` (0–1) of sorted values. */
function percentile(sorted: readonly number[], q: number): number {
	if (!sorted.length) return Number.NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Figures of a list of latencies (ms). */
export function latencyStats(values: readonly number[]): LatencyStats {
	const sorted = [...values].sort((a, b) => a - b);
	const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : Number.NaN;
	return {
		p50: round1(percentile(sorted, 0.5)),
		p95: round1(percentile(sorted, 0.95)),
		mean: round1(mean),
		max: round1(sorted[sorted.length - 1] ?? Number.NaN),
		n: sorted.length
	};
}

/** `a / b` to two decimals (null when b is not a positive number). */
export function ratio(a: number, b: number): number | null {
	return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? Math.round((a / b) * 100) / 100 : null;
}
