/**
 * Length-preserving text folding used for matching: lower case, and the two tone-mark
 * placements of Vietnamese ("hoà"/"hòa", "thuỷ"/"thủy") made one. Every output index is the
 * input index, so a match in the folded string is a match at the same offsets in the text.
 */

// Old-style ("òa") and new-style ("oà") tone placement both occur in official documents, often in
// the same province; we fold the new style onto the old one. Each pair is two UTF-16 units → two.
const TONE_PAIRS: ReadonlyArray<readonly [string, string]> = [
	['oà', 'òa'],
	['oá', 'óa'],
	['oả', 'ỏa'],
	['oã', 'õa'],
	['oạ', 'ọa'],
	['oè', 'òe'],
	['oé', 'óe'],
	['oẻ', 'ỏe'],
	['oẽ', 'õe'],
	['oẹ', 'ọe'],
	['uỳ', 'ùy'],
	['uý', 'úy'],
	['uỷ', 'ủy'],
	['uỹ', 'ũy'],
	['uỵ', 'ụy']
];
const TONE_MAP = new Map(TONE_PAIRS);
const TONE_RE = /o[àáảãạèéẻẽẹ]|u[ỳýỷỹỵ]/g;

/**
 * Folds `text` for matching (same length as the input). The input must be NFC: NFD text has
 * combining marks that lower-casing keeps but the directory keys do not have.
 */
export function foldKey(text: string): string {
	const lower = text.toLowerCase();
	// toLowerCase can change length only for a few non-Vietnamese characters (İ); fall back to
	// per-character folding then, so offsets stay valid.
	const base =
		lower.length === text.length
			? lower
			: Array.from(text, (c) => {
					const l = c.toLowerCase();
					return l.length === c.length ? l : c;
				}).join('');
	// "ƣ" (U+01A3), a PDF legacy-font letter for "ư", folds onto it (one unit for one).
	return base.replace(TONE_RE, (m) => TONE_MAP.get(m) ?? m).replace(/\u01a3/gu, '\u01b0');
}
