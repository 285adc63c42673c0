import type { Db } from '../db';
import { EMPTY_NARRATIVE, MAX_NARRATIVE_CHARS, NARRATIVE_SECTIONS, type NarrativeText } from '#shared/format/reportNarrative';
import { PERIOD_KINDS, type PeriodKind } from '#shared/format/period';

/**
 * The report's written paragraphs (sections 1, 2 and 3.1 of seed 001), one row per report period:
 * kind, year and index (the month 1–12, the quarter 1–4, the half 1–2; 1 for nine months and the
 * year). Custom periods have none. Issue 9 [4].
 */
export interface NarrativeKey {
	kind: PeriodKind;
	year: number;
	index: number;
}

/** A period's written sections, with who saved them last and when (null when never saved). */
export interface ReportNarrative {
	sections: NarrativeText;
	updatedAt: number | null;
	updatedBy: string | null;
}

/** Text that cannot be stored, with the Vietnamese reason (nothing was changed). */
export class ReportNarrativeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ReportNarrativeError';
	}
}

/**
 * The key of a report period as the report page names it, or null for a custom period (written
 * paragraphs belong to the office's regular periods). The index is brought into the kind's range as
 * the period itself is.
 */
export function narrativeKey(kind: string, year: number, index: number): NarrativeKey | null {
	if (!(PERIOD_KINDS as readonly string[]).includes(kind) || !Number.isInteger(year) || year < 2000 || year > 2100) return null;
	if (!Number.isInteger(index) || index < 1 || index > 12) return null;
	const k = kind as PeriodKind;
	return { kind: k, year, index: k === 'month' ? index : k === 'quarter' ? Math.min(index, 4) : k === 'half' ? Math.min(index, 2) : 1 };
}

/** One section as stored: NFC, Unix line ends, no trailing spaces, at most one blank line in a row. */
function clean(text: string): string {
	return text
		.normalize('NFC')
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]+$/gm, '')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

/** The written paragraphs of the reports, in the embedded database. */
export class ReportNarrativeStore {
	constructor(private readonly db: Db) {
		db.exec(`
			CREATE TABLE IF NOT EXISTS report_narratives (
				kind TEXT NOT NULL,
				year INTEGER NOT NULL,
				idx INTEGER NOT NULL,
				direction TEXT NOT NULL DEFAULT '',
				central TEXT NOT NULL DEFAULT '',
				programme TEXT NOT NULL DEFAULT '',
				updated_at INTEGER NOT NULL,
				updated_by TEXT,
				PRIMARY KEY (kind, year, idx)
			)
		`);
	}

	/** The period's sections ('' for those not written). */
	get(key: NarrativeKey): ReportNarrative {
		const r = this.db.prepare('SELECT * FROM report_narratives WHERE kind = ? AND year = ? AND idx = ?').get(key.kind, key.year, key.index) as
			(NarrativeText & { updated_at: number; updated_by: string | null }) | undefined;
		if (!r) return { sections: { ...EMPTY_NARRATIVE }, updatedAt: null, updatedBy: null };
		return { sections: { direction: r.direction, central: r.central, programme: r.programme }, updatedAt: r.updated_at, updatedBy: r.updated_by };
	}

	/**
	 * Stores the period's sections as given (each a string, at most MAX_NARRATIVE_CHARS; a missing
	 * one is empty), `by` naming who saved them. Throws ReportNarrativeError before anything is
	 * written.
	 */
	set(key: NarrativeKey, input: Record<string, unknown>, by: string): ReportNarrative {
		const sections = { ...EMPTY_NARRATIVE };
		for (const s of NARRATIVE_SECTIONS) {
			const v = input[s] ?? '';
			if (typeof v !== 'string') throw new ReportNarrativeError('Nội dung báo cáo không hợp lệ.');
			sections[s] = clean(v);
			if (sections[s].length > MAX_NARRATIVE_CHARS)
				throw new ReportNarrativeError(
					`Mỗi mục tối đa ${MAX_NARRATIVE_CHARS.toLocaleString('vi-VN')} ký tự (đang có ${sections[s].length.toLocaleString('vi-VN')}).`
				);
		}
		const now = Date.now();
		this.db
			.prepare(
				`INSERT INTO report_narratives (kind, year, idx, direction, central, programme, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				 ON CONFLICT (kind, year, idx) DO UPDATE SET direction = excluded.direction, central = excluded.central, programme = excluded.programme,
				 updated_at = excluded.updated_at, updated_by = excluded.updated_by`
			)
			.run(key.kind, key.year, key.index, sections.direction, sections.central, sections.programme, now, by);
		return { sections, updatedAt: now, updatedBy: by };
	}
}
