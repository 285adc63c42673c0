/** The WebSocket sync endpoint (y-websocket protocol) and its room logic. */
export { createSyncServer } from './createSyncServer';
export { SyncHub, DEFAULT_TUNING } from './SyncHub';
export type * from './types';
