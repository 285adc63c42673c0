import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { AwarenessRelay, type AwarenessOwner } from './AwarenessRelay';

function update(...entries: [clientId: number, clock: number, state: unknown][]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const [clientId, clock, state] of entries) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	return encoding.toUint8Array(encoder);
}

const owner = (userId = 'u1'): AwarenessOwner => ({ awarenessIds: new Set<number>(), info: { principal: { userId } } });

/** What a y-protocols peer ends up with after applying a relay frame (type byte stripped). */
function peerStates(frames: Uint8Array[]): Map<number, unknown> {
	const peer = new Awareness(new Y.Doc());
	peer.setLocalState(null);
	for (const frame of frames) applyAwarenessUpdate(peer, frame.subarray(2), 'server');
	const states = new Map(peer.getStates());
	peer.destroy();
	return states;
}

describe('AwarenessRelay', () => {
	it('reports news only for newer clocks, so echoes are not relayed again', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner();
		expect(relay.apply(update([7, 1, { cursor: 1 }]), a)).not.toBeNull();
		expect(relay.apply(update([7, 1, { cursor: 1 }]), owner())).toBeNull(); // echo
		expect(relay.apply(update([7, 0, { cursor: 0 }]), a)).toBeNull(); // stale
		expect(relay.apply(update([7, 2, { cursor: 2 }]), a)).not.toBeNull();
		expect(relay.size).toBe(1);
	});

	it('accepts a removal with the same clock and forgets the state', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner();
		relay.apply(update([7, 3, { cursor: 1 }]), a);
		expect(relay.apply(update([7, 3, null]), a)).not.toBeNull();
		expect(relay.size).toBe(0);
		expect(a.awarenessIds.size).toBe(0);
		expect(relay.encodeAll()).toBeNull();
	});

	it('greets newcomers with every state, exactly as clients sent them', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		relay.apply(update([1, 4, { user: { name: 'Nguyễn Văn A' } }], [2, 9, { user: { name: 'Trần Thị B' } }]), owner());
		const greeting = relay.encodeAll();
		expect(greeting).not.toBeNull();
		expect(peerStates([greeting!])).toEqual(
			new Map([
				[1, { user: { name: 'Nguyễn Văn A' } }],
				[2, { user: { name: 'Trần Thị B' } }]
			])
		);
	});

	it('announces the departure of an owner’s clients in a way y-protocols peers accept', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner();
		const b = owner();
		relay.apply(update([1, 5, { n: 'a' }]), a);
		relay.apply(update([2, 1, { n: 'b' }]), b);
		const greeting = relay.encodeAll()!;
		const removal = relay.removeOwner(a);
		expect(removal).not.toBeNull();
		expect(peerStates([greeting, removal!])).toEqual(new Map([[2, { n: 'b' }]]));
		expect(relay.removeOwner(a)).toBeNull();
	});

	it('moves a client id to the connection that updated it last', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const oldConn = owner();
		const newConn = owner();
		relay.apply(update([1, 1, { n: 1 }]), oldConn);
		relay.apply(update([1, 2, { n: 2 }]), newConn); // same client reconnected on a new socket
		expect(relay.removeOwner(oldConn)).toBeNull();
		expect(relay.size).toBe(1);
		expect(newConn.awarenessIds.has(1)).toBe(true);
	});

	it('throws on malformed input before recording anything', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 2);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, '{"ok":true}');
		encoding.writeVarUint(encoder, 2);
		encoding.writeVarUint(encoder, 1);
		encoding.writeVarString(encoder, '{not json');
		expect(() => relay.apply(encoding.toUint8Array(encoder), owner())).toThrow();
		expect(relay.size).toBe(0);
		expect(() => relay.apply(new Uint8Array([5, 1]), owner())).toThrow();
	});

	it('relays only the sender’s own states: echoes and forgeries of ids another connection holds are dropped from the frame', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner('a');
		const b = owner('b');
		relay.apply(update([1, 1, { n: 'a' }]), a);
		// b publishes its own id with a newer state for a's id (an echo or a forgery): only its own is relayed.
		const frame = relay.apply(update([2, 1, { n: 'b' }], [1, 9, { n: 'forged' }]), b);
		expect(peerStates([frame!])).toEqual(new Map([[2, { n: 'b' }]]));
		expect(peerStates([relay.encodeAll()!])).toEqual(
			new Map([
				[1, { n: 'a' }],
				[2, { n: 'b' }]
			])
		);
		// Nor may b remove a's presence.
		expect(relay.apply(update([1, 1, null]), b)).toBeNull();
		expect(relay.size).toBe(2);
	});

	it('lets one connection hold at most two client ids, however many it invents', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const flooder = owner('reader');
		const many = Array.from({ length: 20_000 }, (_, i): [number, number, unknown] => [1000 + i, 1, { user: { name: `giả ${i}` } }]);
		const frame = relay.apply(update(...many), flooder);
		expect(peerStates([frame!]).size).toBe(2);
		expect(relay.size).toBe(2);
		expect(relay.apply(update([5, 1, { n: 'again' }]), flooder)).toBeNull();
		expect(relay.size).toBe(2);
	});

	it('drops a state above 4 KB', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		expect(relay.apply(update([1, 1, { blob: 'x'.repeat(5000) }]), owner())).toBeNull();
		expect(relay.size).toBe(0);
		expect(relay.apply(update([1, 1, { user: { name: 'Nguyễn Văn A' } }]), owner())).not.toBeNull();
	});

	it('does not let another user take over an id that just left', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner('a');
		relay.apply(update([1, 3, { n: 'a' }]), a);
		relay.removeOwner(a);
		// b re-sends what it had of a (an echo racing the removal): not a's ghost, not b's.
		expect(relay.apply(update([1, 3, { n: 'a' }]), owner('b'))).toBeNull();
		expect(relay.size).toBe(0);
		// a itself, reconnected, publishes again.
		expect(relay.apply(update([1, 4, { n: 'a' }]), owner('a'))).not.toBeNull();
	});

	it('rate-limits a connection: past its burst, frames are coalesced and the newest state follows', () => {
		const deferred: Uint8Array[] = [];
		const relay = new AwarenessRelay<AwarenessOwner>(
			(frame) => deferred.push(frame),
			{ burst: 3, framesPerSecond: 10 },
			() => 0
		);
		const a = owner();
		const relayed: Uint8Array[] = [];
		for (let clock = 1; clock <= 50; clock++) {
			const frame = relay.apply(update([1, clock, { cursor: clock }]), a);
			if (frame) relayed.push(frame);
		}
		expect(relayed).toHaveLength(3);
		// Newcomers get the newest state at once.
		expect(peerStates([relay.encodeAll()!]).get(1)).toEqual({ cursor: 50 });
		relay.clear();
		expect(deferred).toHaveLength(0);
	});

	it('sends the coalesced newest state once the budget allows', async () => {
		const deferred: Uint8Array[] = [];
		const relay = new AwarenessRelay<AwarenessOwner>((frame) => deferred.push(frame), { burst: 1, framesPerSecond: 50 });
		const a = owner();
		expect(relay.apply(update([1, 1, { cursor: 1 }]), a)).not.toBeNull();
		for (let clock = 2; clock <= 30; clock++) expect(relay.apply(update([1, clock, { cursor: clock }]), a)).toBeNull();
		const deadline = Date.now() + 5_000;
		while (deferred.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
		expect(deferred).toHaveLength(1);
		expect(peerStates(deferred).get(1)).toEqual({ cursor: 30 });
		relay.clear();
	});
});
