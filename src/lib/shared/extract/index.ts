/**
 * Public API of the assignment extractor (isomorphic: no DOM, no Node imports).
 *
 * - {@link extractBlock}: one paragraph or list item → assignments (the editor, per changed block);
 * - {@link headingAssignee}: the assignee a heading or list intro gives to the items under it;
 * - {@link extractNotice}: a whole plain-text notice → blocks and assignments with NFC offsets;
 * - {@link findDeadlines} / {@link findParties}: the readers underneath, for highlighting.
 */
export { extractBlock, headingAssignee, isBoilerplate, splitSentences } from './block';
export { extractNotice } from './notice';
export { dropLearnedNonTasks, nonTaskKey } from './learned';
export type { NoticeAssignment, NoticeBlock, NoticeExtraction, NoticeOptions } from './notice';
export { findDeadline, findDeadlines, parseDay } from './deadline';
export { segmentNotice, readMarker, toSourceSpan } from './text';
export type { MarkerType, SourceBlock } from './text';
export { findParties, resolveAgency } from '../agencies/matcher';
export type { PartyKind, PartyMention, MatchOptions } from '../agencies/matcher';
export { DEFAULT_DIRECTORY, parseDirectory } from '../agencies/directory';
export type * from './types';
