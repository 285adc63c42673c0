import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode, CloseReason, MessageType, SyncMessageType, encodeAmendedMessage, encodeSavedMessage } from '#shared/protocol';
import type { DocShape } from '#shared/doc/docShape';
import type { DocStore, LoadedDoc, LogSeq } from '../store/types';
import { AwarenessRelay } from './AwarenessRelay';
import type { Connection } from './Connection';
import { encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage, isEmptyUpdate } from './syncMessages';
import type { LateUpdateHook, Principal, SyncLog, TransactionOrigin } from './types';
import { UpdateValidator, takePending, type ValidatorLimits, type Verdict } from './updateValidator';
import { checkOffThread } from './checkWorker';

/** Everything a room needs from its hub; tuning values are already resolved. */
export interface RoomContext {
	readonly store: DocStore;
	readonly log: SyncLog;
	readonly idleUnloadMs: number;
	readonly compactAfterUpdates: number;
	readonly docChangedThrottleMs: number;
	readonly maxMessageBytes: number;
	readonly maxBufferedBytes: number;
	/** Size and depth limits of a doc ([P14]). */
	readonly limits: ValidatorLimits;
	/** The shape a room's doc must keep ([P14]); null: only structure, depth and size are checked. */
	docShape(roomName: string): DocShape | null;
	/** How long an update may wait for the clocks it depends on ([P14], see Room#hold). */
	readonly heldUpdateMs: number;
	readonly onDocChanged: ((noticeId: string, doc: Y.Doc) => void) | undefined;
	/** Who sent each applied client update (history authors); never called for system changes. */
	readonly onClientUpdate?: ((noticeId: string, principal: Principal) => void) | undefined;
	/** Keeps a frozen notice's late updates elsewhere ([P11]); undefined: they close with 4423. */
	readonly onLateUpdate: LateUpdateHook | undefined;
	/** Whether the notice is frozen (issued) right now. */
	isFrozen(noticeId: string): boolean;
	/** The room has unloaded; the hub forgets it. */
	unloaded(room: Room): void;
}

/** A room's life: loading from the store, serving, then gone (a new Room replaces it if needed). */
export type RoomState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'unloaded' };

type StoreOutcome = { kind: 'pending' } | { kind: 'stored'; seq: LogSeq } | { kind: 'failed'; error: unknown };

/**
 * The pipeline between "received" and "applied and broadcast". Entries leave strictly in order, each
 * only once its append is durable — so per doc, everyone sees updates in arrival order, and nobody
 * sees an update the store could still lose.
 */
type PipelineEntry =
	| { kind: 'update'; from: Connection; update: Uint8Array; forward: Uint8Array; outcome: StoreOutcome }
	/** An awareness frame that arrived behind pending updates: relayed after them, so a caret never
	 * reaches peers before the text it points into. */
	| { kind: 'relay'; from: Connection; frame: Uint8Array }
	/** "Send `conn` a saved ack once everything before me is applied." */
	| { kind: 'ack'; conn: Connection };

/** Suffix of the store entry where a room keeps what repairing its doc on load set aside ([P14]). */
export const QUARANTINE_SUFFIX = '~quarantine';

/** Thrown for input that breaks the protocol; the connection is closed with MALFORMED_MESSAGE. */
class ProtocolViolation extends Error {
	readonly reason = 'protocol-violation';
}

/** An update waiting on clocks its connection may still send. */
interface Held {
	readonly update: Uint8Array;
	readonly forward: Uint8Array | null;
	needs: ReadonlyMap<number, number>;
	tries: number;
}

/** Updates this large are checked on a worker thread while the room waits ([P14], see Room#checkLarge). */
const OFFLOAD_BYTES = 256 * 1024;

/** A frame that arrived while the room waited for a large update's check. */
interface PausedFrame {
	readonly conn: Connection;
	readonly data: Uint8Array;
}

/** At most this many updates, of this many bytes in all, are held per connection ([P14]). */
const MAX_HELD_UPDATES = 64;
const MAX_HELD_BYTES = 1024 * 1024;
/** A held update is checked again at most this many times (each after what it waited on arrived). */
const MAX_HELD_TRIES = 4;

const PENDING: StoreOutcome = { kind: 'pending' };
const REMOTE: TransactionOrigin = { kind: 'remote' };

/**
 * One notice's Y.Doc with its connections: the y-websocket protocol, store-before-broadcast, read-only
 * enforcement, awareness relay, compaction and idle unload. Knows nothing of `ws` (see SyncSocket).
 */
export class Room {
	readonly name: string;
	readonly #ctx: RoomContext;
	readonly #doc = new Y.Doc();
	readonly #validator: UpdateValidator;
	readonly #awareness = new AwarenessRelay<Connection>((frame, from) => this.#broadcast(frame, from));
	readonly #connections = new Set<Connection>();
	#state: RoomState = { kind: 'loading' };
	#loaded: Promise<void> = Promise.resolve();

	#pipeline: PipelineEntry[] = [];
	#drainScheduled = false;
	#drainedWaiters: (() => void)[] = [];

	/** Seq of the newest stored update that is in `#doc` (what a snapshot of `#doc` covers). */
	#appliedSeq = 0 as LogSeq;
	/** Log entries in the store that the next compaction would fold (seq ≤ #appliedSeq). */
	#uncompacted = 0;
	#compacting: Promise<void> | null = null;

	/**
	 * Frames received while a large update is checked on the worker thread and stored ([P14], see
	 * #checkLarge): handled in arrival order afterwards. Null when the room is not waiting.
	 */
	#paused: PausedFrame[] | null = null;
	/** The large update being checked off the main thread; never rejects. */
	#offThread: Promise<void> = Promise.resolve();

	/** The repair of the doc on load being stored ([P14], see #keepRepair); never rejects. */
	#repairing: Promise<void> = Promise.resolve();

	/** Updates waiting on earlier clocks their connection has not sent yet ([P14], see #hold). */
	readonly #held = new Map<Connection, Held[]>();
	/** Per connection with held updates: closes it if they still wait after `heldUpdateMs`. */
	readonly #heldTimers = new Map<Connection, NodeJS.Timeout>();

	/** Late updates of a frozen notice being kept as amendments, one after the other ([P11]). */
	#lateChain: Promise<void> = Promise.resolve();

	#idleTimer: NodeJS.Timeout | null = null;
	#docChangedTimer: NodeJS.Timeout | null = null;

	constructor(name: string, ctx: RoomContext) {
		this.name = name;
		this.#ctx = ctx;
		this.#validator = new UpdateValidator(this.#doc, ctx.docShape(name), ctx.limits);
	}

	/** Current life-cycle state. */
	get state(): RoomState {
		return this.#state;
	}

	/** Number of open (or waiting) connections. */
	get connectionCount(): number {
		return this.#connections.size;
	}

	/** Starts loading the doc from the store; connections added meanwhile wait. */
	start(): void {
		this.#loaded = this.#ctx.store.load(this.name).then(
			(loaded) => {
				try {
					this.#becomeReady(loaded);
				} catch (error) {
					this.#loadFailed(error);
				}
			},
			(error: unknown) => this.#loadFailed(error)
		);
	}

	/** Adds a connection; it is greeted (sync step 1 + awareness) once the doc is loaded. */
	add(conn: Connection): void {
		if (this.#state.kind === 'unloaded') {
			conn.socket.close(CloseCode.INTERNAL_ERROR, CloseReason[CloseCode.INTERNAL_ERROR]);
			conn.state = { kind: 'closed' };
			return;
		}
		this.#connections.add(conn);
		this.#cancelIdle();
		if (this.#state.kind === 'ready') this.#open(conn);
	}

	/** One binary frame from `conn`. Never throws: bad input closes only that connection. */
	receive(conn: Connection, data: Uint8Array): void {
		switch (conn.state.kind) {
			case 'closed':
				return;
			case 'waiting':
				if (data.byteLength > this.#ctx.maxMessageBytes) this.#reject(conn, CloseCode.MESSAGE_TOO_LARGE);
				else conn.state.inbox.push(data);
				return;
			case 'open':
				this.#handleFrame(conn, data);
				return;
			default:
				assertNever(conn.state);
		}
	}

	/** The transport reports `conn` closed (by the client, the network, or us). */
	remove(conn: Connection): void {
		if (!this.#connections.delete(conn)) return;
		conn.state = { kind: 'closed' };
		// Never stored, never seen by anyone: the client sends them again in its next step 2.
		this.#forgetHeld(conn);
		const removal = this.#awareness.removeOwner(conn);
		if (removal !== null) this.#broadcast(removal, null);
		this.#maybeIdle();
	}

	/** Closes every connection with `code`, then stores, compacts and unloads the doc. */
	async shutdown(code: CloseCode): Promise<void> {
		for (const conn of [...this.#connections]) this.#closeConnection(conn, code);
		await this.#loaded;
		await this.drained();
		// A late update being kept as an amendment (or a repair, [P14]) must reach the store before it closes.
		await this.#lateChain;
		await this.#repairing;
		if (this.#state.kind !== 'ready') return;
		this.#flushDocChanged();
		await this.#compact();
		if (this.#connections.size === 0 && this.#pipeline.length === 0) this.#unload();
	}

	/**
	 * Resolves once the doc is loaded (or failed to) and every received update is settled: stored,
	 * applied and broadcast, or kept as an amendment ([P11]).
	 */
	async settled(): Promise<void> {
		await this.#loaded;
		await this.#offThread;
		await this.drained();
		await this.#lateChain;
		await this.#repairing;
	}

	/** Resolves once every received update is stored, applied and broadcast. */
	drained(): Promise<void> {
		if (this.#pipeline.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.#drainedWaiters.push(resolve));
	}

	// ---- loading and unloading ----

	#becomeReady(loaded: LoadedDoc): void {
		const origin: TransactionOrigin = { kind: 'store' };
		/** What the repair sets aside (Yjs v2 updates), kept under `<name>~quarantine`. [P14] */
		const quarantine: Uint8Array[] = [];
		let bytes = 0;
		this.#doc.transact(() => {
			for (const update of loaded.updates) {
				bytes += update.byteLength;
				try {
					Y.applyUpdate(this.#doc, update, origin);
				} catch (error) {
					// A stored update Yjs cannot apply must not make the notice unloadable forever;
					// the next compaction drops it from the log.
					this.#ctx.log.error(`sync: skipped an unreadable stored update of ${this.name}`, error);
				}
				// Stored before [P14]: what Yjs could not integrate would be re-read by every later
				// update. Dropped at once, so the rest of the log loads at normal speed.
				quarantine.push(...takePending(this.#doc));
			}
		}, origin);
		const pendingDropped = quarantine.length > 0;
		const repair = this.#setAsideMisplaced(quarantine, origin);
		this.#validator.loaded(bytes);
		this.#appliedSeq = loaded.head;
		this.#uncompacted = loaded.logLength;
		this.#state = { kind: 'ready' };
		if (pendingDropped || repair !== null) this.#keepRepair(quarantine, repair, pendingDropped);
		for (const conn of [...this.#connections]) this.#open(conn);
		if (this.#uncompacted > this.#ctx.compactAfterUpdates) void this.#compact();
		this.#maybeIdle();
	}

	/**
	 * [P14] Deletes what the doc's shape does not allow (stored before updates were checked), after
	 * keeping the whole doc as it was in `quarantine`. Returns the update that deleted it (null:
	 * nothing to repair). Honest content is never touched: only the misplaced items and what they hold.
	 */
	#setAsideMisplaced(quarantine: Uint8Array[], origin: TransactionOrigin): { update: Uint8Array; count: number; detail: string } | null {
		const misplaced = this.#validator.misplaced();
		if (misplaced.length === 0) return null;
		quarantine.push(Y.encodeStateAsUpdateV2(this.#doc));
		let update: Uint8Array | null = null;
		const keep = (u: Uint8Array) => (update = u);
		this.#doc.on('update', keep);
		try {
			this.#doc.transact((tr) => {
				for (const { item } of misplaced) item.delete(tr);
			}, origin);
		} finally {
			this.#doc.off('update', keep);
		}
		const reasons = [...new Set(misplaced.slice(0, 5).map((m) => m.detail))].join('; ');
		return update === null ? null : { update, count: misplaced.length, detail: reasons };
	}

	/**
	 * [P14] Makes a repair on load durable: what was set aside goes to `<name>~quarantine` and the
	 * deletions to the log, in the same tick — one group commit, before any client's update (so
	 * the repair's seq is below theirs) — then a compaction folds away the stored updates that held
	 * what was dropped.
	 */
	#keepRepair(quarantine: Uint8Array[], repair: { update: Uint8Array; count: number; detail: string } | null, pendingDropped: boolean): void {
		const what = [
			pendingDropped ? 'dropped structures Yjs could not integrate' : '',
			repair ? `set aside ${repair.count} misplaced item(s) (${repair.detail})` : ''
		]
			.filter(Boolean)
			.join(' and ');
		this.#ctx.log.warn(`sync: repaired ${this.name} on load: ${what}; the doc as stored is kept under ${this.name}${QUARANTINE_SUFFIX}`);
		const store = this.#ctx.store;
		const kept = Promise.all(quarantine.map((bytes) => store.append(this.name + QUARANTINE_SUFFIX, bytes)));
		const logged = repair === null ? Promise.resolve(null) : store.append(this.name, repair.update);
		this.#repairing = Promise.all([kept, logged])
			.then(async ([, seq]) => {
				if (seq !== null) {
					if (seq > this.#appliedSeq) this.#appliedSeq = seq;
					this.#uncompacted++;
				}
				await this.#compact();
			})
			.catch((error: unknown) => this.#ctx.log.error(`sync: could not store the repair of ${this.name}`, error));
	}

	#loadFailed(error: unknown): void {
		this.#ctx.log.error(`sync: could not load ${this.name}`, error);
		// Not ready (even if #becomeReady got halfway): closing connections must not arm the idle
		// timer. After #unload the hub forgets the room, so the next connection loads afresh.
		this.#state = { kind: 'loading' };
		for (const conn of [...this.#connections]) this.#closeConnection(conn, CloseCode.INTERNAL_ERROR);
		this.#unload();
	}

	#maybeIdle(): void {
		if (this.#state.kind !== 'ready' || this.#connections.size > 0 || this.#idleTimer !== null) return;
		this.#idleTimer = setTimeout(() => {
			this.#idleTimer = null;
			this.#unloadIfIdle().catch((error: unknown) => this.#ctx.log.error(`sync: unloading ${this.name} failed`, error));
		}, this.#ctx.idleUnloadMs);
		this.#idleTimer.unref();
	}

	#cancelIdle(): void {
		if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
		this.#idleTimer = null;
	}

	async #unloadIfIdle(): Promise<void> {
		// Pending updates re-arm the idle timer when they drain (see #drain).
		if (this.#state.kind !== 'ready' || this.#connections.size > 0 || this.#pipeline.length > 0) return;
		this.#flushDocChanged();
		await this.#compact();
		// Someone may have connected while the snapshot was written: then the doc stays.
		if (this.#state.kind !== 'ready' || this.#connections.size > 0 || this.#pipeline.length > 0) return;
		this.#unload();
	}

	#unload(): void {
		if (this.#state.kind === 'unloaded') return;
		this.#state = { kind: 'unloaded' };
		this.#cancelIdle();
		if (this.#docChangedTimer !== null) clearTimeout(this.#docChangedTimer);
		this.#docChangedTimer = null;
		this.#awareness.clear();
		this.#doc.destroy();
		this.#ctx.unloaded(this);
	}

	/** Folds the log into a snapshot of the doc. Never rejects (a failure is logged and retried later). */
	#compact(): Promise<void> {
		if (this.#compacting !== null) return this.#compacting;
		const folded = this.#uncompacted;
		if (folded === 0 || this.#state.kind !== 'ready') return Promise.resolve();
		const snapshot = Y.encodeStateAsUpdate(this.#doc);
		this.#compacting = this.#ctx.store
			.compact(this.name, snapshot, this.#appliedSeq)
			.then(
				() => {
					this.#uncompacted -= folded;
				},
				(error: unknown) => this.#ctx.log.error(`sync: compaction of ${this.name} failed`, error)
			)
			.finally(() => {
				this.#compacting = null;
			});
		return this.#compacting;
	}

	// ---- connections ----

	#open(conn: Connection): void {
		if (conn.state.kind !== 'waiting') return;
		const inbox = conn.state.inbox;
		conn.state = { kind: 'open' };
		// Like the reference server: our step 1 first, then everyone's presence.
		this.#send(conn, encodeSyncStep1(this.#doc));
		const everyone = this.#awareness.encodeAll();
		if (everyone !== null) this.#send(conn, everyone);
		for (const frame of inbox) {
			if (conn.state.kind !== 'open') break;
			this.#handleFrame(conn, frame);
		}
	}

	#send(conn: Connection, frame: Uint8Array): void {
		if (conn.state.kind !== 'open') return;
		if (conn.socket.bufferedAmount > this.#ctx.maxBufferedBytes) {
			this.#reject(conn, CloseCode.SLOW_CONSUMER);
			return;
		}
		conn.socket.send(frame);
	}

	#broadcast(frame: Uint8Array, except: Connection | null): void {
		for (const conn of this.#connections) {
			if (conn !== except) this.#send(conn, frame);
		}
	}

	#closeConnection(conn: Connection, code: CloseCode): void {
		conn.socket.close(code, CloseReason[code]);
		this.remove(conn);
	}

	#reject(conn: Connection, code: CloseCode, detail?: unknown): void {
		this.#ctx.log.warn(`sync: closing connection ${conn.id} (${conn.info.principal.userId}) to ${this.name}: ${CloseReason[code]}`, detail);
		this.#closeConnection(conn, code);
	}

	// ---- protocol ----

	#handleFrame(conn: Connection, data: Uint8Array): void {
		if (this.#paused !== null) {
			this.#paused.push({ conn, data });
			return;
		}
		if (data.byteLength > this.#ctx.maxMessageBytes) {
			this.#reject(conn, CloseCode.MESSAGE_TOO_LARGE);
			return;
		}
		try {
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			switch (type) {
				case MessageType.sync:
					this.#handleSync(conn, data, decoder);
					return;
				case MessageType.awareness: {
					// Only the sender's own states, size- and rate-capped (AwarenessRelay); one buffer for every receiver.
					const frame = this.#awareness.apply(decoding.readVarUint8Array(decoder), conn);
					if (frame === null) return;
					if (this.#pipeline.length === 0) this.#broadcast(frame, conn);
					else this.#pipeline.push({ kind: 'relay', from: conn, frame });
					return;
				}
				case MessageType.auth:
					// y-protocols auth only flows server → client; a client's is ignored, as the
					// reference server does.
					return;
				case MessageType.queryAwareness: {
					const everyone = this.#awareness.encodeAll();
					if (everyone !== null) this.#send(conn, everyone);
					return;
				}
				default:
					throw new ProtocolViolation(`unknown message type ${type}`);
			}
		} catch (error) {
			this.#reject(conn, CloseCode.MALFORMED_MESSAGE, error);
		}
	}

	#handleSync(conn: Connection, data: Uint8Array, decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		switch (syncType) {
			case SyncMessageType.step1: {
				const stateVector = decoding.readVarUint8Array(decoder);
				this.#send(conn, encodeSyncStep2(this.#doc, stateVector));
				return;
			}
			case SyncMessageType.step2:
			case SyncMessageType.update: {
				const update = decoding.readVarUint8Array(decoder);
				this.#receiveUpdate(conn, update, syncType === SyncMessageType.update ? data.subarray(0, decoder.pos) : null);
				return;
			}
			default:
				throw new ProtocolViolation(`unknown sync message type ${syncType}`);
		}
	}

	/**
	 * `forward` is the client's frame when it already is a plain update message (relayed as is);
	 * null for a step 2, which is re-framed as an update (a forwarded step 2 would make receivers
	 * believe they had finished their initial sync).
	 */
	#receiveUpdate(conn: Connection, update: Uint8Array, forward: Uint8Array | null): void {
		if (isEmptyUpdate(update)) {
			this.#requestAck(conn);
			return;
		}
		const frozen = this.#ctx.isFrozen(this.name);
		if (conn.info.access === 'read' || (frozen && !conn.info.system)) {
			// A reader's step 2 carries its whole delete set even when it has nothing new; only
			// content the server lacks is a violation. This also validates the update.
			if (Y.snapshotContainsUpdate(Y.snapshot(this.#doc), update)) {
				this.#requestAck(conn);
				return;
			}
			const formerWriter = conn.info.access === 'write' || conn.info.amends === true;
			if (frozen && !conn.info.system && formerWriter && this.#ctx.onLateUpdate !== undefined) {
				// [P14] An amendment draft is the issued doc plus this update: it must fit as well.
				// (What Yjs cannot integrate yet is not kept: the draft's doc is encoded without it.)
				const verdict = this.#validator.check(update);
				if (!verdict.ok && verdict.reason !== 'pending') {
					this.#reject(conn, CloseCode.UPDATE_REFUSED, `${verdict.reason}: ${verdict.detail}`);
					return;
				}
				this.#keepLate(conn, update, this.#ctx.onLateUpdate);
				return;
			}
			const code = conn.info.access === 'read' && !(frozen && formerWriter) ? CloseCode.READ_ONLY_VIOLATION : CloseCode.NOTICE_FROZEN;
			this.#reject(conn, code);
			return;
		}
		if (update.byteLength >= OFFLOAD_BYTES) {
			this.#checkLarge(conn, update, forward);
			return;
		}
		// Validate before storing: a stored update that cannot be decoded (throws: MALFORMED_MESSAGE),
		// that Yjs would keep pending, or that breaks the doc's shape would poison the log. [P14]
		this.#checked(conn, update, forward, this.#validator.check(update));
	}

	/** Refuses, holds or admits an update after its check. */
	#checked(conn: Connection, update: Uint8Array, forward: Uint8Array | null, verdict: Verdict): void {
		if (!verdict.ok) {
			// An honest client's edit typed just after a reconnect can overtake its step 2 holding
			// the edits it made offline: held until they arrive on the same connection.
			if (!this.#hold(conn, update, forward, verdict)) this.#reject(conn, CloseCode.UPDATE_REFUSED, `${verdict.reason}: ${verdict.detail}`);
			return;
		}
		this.#admit(conn, update, forward, verdict);
		if (this.#held.size > 0) for (const waiting of [...this.#held.keys()]) this.#releaseHeld(waiting);
	}

	/**
	 * [P14] A large update is checked on a worker thread, against the doc once it holds every
	 * update accepted before. Meanwhile the room only queues frames (in arrival order, handled
	 * afterwards), so its event loop serves every other notice; once accepted, the update is
	 * stored and applied before the room goes on. Without a worker the check runs here.
	 */
	#checkLarge(conn: Connection, update: Uint8Array, forward: Uint8Array | null): void {
		this.#paused = [];
		this.#offThread = (async () => {
			await this.drained();
			if (this.#state.kind !== 'ready' || conn.closed) return;
			const verdict = await checkOffThread(Y.encodeStateAsUpdateV2(this.#doc), update, this.#validator.shape, this.#ctx.limits);
			if (this.#state.kind !== 'ready' || conn.closed) return;
			if (verdict === null) {
				this.#checked(conn, update, forward, this.#validator.check(update));
			} else if (!verdict.ok) {
				if (verdict.reason === 'malformed') this.#reject(conn, CloseCode.MALFORMED_MESSAGE, verdict.detail);
				else
					this.#checked(conn, update, forward, {
						ok: false,
						reason: verdict.reason,
						detail: verdict.detail,
						...(verdict.needs ? { needs: verdict.needs } : {})
					});
			} else if (forward === null && verdict.contained) {
				this.#requestAck(conn);
			} else {
				const tooLarge = this.#validator.sizeRefusal(update.byteLength, verdict.adds);
				if (tooLarge !== null) this.#reject(conn, CloseCode.UPDATE_REFUSED, `${tooLarge.reason}: ${tooLarge.detail}`);
				else this.#admit(conn, update, forward, { ok: true, adds: verdict.adds, runs: new Map(), ends: new Map(), bytes: update.byteLength }, true);
			}
			// The validator did not learn the update's items: go on once the doc holds them.
			await this.drained();
		})()
			.catch((error: unknown) => {
				this.#ctx.log.error(`sync: checking a large update of ${this.name} failed`, error);
				if (!conn.closed) this.#closeConnection(conn, CloseCode.INTERNAL_ERROR);
			})
			.finally(() => this.#resume());
	}

	/** Handles the frames queued while a large update was checked, until another one pauses the room. */
	#resume(): void {
		const queue = this.#paused ?? [];
		this.#paused = null;
		for (let i = 0; i < queue.length; i++) {
			const { conn, data } = queue[i]!;
			if (conn.state.kind === 'open') this.#handleFrame(conn, data);
			const pausedAgain = this.#paused as PausedFrame[] | null;
			if (pausedAgain !== null) {
				pausedAgain.push(...queue.slice(i + 1));
				return;
			}
		}
	}

	/** Stores (then applies and broadcasts) a checked update, unless it is a step 2 with nothing new. */
	#admit(conn: Connection, update: Uint8Array, forward: Uint8Array | null, verdict: Extract<Verdict, { ok: true }>, containsChecked = false): void {
		if (forward === null && !containsChecked && Y.snapshotContainsUpdate(Y.snapshot(this.#doc), update)) {
			// A reconnecting client's step 2 with nothing new: do not grow the log.
			this.#requestAck(conn);
			return;
		}
		this.#validator.accept(verdict);
		const entry: PipelineEntry = {
			kind: 'update',
			from: conn,
			update,
			forward: forward ?? encodeUpdateMessage(update),
			outcome: PENDING
		};
		this.#pipeline.push(entry);
		void this.#ctx.store.append(this.name, update).then(
			(seq) => {
				entry.outcome = { kind: 'stored', seq };
				this.#scheduleDrain();
			},
			(error: unknown) => {
				entry.outcome = { kind: 'failed', error };
				this.#scheduleDrain();
			}
		);
	}

	/**
	 * [P14] Holds an update Yjs could not integrate yet because it waits on clocks its connection
	 * may still send (a few, small: an attacker's big pending update is refused at once). False
	 * when it cannot be held.
	 */
	#hold(conn: Connection, update: Uint8Array, forward: Uint8Array | null, verdict: Extract<Verdict, { ok: false }>): boolean {
		if (verdict.reason !== 'pending' || verdict.needs === undefined) return false;
		let held = this.#held.get(conn);
		if (held === undefined) this.#held.set(conn, (held = []));
		const bytes = held.reduce((n, h) => n + h.update.byteLength, update.byteLength);
		if (held.length >= MAX_HELD_UPDATES || bytes > MAX_HELD_BYTES) return false;
		held.push({ update, forward, needs: verdict.needs, tries: 0 });
		if (!this.#heldTimers.has(conn)) {
			const timer = setTimeout(() => {
				this.#heldTimers.delete(conn);
				if (!conn.closed && (this.#held.get(conn)?.length ?? 0) > 0)
					this.#reject(conn, CloseCode.UPDATE_REFUSED, `pending: still waiting after ${this.#ctx.heldUpdateMs} ms for ${verdict.detail}`);
			}, this.#ctx.heldUpdateMs);
			timer.unref();
			this.#heldTimers.set(conn, timer);
		}
		return true;
	}

	#forgetHeld(conn: Connection): void {
		this.#held.delete(conn);
		clearTimeout(this.#heldTimers.get(conn));
		this.#heldTimers.delete(conn);
	}

	/** Admits, in arrival order, the held updates of `conn` whose missing clocks have arrived. */
	#releaseHeld(conn: Connection): void {
		const held = this.#held.get(conn);
		while (held !== undefined && held.length > 0 && !conn.closed) {
			const first = held[0]!;
			if (!this.#validator.present(first.needs)) return;
			const verdict = this.#validator.check(first.update);
			if (verdict.ok) {
				held.shift();
				if (held.length === 0) this.#forgetHeld(conn);
				this.#admit(conn, first.update, first.forward, verdict);
				continue;
			}
			// Each retry must be paid for by the arrival of what it waited on; a few at most.
			if (verdict.reason !== 'pending' || verdict.needs === undefined || ++first.tries >= MAX_HELD_TRIES) {
				this.#reject(conn, CloseCode.UPDATE_REFUSED, `${verdict.reason}: ${verdict.detail}`);
				return;
			}
			first.needs = verdict.needs;
			return;
		}
	}

	/**
	 * [P11] A former writer's change reached the notice after it was issued: it is kept as an
	 * amendment, never applied here, never dropped. One at a time and in arrival order, because a
	 * later update of the same author builds on the earlier one. The base is read once the pipeline
	 * has drained, so it holds every update accepted before the freeze (and the issue's own write)
	 * that the late one may build on.
	 */
	#keepLate(conn: Connection, update: Uint8Array, keep: LateUpdateHook): void {
		const principal = conn.info.principal;
		this.#lateChain = this.#lateChain.then(async () => {
			try {
				await this.drained();
				if (this.#state.kind !== 'ready') throw new Error(`${this.name} unloaded before a late update was kept`);
				const amendmentId = await keep(this.name, { principal, update, base: Y.encodeStateAsUpdate(this.#doc) });
				if (conn.info.wantsAck) this.#send(conn, encodeAmendedMessage(amendmentId));
			} catch (error) {
				this.#ctx.log.error(`sync: could not keep a late update of ${this.name} from ${principal.userId}`, error);
				// Transient: the client reconnects and sends the same changes again in its step 2.
				if (!conn.closed) this.#closeConnection(conn, CloseCode.INTERNAL_ERROR);
			}
		});
	}

	#requestAck(conn: Connection): void {
		if (!conn.info.wantsAck) return;
		if (this.#pipeline.length === 0) this.#send(conn, encodeSavedMessage(Y.encodeStateVector(this.#doc)));
		else this.#pipeline.push({ kind: 'ack', conn });
	}

	// ---- pipeline ----

	#scheduleDrain(): void {
		if (this.#drainScheduled) return;
		this.#drainScheduled = true;
		// A microtask runs after the other resolutions of the same group commit, so one commit
		// drains in one pass (one Yjs transaction).
		queueMicrotask(() => {
			this.#drainScheduled = false;
			try {
				this.#drain();
			} catch (error) {
				this.#ctx.log.error(`sync: draining ${this.name} failed`, error);
			}
		});
	}

	#drain(): void {
		if (this.#state.kind !== 'ready') return;
		let ready = 0;
		while (ready < this.#pipeline.length) {
			const entry = this.#pipeline[ready]!;
			if (entry.kind === 'update' && entry.outcome.kind === 'pending') break;
			ready++;
		}
		if (ready === 0) return;
		const batch = this.#pipeline.splice(0, ready);
		const outgoing: { frame: Uint8Array; from: Connection }[] = [];
		const acks = new Set<Connection>();
		let changed = false;
		this.#doc.transact(() => {
			for (const entry of batch) {
				switch (entry.kind) {
					case 'ack':
						acks.add(entry.conn);
						break;
					case 'relay':
						// A closed connection's presence was already withdrawn; do not resurrect it.
						if (!entry.from.closed) outgoing.push({ frame: entry.frame, from: entry.from });
						break;
					case 'update':
						if (this.#applyStored(entry)) {
							changed = true;
							outgoing.push({ frame: entry.forward, from: entry.from });
							if (entry.from.info.wantsAck) acks.add(entry.from);
						}
						break;
					default:
						assertNever(entry);
				}
			}
		}, REMOTE);
		// Safety net ([P14]): every update was checked, but one stored after a failed append of its
		// predecessor could still leave something pending; it must not slow every later update.
		const pending = takePending(this.#doc);
		if (pending.length > 0)
			this.#ctx.log.error(`sync: dropped structures of ${this.name} Yjs could not integrate (${pending.reduce((n, p) => n + p.byteLength, 0)} bytes)`);
		// Broadcast after the transaction, in arrival order (updates and the carets behind them).
		for (const { frame, from } of outgoing) this.#broadcast(frame, from);
		if (acks.size > 0) {
			const saved = encodeSavedMessage(Y.encodeStateVector(this.#doc));
			for (const conn of acks) this.#send(conn, saved);
		}
		if (changed) this.#docChanged();
		if (this.#uncompacted > this.#ctx.compactAfterUpdates) void this.#compact();
		if (this.#pipeline.length === 0) this.#validator.settled();
		// Held updates may wait on what was just applied (a large update the validator did not learn).
		if (this.#held.size > 0) for (const waiting of [...this.#held.keys()]) this.#releaseHeld(waiting);
		if (this.#pipeline.length === 0) {
			const waiters = this.#drainedWaiters;
			this.#drainedWaiters = [];
			for (const resolve of waiters) resolve();
			this.#maybeIdle();
		}
	}

	/** Applies one settled pipeline update; true when it is in the doc and may be broadcast. */
	#applyStored(entry: Extract<PipelineEntry, { kind: 'update' }>): boolean {
		const outcome = entry.outcome;
		switch (outcome.kind) {
			case 'pending':
				return false; // not reached: #drain only takes settled entries
			case 'failed':
				this.#ctx.log.error(`sync: could not store an update of ${this.name}`, outcome.error);
				if (!entry.from.closed) this.#closeConnection(entry.from, CloseCode.INTERNAL_ERROR);
				return false;
			case 'stored':
				this.#appliedSeq = outcome.seq;
				this.#uncompacted++;
				try {
					Y.applyUpdate(this.#doc, entry.update, REMOTE);
				} catch (error) {
					// Decoded fine but Yjs refused it; it is in the log, and load skips it.
					if (!entry.from.closed) this.#reject(entry.from, CloseCode.MALFORMED_MESSAGE, error);
					return false;
				}
				if (!entry.from.info.system) this.#clientUpdate(entry.from);
				return true;
			default:
				return assertNever(outcome);
		}
	}

	// ---- projections ----

	#clientUpdate(from: Connection): void {
		try {
			this.#ctx.onClientUpdate?.(this.name, from.info.principal);
		} catch (error) {
			this.#ctx.log.error(`sync: onClientUpdate for ${this.name} threw`, error);
		}
	}

	#docChanged(): void {
		const callback = this.#ctx.onDocChanged;
		if (callback === undefined || this.#docChangedTimer !== null) return;
		this.#docChangedTimer = setTimeout(() => {
			this.#docChangedTimer = null;
			this.#notifyDocChanged();
		}, this.#ctx.docChangedThrottleMs);
		this.#docChangedTimer.unref();
	}

	#flushDocChanged(): void {
		if (this.#docChangedTimer === null) return;
		clearTimeout(this.#docChangedTimer);
		this.#docChangedTimer = null;
		this.#notifyDocChanged();
	}

	#notifyDocChanged(): void {
		try {
			this.#ctx.onDocChanged?.(this.name, this.#doc);
		} catch (error) {
			this.#ctx.log.error(`sync: onDocChanged for ${this.name} threw`, error);
		}
	}
}

function assertNever(value: never): never {
	throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
