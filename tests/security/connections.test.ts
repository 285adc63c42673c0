/**
 * Issue 10, medium 9: "Idle TCP connections are never timed out: 21 000 of them filled the
 * descriptor table." Replayed against the real server with IDLE_TIMEOUT_MS=1000 and
 * MAX_CONNECTIONS_PER_ADDRESS=5: a connection that says nothing, one that trickles its headers and
 * a WebSocket that never sends a frame are closed; the sixth connection from one address is answered
 * 503 and closed while other addresses are served, and a freed place is given again.
 */
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	closeCodeOf,
	createNotice,
	createUser,
	makeDataDir,
	openRaw,
	removeDataDir,
	startServer,
	waitFor,
	type ServerProcess,
	type TestUser
} from '../integration/harness';

/** A raw TCP connection from `from`, with everything it received and whether it is closed. */
interface Raw {
	socket: Socket;
	received(): string;
	closed(): boolean;
}

function openTcp(port: number, from = '127.0.0.1'): Promise<Raw> {
	return new Promise((resolve, reject) => {
		let data = '';
		let closed = false;
		const socket = connect({ host: '127.0.0.1', port, localAddress: from }, () => resolve({ socket, received: () => data, closed: () => closed }));
		socket.on('data', (chunk) => (data += chunk.toString('utf8')));
		socket.on('error', () => {});
		socket.on('close', () => (closed = true));
		socket.once('error', reject);
	});
}

/** GET `path` from `from` on a fresh connection; the status, or the error's code. */
function getFrom(port: number, path: string, from: string): Promise<number | string> {
	return new Promise((resolve) => {
		const req = request({ host: '127.0.0.1', port, path, localAddress: from, agent: false }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode ?? 0));
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
		req.end();
	});
}

/** A WebSocket to a notice from `from` that speaks (sync step 1), as every real client does. */
function speakingSocket(server: ServerProcess, noticeId: string, token: string, from: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${server.syncUrl}/${noticeId}?token=${token}`, { localAddress: from });
		ws.on('error', reject);
		ws.once('open', () => {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 0);
			syncProtocol.writeSyncStep1(encoder, new Y.Doc());
			ws.send(encoding.toUint8Array(encoder));
			resolve(ws);
		});
	});
}

describe('idle connections and connections per address on the real server', () => {
	let dataDir: string;
	let server: ServerProcess;
	let office: TestUser;
	let noticeId: string;

	beforeAll(async () => {
		dataDir = makeDataDir();
		office = await createUser(dataDir, 'office1', 'office');
		noticeId = await createNotice(dataDir, 'office1');
		server = await startServer(dataDir, 0, { IDLE_TIMEOUT_MS: '1000', MAX_CONNECTIONS_PER_ADDRESS: '5' });
	});

	afterAll(async () => {
		await server?.stop();
		removeDataDir(dataDir);
	});

	it('closes a connection that never sends a byte', async () => {
		const silent = await openTcp(server.port);
		await waitFor(() => silent.closed(), 8_000, 'silent connection closed');
	});

	it('closes a connection that trickles its headers a byte at a time', async () => {
		const slow = await openTcp(server.port);
		slow.socket.write('GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n');
		const trickle = setInterval(() => slow.closed() || slow.socket.write('X'), 100);
		try {
			await waitFor(() => slow.closed(), 8_000, 'slow headers closed');
		} finally {
			clearInterval(trickle);
		}
	});

	it('closes a keep-alive connection left idle after its answer', async () => {
		const kept = await openTcp(server.port);
		kept.socket.write('GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
		await waitFor(() => kept.received().startsWith('HTTP/1.1 200'), 8_000, 'answer');
		await waitFor(() => kept.closed(), 8_000, 'idle keep-alive closed');
	});

	it('closes (1008) a WebSocket that opens and never sends a frame', async () => {
		const attempt = await openRaw(server, `${noticeId}?token=${office.token}`);
		expect(attempt.kind).toBe('open');
		if (attempt.kind !== 'open') return;
		expect(await closeCodeOf(attempt.socket)).toBe(1008);
	});

	it('keeps a speaking WebSocket open while silent ones opened with and after it are closed', async () => {
		const ws = await speakingSocket(server, noticeId, office.token, '127.0.0.1');
		for (let i = 0; i < 2; i++) {
			const attempt = await openRaw(server, `${noticeId}?token=${office.token}`);
			if (attempt.kind !== 'open') throw new Error('refused');
			expect(await closeCodeOf(attempt.socket)).toBe(1008);
		}
		expect(ws.readyState).toBe(WebSocket.OPEN);
		ws.close();
	});

	it('answers the sixth connection of an address 503 and closes it; other addresses are served; a freed place is given again', async () => {
		const held = await Promise.all(Array.from({ length: 5 }, () => speakingSocket(server, noticeId, office.token, '127.0.0.2')));
		const excess = await openTcp(server.port, '127.0.0.2');
		await waitFor(() => excess.closed(), 8_000, 'excess connection closed');
		expect(excess.received()).toMatch(/^HTTP\/1\.1 503 /);
		expect(excess.received()).toContain('quá nhiều kết nối');
		expect(await getFrom(server.port, '/login', '127.0.0.3')).toBe(200);
		expect(await getFrom(server.port, '/login', '127.0.0.2')).toBe(503);
		held[0]!.close();
		await waitFor(async () => (await getFrom(server.port, '/login', '127.0.0.2')) === 200, 8_000, 'place freed');
		for (const ws of held) ws.close();
		// The server is still fine for everyone.
		expect(await getFrom(server.port, '/login', '127.0.0.1')).toBe(200);
	});
});
