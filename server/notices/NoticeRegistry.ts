import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { NoticeDoc, defaultMeta, type NoticeMeta } from '#shared/doc/noticeDoc';
import { foldVietnamese } from '#shared/text/fold';
import { vnToday } from '#shared/tracker/status';
import type { Db } from '../db';
import type { Statement } from 'better-sqlite3';
import type { DocStore } from '../store/types';
import type { User } from '../auth/types';
import type { Access } from '../sync/types';
import { takePending } from '../sync/updateValidator';

/** A notice in the list (a projection of its doc's header). */
export interface NoticeSummary {
	id: string;
	title: string;
	number: string;
	symbol: string;
	date: string;
	state: 'draft' | 'issued';
	createdBy: string;
	createdAt: number;
	updatedAt: number;
	access: Access;
}

interface NoticeRow {
	id: string;
	title: string;
	number: string;
	symbol: string;
	date: string;
	state: string;
	created_by: string;
	created_at: number;
	updated_at: number;
}

/** A draft that holds changes which reached an issued notice too late ([P11]), or its issued successor. */
export interface AmendmentSummary {
	id: string;
	title: string;
	state: 'draft' | 'issued';
	number: string;
	symbol: string;
	/** User id and display name of the person whose late changes it holds. */
	authorId: string;
	authorName: string;
	createdAt: number;
}

/** The issued notice an amendment draft corrects (bổ sung / đính chính). */
export interface AmendedNotice {
	id: string;
	title: string;
	number: string;
	symbol: string;
	date: string;
}

/** An error about notices with a stable reason and a Vietnamese message. */
export class NoticeError extends Error {
	constructor(
		readonly reason: 'not-found' | 'forbidden' | 'invalid-input',
		message: string
	) {
		super(message);
		this.name = 'NoticeError';
	}
}

/** A fresh random id for notices and blocks: 16 url-safe characters. */
export function newId(): string {
	// Never starting with "-" or "_": an id is typed on command lines ("export ID"), where a
	// leading dash reads as an option.
	for (;;) {
		const id = randomBytes(12).toString('base64url');
		if (/^[A-Za-z0-9]/.test(id)) return id;
	}
}

/**
 * The list of notices, who may open them, and the projection of each doc's header into the
 * database (for the newest-first list and search). The doc itself lives in the DocStore.
 */
/**
 * The issued notice numbered `number`/`symbol` in `year` other than `exceptId`, if any (numbers
 * compared as integers: "07" is 7). Issuing (TrackerService) and import both ask it.
 */
export function findIssuedNotice(db: Db, symbol: string, number: string, year: string, exceptId = ''): { id: string; title: string } | undefined {
	if (!/^\d{1,6}$/.test(number.trim())) return undefined;
	return db
		.prepare(
			`SELECT id, title FROM notices WHERE state = 'issued' AND symbol = ? AND CAST(number AS INTEGER) = ? AND substr(date, 1, 4) = ? AND id <> ? LIMIT 1`
		)
		.get(symbol, Number(number.trim()), year, exceptId) as { id: string; title: string } | undefined;
}

export class NoticeRegistry {
	readonly #projected = new Map<string, string>();
	#updateRow: Statement | undefined;
	constructor(
		private readonly db: Db,
		private readonly store: DocStore,
		/** The office's own header (OfficeProfileStore): a new notice starts with it. */
		private readonly officeHeader: () => Partial<NoticeMeta> = () => ({})
	) {
		db.exec(`
			CREATE TABLE IF NOT EXISTS notices (
				id TEXT PRIMARY KEY,
				title TEXT NOT NULL DEFAULT '',
				number TEXT NOT NULL DEFAULT '',
				symbol TEXT NOT NULL DEFAULT '',
				date TEXT NOT NULL DEFAULT '',
				state TEXT NOT NULL DEFAULT 'draft',
				search_text TEXT NOT NULL DEFAULT '',
				created_by TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				updated_at INTEGER NOT NULL
			);
			CREATE INDEX IF NOT EXISTS notices_updated ON notices(created_at DESC);
			CREATE TABLE IF NOT EXISTS notice_members (
				notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
				user_id TEXT NOT NULL,
				access TEXT NOT NULL CHECK (access IN ('write', 'read')),
				PRIMARY KEY (notice_id, user_id)
			);
		`);
		// [P11] An amendment draft names the issued notice it corrects and whose late changes it
		// holds. Added when missing, so a database made by an older version opens.
		const have = new Set((db.prepare(`PRAGMA table_info(notices)`).all() as { name: string }[]).map((c) => c.name));
		if (!have.has('amends')) db.exec(`ALTER TABLE notices ADD COLUMN amends TEXT`);
		if (!have.has('amended_by')) db.exec(`ALTER TABLE notices ADD COLUMN amended_by TEXT`);
		db.exec(`CREATE INDEX IF NOT EXISTS notices_amends ON notices(amends, amended_by)`);
	}

	/**
	 * Creates a notice: its first update (header defaults plus one empty paragraph with an id) is
	 * appended to the store before the row exists, so a listed notice always has a loadable doc.
	 */
	async create(user: User, patch: Partial<NoticeMeta> = {}): Promise<string> {
		const id = newId();
		const ydoc = new Y.Doc();
		const notice = new NoticeDoc(ydoc);
		const meta = { ...defaultMeta(vnToday()), ...this.officeHeader(), ...patch, state: 'draft' as const };
		notice.writeMeta(meta);
		notice.setBodyParagraphs([''], newId);
		await this.store.append(id, Y.encodeStateAsUpdate(ydoc));
		const now = Date.now();
		this.db
			.prepare(
				`INSERT INTO notices (id, title, number, symbol, date, state, search_text, created_by, created_at, updated_at)
				 VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`
			)
			.run(id, meta.title, meta.number, meta.symbol, meta.date, foldVietnamese(meta.title), user.id, now, now);
		ydoc.destroy();
		return id;
	}

	/**
	 * Creates a notice from a doc built outside the sync server (an imported file): the doc's whole
	 * state is appended as the notice's first update before the row exists, as in {@link create}.
	 * The header is read from the doc; the state is always draft.
	 */
	async createFromDoc(user: User, ydoc: Y.Doc): Promise<string> {
		const id = newId();
		const notice = new NoticeDoc(ydoc);
		if (notice.readMeta().state !== 'draft') notice.writeMeta({ state: 'draft' });
		await this.store.append(id, Y.encodeStateAsUpdate(ydoc));
		const meta = notice.readMeta();
		const now = Date.now();
		this.db
			.prepare(
				`INSERT INTO notices (id, title, number, symbol, date, state, search_text, created_by, created_at, updated_at)
				 VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)`
			)
			.run(id, meta.title, meta.number, meta.symbol, meta.date, foldVietnamese(meta.title), user.id, now, now);
		return id;
	}

	/**
	 * The notice's doc as stored (no access check). The sync server stores every update before it
	 * applies it, so this holds every edit a participant has seen. Throws NoticeError('not-found').
	 */
	async loadDoc(id: string): Promise<Y.Doc> {
		if (!this.exists(id)) throw new NoticeError('not-found', 'Không tìm thấy thông báo.');
		const { updates } = await this.store.load(id);
		const ydoc = new Y.Doc();
		ydoc.transact(() => {
			for (const u of updates) {
				Y.applyUpdate(ydoc, u);
				// [P14] A log stored before updates were checked may hold what Yjs cannot integrate:
				// dropped at once, or every later update would read it again (the room repairs it for good).
				takePending(ydoc);
			}
		});
		return ydoc;
	}

	/** What `user` may do with notice `id`: 'write', 'read', or null (no access or no such notice). */
	accessFor(user: User, id: string): Access | null {
		const { access, state } = this.#access(user, id);
		// An issued notice is frozen: nobody writes to it any more.
		return access && state === 'issued' ? 'read' : access;
	}

	/**
	 * True when `user` could write to notice `id` before it was issued: what they send it now is
	 * kept as an amendment draft instead of being refused ([P11]).
	 */
	mayAmend(user: User, id: string): boolean {
		const { access, state } = this.#access(user, id);
		return access === 'write' && state === 'issued';
	}

	#access(user: User, id: string): { access: Access | null; state: string } {
		const row = this.db.prepare('SELECT created_by, state FROM notices WHERE id = ?').get(id) as { created_by: string; state: string } | undefined;
		if (!row) return { access: null, state: 'draft' };
		const member = this.db.prepare('SELECT access FROM notice_members WHERE notice_id = ? AND user_id = ?').get(id, user.id) as { access: Access } | undefined;
		let access: Access | null;
		if (user.role === 'admin' || row.created_by === user.id) access = 'write';
		else if (member) access = member.access;
		else if (user.role === 'office') access = 'write';
		else if (user.role === 'leader') access = 'read';
		// An agency reads an issued notice that names it (lead or support) in one of its tasks.
		else if (user.role === 'agency' && row.state === 'issued' && user.agency && this.#namesAgency(id, user.agency)) access = 'read';
		else access = null;
		return { access, state: row.state };
	}

	#namesAgency(noticeId: string, agency: string): boolean {
		return (
			this.db
				.prepare(
					`SELECT 1 FROM tasks t JOIN task_agencies a ON a.notice_id = t.notice_id AND a.task_id = t.task_id WHERE t.notice_id = ? AND t.state = 'official' AND a.agency_folded = ? LIMIT 1`
				)
				.get(noticeId, foldVietnamese(agency)) !== undefined
		);
	}

	/**
	 * Creates the amendment draft (bổ sung / đính chính) of issued notice `amends` holding the late
	 * changes of `authorId` ([P11]): the doc is appended to the store before the row exists (as in
	 * {@link create}); the draft has the issued notice's creator and access list.
	 */
	async createAmendment(amends: string, authorId: string, ydoc: Y.Doc): Promise<string> {
		const issued = this.db.prepare('SELECT created_by FROM notices WHERE id = ?').get(amends) as { created_by: string } | undefined;
		if (!issued) throw new NoticeError('not-found', 'Không tìm thấy thông báo.');
		const id = newId();
		await this.store.append(id, Y.encodeStateAsUpdate(ydoc));
		const meta = new NoticeDoc(ydoc).readMeta();
		const now = Date.now();
		this.db.transaction(() => {
			this.db
				.prepare(
					`INSERT INTO notices (id, title, number, symbol, date, state, search_text, created_by, created_at, updated_at, amends, amended_by)
					 VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?)`
				)
				.run(id, meta.title, meta.number, meta.symbol, meta.date, foldVietnamese(meta.title), issued.created_by, now, now, amends, authorId);
			this.db
				.prepare(`INSERT INTO notice_members (notice_id, user_id, access) SELECT ?, user_id, access FROM notice_members WHERE notice_id = ?`)
				.run(id, amends);
		})();
		return id;
	}

	/** The open (draft) amendment of issued notice `amends` that holds `authorId`'s late changes, if any. */
	openAmendment(amends: string, authorId: string): string | undefined {
		const row = this.db
			.prepare(`SELECT id FROM notices WHERE amends = ? AND amended_by = ? AND state = 'draft' ORDER BY created_at DESC LIMIT 1`)
			.get(amends, authorId) as { id: string } | undefined;
		return row?.id;
	}

	/** The amendments of notice `id` that `user` may open, oldest first. */
	amendmentsOf(user: User, id: string): AmendmentSummary[] {
		const rows = this.db
			.prepare(
				`SELECT n.id, n.title, n.state, n.number, n.symbol, n.amended_by, n.created_at, COALESCE(u.display_name, n.amended_by) AS author_name
				 FROM notices n LEFT JOIN users u ON u.id = n.amended_by WHERE n.amends = ? ORDER BY n.created_at, n.id`
			)
			.all(id) as { id: string; title: string; state: string; number: string; symbol: string; amended_by: string; created_at: number; author_name: string }[];
		return rows
			.filter((r) => this.accessFor(user, r.id) !== null)
			.map((r) => ({
				id: r.id,
				title: r.title,
				state: r.state === 'issued' ? 'issued' : 'draft',
				number: r.number,
				symbol: r.symbol,
				authorId: r.amended_by,
				authorName: r.author_name,
				createdAt: r.created_at
			}));
	}

	/** The issued notice that notice `id` amends, when it is an amendment draft. */
	amendedNotice(id: string): AmendedNotice | undefined {
		return this.db.prepare(`SELECT o.id, o.title, o.number, o.symbol, o.date FROM notices n JOIN notices o ON o.id = n.amends WHERE n.id = ?`).get(id) as
			AmendedNotice | undefined;
	}

	/** Gives `userId` explicit access to a notice (overrides the role default). */
	share(id: string, userId: string, access: Access): void {
		if (!this.exists(id)) throw new NoticeError('not-found', 'Không tìm thấy thông báo.');
		this.db
			.prepare(
				'INSERT INTO notice_members (notice_id, user_id, access) VALUES (?, ?, ?) ON CONFLICT(notice_id, user_id) DO UPDATE SET access = excluded.access'
			)
			.run(id, userId, access);
	}

	/** The list entry of one notice (no access check), or undefined. */
	summary(id: string): { title: string; number: string; symbol: string; date: string; state: 'draft' | 'issued' } | undefined {
		const r = this.db.prepare('SELECT title, number, symbol, date, state FROM notices WHERE id = ?').get(id) as
			{ title: string; number: string; symbol: string; date: string; state: string } | undefined;
		return r && { ...r, state: r.state === 'issued' ? 'issued' : 'draft' };
	}

	/** True when the notice exists. */
	exists(id: string): boolean {
		return this.db.prepare('SELECT 1 FROM notices WHERE id = ?').get(id) !== undefined;
	}

	/**
	 * One page of the notices `user` may open (`query` matches title or number without
	 * diacritics), newest first — by the notice's own date, a draft
	 * without one by the day it was created — with how many there are in all, so the list says
	 * "1–50 / 2 000" instead of silently stopping. Office, leaders and the administrator open every
	 * notice, so their count is one SQL count; an agency's notices are those that name it, counted
	 * by walking them.
	 */
	listPage(user: User, query = '', page = 1, pageSize = 50): { rows: NoticeSummary[]; total: number; page: number; pageSize: number } {
		const q = foldVietnamese(query);
		const like = q.replace(/[\\%_]/g, (c) => '\\' + c);
		const where = `(? = '' OR search_text LIKE '%' || ? || '%' ESCAPE '\\')`;
		const order = `ORDER BY COALESCE(NULLIF(date, ''), date(created_at / 1000, 'unixepoch', '+7 hours')) DESC, created_at DESC, id`;
		const size = Math.max(1, Math.min(500, Math.floor(pageSize)));
		const wanted = Math.max(1, Math.floor(page) || 1);
		const summary = (r: NoticeRow, access: Access): NoticeSummary => ({
			id: r.id,
			title: r.title,
			number: r.number,
			symbol: r.symbol,
			date: r.date,
			state: r.state === 'issued' ? 'issued' : 'draft',
			createdBy: r.created_by,
			createdAt: r.created_at,
			updatedAt: r.updated_at,
			access
		});
		if (user.role === 'admin' || user.role === 'office' || user.role === 'leader') {
			const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM notices WHERE ${where}`).get(q, like) as { n: number }).n;
			const last = Math.max(1, Math.ceil(total / size));
			const at = Math.min(wanted, last);
			const rows = this.db.prepare(`SELECT * FROM notices WHERE ${where} ${order} LIMIT ? OFFSET ?`).all(q, like, size, (at - 1) * size) as NoticeRow[];
			return { rows: rows.map((r) => summary(r, this.accessFor(user, r.id) ?? 'read')), total, page: at, pageSize: size };
		}
		const ids = this.db.prepare(`SELECT id FROM notices WHERE ${where} ${order}`).all(q, like) as { id: string }[];
		const open: { id: string; access: Access }[] = [];
		for (const { id } of ids) {
			const access = this.accessFor(user, id);
			if (access) open.push({ id, access });
		}
		const last = Math.max(1, Math.ceil(open.length / size));
		const at = Math.min(wanted, last);
		const rows = open
			.slice((at - 1) * size, at * size)
			.map(({ id, access }) => summary(this.db.prepare('SELECT * FROM notices WHERE id = ?').get(id) as NoticeRow, access));
		return { rows, total: open.length, page: at, pageSize: size };
	}

	/** Projects a doc's header into the notices row (called by the sync server after changes). */
	/** The issued notice numbered `number`/`symbol` in `year`, if any (numbers compared as integers: "07" is 7). */
	findIssued(symbol: string, number: string, year: string): { id: string; title: string } | undefined {
		return findIssuedNotice(this.db, symbol, number, year);
	}

	project(id: string, doc: Y.Doc): void {
		const notice = new NoticeDoc(doc);
		const m = notice.readMeta();
		const search = foldVietnamese([m.title, `${m.number}/${m.symbol}`, m.chair, notice.bodyText().slice(0, 4000)].join(' '));
		const sig = [m.title, m.number, m.symbol, m.date, search].join('\u0001');
		// Typing in the body rarely changes what the list shows; skip the write when nothing did.
		if (this.#projected.get(id) === sig) return;
		this.#projected.set(id, sig);
		if (this.#projected.size > 1000) this.#projected.delete(this.#projected.keys().next().value as string);
		(this.#updateRow ??= this.db.prepare('UPDATE notices SET title = ?, number = ?, symbol = ?, date = ?, search_text = ?, updated_at = ? WHERE id = ?')).run(
			m.title,
			m.number,
			m.symbol,
			m.date,
			search,
			Date.now(),
			id
		);
	}
}
