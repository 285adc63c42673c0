/**
 * Counts local changes the server has not yet confirmed as durably stored. A change is a local
 * transaction, identified by (clientID, clock after it); the server's "saved" message carries the
 * state vector of what it has stored, and every change at or below it is confirmed.
 * The list survives reloads through `persist`, because an offline reload starts a new clientID.
 */
export interface PendingChange {
	client: number;
	clock: number;
}

/** Pure bookkeeping of pending changes; storage is injected so that this is testable anywhere. */
export class PendingChanges {
	#items: PendingChange[] = [];

	constructor(private readonly persist: (items: PendingChange[]) => void = () => {}) {}

	/** Number of local changes not yet confirmed. */
	get count(): number {
		return this.#items.length;
	}

	/** Restores the list saved before a reload (merged with anything recorded meanwhile). */
	restore(items: PendingChange[]): void {
		const seen = new Set(this.#items.map((i) => `${i.client}:${i.clock}`));
		for (const i of items) if (!seen.has(`${i.client}:${i.clock}`)) this.#items.push(i);
		this.persist(this.#items);
	}

	/** Records a local change ending at `clock` for `client`. */
	record(client: number, clock: number): void {
		this.#items.push({ client, clock });
		this.persist(this.#items);
	}

	/**
	 * Forgets every pending change: they are stored elsewhere now (an issued notice's late changes
	 * kept as an amendment draft, [P11]), so they are no longer this notice's unsaved changes.
	 */
	clear(): void {
		if (this.#items.length === 0) return;
		this.#items = [];
		this.persist(this.#items);
	}

	/** Drops every change covered by the server's stored state vector. Returns how many were confirmed. */
	confirm(serverState: Map<number, number>): number {
		const before = this.#items.length;
		this.#items = this.#items.filter((i) => (serverState.get(i.client) ?? 0) < i.clock);
		if (this.#items.length !== before) this.persist(this.#items);
		return before - this.#items.length;
	}
}
