import type { User } from '$server/auth/types';
import type { Db } from '$server/db';
import { TrackerError, type TaskRef } from '$server/tracker/TrackerService';

/**
 * What a progress report's client-made `id` is to `user` reporting on `ref` (issue 10, low): new,
 * or this very report already stored (same task, same author — a resend from the offline outbox,
 * answered "already stored"). An id another report holds is refused like any conflict, and only
 * to someone who may report on `ref` (callers check the task first), so nobody learns through it
 * which ids exist elsewhere.
 */
export function reportIdUse(db: Db, user: User, ref: TaskRef, id: string): 'new' | 'resent' {
	const row = db.prepare('SELECT notice_id, task_id, author_id FROM progress_reports WHERE id = ?').get(id) as
		{ notice_id: string; task_id: string; author_id: string } | undefined;
	if (!row) return 'new';
	if (row.notice_id === ref.noticeId && row.task_id === ref.taskId && row.author_id === user.id) return 'resent';
	throw new TrackerError('conflict', 'Mã báo cáo đã được dùng; hãy gửi lại báo cáo.');
}
