/** Sliding-window attempt counter per key (e.g. username + address), in memory. */
export class RateLimiter {
	readonly #hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** Milliseconds until `key` may try again, 0 when it may now. Does not count an attempt. */
	retryAfter(key: string): number {
		const t = this.now();
		const hits = (this.#hits.get(key) ?? []).filter((h) => t - h < this.windowMs);
		this.#hits.set(key, hits);
		if (hits.length < this.limit) return 0;
		return this.windowMs - (t - (hits[0] ?? t));
	}

	/** Records a failed attempt for `key`. */
	hit(key: string): void {
		const list = this.#hits.get(key) ?? [];
		list.push(this.now());
		this.#hits.set(key, list);
		if (this.#hits.size > 10_000) this.#prune();
	}

	/** Forgets `key` (after a successful sign-in). */
	reset(key: string): void {
		this.#hits.delete(key);
	}

	#prune(): void {
		const t = this.now();
		for (const [k, hits] of this.#hits) if (hits.every((h) => t - h >= this.windowMs)) this.#hits.delete(k);
	}
}
