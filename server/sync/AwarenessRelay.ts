import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from '#shared/protocol';

/** Whoever controls awareness client ids (a connection); the relay keeps its id set current. */
export interface AwarenessOwner {
	readonly awarenessIds: Set<number>;
	/** Who holds the connection: an id may move between connections of the same user only (a reconnect). */
	readonly info?: { readonly principal: { readonly userId: string } };
}

/** What one connection may publish (issue 10, medium 7). */
export interface AwarenessLimits {
	/** Client ids one connection may hold (a tab has one; a second covers a doc recreated on the page). */
	maxIdsPerOwner: number;
	/** A state above this many bytes (its JSON text) is dropped. */
	maxStateBytes: number;
	/** Relayed frames per connection and second, on average; beyond, the newest state follows later. */
	framesPerSecond: number;
	/** Frames a connection may send in a burst before its rate applies. */
	burst: number;
}

export const DEFAULT_AWARENESS_LIMITS: AwarenessLimits = { maxIdsPerOwner: 2, maxStateBytes: 4096, framesPerSecond: 10, burst: 20 };

/** Client ids that left recently, and whose they were: no other user's connection may take them over. */
const DEPARTED_REMEMBERED = 1024;

interface AwarenessEntry<O extends AwarenessOwner> {
	clock: number;
	/** The state exactly as the client encoded it (JSON text), relayed and replayed untouched. */
	json: string;
	owner: O;
}

/** Per connection: its rate bucket, and what waits to be relayed once it may send again. */
interface Budget {
	tokens: number;
	at: number;
	/** Newest deferred entry per client id (`json` 'null' for a removal). */
	deferred: Map<number, { clock: number; json: string }>;
	timer: NodeJS.Timeout | undefined;
}

/**
 * Server-side awareness (presence) without the cost of y-protocols' Awareness: states are kept as
 * their JSON text — parsed once to validate, never re-stringified. Enough to greet a newcomer with
 * everyone's state and to announce the departure of a closed connection's clients. Clock rules are
 * y-protocols' own.
 *
 * Each connection publishes its own presence only (issue 10, medium 7): it holds the client ids it
 * was first to publish, at most `maxIdsPerOwner`; an entry for an id held by another connection
 * (the echoes y-websocket clients send of what they received, or a forgery) is dropped, except a
 * newer one from another connection of the same user (a reconnect). An id that left is not taken
 * over by another user. A state over `maxStateBytes` is dropped. A connection's relayed frames are
 * rate-limited (`framesPerSecond`, `burst`); beyond, its newest states are recorded at once and
 * relayed, coalesced, when its budget allows (through `onDeferred`).
 */
export class AwarenessRelay<O extends AwarenessOwner> {
	readonly #states = new Map<number, AwarenessEntry<O>>();
	readonly #departed = new Map<number, string | undefined>();
	readonly #budgets = new Map<O, Budget>();
	readonly #limits: AwarenessLimits;
	readonly #onDeferred: ((frame: Uint8Array, from: O) => void) | undefined;
	readonly #now: () => number;

	constructor(onDeferred?: (frame: Uint8Array, from: O) => void, limits: Partial<AwarenessLimits> = {}, now: () => number = () => performance.now()) {
		this.#onDeferred = onDeferred;
		this.#limits = { ...DEFAULT_AWARENESS_LIMITS, ...limits };
		this.#now = now;
	}

	/** Number of clients with a state. */
	get size(): number {
		return this.#states.size;
	}

	/**
	 * Validates and records one awareness update (the body after the message type) sent by `owner`.
	 * Returns the frame to relay to the other connections — only the entries that were news (a
	 * newer clock, or a removal) for ids `owner` holds — or null when there is none, or when the
	 * owner's rate defers them. That matters: y-websocket clients re-send every awareness change
	 * they *receive*, so without this check each caret move would bounce back from every peer and
	 * be relayed again. Throws on malformed input, before recording anything.
	 */
	apply(update: Uint8Array, owner: O): Uint8Array | null {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries: { clientId: number; clock: number; raw: Uint8Array }[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			entries.push({ clientId, clock, raw: decoding.readVarUint8Array(decoder) });
		}
		// Decode and validate only entries that could be news (most frames are echoes with a clock
		// we already have, or states of others). A malformed one throws here, before anything is recorded.
		const accepted: { clientId: number; clock: number; json: string; removed: boolean; current: AwarenessEntry<O> | undefined }[] = [];
		let claims = 0;
		for (const { clientId, clock, raw } of entries) {
			const current = this.#states.get(clientId);
			if (current !== undefined && current.clock > clock) continue;
			if (
				current === undefined
					? !this.#mayClaim(owner, clientId, claims)
					: current.owner !== owner && !this.#mayMove(current.owner, owner, clock, current.clock, claims)
			)
				continue;
			if (raw.byteLength > this.#limits.maxStateBytes) continue;
			const json = utf8.decode(raw);
			// Parse to validate: other clients JSON.parse what we relay, and must not choke on it.
			const removed = JSON.parse(json) === null;
			if (current === undefined ? removed : current.clock === clock && !removed) continue;
			if (current === undefined || current.owner !== owner) claims++;
			accepted.push({ clientId, clock, json, removed, current });
		}
		if (accepted.length === 0) return null;
		for (const { clientId, clock, json, removed, current } of accepted) {
			if (current === undefined) {
				this.#departed.delete(clientId);
				this.#set(clientId, { clock, json, owner });
				continue;
			}
			if (removed) this.#delete(clientId, current);
			else {
				if (current.owner !== owner) current.owner.awarenessIds.delete(clientId);
				this.#set(clientId, { clock, json, owner });
			}
		}
		const relayed = accepted.map(({ clientId, clock, json }) => ({ clientId, clock, json }));
		return this.#spend(owner, relayed);
	}

	/** A complete awareness frame with every known state, or null when nobody is present. */
	encodeAll(): Uint8Array | null {
		if (this.#states.size === 0) return null;
		return encodeFrame([...this.#states].map(([clientId, { clock, json }]) => ({ clientId, clock, json })));
	}

	/**
	 * Forgets the states `owner` controls and returns the awareness frame announcing their removal
	 * (same clock, state null — what y-protocols peers accept as a removal), or null if none.
	 */
	removeOwner(owner: O): Uint8Array | null {
		const budget = this.#budgets.get(owner);
		if (budget?.timer !== undefined) clearTimeout(budget.timer);
		this.#budgets.delete(owner);
		const removals: { clientId: number; clock: number; json: string }[] = [];
		for (const clientId of owner.awarenessIds) {
			const entry = this.#states.get(clientId);
			if (entry === undefined || entry.owner !== owner) continue;
			this.#states.delete(clientId);
			this.#remember(clientId, owner);
			removals.push({ clientId, clock: entry.clock, json: 'null' });
		}
		owner.awarenessIds.clear();
		return removals.length === 0 ? null : encodeFrame(removals);
	}

	/** Forgets everything (the room unloads). */
	clear(): void {
		for (const entry of this.#states.values()) entry.owner.awarenessIds.clear();
		for (const budget of this.#budgets.values()) if (budget.timer !== undefined) clearTimeout(budget.timer);
		this.#budgets.clear();
		this.#states.clear();
		this.#departed.clear();
	}

	/** An id nobody holds goes to the first connection to publish it, up to its limit — unless another user's connection just left it. */
	#mayClaim(owner: O, clientId: number, claims: number): boolean {
		if (owner.awarenessIds.size + claims >= this.#limits.maxIdsPerOwner) return false;
		return !this.#departed.has(clientId) || this.#departed.get(clientId) === owner.info?.principal.userId;
	}

	/** An id moves to another connection only with a newer clock, and only between connections of one user. */
	#mayMove(from: O, to: O, clock: number, currentClock: number, claims: number): boolean {
		return clock > currentClock && from.info?.principal.userId === to.info?.principal.userId && to.awarenessIds.size + claims < this.#limits.maxIdsPerOwner;
	}

	/** Takes one frame from the owner's budget: the frame to relay now, or null (deferred, coalesced). */
	#spend(owner: O, relayed: { clientId: number; clock: number; json: string }[]): Uint8Array | null {
		const { framesPerSecond, burst } = this.#limits;
		const now = this.#now();
		let budget = this.#budgets.get(owner);
		if (budget === undefined) {
			budget = { tokens: burst, at: now, deferred: new Map(), timer: undefined };
			this.#budgets.set(owner, budget);
		}
		budget.tokens = Math.min(burst, budget.tokens + ((now - budget.at) * framesPerSecond) / 1000);
		budget.at = now;
		if (budget.timer === undefined && budget.tokens >= 1) {
			budget.tokens -= 1;
			return encodeFrame(relayed);
		}
		for (const { clientId, clock, json } of relayed) budget.deferred.set(clientId, { clock, json });
		if (budget.timer === undefined && this.#onDeferred !== undefined) {
			const wait = Math.ceil(((1 - budget.tokens) * 1000) / framesPerSecond);
			const b = budget;
			b.timer = setTimeout(() => {
				b.timer = undefined;
				b.tokens = Math.min(burst, b.tokens + ((this.#now() - b.at) * framesPerSecond) / 1000) - 1;
				b.at = this.#now();
				const frame = encodeFrame([...b.deferred].map(([clientId, { clock, json }]) => ({ clientId, clock, json })));
				b.deferred.clear();
				this.#onDeferred?.(frame, owner);
			}, wait);
			b.timer.unref?.();
		}
		return null;
	}

	#remember(clientId: number, owner: O): void {
		this.#departed.delete(clientId);
		this.#departed.set(clientId, owner.info?.principal.userId);
		if (this.#departed.size > DEPARTED_REMEMBERED) this.#departed.delete(this.#departed.keys().next().value!);
	}

	#set(clientId: number, entry: AwarenessEntry<O>): void {
		this.#states.set(clientId, entry);
		entry.owner.awarenessIds.add(clientId);
	}

	#delete(clientId: number, entry: AwarenessEntry<O>): void {
		this.#states.delete(clientId);
		this.#remember(clientId, entry.owner);
		entry.owner.awarenessIds.delete(clientId);
	}
}

const utf8 = new TextDecoder();

/** A complete awareness frame (message type, then the y-protocols update) of `entries`. */
function encodeFrame(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
	const body = encoding.createEncoder();
	encoding.writeVarUint(body, entries.length);
	for (const { clientId, clock, json } of entries) {
		encoding.writeVarUint(body, clientId);
		encoding.writeVarUint(body, clock);
		encoding.writeVarString(body, json);
	}
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, encoding.toUint8Array(body));
	return encoding.toUint8Array(encoder);
}
