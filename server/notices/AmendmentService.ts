import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import type { LateUpdate } from '../sync/types';
import type { NoticeRegistry } from './NoticeRegistry';

/** What keeping late changes needs from the host: the registry, server-side doc changes, projections. */
export interface AmendmentDeps {
	notices: NoticeRegistry;
	/** Applies a server change to a notice's doc through the sync server (stored before it is seen). */
	updateDoc(noticeId: string, change: (doc: Y.Doc) => void): Promise<Y.Doc>;
	/** Projects a notice's doc into the list and the tracker (its tasks as drafts). */
	project(noticeId: string, doc: Y.Doc): void;
}

/** Title prefix of an amendment draft (Decree 30/2020 calls a correcting notice "bổ sung, đính chính"). */
export const AMENDMENT_TITLE_PREFIX = 'Bổ sung, đính chính: ';

/** Origin of the server's own header writes in an amendment doc. */
const AMENDMENT_ORIGIN = 'amendment';

/**
 * [P11] Nothing lost at issue: changes that reach an issued notice too late become a draft
 * "bổ sung / đính chính" linked to it — one open draft per issued notice and author, so the office
 * sees whose changes it reviews and a second reconnect does not make a second draft.
 */
export class AmendmentService {
	/** One late update at a time, everywhere: two for the same author must not both create a draft. */
	#chain: Promise<unknown> = Promise.resolve();

	constructor(private readonly deps: AmendmentDeps) {}

	/** Keeps `late` (sent to issued notice `issuedId`) and resolves with the id of the draft holding it. */
	keep(issuedId: string, late: LateUpdate): Promise<string> {
		const run = this.#chain.then(() => this.#keepNow(issuedId, late));
		this.#chain = run.catch(() => {
			/* the caller gets the error; the next late update must still run */
		});
		return run;
	}

	async #keepNow(issuedId: string, late: LateUpdate): Promise<string> {
		const { notices } = this.deps;
		const open = notices.openAmendment(issuedId, late.principal.userId);
		if (open !== undefined) {
			// Appended through the sync server: someone may be editing the draft right now.
			const doc = await this.deps.updateDoc(open, (d) => Y.applyUpdate(d, late.update));
			this.deps.project(open, doc);
			doc.destroy();
			return open;
		}
		const doc = new Y.Doc();
		try {
			Y.applyUpdate(doc, late.base);
			const notice = new NoticeDoc(doc);
			const issued = notice.readMeta();
			Y.applyUpdate(doc, late.update);
			const after = notice.readMeta();
			// Header fields the author changed stay as they typed them; the issued number belongs to
			// the issued notice (the correcting notice gets its own when it is issued).
			notice.writeMeta(
				{
					state: 'draft',
					number: after.number === issued.number ? '' : after.number,
					title: after.title === issued.title ? (AMENDMENT_TITLE_PREFIX + after.title).slice(0, 500) : after.title
				},
				AMENDMENT_ORIGIN
			);
			const id = await notices.createAmendment(issuedId, late.principal.userId, doc);
			this.deps.project(id, doc);
			return id;
		} finally {
			doc.destroy();
		}
	}
}
