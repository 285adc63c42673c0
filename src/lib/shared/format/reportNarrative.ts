/**
 * The report's written paragraphs (issue 9 [4]): what seed 001 says before its figures — 1. the
 * direction of the period, 2. the Government's tasks, 3.1. the work programme — written by the
 * office per period, so that the whole report comes out of the app. The page and the .docx take
 * their titles and numbering from here.
 */
import { DEFAULT_ASSIGNER, periodPhrase } from './reportText';

/** The written sections, in the report's order. */
export const NARRATIVE_SECTIONS = ['direction', 'central', 'programme'] as const;
/** One of NARRATIVE_SECTIONS. */
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
/** The text of each written section ('' when not written). */
export type NarrativeText = Record<NarrativeSection, string>;

/** No section written. */
export const EMPTY_NARRATIVE: NarrativeText = { direction: '', central: '', programme: '' };

/** Longest text of one section (characters). */
export const MAX_NARRATIVE_CHARS = 20_000;

/** The paragraphs of a section: one per non-empty line, spaces collapsed. */
export function narrativeParagraphs(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter((line) => line !== '');
}

/** True when at least one section has text. */
export function hasNarrative(n: NarrativeText | null | undefined): n is NarrativeText {
	return !!n && NARRATIVE_SECTIONS.some((s) => narrativeParagraphs(n[s]).length > 0);
}

/** The titles of the report's parts for a period, as seed 001 words them. */
export function narrativeTitles(periodLabel: string, assigner = DEFAULT_ASSIGNER) {
	const period = periodPhrase(periodLabel);
	return {
		direction: `Công tác chỉ đạo điều hành ${period} của ${assigner}`,
		central: 'Triển khai các nhiệm vụ, chỉ đạo của Chính phủ, Thủ tướng Chính phủ và các bộ, ngành Trung ương',
		results: `Về kết quả thực hiện Chương trình công tác, nhiệm vụ do ${assigner} giao ${period}`,
		programme: 'Chương trình công tác',
		tasks: `Thực hiện nhiệm vụ ${assigner} giao:`
	};
}
