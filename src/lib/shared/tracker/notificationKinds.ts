/** What a notification to an agency is about: the office urging (đôn đốc), or an event of a task. */
export type NotificationKind =
	'remind' | 'new-task' | 'done-rejected' | 'extension-approved' | 'extension-refused' | 'corrected' | 'withdrawn' | 'due-soon' | 'overdue';

/** The Vietnamese name of each kind, in the inbox (/notifications) and in an e-mail's subject. */
export const NOTIFICATION_LABELS: Record<NotificationKind, string> = {
	remind: 'Đôn đốc',
	'new-task': 'Nhiệm vụ mới',
	'done-rejected': 'Chưa xác nhận hoàn thành',
	'extension-approved': 'Gia hạn được chấp thuận',
	'extension-refused': 'Gia hạn không được chấp thuận',
	corrected: 'Đính chính nhiệm vụ',
	withdrawn: 'Thôi thực hiện',
	'due-soon': 'Sắp đến hạn',
	overdue: 'Quá hạn'
};
