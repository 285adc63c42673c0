/**
 * Where a notice's conclusions come from; every task inherits it (báo cáo theo nguồn). These are
 * the sources a notice is issued under (the issue panel's choices), in report order.
 */
export const SOURCE_TYPES = ['TU', 'HDND', 'UBND', 'CT_UBND', 'CP'] as const;
/** One of SOURCE_TYPES: a source a notice may be issued under. */
export type IssueSourceType = (typeof SOURCE_TYPES)[number];

/**
 * Tasks carried over from the office's old tracking sheet (issue 9 [7], /tasks/import): no notice
 * of the office was issued for them here, so no issue source applies. Reports count them in the
 * OTHER group.
 */
export const MIGRATED_SOURCE = 'migrated' as const;

/** Every source a task may have: the issue sources, then the migrated one. */
export const TASK_SOURCE_TYPES = [...SOURCE_TYPES, MIGRATED_SOURCE] as const;
/** One of TASK_SOURCE_TYPES. */
export type SourceType = (typeof TASK_SOURCE_TYPES)[number];

/** Vietnamese labels of the source types, in report order. */
export const SOURCE_LABELS: Record<SourceType, string> = {
	TU: 'Tỉnh ủy, Ban Thường vụ Tỉnh ủy',
	HDND: 'HĐND tỉnh',
	UBND: 'UBND tỉnh',
	CT_UBND: 'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
	CP: 'Chính phủ, Thủ tướng Chính phủ',
	migrated: 'Chuyển từ bảng theo dõi cũ'
};

/** True for a source a task may have (an issue source or 'migrated'). */
export function isSourceType(v: unknown): v is SourceType {
	return typeof v === 'string' && (TASK_SOURCE_TYPES as readonly string[]).includes(v);
}

/** True for a source a notice may be issued under (not 'migrated'). */
export function isIssueSourceType(v: unknown): v is IssueSourceType {
	return typeof v === 'string' && (SOURCE_TYPES as readonly string[]).includes(v);
}
