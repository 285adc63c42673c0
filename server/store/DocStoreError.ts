/** Why a store operation failed: `closed` after `close()`, `write-failed` when a commit threw. */
export type DocStoreErrorReason = 'closed' | 'write-failed';

/** Error thrown (rejected) by a DocStore, with a stable `reason`. */
export class DocStoreError extends Error {
	/** Stable machine-readable cause. */
	readonly reason: DocStoreErrorReason;

	constructor(reason: DocStoreErrorReason, message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'DocStoreError';
		this.reason = reason;
	}
}
