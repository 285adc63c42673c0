import * as Y from 'yjs';
import { NoticeDoc } from '#shared/doc/noticeDoc';
import { diffVersions, versionContent, type VersionDiff } from '#shared/doc/versionDiff';
import { TaskDeriver } from '#shared/tasks/draftTasks';
import type { AgencyDirectory } from '#shared/agencies/types';
import type { User } from '../auth/types';
import type { Db } from '../db';
import type { NoticeRegistry } from '../notices/NoticeRegistry';
import type { Access } from '../sync/types';
import type { HistoryRecorder } from './HistoryRecorder';
import type { VersionStore } from './VersionStore';
import { HistoryError, type VersionSummary } from './types';

/** Roles that may create notices, hence restore a version as a new draft. [HS7] */
const CREATORS: readonly User['role'][] = ['admin', 'office'];

/** The history page of a notice. */
export interface HistoryList {
	noticeId: string;
	title: string;
	state: 'draft' | 'issued';
	access: Access;
	versions: VersionSummary[];
	/** The user may restore a version as a new draft. */
	canRestore: boolean;
	/** The user may save a version by hand (they may write the draft). */
	canSave: boolean;
}

/** One version, compared with the notice's current text. [HS9] */
export interface VersionView {
	noticeId: string;
	title: string;
	version: VersionSummary;
	/** The version's own header title (what the notice was called then). */
	versionTitle: string;
	/** From the version to the current text: what changed since. */
	diff: VersionDiff;
	canRestore: boolean;
}

/**
 * Reading a notice's version history, comparing a version with the current text, and restoring
 * a version as a new draft (HISTORY.md [HS7]–[HS9]). Access is checked here, not in the routes.
 */
export class HistoryService {
	constructor(
		private readonly db: Db,
		private readonly versions: VersionStore,
		private readonly notices: NoticeRegistry,
		private readonly recorder: HistoryRecorder,
		private readonly directory: () => AgencyDirectory
	) {}

	#readable(user: User, noticeId: string): Access {
		if (!this.notices.exists(noticeId)) throw new HistoryError('not-found', 'Không tìm thấy thông báo này.');
		const access = this.notices.accessFor(user, noticeId);
		if (!access) throw new HistoryError('forbidden', 'Bạn không có quyền xem thông báo này.');
		return access;
	}

	#version(noticeId: string, seq: number) {
		const v = Number.isSafeInteger(seq) && seq > 0 ? this.versions.get(noticeId, seq) : undefined;
		if (!v) throw new HistoryError('not-found', 'Không tìm thấy phiên bản này của thông báo.');
		return v;
	}

	/** The versions of a notice `user` may read, newest first. [HS7] */
	list(user: User, noticeId: string): HistoryList {
		const access = this.#readable(user, noticeId);
		const summary = this.notices.summary(noticeId);
		return {
			noticeId,
			title: summary?.title ?? '',
			state: summary?.state ?? 'draft',
			access,
			versions: this.versions.list(noticeId),
			canRestore: CREATORS.includes(user.role),
			canSave: access === 'write'
		};
	}

	/** Version `seq` with its diff against the current text. [HS9] */
	async view(user: User, noticeId: string, seq: number): Promise<VersionView> {
		this.#readable(user, noticeId);
		const stored = this.#version(noticeId, seq);
		const { state, ...version } = stored;
		const then = new Y.Doc();
		const now = await this.notices.loadDoc(noticeId);
		try {
			Y.applyUpdate(then, state);
			const deriver = new TaskDeriver(this.directory());
			const before = versionContent(then, deriver);
			const after = versionContent(now, deriver);
			return {
				noticeId,
				title: after.meta.title,
				version,
				versionTitle: before.meta.title,
				diff: diffVersions(before, after),
				canRestore: CREATORS.includes(user.role)
			};
		} finally {
			then.destroy();
			now.destroy();
		}
	}

	/** Records the issued (frozen) state as an 'issue' version; called once issuing succeeded. [HS4] */
	recordIssue(user: User, noticeId: string): Promise<number | null> {
		return this.recorder.recordIssue(noticeId, { userId: user.id, name: user.displayName });
	}

	/** Records the current state as a 'manual' version; needs write access to the draft. */
	async save(user: User, noticeId: string): Promise<number | null> {
		if (this.#readable(user, noticeId) !== 'write') throw new HistoryError('forbidden', 'Bạn không có quyền sửa thông báo này nên không lưu được phiên bản.');
		return this.recorder.recordManual(noticeId, { userId: user.id, name: user.displayName });
	}

	/**
	 * "Khôi phục thành dự thảo mới" [HS8]: a new draft whose body, header and task corrections are
	 * the version's, titled as restored from it, shared like the original; the original is untouched.
	 * Returns the new notice's id.
	 */
	async restore(user: User, noticeId: string, seq: number): Promise<string> {
		this.#readable(user, noticeId);
		if (!CREATORS.includes(user.role))
			throw new HistoryError('forbidden', 'Chỉ chuyên viên Văn phòng hoặc quản trị viên được khôi phục phiên bản thành dự thảo mới.');
		const stored = this.#version(noticeId, seq);
		const source = new Y.Doc();
		const copy = new Y.Doc();
		try {
			Y.applyUpdate(source, stored.state);
			const from = new NoticeDoc(source);
			const to = new NoticeDoc(copy);
			const meta = from.readMeta();
			const original = this.notices.summary(noticeId);
			const ref = original?.number ? `số ${original.number}/${original.symbol}` : `“${original?.title || noticeId}”`;
			const note = `khôi phục từ phiên bản ${seq} của thông báo ${ref}`;
			// A fresh doc rather than the version's own Yjs history: the draft starts clean, keeps the
			// block ids (so its tasks keep their identity) and carries no number — it is not issued.
			to.writeMeta({ ...meta, number: '', state: 'draft', title: meta.title ? `${meta.title} (${note})` : `Dự thảo ${note}` });
			copy.transact(() => {
				const nodes = from.content.toArray().flatMap((n) => (n instanceof Y.XmlElement || n instanceof Y.XmlText ? [n.clone()] : []));
				to.content.insert(0, nodes);
				for (const [taskId, c] of from.readCorrections()) to.correctTask(taskId, c);
			});
			const newId = await this.notices.createFromDoc(user, copy);
			this.#copyAccess(noticeId, newId, user);
			return newId;
		} finally {
			source.destroy();
			copy.destroy();
		}
	}

	/** The new draft is shared like the original: its members, and its creator as a writer. [HS8] */
	#copyAccess(from: string, to: string, restorer: User): void {
		// NoticeRegistry has no reader for members; this reads its table and writes through it.
		const members = this.db.prepare(`SELECT user_id, access FROM notice_members WHERE notice_id = ?`).all(from) as { user_id: string; access: Access }[];
		const owner = this.db.prepare(`SELECT created_by FROM notices WHERE id = ?`).get(from) as { created_by: string } | undefined;
		for (const m of members) if (m.user_id !== restorer.id) this.notices.share(to, m.user_id, m.access);
		if (owner && owner.created_by !== restorer.id && !members.some((m) => m.user_id === owner.created_by)) this.notices.share(to, owner.created_by, 'write');
	}
}
