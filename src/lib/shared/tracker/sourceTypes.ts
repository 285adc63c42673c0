/** Where a notice's conclusions come from; every task inherits it (báo cáo theo nguồn). */
export const SOURCE_TYPES = ['TU', 'HDND', 'UBND', 'CT_UBND', 'CP'] as const;
/** One of SOURCE_TYPES. */
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Vietnamese labels of the source types, in report order. */
export const SOURCE_LABELS: Record<SourceType, string> = {
	TU: 'Tỉnh ủy, Ban Thường vụ Tỉnh ủy',
	HDND: 'HĐND tỉnh',
	UBND: 'UBND tỉnh',
	CT_UBND: 'Chủ tịch, các Phó Chủ tịch UBND tỉnh',
	CP: 'Chính phủ, Thủ tướng Chính phủ'
};

/** True for a known source type. */
export function isSourceType(v: unknown): v is SourceType {
	return typeof v === 'string' && (SOURCE_TYPES as readonly string[]).includes(v);
}
