/** [P13] Open connections close when their credential ends: by selector, at expiry, and by the periodic check. */
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, RevokedReason } from '#shared/protocol';
import { createMemoryDocStoreData, openMemoryDocStore } from '../store/MemoryDocStore';
import { MemoryClient, pump } from './MemorySocket';
import { SyncHub } from './SyncHub';
import type { ConnectionCredential, ConnectionInfo, SyncLog } from './types';

const quietLog: SyncLog = { warn: () => {}, error: () => {} };

function credential(userId: string, kind: 'session' | 'token', key: string, expiresAt = Date.now() + 3_600_000): ConnectionCredential {
	return { userId, kind, key, expiresAt };
}

function info(c: ConnectionCredential): ConnectionInfo {
	return { principal: { userId: c.userId, name: `Người ${c.userId}` }, access: 'write', wantsAck: false, credential: c };
}

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('[P13] closing connections whose credentials ended', () => {
	let hub: SyncHub | undefined;
	const clients: MemoryClient[] = [];
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await hub?.close();
		hub = undefined;
	});
	const connect = (c: ConnectionCredential): MemoryClient => {
		const client = new MemoryClient(hub!, 'n1', info(c));
		clients.push(client);
		return client;
	};

	it('closes the connections a selector picks, and drops what they send afterwards', async () => {
		const data = createMemoryDocStoreData();
		hub = new SyncHub({ store: openMemoryDocStore(data), tuning: { log: quietLog } });
		const here = connect(credential('an', 'session', 's-here'));
		const there = connect(credential('an', 'session', 's-there'));
		const script = connect(credential('an', 'token', 't-1'));
		const binh = connect(credential('binh', 'session', 's-binh'));
		await pump(hub, clients);
		expect(clients.every((c) => c.synced)).toBe(true);

		// A password change spares the session that made it.
		expect(hub.closeConnections({ userId: 'an', kind: 'session', exceptKey: 's-here' }, CloseCode.UNAUTHORIZED, RevokedReason.passwordChanged)).toBe(1);
		expect(there.socket.closedWith).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'password-changed' });
		expect(here.socket.closedWith).toBeNull();
		expect(script.socket.closedWith).toBeNull();

		// A frame that still arrives from a closed connection is not stored.
		there.doc.getText('t').insert(0, 'sau khi đổi mật khẩu');
		there.socket.closedWith = null; // the frame "was already on the wire"
		there.deliverToServer();
		await hub.settled();
		expect(data.docs.get('n1')?.log.length ?? 0).toBe(0);
		// The session that stayed still writes.
		here.doc.getText('t').insert(0, 'vẫn ghi được');
		await pump(hub, clients);
		expect(data.docs.get('n1')?.log.length).toBe(1);

		expect(hub.closeConnections({ userId: 'an', credentialKey: 't-1' }, CloseCode.UNAUTHORIZED, RevokedReason.tokenRevoked)).toBe(1);
		expect(script.socket.closedWith?.reason).toBe('token-revoked');
		expect(hub.closeConnections({ userId: 'an' }, CloseCode.ACCESS_CHANGED, 'access-changed')).toBe(1);
		expect(here.socket.closedWith?.code).toBe(CloseCode.ACCESS_CHANGED);
		expect(binh.socket.closedWith).toBeNull();
		// Closed ones are forgotten: nothing left of An's.
		expect(hub.closeConnections({ userId: 'an' }, CloseCode.UNAUTHORIZED, 'x')).toBe(0);
	});

	it('closes a connection when its session expires, with no message needed', async () => {
		hub = new SyncHub({ store: openMemoryDocStore(createMemoryDocStoreData()), tuning: { log: quietLog } });
		const soon = connect(credential('an', 'session', 's-1', Date.now() + 150));
		const later = connect(credential('an', 'token', 't-1', Date.now() + 60_000));
		await pump(hub, clients);
		await waitFor(() => soon.socket.closedWith !== null);
		expect(soon.socket.closedWith).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'session-expired' });
		expect(later.socket.closedWith).toBeNull();
		const gone = connect(credential('an', 'token', 't-2', Date.now() - 1));
		expect(gone.socket.closedWith).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'token-expired' });
	});

	it('asks the host about every open credential in one call per period and closes the invalid ones', async () => {
		const asked: string[][] = [];
		const revoked = new Set<string>();
		hub = new SyncHub({
			store: openMemoryDocStore(createMemoryDocStoreData()),
			invalidCredentials: (creds) => {
				asked.push(creds.map((c) => c.key).sort());
				return creds.filter((c) => revoked.has(c.key)).map((c) => c.key);
			},
			tuning: { log: quietLog, credentialCheckMs: 50 }
		});
		const a = connect(credential('an', 'token', 't-1'));
		const b = connect(credential('an', 'token', 't-1'));
		const c = connect(credential('binh', 'session', 's-1'));
		await pump(hub, clients);
		await waitFor(() => asked.length > 0);
		expect(asked[0]).toEqual(['s-1', 't-1']);
		revoked.add('t-1');
		await waitFor(() => a.socket.closedWith !== null && b.socket.closedWith !== null);
		expect(a.socket.closedWith).toEqual({ code: CloseCode.UNAUTHORIZED, reason: 'revoked' });
		expect(c.socket.closedWith).toBeNull();
	});
});
