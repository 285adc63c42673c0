import type { ConnectionInfo, SyncSocket } from './types';

/**
 * Where a connection is in its life: `waiting` while its room loads (frames are kept in order),
 * `open` once greeted, `closed` after either side closed it (late frames are ignored).
 */
export type ConnectionState = { kind: 'waiting'; inbox: Uint8Array[] } | { kind: 'open' } | { kind: 'closed' };

/** One client connection to one room (notice). */
export class Connection {
	/** Unique per process; used in transaction origins and logs. */
	readonly id: number;
	readonly socket: SyncSocket;
	readonly info: ConnectionInfo;
	/** Awareness client ids this connection controls (removed for everyone when it closes). */
	readonly awarenessIds = new Set<number>();
	state: ConnectionState = { kind: 'waiting', inbox: [] };

	constructor(id: number, socket: SyncSocket, info: ConnectionInfo) {
		this.id = id;
		this.socket = socket;
		this.info = info;
	}

	/** True once closed by either side. */
	get closed(): boolean {
		return this.state.kind === 'closed';
	}
}
