import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, CloseReason } from '#shared/protocol';
import type { SyncSocket, SyncSocketEvents } from './types';

/** Options of the `ws` binding. */
export interface WsTransportOptions {
	/** Frames above this are handed to the room logic, which closes with MESSAGE_TOO_LARGE. */
	maxMessageBytes: number;
	/** Keepalive period: a socket that did not answer the previous ping is terminated. */
	pingIntervalMs: number;
	/** A socket that sends no frame within this long of opening is closed (1008): every client speaks first. */
	silentTimeoutMs: number;
}

/** The thin `ws` binding: handshake, frames in and out, keepalive. No protocol knowledge. */
export interface WsTransport {
	/** Completes the handshake of an already authorized upgrade and binds the socket. */
	accept(req: IncomingMessage, socket: Duplex, head: Buffer, attach: (socket: SyncSocket) => SyncSocketEvents): void;
	/** Stops the keepalive and terminates sockets still open. */
	close(): void;
}

/** Creates the `ws` binding of the sync server. */
export function createWsTransport(options: WsTransportOptions): WsTransport {
	// ws itself refuses frames above maxPayload — with close code 1009 and without buffering them,
	// as soon as the frame header announces the length. Up to twice our limit we let the frame
	// through so the room closes with the named MESSAGE_TOO_LARGE (which y-websocket does not
	// retry); beyond that, ws's 1009 bounds the memory one connection can make us hold.
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxMessageBytes * 2,
		perMessageDeflate: false,
		clientTracking: false
	});
	const alive = new Map<WebSocket, boolean>();

	const keepalive = setInterval(() => {
		for (const [ws, answered] of alive) {
			if (!answered) {
				// No pong since the last ping: the peer is gone without a FIN; drop it.
				ws.terminate();
				continue;
			}
			alive.set(ws, false);
			ws.ping();
		}
	}, options.pingIntervalMs);
	keepalive.unref();

	const bind = (ws: WebSocket, attach: (socket: SyncSocket) => SyncSocketEvents): void => {
		alive.set(ws, true);
		// Cork the TCP socket until the loop's next check phase: every frame sent to this client
		// meanwhile (the updates of one group commit, the caret frame that usually arrives in the
		// next poll phase) leaves in one writev instead of one syscall per frame — syscalls are the
		// dominant cost of fan-out. setImmediate rather than nextTick trades at most one loop
		// iteration of latency for roughly half the writes.
		const raw = (ws as unknown as { _socket?: Socket })._socket;
		let corked = false;
		const uncork = (): void => {
			corked = false;
			raw?.uncork();
		};
		const socket: SyncSocket = {
			send(message) {
				if (ws.readyState !== ws.OPEN) return;
				if (!corked && raw !== undefined) {
					corked = true;
					raw.cork();
					setImmediate(uncork);
				}
				ws.send(message, { binary: true });
			},
			close(code, reason) {
				if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
			},
			get bufferedAmount() {
				return ws.bufferedAmount;
			}
		};
		const events = attach(socket);
		// Issue 10, medium 9: a client sends its sync step 1 as soon as it is open; one that stays
		// silent holds a descriptor for nothing (pongs alone do not count).
		let silent: NodeJS.Timeout | undefined = setTimeout(() => {
			silent = undefined;
			ws.close(1008, 'silent');
			// A peer that does not answer the close handshake either is dropped.
			setTimeout(() => ws.terminate(), 1_000).unref();
		}, options.silentTimeoutMs);
		silent.unref();
		ws.on('message', (data: RawData, isBinary: boolean) => {
			if (silent !== undefined) {
				clearTimeout(silent);
				silent = undefined;
			}
			alive.set(ws, true);
			if (!isBinary) {
				socket.close(CloseCode.MALFORMED_MESSAGE, CloseReason[CloseCode.MALFORMED_MESSAGE]);
				events.close();
				return;
			}
			events.message(toUint8Array(data));
		});
		ws.on('pong', () => alive.set(ws, true));
		// ws reports protocol errors (bad frames, oversize beyond maxPayload) and then closes; the
		// 'close' event below does the cleanup, so the error itself needs no handling here.
		ws.on('error', () => {});
		ws.once('close', () => {
			if (silent !== undefined) clearTimeout(silent);
			alive.delete(ws);
			events.close();
		});
	};

	return {
		accept(req, socket, head, attach) {
			wss.handleUpgrade(req, socket, head, (ws) => bind(ws, attach));
		},
		close() {
			clearInterval(keepalive);
			for (const ws of alive.keys()) ws.terminate();
			alive.clear();
		}
	};
}

function toUint8Array(data: RawData): Uint8Array {
	if (Array.isArray(data)) return Buffer.concat(data);
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return data;
}
