import { DocStoreError } from './DocStoreError';

interface Waiter<T, R> {
	item: T;
	resolve: (result: R) => void;
	reject: (error: unknown) => void;
}

/**
 * Collects the items pushed during one event-loop tick and hands them to `commit` as one batch.
 * `setImmediate` (not a microtask) is the tick boundary on purpose: every WebSocket frame read in
 * the same poll phase lands in the same batch, which is what makes group commit pay off under load.
 * Batches are committed one at a time, in push order; while an async commit is in flight, new
 * pushes gather into the next batch.
 */
export class GroupCommitQueue<T, R> {
	readonly #commit: (items: T[]) => R[] | Promise<R[]>;
	#pending: Waiter<T, R>[] = [];
	#scheduled = false;
	#inFlight: Promise<void> | null = null;

	/** `commit` receives a non-empty batch and returns one result per item, in order. */
	constructor(commit: (items: T[]) => R[] | Promise<R[]>) {
		this.#commit = commit;
	}

	/** Queues one item; resolves with its result once its batch is committed. */
	push(item: T): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			this.#pending.push({ item, resolve, reject });
			this.#schedule();
		});
	}

	/** Commits everything queued so far (and waits for a commit already in flight). */
	async flush(): Promise<void> {
		while (this.#inFlight !== null || this.#pending.length > 0) {
			if (this.#inFlight !== null) await this.#inFlight;
			else this.#run();
		}
	}

	#schedule(): void {
		if (this.#scheduled || this.#inFlight !== null) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			if (this.#inFlight === null) this.#run();
		});
	}

	#run(): void {
		const batch = this.#pending;
		if (batch.length === 0) return;
		this.#pending = [];
		let results: R[] | Promise<R[]>;
		try {
			results = this.#commit(batch.map((w) => w.item));
		} catch (error) {
			settle(batch, error);
			return;
		}
		if (Array.isArray(results)) {
			settle(batch, null, results);
			return;
		}
		this.#inFlight = results.then(
			(r) => settle(batch, null, r),
			(error: unknown) => settle(batch, error)
		);
		void this.#inFlight.finally(() => {
			this.#inFlight = null;
			if (this.#pending.length > 0) this.#schedule();
		});
	}
}

function settle<T, R>(batch: Waiter<T, R>[], error: unknown, results?: R[]): void {
	if (error !== null || results === undefined || results.length !== batch.length) {
		const cause = error ?? new Error('commit returned a wrong number of results');
		const failure = new DocStoreError('write-failed', 'could not commit appends', { cause });
		for (const w of batch) w.reject(failure);
		return;
	}
	for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i]!);
}
