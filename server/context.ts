import type { AuthService } from './auth/AuthService';
import type { Db } from './db';
import type { NoticeRegistry } from './notices/NoticeRegistry';
import type { ServerConfig } from './config';
import type { SyncServer } from './sync/types';
import type { TaskStore } from './tasks/TaskStore';
import type { DirectoryStore } from './agencies/DirectoryStore';
import type { OfficeProfileStore } from './office/OfficeProfile';
import type { TrackerService } from './tracker/TrackerService';
import type { HistoryService } from './history/HistoryService';
import type { ReportNarrativeStore } from './reports/ReportNarrative';

/**
 * The process-wide services the host (server/main.ts, or the Vite dev plugin) builds once and hands
 * to the SvelteKit routes. Per-request state never lives here.
 */
export interface AppContext {
	config: ServerConfig;
	/** The embedded database (for read-only report queries). */
	db: Db;
	auth: AuthService;
	notices: NoticeRegistry;
	tasks: TaskStore;
	directory: DirectoryStore;
	/** Who the office is (header, place, signer of reports), set by the administrator. */
	office: OfficeProfileStore;
	tracker: TrackerService;
	sync: SyncServer;
	/** Version history of notices (server/history/HISTORY.md). */
	history: HistoryService;
	/** The reports' written paragraphs per period (sections 1, 2 and 3.1 of seed 001). */
	narratives: ReportNarrativeStore;
}

const KEY = Symbol.for('ket-luan.app-context');

/** Publishes the services for the SvelteKit handler loaded in the same process. */
export function setAppContext(ctx: AppContext): void {
	(globalThis as Record<symbol, unknown>)[KEY] = ctx;
}

/** The services published by the host; throws when the app was started without one. */
export function getAppContext(): AppContext {
	const ctx = (globalThis as Record<symbol, unknown>)[KEY] as AppContext | undefined;
	if (!ctx) throw new Error('Kết Luận: máy chủ chưa khởi tạo dịch vụ (hãy chạy bằng `npm start` hoặc `npm run dev`).');
	return ctx;
}
