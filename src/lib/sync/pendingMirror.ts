import type { PendingChange } from './PendingChanges';

/**
 * The list of unconfirmed changes, kept across an unload. IndexedDB's write may be aborted by the
 * unload itself (a reload right after typing offline), so closing or hiding the page also writes
 * the list, synchronously, to localStorage under `key`; the next page merges it
 * ({@link readPendingMirror}) and drops it. Used by the notice and by its comments.
 */
export function mirrorPendingOnUnload(key: string, items: () => readonly PendingChange[], beforeWrite: () => void = () => {}): () => void {
	const flush = () => {
		beforeWrite();
		try {
			const list = items();
			if (list.length) localStorage.setItem(key, JSON.stringify(list));
			else localStorage.removeItem(key);
		} catch {
			// Storage disabled or full: IndexedDB's copy is all there is.
		}
	};
	window.addEventListener('pagehide', flush);
	document.addEventListener('visibilitychange', flush);
	return () => {
		flush();
		window.removeEventListener('pagehide', flush);
		document.removeEventListener('visibilitychange', flush);
	};
}

/** The list a previous page mirrored under `key` (well-formed entries only), removed from localStorage. */
export function readPendingMirror(key: string): PendingChange[] {
	try {
		const mirrored: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
		localStorage.removeItem(key);
		return Array.isArray(mirrored)
			? (mirrored as Partial<PendingChange>[]).filter((i): i is PendingChange => Number.isSafeInteger(i?.client) && Number.isSafeInteger(i?.clock))
			: [];
	} catch {
		// Storage disabled or a damaged copy: IndexedDB's copy still counts.
		return [];
	}
}
