import type * as Y from 'yjs';

/**
 * Forgets what Yjs keeps pending in a browser's copy of a doc (structures and deletes it could not
 * integrate yet). A browser's step 2 sends its pending part too, and the server refuses an update
 * naming items it does not have ([P14], UPDATE_REFUSED): a copy that kept a poisoned update from
 * before the checks (in IndexedDB) could then never save again. Safe to drop at any time: nothing
 * typed here is ever pending, and whatever the server does have it sends again in its step 2,
 * because the pending part is not in this copy's state vector. True when something was dropped.
 */
export function dropPending(doc: Y.Doc): boolean {
	const store = doc.store;
	if (store.pendingStructs === null && store.pendingDs === null) return false;
	store.pendingStructs = null;
	store.pendingDs = null;
	return true;
}
