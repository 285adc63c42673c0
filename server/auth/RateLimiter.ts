/**
 * Sliding-window attempt counter per key (e.g. account + address), in memory.
 *
 * Anyone can make keys before signing in, so the memory is bounded (issue 10: 100 sign-ins with
 * 4 MB usernames kept 214 MB): at most `maxEntries` keys (the least recently hit goes first), at
 * most `limit` hits a key, and a key whose hits are all older than the window is forgotten. Callers
 * cap the length of what goes into a key (AuthService: usernames).
 */
export class RateLimiter {
	/** Keys in order of their last hit (a Map keeps insertion order; a hit re-inserts). */
	readonly #hits = new Map<string, number[]>();

	constructor(
		private readonly limit: number,
		private readonly windowMs: number,
		private readonly now: () => number = Date.now,
		private readonly maxEntries = 10_000
	) {}

	/** Milliseconds until `key` may try again, 0 when it may now. Does not count an attempt. */
	retryAfter(key: string): number {
		this.#expire();
		const hits = this.#live(key);
		if (hits.length < this.limit) return 0;
		return this.windowMs - (this.now() - (hits[0] ?? this.now()));
	}

	/** Records a failed attempt for `key`. */
	hit(key: string): void {
		const hits = this.#live(key);
		hits.push(this.now());
		this.#hits.delete(key);
		this.#hits.set(key, hits.slice(-this.limit));
		while (this.#hits.size > this.maxEntries) this.#hits.delete(this.#hits.keys().next().value as string);
	}

	/** Forgets `key` (after a successful sign-in). */
	reset(key: string): void {
		this.#hits.delete(key);
	}

	/** Number of keys held (for tests and diagnostics). */
	get size(): number {
		return this.#hits.size;
	}

	/** The keys held, least recently hit first (for tests and diagnostics). */
	keys(): string[] {
		return [...this.#hits.keys()];
	}

	/** The hits of `key` inside the window (the entry is dropped when none is). */
	#live(key: string): number[] {
		const t = this.now();
		const hits = (this.#hits.get(key) ?? []).filter((h) => t - h < this.windowMs);
		if (hits.length === 0) this.#hits.delete(key);
		else this.#hits.set(key, hits);
		return hits;
	}

	/** Drops expired keys from the front: keys are in order of last hit, so the first live one ends it. */
	#expire(): void {
		const t = this.now();
		for (const [key, hits] of this.#hits) {
			if (t - (hits[hits.length - 1] ?? 0) < this.windowMs) break;
			this.#hits.delete(key);
		}
	}
}
