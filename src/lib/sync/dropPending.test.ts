import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { dropPending } from './dropPending';

describe('dropPending [P14]', () => {
	it('keeps a step 2 from carrying what the copy could not integrate, and the server resends it', () => {
		const server = new Y.Doc();
		server.getText('t').insert(0, 'ab');
		const sv = Y.encodeStateVector(server);
		server.getText('t').insert(2, 'cd');
		const copy = new Y.Doc();
		// Only the second edit arrives: it stays pending in the copy.
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(server, sv));
		expect(copy.store.pendingStructs).not.toBeNull();
		// Its step 2 to a server lacking it would carry it.
		expect(Y.decodeUpdate(Y.encodeStateAsUpdate(copy)).structs.length).toBeGreaterThan(0);
		expect(dropPending(copy)).toBe(true);
		expect(Y.decodeUpdate(Y.encodeStateAsUpdate(copy)).structs).toEqual([]);
		expect(dropPending(copy)).toBe(false);
		// The server's step 2 against the copy's state vector brings everything back.
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(server, Y.encodeStateVector(copy)));
		expect(copy.getText('t').toString()).toBe('abcd');
	});
});
