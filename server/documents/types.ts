/**
 * Types of notices in and out of Word: what an imported file becomes before it is a notice, the
 * size limits, and the error an unreadable file gives.
 */
import type { MetaTextField, NoticeMeta, RichBlock, RichRun } from '#shared/doc/noticeDoc';

/** Largest .docx accepted (bytes): a long notice with a few images stays far below it. */
export const MAX_DOCX_BYTES = 10 * 1024 * 1024;
/** Largest plain text accepted (bytes of UTF-8): about 700 pages of a notice. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

/** Why a file could not be imported. */
export type ImportFailure =
	/** Zero bytes, or no text at all. */
	| 'empty'
	/** The header's number, symbol and year are those of a notice already issued here. */
	| 'duplicate'
	/** Over {@link MAX_DOCX_BYTES} / {@link MAX_TEXT_BYTES}. */
	| 'too-large'
	/** Neither .docx nor UTF-8 text (a PDF, a .doc, an image…). */
	| 'unsupported'
	/** Looks like a .docx (or says it is) but cannot be read as one. */
	| 'corrupt'
	/** Read, but holds nothing that looks like a notice body. */
	| 'no-content';

/** An import refused with a stable reason and a message in Vietnamese for the user. */
export class ImportError extends Error {
	constructor(
		readonly reason: ImportFailure,
		message: string
	) {
		super(message);
		this.name = 'ImportError';
	}
}

/** True for an {@link ImportError}. */
export function isImportError(e: unknown): e is ImportError {
	return e instanceof ImportError;
}

/**
 * One paragraph of a source document as the recogniser reads it: its text (list marker written in
 * it, as in the source), its runs (same characters, with emphasis) and, for Word's automatic
 * numbering, the kind of list it belongs to.
 */
export interface SourceLine {
	text: string;
	runs: RichRun[];
	/** Word's automatic numbering (the number is not part of `text`). */
	list?: 'ordered' | 'bullet';
	/** A heading style in Word ("Heading 1"…). */
	heading?: 1 | 2 | 3;
	/**
	 * The lines of the source as written, column gaps kept (a two-column header or signature
	 * pasted from a PDF puts both columns on one line); defaults to `[text]`.
	 */
	raw?: string[];
}

/** How a header field got its value. */
export type FieldSource = 'read' | 'inferred';

/** A source document read into a notice, not yet stored. */
export interface ImportedNotice {
	/** Header fields recognised (or inferred); fields left out keep the defaults of a new notice. */
	meta: Partial<NoticeMeta>;
	/** The body, headings and numbered items kept, broken lines joined. */
	body: RichBlock[];
	/** Which fields were read from the text and which were inferred from others. */
	fields: Partial<Record<MetaTextField, FieldSource>>;
	/** What could not be recognised, in Vietnamese (shown after the import). */
	warnings: string[];
}
