/**
 * Types of the agency directory (danh mục cơ quan): the data an administrator edits and the
 * extractor matches against. Kept free of DOM and Node imports: it runs in the browser and on
 * the server.
 */

/** Branded id of a directory entry, so it cannot be mixed with other string ids. */
export type AgencyId = string & { readonly __brand: 'AgencyId' };

/** An ISO calendar day, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * What kind of party an entry is. `authority` is the body in whose name a notice is issued
 * (UBND tỉnh, Chính phủ, Tỉnh ủy, HĐND): it requests and receives reports, it is not charged.
 */
export const AGENCY_KINDS = ['office', 'department', 'provincial', 'central', 'ministry', 'authority', 'leader'] as const;

/** One of {@link AGENCY_KINDS}. */
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/** One directory entry: an agency, with the names people write for it. */
export interface AgencyEntry {
	/** Stable id, e.g. `so-tai-chinh`. */
	readonly id: AgencyId;
	/** Canonical name as the agency writes it itself. */
	readonly name: string;
	/** Other spellings and abbreviations (Sở KH&ĐT, VP UBND tỉnh …). */
	readonly aliases?: readonly string[];
	/**
	 * Short forms that only count when written with a capital letter and not followed by a
	 * longer name ("Văn phòng" for Văn phòng UBND tỉnh).
	 */
	readonly short?: readonly string[];
	/** Kind of party. */
	readonly kind: AgencyKind;
	/** First day the name is in force (inclusive), when known. */
	readonly validFrom?: IsoDate;
	/** First day the name is no longer in force (exclusive): the reorganisation that retired it. */
	readonly validUntil?: IsoDate;
	/** Id of the entry that took over its functions when it was retired. */
	readonly successor?: AgencyId;
	/** Free note for administrators (legal basis of a merger …). */
	readonly note?: string;
}

/** A directory: a list of entries plus a version so caches can tell two directories apart. */
export interface AgencyDirectory {
	/** Version string bumped whenever an administrator edits the data. */
	readonly version: string;
	/** The entries. */
	readonly entries: readonly AgencyEntry[];
	/**
	 * Phrasings the office taught are not tasks ("Ghi nhớ cho lần sau" after "Không phải nhiệm
	 * vụ"): a block or sentence that matches one gives no task (`extract/learned.ts`, RULES.md [A4]).
	 */
	readonly nonTasks?: readonly string[];
}
