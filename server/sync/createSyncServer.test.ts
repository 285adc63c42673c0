import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '#shared/protocol';
import { openMemoryDocStore } from '../store/MemoryDocStore';
import { createSyncServer } from './createSyncServer';
import type { Authorize, SyncServer, SyncTuning } from './types';

const quietLog = { warn: () => {}, error: () => {} };

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('createSyncServer (the ws binding, on a real port)', () => {
	let http: Server;
	let sync: SyncServer;
	let port: number;

	async function start(authorize: Authorize, tuning: SyncTuning = {}): Promise<void> {
		sync = createSyncServer({ store: openMemoryDocStore(), authorize, path: '/sync', tuning: { log: quietLog, ...tuning } });
		http = createServer((_req, res) => res.end());
		http.on('upgrade', (req, socket, head) => {
			if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
		});
		await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
		port = (http.address() as AddressInfo).port;
	}

	afterEach(async () => {
		await sync.close();
		await new Promise((resolve) => http.close(resolve));
	});

	const writeAll: Authorize = async () => ({ ok: true, principal: { userId: 'u', name: 'U' }, access: 'write' });

	function attempt(path: string, options: WebSocket.ClientOptions = {}): Promise<{ status: number } | { socket: WebSocket }> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, options);
			socket.on('unexpected-response', (_req, res) => {
				resolve({ status: res.statusCode ?? 0 });
				res.resume();
				socket.terminate();
			});
			socket.on('open', () => resolve({ socket }));
			socket.on('error', (error) => {
				if (socket.readyState !== WebSocket.CLOSED) reject(error);
			});
		});
	}

	it('[P9] calls authorize with the notice id before accepting, and answers a refusal with its HTTP status', async () => {
		const seen: string[] = [];
		await start(async (req, noticeId) => {
			seen.push(noticeId);
			return req.url?.includes('token=ok') ? writeAll(req, noticeId) : { ok: false, status: 403 };
		});
		expect(await attempt('/sync/abc_DEF-1?token=no')).toEqual({ status: 403 });
		const opened = await attempt('/sync/abc_DEF-1?token=ok');
		expect('socket' in opened).toBe(true);
		if ('socket' in opened) opened.socket.close();
		expect(seen).toEqual(['abc_DEF-1', 'abc_DEF-1']);
	});

	it('[P9] answers 404 for a malformed notice id without asking authorize, and leaves other paths to the host', async () => {
		let asked = 0;
		await start(async (req, id) => {
			asked++;
			return writeAll(req, id);
		});
		expect(await attempt('/sync/a.b')).toEqual({ status: 404 });
		expect(await attempt('/sync/')).toEqual({ status: 404 });
		expect(asked).toBe(0);
		await expect(attempt('/elsewhere/x')).rejects.toThrow();
	});

	it('answers 500 when authorize throws, and keeps serving', async () => {
		await start(async (req, id) => {
			if (id === 'boom') throw new Error('database locked');
			return writeAll(req, id);
		});
		expect(await attempt('/sync/boom')).toEqual({ status: 500 });
		const opened = await attempt('/sync/fine');
		expect('socket' in opened).toBe(true);
		if ('socket' in opened) opened.socket.close();
	});

	it('[P10] drops a connection that stops answering pings, and keeps one that answers', async () => {
		await start(writeAll, { pingIntervalMs: 40 });
		const mute = await attempt('/sync/n1', { autoPong: false });
		const alive = await attempt('/sync/n1');
		if (!('socket' in mute) || !('socket' in alive)) throw new Error('expected open sockets');
		let muteClosed = false;
		mute.socket.on('close', () => {
			muteClosed = true;
		});
		await waitFor(() => muteClosed);
		expect(alive.socket.readyState).toBe(WebSocket.OPEN);
		alive.socket.close();
	});

	it('[P1] closes a text frame with MALFORMED_MESSAGE', async () => {
		await start(writeAll);
		const opened = await attempt('/sync/n1');
		if (!('socket' in opened)) throw new Error('expected an open socket');
		const code = new Promise<number>((resolve) => opened.socket.on('close', (c) => resolve(c)));
		opened.socket.send('hello');
		expect(await code).toBe(CloseCode.MALFORMED_MESSAGE);
	});

	it('close() closes open connections with SERVER_SHUTDOWN and refuses new upgrades with 503', async () => {
		await start(writeAll);
		const opened = await attempt('/sync/n1');
		if (!('socket' in opened)) throw new Error('expected an open socket');
		const code = new Promise<number>((resolve) => opened.socket.on('close', (c) => resolve(c)));
		await sync.close();
		expect(await code).toBe(CloseCode.SERVER_SHUTDOWN);
		expect(await attempt('/sync/n1')).toEqual({ status: 503 });
	});
});
