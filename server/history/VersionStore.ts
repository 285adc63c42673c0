import type { Db } from '../db';
import type { Author, VersionKind, VersionSummary, StoredVersion } from './types';

interface VersionRow {
	seq: number;
	created_at: number;
	kind: string;
	authors_json: string;
	size: number;
}

function authorsOf(json: string): Author[] {
	try {
		const raw: unknown = JSON.parse(json);
		if (!Array.isArray(raw)) return [];
		return raw.filter((a): a is Author => typeof a === 'object' && a !== null && typeof a.id === 'string' && typeof a.name === 'string');
	} catch {
		// A row written by a later version of this code: show it without authors rather than fail the list.
		return [];
	}
}

function kindOf(kind: string): VersionKind {
	return kind === 'issue' || kind === 'manual' ? kind : 'auto';
}

function summaryOf(r: VersionRow): VersionSummary {
	return { seq: r.seq, createdAt: r.created_at, kind: kindOf(r.kind), authors: authorsOf(r.authors_json), size: r.size };
}

/**
 * The versions of every notice in the embedded database: one row per version holding the whole
 * doc state (a Y update), numbered 1, 2, 3… per notice. [HS1] Every version is kept. [HS6]
 */
export class VersionStore {
	#stmts: ReturnType<VersionStore['prepare']> | undefined;

	constructor(private readonly db: Db) {
		// After NoticeRegistry (the notices table) in services.ts: versions go with their notice.
		db.exec(`
			CREATE TABLE IF NOT EXISTS notice_versions (
				notice_id TEXT NOT NULL REFERENCES notices(id) ON DELETE CASCADE,
				seq INTEGER NOT NULL,
				created_at INTEGER NOT NULL,
				kind TEXT NOT NULL CHECK (kind IN ('auto', 'issue', 'manual')),
				authors_json TEXT NOT NULL DEFAULT '[]',
				state BLOB NOT NULL,
				-- Yjs snapshot (state vector and delete set): tells whether a doc changed since, deletions included.
				snapshot BLOB NOT NULL,
				PRIMARY KEY (notice_id, seq)
			);
		`);
	}

	private prepare() {
		return {
			insert: this.db.prepare(`
				INSERT INTO notice_versions (notice_id, seq, created_at, kind, authors_json, state, snapshot)
				SELECT @notice_id, COALESCE(MAX(seq), 0) + 1, @created_at, @kind, @authors_json, @state, @snapshot
				FROM notice_versions WHERE notice_id = @notice_id
				RETURNING seq`),
			list: this.db.prepare(`SELECT seq, created_at, kind, authors_json, length(state) AS size FROM notice_versions WHERE notice_id = ? ORDER BY seq DESC`),
			latest: this.db.prepare(
				`SELECT seq, created_at, kind, authors_json, length(state) AS size, snapshot FROM notice_versions WHERE notice_id = ? ORDER BY seq DESC LIMIT 1`
			),
			get: this.db.prepare(`SELECT seq, created_at, kind, authors_json, length(state) AS size, state FROM notice_versions WHERE notice_id = ? AND seq = ?`)
		};
	}

	#statements() {
		return (this.#stmts ??= this.prepare());
	}

	/** Appends a version of a notice and returns its seq (one more than the newest). */
	add(noticeId: string, v: { kind: VersionKind; createdAt: number; authors: readonly Author[]; state: Uint8Array; snapshot: Uint8Array }): number {
		const row = this.#statements().insert.get({
			notice_id: noticeId,
			created_at: v.createdAt,
			kind: v.kind,
			authors_json: JSON.stringify(v.authors),
			state: Buffer.from(v.state),
			snapshot: Buffer.from(v.snapshot)
		}) as { seq: number };
		return row.seq;
	}

	/** The versions of a notice, newest first, without their content. */
	list(noticeId: string): VersionSummary[] {
		return (this.#statements().list.all(noticeId) as VersionRow[]).map(summaryOf);
	}

	/** The newest version with its encoded Yjs snapshot (to tell whether the doc changed since), or undefined. */
	latest(noticeId: string): (VersionSummary & { snapshot: Uint8Array }) | undefined {
		const r = this.#statements().latest.get(noticeId) as (VersionRow & { snapshot: Buffer }) | undefined;
		return r && { ...summaryOf(r), snapshot: new Uint8Array(r.snapshot) };
	}

	/** One version with its content, or undefined. */
	get(noticeId: string, seq: number): StoredVersion | undefined {
		const r = this.#statements().get.get(noticeId, seq) as (VersionRow & { state: Buffer }) | undefined;
		return r && { ...summaryOf(r), state: new Uint8Array(r.state) };
	}
}
