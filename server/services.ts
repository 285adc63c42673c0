import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import { AuthService } from './auth/AuthService';
import type { ServerConfig } from './config';
import type { AppContext } from './context';
import { openDatabase, type Db } from './db';
import { NoticeRegistry } from './notices/NoticeRegistry';
import { AmendmentService } from './notices/AmendmentService';
import { TaskStore } from './tasks/TaskStore';
import { DirectoryStore } from './agencies/DirectoryStore';
import { TrackerService, type TaskRef } from './tracker/TrackerService';
import { NOTIFICATION_LABELS } from '#shared/tracker/notificationKinds';
import { Mailer } from './notify/Mailer';
import { TaskDeriver } from '#shared/tasks/draftTasks';
import { defaultMeta } from '#shared/doc/noticeDoc';
import { COMMENTS_SHAPE, NOTICE_SHAPE } from '#shared/doc/docShape';
import { OfficeProfileStore } from './office/OfficeProfile';
import { ReportNarrativeStore } from './reports/ReportNarrative';
import { CloseCode, parseRoomName } from '#shared/protocol';
import type { AgencyDirectory } from '#shared/agencies/types';
import { openSqliteDocStore } from './store/SqliteDocStore';
import { createSyncServer } from './sync/index';
import type { Authorize } from './sync/types';
import { VersionStore } from './history/VersionStore';
import { DEFAULT_TIMING, HistoryRecorder } from './history/HistoryRecorder';
import { HistoryService } from './history/HistoryService';

/**
 * The origin a request was made to: ORIGIN when the operator set it, else the protocol and host
 * adapter-node would read (PROTOCOL_HEADER and HOST_HEADER behind a proxy — server/main.ts stamps
 * its own protocol header on every request when neither ORIGIN nor PROTOCOL_HEADER is set), else
 * the socket's.
 */
export function requestOrigin(req: IncomingMessage, configured: string): string {
	if (configured) return configured;
	const header = (name: string | undefined): string | undefined => {
		const value = name ? req.headers[name.toLowerCase()] : undefined;
		return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim() || undefined;
	};
	const proto = header(process.env.PROTOCOL_HEADER) ?? ((req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http');
	const host = header(process.env.HOST_HEADER) ?? req.headers.host ?? '';
	return `${proto}://${host}`;
}

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
	const office = new OfficeProfileStore(db);
	const narratives = new ReportNarrativeStore(db);
	const notices = new NoticeRegistry(db, store, () => office.get());
	const directory = new DirectoryStore(db);
	const tasks = new TaskStore(db, () => directory.get());
	const tracker = new TrackerService(db);
	const versions = new VersionStore(db);
	const recorder = new HistoryRecorder(versions, (id) => notices.loadDoc(id), historyTiming(process.env));
	const history = new HistoryService(db, versions, notices, recorder, () => directory.get());
	const mailer = new Mailer(process.env.SMTP_URL, process.env.SMTP_FROM);
	// E-mail, when SMTP is set: each reminder and each notification of a task, with an absolute
	// link (ORIGIN) to the task. In the app they are stored and shown whatever happens to the mail.
	const taskLink = (ref: TaskRef) =>
		config.origin ? `\n\nXem nhiệm vụ: ${config.origin}/tasks/${encodeURIComponent(ref.noticeId)}/${encodeURIComponent(ref.taskId)}` : '';
	const mail = (agency: string, subject: string, text: string) => {
		if (!mailer.enabled) return;
		mailer.send({ to: auth.emailsOfAgency(agency), subject, text }).catch((e: unknown) => {
			console.error(`Không gửi được thư tới ${agency}:`, e);
		});
	};
	tracker.onReminder = ({ agency, text, byName, ref }) =>
		mail(agency, `[Kết Luận] Đôn đốc: ${text.slice(0, 80)}`, `${byName} đôn đốc ${agency}:\n\n${text}${ref ? taskLink(ref) : ''}`);
	tracker.onNotification = ({ agency, kind, text, ref, action }) =>
		mail(agency, `[Kết Luận] ${NOTIFICATION_LABELS[kind]}: ${action.slice(0, 80)}`, `Kính gửi ${agency},\n\n${text}${taskLink(ref)}`);

	// [P13] The role and agency each user's connections were admitted with: a change made by
	// another process (the CLI's `user edit`) is seen at the next credential check and closes them
	// (ACCESS_CHANGED) to be authorized anew, as a change from the administration page does at once.
	const accessSeen = new Map<string, string>();
	const accessOf = (user: { role: string; agency: string | null }) => `${user.role}\n${user.agency ?? ''}`;
	const authorize: Authorize = async (req: IncomingMessage, roomName: string) => {
		const room = parseRoomName(roomName);
		if (!room) return { ok: false, status: 404 };
		const { noticeId } = room;
		const url = new URL(req.url ?? '/', 'http://localhost');
		const found = auth.credentialForRequest({ cookie: req.headers.cookie, authorization: req.headers.authorization }, url);
		if (!found) return { ok: false, status: 401 };
		const { user, credential } = found;
		accessSeen.set(user.id, accessOf(user));
		// A browser sends the session cookie with cross-site WebSocket handshakes too: when the
		// credential is the cookie, the page must come from this very host.
		const usesCookie = !url.searchParams.has('token') && !req.headers.authorization;
		// The whole origin counts, scheme included (an https page may not use the cookie of this http
		// server), and an Origin that is no URL ('null' from a sandboxed frame or a file) is refused.
		const origin = req.headers.origin;
		if (usesCookie && origin !== undefined && origin !== requestOrigin(req, config.origin)) return { ok: false, status: 403 };
		if (!notices.exists(noticeId)) return { ok: false, status: 404 };
		const access = notices.accessFor(user, noticeId);
		if (!access) return { ok: false, status: 403 };
		// Whoever may read a notice may comment on it, also once it is issued (to discuss it): the
		// comments doc is a room of its own, so this never lets a reader change the notice. [P12]
		if (room.kind === 'comments') return { ok: true, principal: { userId: user.id, name: user.displayName }, access: 'write', credential };
		// [P11] A former writer of an issued notice reads it, but what it still sends becomes an amendment.
		return {
			ok: true,
			principal: { userId: user.id, name: user.displayName },
			access,
			amends: access === 'read' && notices.mayAmend(user, noticeId),
			credential
		};
	};

	// One projection per turn of the event loop: when many notices change in the same second, their
	// projections interleave with the sync traffic instead of stalling it as one long burst.
	const projections = new ProjectionQueue((noticeId, doc) => {
		notices.project(noticeId, doc);
		tasks.project(noticeId, doc);
	});
	const amendments = new AmendmentService({
		notices,
		updateDoc: (noticeId, change) => sync.updateDoc(noticeId, change),
		project: (noticeId, doc) => {
			notices.project(noticeId, doc);
			tasks.project(noticeId, doc);
		}
	});
	const sync = createSyncServer({
		store,
		authorize,
		path: '/sync',
		onLateUpdate: (noticeId, late) => amendments.keep(noticeId, late),
		// [P14] Updates are checked against the notice's (or its comments') shape before they are stored.
		docShape: (roomName) => (parseRoomName(roomName)?.kind === 'comments' ? COMMENTS_SHAPE : NOTICE_SHAPE),
		// Projections (list, tracker) follow the text within a second of an edit; more often would
		// only spend CPU while people type.
		tuning: { docChangedThrottleMs: 800, credentialCheckMs: credentialCheckMs(process.env), silentTimeoutMs: config.idleTimeoutMs },
		// [P13] Credentials ended outside this process (the CLI's `token revoke`) close their sockets too.
		// Ended sessions and disabled users (`user disable`, `user reset-password`) are seen the same way.
		invalidCredentials: (credentials) => {
			const invalid = auth.invalidCredentials(credentials);
			for (const userId of new Set(credentials.map((c) => c.userId))) {
				const user = auth.getUser(userId);
				const seen = accessSeen.get(userId);
				if (!user || seen === undefined || seen === accessOf(user)) continue;
				accessSeen.set(userId, accessOf(user));
				sync.closeConnections({ userId }, CloseCode.ACCESS_CHANGED, 'access-changed');
			}
			return invalid;
		},
		// Comments rooms hold no notice: nothing of them goes into the list, the tracker or the history.
		onDocChanged: (roomName, doc) => {
			if (parseRoomName(roomName)?.kind !== 'notice') return;
			projections.push(roomName, doc);
			recordVersion(roomName, doc);
		},
		onClientUpdate: (roomName, principal) => {
			if (parseRoomName(roomName)?.kind === 'notice') recorder.edited(roomName, principal);
		}
	});
	// [P13] An ended credential closes its sockets at once; a changed role or agency closes all of
	// the user's, to be authorized again with the new rights.
	auth.onRevocation((r) => {
		const selector = { userId: r.userId, credentialKey: r.credentialKey, kind: r.kind, exceptKey: r.exceptKey };
		if (r.reason === 'access-changed') sync.closeConnections(selector, CloseCode.ACCESS_CHANGED, 'access-changed');
		else sync.closeConnections(selector, CloseCode.UNAUTHORIZED, r.reason);
	});
	const recordVersion = (noticeId: string, doc: Y.Doc) => {
		try {
			recorder.changed(noticeId, doc);
		} catch (e) {
			// History must never stop the sync server; the next change of the notice tries again.
			console.error(`Không lưu được phiên bản của thông báo ${noticeId}:`, e);
		}
	};
	// Compile the extractor (its expressions and the directory index) before the first notice
	// needs it, so the first projection does not stall every connection for a fraction of a second.
	warmUpExtraction(directory.get());

	// Issued notices stay frozen across restarts (the access check makes them read-only too).
	for (const id of tracker.issuedNoticeIds()) sync.setFrozen(id, true);

	return {
		config,
		db,
		auth,
		notices,
		tasks,
		directory,
		office,
		narratives,
		tracker,
		sync,
		history,
		async close() {
			await sync.close();
			// After the sync server (its last doc changes reach the recorder), before the doc store
			// closes: versions waiting for a pause in editing are recorded now. [HS2]
			await recorder.flush();
			recorder.close();
			projections.flush();
			await store.close();
			mailer.close();
			db.close();
		}
	};
}

/**
 * Recording timing [HS2]: HISTORY_INTERVAL_MS and HISTORY_PAUSE_MS override the defaults (5 and 2
 * minutes); tests shorten them to see versions appear within seconds.
 */
function historyTiming(env: NodeJS.ProcessEnv): typeof DEFAULT_TIMING {
	const ms = (v: string | undefined, fallback: number) => {
		const n = Number(v);
		return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
	};
	return { intervalMs: ms(env.HISTORY_INTERVAL_MS, DEFAULT_TIMING.intervalMs), pauseMs: ms(env.HISTORY_PAUSE_MS, DEFAULT_TIMING.pauseMs) };
}

/** CREDENTIAL_CHECK_MS: how often open sync connections' credentials are checked again (default 30 s). [P13] */
function credentialCheckMs(env: NodeJS.ProcessEnv): number {
	const n = Number(env.CREDENTIAL_CHECK_MS);
	return env.CREDENTIAL_CHECK_MS && Number.isFinite(n) && n >= 50 ? n : 30_000;
}

/** Runs the extractor once on typical lines (the engine compiles its hot paths on first use). */
function warmUpExtraction(directory: AgencyDirectory): void {
	const lines = [
		'Đề nghị UBND các huyện, thành phố tập trung thực hiện các nhiệm vụ sau:',
		'Giao Sở Tài chính chủ trì, phối hợp với Sở Xây dựng và các cơ quan liên quan rà soát, tham mưu UBND tỉnh, xong trước ngày 30/01/2024.',
		'Yêu cầu Văn phòng UBND tỉnh theo dõi, đôn đốc, báo cáo Chủ tịch UBND tỉnh trong tháng 02/2024; định kỳ hằng quý báo cáo kết quả.',
		'Nhất trí chủ trương.'
	];
	const deriver = new TaskDeriver(directory);
	for (let round = 0; round < 3; round++)
		deriver.derive(
			lines.map((text, i) => ({ id: `w${round}-${i}`, type: 'paragraph' as const, text: text + ' '.repeat(round), depth: 0 })),
			defaultMeta('2024-01-05'),
			new Map()
		);
}

/** Runs projections one per macrotask, the latest doc of each notice once. */
class ProjectionQueue {
	readonly #pending = new Map<string, Y.Doc>();
	#scheduled = false;

	constructor(private readonly run: (noticeId: string, doc: Y.Doc) => void) {}

	push(noticeId: string, doc: Y.Doc): void {
		this.#pending.set(noticeId, doc);
		this.#schedule();
	}

	/** Runs everything still pending now (at shutdown). */
	flush(): void {
		while (this.#pending.size) this.#one();
	}

	#schedule(): void {
		if (this.#scheduled || this.#pending.size === 0) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			this.#one();
			this.#schedule();
		});
	}

	#one(): void {
		const next = this.#pending.entries().next();
		if (next.done) return;
		const [noticeId, doc] = next.value;
		this.#pending.delete(noticeId);
		try {
			this.run(noticeId, doc);
		} catch (e) {
			// A projection failing must not stop the others; the next change of the notice retries it.
			console.error(`Không cập nhật được danh sách/nhiệm vụ của thông báo ${noticeId}:`, e);
		}
	}
}
