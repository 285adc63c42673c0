import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from '#shared/protocol';

/** Whoever controls awareness client ids (a connection); the relay keeps its id set current. */
export interface AwarenessOwner {
	readonly awarenessIds: Set<number>;
}

interface AwarenessEntry<O extends AwarenessOwner> {
	clock: number;
	/** The state exactly as the client encoded it (JSON text), relayed and replayed untouched. */
	json: string;
	owner: O;
}

/**
 * Server-side awareness (presence) without the cost of y-protocols' Awareness: updates are relayed
 * as the raw frames clients sent, and states are kept as their JSON text — parsed once to validate,
 * never re-stringified. Enough to greet a newcomer with everyone's state and to announce the
 * departure of a closed connection's clients. Clock rules are y-protocols' own.
 */
export class AwarenessRelay<O extends AwarenessOwner> {
	readonly #states = new Map<number, AwarenessEntry<O>>();

	/** Number of clients with a state. */
	get size(): number {
		return this.#states.size;
	}

	/**
	 * Validates and records one awareness update (the body after the message type) sent by `owner`.
	 * Returns whether any entry was news (a newer clock, or a removal); only then is it worth
	 * relaying. That matters: y-websocket clients re-send every awareness change they *receive*,
	 * so without this check each caret move would bounce back from every peer and be relayed again.
	 * Throws on malformed input, before recording anything.
	 */
	apply(update: Uint8Array, owner: O): boolean {
		const decoder = decoding.createDecoder(update);
		const count = decoding.readVarUint(decoder);
		const entries: { clientId: number; clock: number; raw: Uint8Array }[] = [];
		for (let i = 0; i < count; i++) {
			const clientId = decoding.readVarUint(decoder);
			const clock = decoding.readVarUint(decoder);
			entries.push({ clientId, clock, raw: decoding.readVarUint8Array(decoder) });
		}
		// Decode and validate only entries that could be news (most frames are echoes with a clock
		// we already have). A malformed one throws here, before anything is recorded.
		const accepted: { clientId: number; clock: number; json: string; removed: boolean; current: AwarenessEntry<O> | undefined }[] = [];
		for (const { clientId, clock, raw } of entries) {
			const current = this.#states.get(clientId);
			if (current !== undefined && current.clock > clock) continue;
			const json = utf8.decode(raw);
			// Parse to validate: other clients JSON.parse what we relay, and must not choke on it.
			const removed = JSON.parse(json) === null;
			if (current === undefined ? removed : current.clock === clock && !removed) continue;
			accepted.push({ clientId, clock, json, removed, current });
		}
		for (const { clientId, clock, json, removed, current } of accepted) {
			if (current === undefined) {
				this.#set(clientId, { clock, json, owner });
				continue;
			}
			if (removed) this.#delete(clientId, current);
			else {
				if (current.owner !== owner) current.owner.awarenessIds.delete(clientId);
				this.#set(clientId, { clock, json, owner });
			}
		}
		return accepted.length > 0;
	}

	/** A complete awareness frame with every known state, or null when nobody is present. */
	encodeAll(): Uint8Array | null {
		if (this.#states.size === 0) return null;
		const body = encoding.createEncoder();
		encoding.writeVarUint(body, this.#states.size);
		for (const [clientId, entry] of this.#states) {
			encoding.writeVarUint(body, clientId);
			encoding.writeVarUint(body, entry.clock);
			encoding.writeVarString(body, entry.json);
		}
		return frame(encoding.toUint8Array(body));
	}

	/**
	 * Forgets the states `owner` controls and returns the awareness frame announcing their removal
	 * (same clock, state null — what y-protocols peers accept as a removal), or null if none.
	 */
	removeOwner(owner: O): Uint8Array | null {
		const body = encoding.createEncoder();
		let count = 0;
		const removals: [number, number][] = [];
		for (const clientId of owner.awarenessIds) {
			const entry = this.#states.get(clientId);
			if (entry === undefined || entry.owner !== owner) continue;
			this.#states.delete(clientId);
			removals.push([clientId, entry.clock]);
			count++;
		}
		owner.awarenessIds.clear();
		if (count === 0) return null;
		encoding.writeVarUint(body, count);
		for (const [clientId, clock] of removals) {
			encoding.writeVarUint(body, clientId);
			encoding.writeVarUint(body, clock);
			encoding.writeVarString(body, 'null');
		}
		return frame(encoding.toUint8Array(body));
	}

	/** Forgets everything (the room unloads). */
	clear(): void {
		for (const entry of this.#states.values()) entry.owner.awarenessIds.clear();
		this.#states.clear();
	}

	#set(clientId: number, entry: AwarenessEntry<O>): void {
		this.#states.set(clientId, entry);
		entry.owner.awarenessIds.add(clientId);
	}

	#delete(clientId: number, entry: AwarenessEntry<O>): void {
		this.#states.delete(clientId);
		entry.owner.awarenessIds.delete(clientId);
	}
}

const utf8 = new TextDecoder();

function frame(body: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, body);
	return encoding.toUint8Array(encoder);
}
