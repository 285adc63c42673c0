import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryDocStore } from '../store/MemoryDocStore';
import { MemoryClient, pump } from '../sync/MemorySocket';
import { SyncHub } from '../sync/SyncHub';
import type { ConnectionInfo, SyncLog } from '../sync/types';

const quietLog: SyncLog = { warn: () => {}, error: () => {} };
const as = (userId: string, access: ConnectionInfo['access'], system = false): ConnectionInfo => ({
	principal: { userId, name: `Người ${userId}` },
	access,
	wantsAck: false,
	...(system ? { system } : {})
});

describe("the sync server's onClientUpdate hook, where history learns its authors", () => {
	const clients: MemoryClient[] = [];
	let hub: SyncHub | undefined;
	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		await hub?.close();
	});

	it('[HS5] reports the principal of each applied client update, never a refused reader nor the server itself', async () => {
		const seen: string[] = [];
		hub = new SyncHub({ store: openMemoryDocStore(), onClientUpdate: (noticeId, p) => seen.push(`${noticeId}:${p.userId}`), tuning: { log: quietLog } });
		const writer = new MemoryClient(hub, 'n1', as('an', 'write'));
		const reader = new MemoryClient(hub, 'n1', as('binh', 'read'));
		const system = new MemoryClient(hub, 'n1', as('system', 'write', true));
		clients.push(writer, reader, system);
		await pump(hub, clients);
		expect(seen).toEqual([]);

		writer.doc.getText('t').insert(0, 'Giao Sở Tài chính');
		reader.doc.getText('t').insert(0, 'không được ghi');
		system.doc.getMap('m').set('number', '1');
		await pump(hub, clients);
		expect(seen).toEqual(['n1:an']);
		expect(reader.socket.closedWith).not.toBeNull();
	});
});
