import type { IncomingMessage } from 'node:http';
import { AuthService } from './auth/AuthService';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import { openDatabase, type Db } from './db';
import { NoticeRegistry } from './notices/NoticeRegistry';
import { TaskStore } from './tasks/TaskStore';
import { DirectoryStore } from './agencies/DirectoryStore';
import { TrackerService } from './tracker/TrackerService';
import { Mailer } from './notify/Mailer';
import { openSqliteDocStore } from './store/SqliteDocStore';
import { createSyncServer } from './sync/index';
import type { Authorize } from './sync/types';

/** Everything one server process runs, built on one data directory. */
export interface Services extends AppContext {
	db: Db;
	/** Flushes and closes the sync server and the database. */
	close(): Promise<void>;
}

/** Builds the services on `config.dataDir`: database, auth, doc store, notices and sync. */
export function createServices(config: ServerConfig): Services {
	const db = openDatabase(config.dataDir);
	const auth = new AuthService(db);
	const store = openSqliteDocStore(db);
	const notices = new NoticeRegistry(db, store);
	const directory = new DirectoryStore(db);
	const tasks = new TaskStore(db, () => directory.get());
	const tracker = new TrackerService(db);
	const mailer = new Mailer(process.env.SMTP_URL, process.env.SMTP_FROM);
	tracker.onReminder = ({ agency, text, byName, ref }) => {
		if (!mailer.enabled) return;
		const link = ref ? `\n\nXem nhiệm vụ: ${process.env.ORIGIN ?? ''}/tasks/${ref.noticeId}/${encodeURIComponent(ref.taskId)}` : '';
		mailer.send({ to: auth.emailsOfAgency(agency), subject: `[Kết Luận] Đôn đốc: ${text.slice(0, 80)}`, text: `${byName} đôn đốc ${agency}:\n\n${text}${link}` }).catch((e: unknown) => {
			// The reminder is stored and shown in the app whatever happens to the e-mail.
			console.error(`Không gửi được thư đôn đốc tới ${agency}:`, e);
		});
	};

	const authorize: Authorize = async (req: IncomingMessage, noticeId: string) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const user = auth.userForRequest({ cookie: req.headers.cookie, authorization: req.headers.authorization }, url);
		if (!user) return { ok: false, status: 401 };
		// A browser sends the session cookie with cross-site WebSocket handshakes too: when the
		// credential is the cookie, the page must come from this very host.
		const usesCookie = !url.searchParams.has('token') && !req.headers.authorization;
		const origin = req.headers.origin;
		if (usesCookie && origin && new URL(origin).host !== req.headers.host) return { ok: false, status: 403 };
		if (!notices.exists(noticeId)) return { ok: false, status: 404 };
		const access = notices.accessFor(user, noticeId);
		if (!access) return { ok: false, status: 403 };
		return { ok: true, principal: { userId: user.id, name: user.displayName }, access };
	};

	const sync = createSyncServer({
		store,
		authorize,
		path: '/sync',
		// Projections (list, tracker) follow the text within a second of an edit; more often would
		// only spend CPU while people type.
		tuning: { docChangedThrottleMs: 500 },
		onDocChanged: (noticeId, doc) => {
			notices.project(noticeId, doc);
			tasks.project(noticeId, doc);
		}
	});
	// Issued notices stay frozen across restarts (the access check makes them read-only too).
	for (const id of tracker.issuedNoticeIds()) sync.setFrozen(id, true);

	return {
		config,
		db,
		auth,
		notices,
		tasks,
		directory,
		tracker,
		sync,
		async close() {
			await sync.close();
			await store.close();
			mailer.close();
			db.close();
		}
	};
}
