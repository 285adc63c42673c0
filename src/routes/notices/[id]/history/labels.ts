import type { MetaTextField } from '#shared/doc/noticeDoc';
import type { TaskField } from '#shared/doc/versionDiff';

/** Vietnamese names of the version kinds. */
export const KIND_LABELS = { auto: 'Tự động', issue: 'Ban hành', manual: 'Lưu thủ công' } as const;

/** Vietnamese names of the header fields, as the notice page labels them. */
export const FIELD_LABELS: Record<MetaTextField, string> = {
	issuingParent: 'Cơ quan chủ quản',
	issuingBody: 'Cơ quan ban hành',
	number: 'Số',
	symbol: 'Ký hiệu',
	place: 'Địa danh',
	date: 'Ngày ban hành',
	title: 'Trích yếu',
	meetingDate: 'Ngày họp',
	chair: 'Chủ trì',
	attendees: 'Thành phần dự họp',
	recipients: 'Nơi nhận',
	signerAuthority: 'Thẩm quyền ký',
	signerTitle: 'Chức vụ người ký',
	signerName: 'Người ký'
};

/** Vietnamese names of the task fields the task diff compares. */
export const TASK_FIELD_LABELS: Record<TaskField, string> = { lead: 'chủ trì', support: 'phối hợp', deadline: 'thời hạn', action: 'nội dung' };

/** A moment as people in Việt Nam read it (Asia/Ho_Chi_Minh). */
export function when(ms: number): string {
	return new Date(ms).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
}
