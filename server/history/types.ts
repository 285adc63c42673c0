/** Types of a notice's version history (rules in HISTORY.md beside this file). */

/** Why a version exists: recorded while editing, at issue (ban hành), or asked for by a person. */
export type VersionKind = 'auto' | 'issue' | 'manual';

/** Someone who edited a notice between two versions (the connection's signed-in principal). [HS5] */
export interface Author {
	id: string;
	name: string;
}

/** A version in the list: everything but its content. */
export interface VersionSummary {
	/** 1, 2, 3… per notice, in recording order. */
	seq: number;
	/** Epoch milliseconds. */
	createdAt: number;
	kind: VersionKind;
	/** Who edited since the previous version, in the order they were first seen. */
	authors: Author[];
	/** Bytes of the stored state (for the curious and for monitoring). */
	size: number;
}

/** A version with its content: the Y update of the whole doc at that moment. [HS1] */
export interface StoredVersion extends VersionSummary {
	state: Uint8Array;
}

/** A history failure with a stable reason and a Vietnamese message. */
export class HistoryError extends Error {
	constructor(
		readonly reason: 'not-found' | 'forbidden' | 'invalid-input',
		message: string
	) {
		super(message);
		this.name = 'HistoryError';
	}
}

/**
 * True when `e` is a {@link HistoryError}. By name, not `instanceof`: the routes' bundle and the
 * host process each have their own copy of the class.
 */
export function isHistoryError(e: unknown): e is HistoryError {
	return e instanceof Error && e.name === 'HistoryError' && typeof (e as { reason?: unknown }).reason === 'string';
}
