/**
 * Test support: a real SQLite data directory with the registry, doc store and task projection an
 * import needs, and one office user. Only for tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DIRECTORY } from '#shared/agencies/directory';
import { AuthService } from '../auth/AuthService';
import type { User } from '../auth/types';
import { openDatabase, type Db } from '../db';
import { NoticeRegistry } from '../notices/NoticeRegistry';
import { openSqliteDocStore } from '../store/SqliteDocStore';
import type { DocStore } from '../store/types';
import { TaskStore } from '../tasks/TaskStore';

/** What an import test works on. */
export interface ImportWorld {
	dir: string;
	db: Db;
	store: DocStore;
	notices: NoticeRegistry;
	tasks: TaskStore;
	user: User;
	/** Rows in the notices table. */
	noticeCount(): number;
	/** Task rows of one notice. */
	taskCount(noticeId: string): number;
	close(): Promise<void>;
}

/** Opens a fresh data directory under the OS temp dir. */
export async function openImportWorld(): Promise<ImportWorld> {
	const dir = mkdtempSync(path.join(tmpdir(), 'kl-documents-'));
	const db = openDatabase(dir);
	const store = openSqliteDocStore(db);
	const notices = new NoticeRegistry(db, store);
	const tasks = new TaskStore(db, () => DEFAULT_DIRECTORY);
	const user = await new AuthService(db).createUser({ username: 'an', displayName: 'Trần Văn An', password: 'mat-khau-123', role: 'office' });
	return {
		dir,
		db,
		store,
		notices,
		tasks,
		user,
		noticeCount: () => (db.prepare('SELECT COUNT(*) AS n FROM notices').get() as { n: number }).n,
		taskCount: (id) => (db.prepare('SELECT COUNT(*) AS n FROM tasks WHERE notice_id = ?').get(id) as { n: number }).n,
		async close() {
			await store.close();
			db.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A notice pasted from a PDF with a complete header (the seeds are drafts without a day). */
export const DATED_NOTICE = [
	'UBND TỈNH BẮC GIANG            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
	'VĂN PHÒNG                      Độc lập - Tự do - Hạnh phúc',
	'Số: 12/TB-VP                   Bắc Giang, ngày 05 tháng 01 năm 2024',
	'THÔNG BÁO',
	'Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về tiến độ giải ngân vốn đầu tư công',
	'Ngày 04/01/2024, Chủ tịch UBND tỉnh chủ trì cuộc họp. Chủ tịch UBND tỉnh kết luận như sau:',
	'1. Giao **Sở Tài chính** chủ trì, phối hợp với Sở Xây dựng rà soát, báo cáo UBND tỉnh *trước ngày 20/01/2024*.',
	'2. Yêu cầu UBND các huyện, thành phố đẩy nhanh công tác giải phóng mặt bằng.',
	'Văn phòng UBND tỉnh thông báo để các cơ quan, đơn vị biết, thực hiện./.',
	'Nơi nhận:',
	'- Chủ tịch UBND tỉnh (b/c);',
	'- Sở Tài chính;',
	'- Lưu: VT, TH.',
	'KT. CHÁNH VĂN PHÒNG',
	'PHÓ CHÁNH VĂN PHÒNG',
	'Nguyễn Văn Bình'
].join('\n');
