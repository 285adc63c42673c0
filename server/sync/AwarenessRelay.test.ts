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

const owner = (): AwarenessOwner => ({ awarenessIds: new Set<number>() });

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
		expect(relay.apply(update([7, 1, { cursor: 1 }]), a)).toBe(true);
		expect(relay.apply(update([7, 1, { cursor: 1 }]), owner())).toBe(false); // echo
		expect(relay.apply(update([7, 0, { cursor: 0 }]), a)).toBe(false); // stale
		expect(relay.apply(update([7, 2, { cursor: 2 }]), a)).toBe(true);
		expect(relay.size).toBe(1);
	});

	it('accepts a removal with the same clock and forgets the state', () => {
		const relay = new AwarenessRelay<AwarenessOwner>();
		const a = owner();
		relay.apply(update([7, 3, { cursor: 1 }]), a);
		expect(relay.apply(update([7, 3, null]), a)).toBe(true);
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
});
