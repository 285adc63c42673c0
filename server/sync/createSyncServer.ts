import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import { ACK_QUERY_PARAM, isCoveredBy, parseRoomName } from '#shared/protocol';
import { MemoryClient, pump } from './MemorySocket';
import { DEFAULT_TUNING, SyncHub } from './SyncHub';
import type { SyncLog, SyncServer, SyncServerOptions } from './types';
import { createWsTransport } from './wsTransport';
import { rateLimitedLog } from './rateLimitedLog';

/**
 * Creates the WebSocket sync endpoint `<path>/<noticeId>`. Authorization happens during the HTTP
 * upgrade, before the socket is accepted: a refused request gets a plain HTTP status (401, 403,
 * 404) and never becomes a WebSocket.
 */
export function createSyncServer(options: SyncServerOptions): SyncServer {
	const tuning = options.tuning ?? {};
	// One line per event and a bounded number of them: clients cannot fill the operator's log.
	const log: SyncLog = tuning.log ?? rateLimitedLog();
	const hub = new SyncHub({
		store: options.store,
		onDocChanged: options.onDocChanged,
		onLateUpdate: options.onLateUpdate,
		onClientUpdate: options.onClientUpdate,
		docShape: options.docShape,
		invalidCredentials: options.invalidCredentials,
		tuning: { ...tuning, log }
	});
	const transport = createWsTransport({
		maxMessageBytes: tuning.maxMessageBytes ?? DEFAULT_TUNING.maxMessageBytes,
		pingIntervalMs: tuning.pingIntervalMs ?? DEFAULT_TUNING.pingIntervalMs,
		silentTimeoutMs: tuning.silentTimeoutMs ?? 30_000
	});
	const prefix = options.path.replace(/\/+$/, '') + '/';
	/** Upgrades between "authorize called" and "socket handed to ws"; close() waits for them. */
	const admitting = new Set<Promise<void>>();

	const admit = async (req: IncomingMessage, socket: Duplex, head: Buffer, noticeId: string, wantsAck: boolean) => {
		const result = await options.authorize(req, noticeId);
		if (!result.ok) {
			refuse(socket, result.status);
			return;
		}
		if (hub.closing) {
			refuse(socket, 503);
			return;
		}
		// The client may have given up while we were checking its credentials.
		if (socket.destroyed || !socket.writable) return;
		transport.accept(req, socket, head, (syncSocket) =>
			hub.connect(noticeId, syncSocket, {
				principal: result.principal,
				access: result.access,
				wantsAck,
				amends: result.amends === true,
				credential: result.credential
			})
		);
	};

	return {
		handleUpgrade(req, socket, head) {
			const url = new URL(req.url ?? '/', 'http://localhost');
			if (!url.pathname.startsWith(prefix)) return false;
			// Until ws owns the socket, a reset by the client must not become an unhandled 'error'.
			const onEarlyError = (): void => {
				socket.destroy();
			};
			socket.on('error', onEarlyError);
			const noticeId = url.pathname.slice(prefix.length);
			// A room is a notice or its comments (`<noticeId>~comments`); authorize tells them apart.
			if (parseRoomName(noticeId) === null) {
				refuse(socket, 404);
				return true;
			}
			if (hub.closing) {
				refuse(socket, 503);
				return true;
			}
			const wantsAck = url.searchParams.get(ACK_QUERY_PARAM) === '1';
			const pending = admit(req, socket, head, noticeId, wantsAck)
				.catch((error: unknown) => {
					log.error(`sync: authorizing an upgrade for ${noticeId} failed`, error);
					refuse(socket, 500);
				})
				.finally(() => {
					socket.off('error', onEarlyError);
					admitting.delete(pending);
				});
			admitting.add(pending);
			return true;
		},

		loadedDocs: () => hub.loadedDocs(),

		setFrozen: (noticeId, frozen) => hub.setFrozen(noticeId, frozen),

		async updateDoc(noticeId, change) {
			// The server speaks to the room as one more (in-memory) client, so its change takes the
			// same road as everyone's: appended to the store, then applied and broadcast.
			const client = new MemoryClient(hub, noticeId, { principal: SYSTEM, access: 'write', wantsAck: true, system: true });
			try {
				await pump(hub, [client]);
				if (!client.synced) throw new Error(`sync: could not load ${noticeId} to change it`);
				change(client.doc);
				await pump(hub, [client]);
				const local = Y.encodeStateVector(client.doc);
				if (client.socket.closedWith || !client.savedStateVector || !isCoveredBy(local, client.savedStateVector))
					throw new Error(`sync: the server's change to ${noticeId} was not stored`);
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
				return copy;
			} finally {
				client.destroy();
			}
		},

		closeNotice: (noticeId, code) => hub.closeNotice(noticeId, code),

		closeConnections: (selector, code, reason) => hub.closeConnections(selector, code, reason),

		async close() {
			const inFlight = [...admitting];
			// Set `closing` first so upgrades finishing their authorization now are refused (503).
			const closed = hub.close();
			await Promise.allSettled(inFlight);
			await closed;
			transport.close();
		}
	};
}

/** Who the server's own changes are made by. */
const SYSTEM = { userId: 'system', name: 'Kết Luận' };

/** Answers an upgrade request with a plain HTTP error and closes the socket (never a WebSocket). */
function refuse(socket: Duplex, status: number): void {
	if (socket.destroyed) return;
	const body = STATUS_CODES[status] ?? 'Error';
	socket.once('finish', () => socket.destroy());
	socket.end(
		`HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n` +
			`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}
