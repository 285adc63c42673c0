/**
 * Phrasings the office has taught are not tasks ("Ghi nhớ cho lần sau" after "Không phải nhiệm
 * vụ"). They travel with the agency directory (`AgencyDirectory.nonTasks`), so the browser and the
 * server read the same list. Isomorphic: no DOM, no Node imports. RULES.md [A6].
 *
 * Matching rule: a phrasing matches a text when their keys are equal. The key of a text is its NFC
 * form, lower-cased, with every run of white space (tabs of a table row included) made one space,
 * then trimmed of spaces and of the punctuation that may end a sentence or a list item
 * (`. ; : , ! ? … /`) and of a list marker left at the start ("1.", "a)", "-", "+", "•").
 * Whole text only: a learned phrasing never matches a part of a longer sentence.
 */
import type { AgencyDirectory } from '../agencies/types';
import type { Assignment } from './types';

/** Longest phrasing kept (characters, after normalising): a sentence or two, not a notice. */
export const MAX_PHRASING_LENGTH = 1000;

const MARKER_RE = /^(?:[-–+•*]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s+/u;

/** The key a phrasing is compared by (see the module's matching rule). */
export function nonTaskKey(text: string): string {
	let key = text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
	key = key.replace(MARKER_RE, '');
	return key.replace(/[\s.;:,!?…/]+$/u, '').trim();
}

const keysOf = new WeakMap<AgencyDirectory, ReadonlySet<string>>();

/** The keys of a directory's learned non-task phrasings (computed once per directory object). */
export function learnedNonTaskKeys(directory: AgencyDirectory | undefined): ReadonlySet<string> {
	if (!directory?.nonTasks?.length) return EMPTY;
	let keys = keysOf.get(directory);
	if (!keys) {
		keys = new Set(directory.nonTasks.map(nonTaskKey).filter(Boolean));
		keysOf.set(directory, keys);
	}
	return keys;
}
const EMPTY: ReadonlySet<string> = new Set();

/**
 * Drops the assignments of `text` that the office has taught are not tasks: all of them when the
 * whole text matches a learned phrasing, else each one whose sentence(s) (its span) match.
 */
export function dropLearnedNonTasks(text: string, assignments: Assignment[], directory: AgencyDirectory | undefined): Assignment[] {
	const keys = learnedNonTaskKeys(directory);
	if (!keys.size || !assignments.length) return assignments;
	if (keys.has(nonTaskKey(text))) return [];
	return assignments.filter((a) => !keys.has(nonTaskKey(text.slice(a.span.start, a.span.end))));
}
