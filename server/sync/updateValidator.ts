import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { ChildShape, DocShape, TypeShape, YTypeName } from '#shared/doc/docShape';

/**
 * Why an update was refused ([P14]). `pending`: Yjs could not integrate part of it (structs or
 * deletes naming items nobody has) and would keep it pending, re-reading it on every later update;
 * `shape`: it writes something the doc's shape does not allow (a bare text at the top of the body,
 * list items under a map root, a root that does not exist); `depth`: types nested deeper than the
 * limit; `size`: the notice would grow past its size limit.
 */
export type RefusalReason = 'pending' | 'shape' | 'depth' | 'size';

/** The outcome of {@link UpdateValidator.check}. */
export type Verdict =
	| {
			readonly ok: true;
			/** The update adds items the doc lacks (a deletion-only update adds none). */
			readonly adds: boolean;
			/** @internal what {@link UpdateValidator.accept} records */
			readonly runs: ReadonlyMap<number, Run[]>;
			/** @internal */
			readonly ends: ReadonlyMap<number, number>;
			/** @internal */
			readonly bytes: number;
	  }
	| {
			readonly ok: false;
			readonly reason: RefusalReason;
			readonly detail: string;
			/**
			 * For `pending`: the clocks whose arrival could make the update integrable (client → a
			 * clock that must be present); absent when nothing could (an item depending on its own
			 * future). See {@link UpdateValidator.present}.
			 */
			readonly needs?: ReadonlyMap<number, number>;
	  };

/** Limits of a {@link UpdateValidator}. */
export interface ValidatorLimits {
	/** Deepest nesting of Yjs types below a root (a root's children are at depth 1). */
	readonly maxDepth: number;
	/** Largest stored size of the doc, in bytes of its Yjs encoding. */
	readonly maxDocBytes: number;
}

/**
 * Where a type sits in the doc: the shape it has to follow (null: no shape is enforced, only
 * structure and depth) and its depth (roots 0).
 */
interface Place {
	readonly shape: TypeShape | null;
	readonly depth: number;
}

/**
 * A run of clocks of one client that the update (or an accepted update not yet applied) adds:
 * where its items live (`parent` null: they are garbage-collected on arrival, as Yjs does when an
 * item's neighbour or parent is gone), whether they are map entries, and the place of the type
 * they create (null when they are not a type).
 */
interface Run {
	readonly clock: number;
	readonly end: number;
	readonly parent: Place | null;
	readonly entry: boolean;
	readonly own: Place | null;
}

/** What a lookup of an item id finds: the same facts as a {@link Run}. */
type Found = Pick<Run, 'parent' | 'entry' | 'own'>;

const GONE: Found = { parent: null, entry: false, own: null };
/** The place of a type nothing may be written into (an unknown root, a type of a wrong shape). */
const NOTHING: TypeShape = { type: 'Map', items: [], entries: [] };

const CONSTRUCTORS: Record<YTypeName, unknown> = {
	XmlFragment: Y.XmlFragment,
	XmlElement: Y.XmlElement,
	XmlText: Y.XmlText,
	Map: Y.Map,
	Array: Y.Array,
	Text: Y.Text
};

type Refusal = Extract<Verdict, { ok: false }>;
/** A Yjs type as the doc holds it (roots and nested types alike). */
type YType = Y.Doc['share'] extends Map<string, infer T> ? T : never;
/** What an item holds (Yjs does not export the base class's type). */
type ItemContent = Y.Item['content'];
const refuse = (reason: RefusalReason, detail: string): Refusal => ({ ok: false, reason, detail });
const pending = (detail: string, needs: ReadonlyMap<number, number> | undefined): Refusal =>
	needs === undefined ? { ok: false, reason: 'pending', detail } : { ok: false, reason: 'pending', detail, needs };

/**
 * Checks updates against one room's doc before they are stored ([P14]), without copying the doc
 * and without applying anything: an update is accepted only if Yjs can integrate all of it (no
 * pending structs, no pending deletes), if every item it adds fits the doc's shape and the depth
 * limit, and if the doc stays under its size limit.
 *
 * Updates accepted but not yet applied to the doc (they wait for their append, [P3]) count as
 * present: {@link accept} records them, {@link settled} forgets them once the doc holds them all.
 *
 * Cost: one `Y.decodeUpdate` and, per struct, a few lookups (a binary search in the doc's struct
 * store, a cached walk up the type tree); the dependency check is linear in the update's size.
 */
export class UpdateValidator {
	readonly #doc: Y.Doc;
	readonly #shape: DocShape | null;
	readonly #limits: ValidatorLimits;
	readonly #places = new WeakMap<YType, Place>();

	/** Runs of accepted, not yet applied updates, by client (clocks increasing). */
	#ahead = new Map<number, Run[]>();
	/** End clock per client of the accepted, not yet applied updates. */
	#aheadEnds = new Map<number, number>();
	#aheadBytes = 0;

	/** Bytes of the doc's encoding when last measured (or loaded), plus the bytes accepted since. */
	#sizeEstimate = 0;

	constructor(doc: Y.Doc, shape: DocShape | null, limits: ValidatorLimits) {
		this.#doc = doc;
		this.#shape = shape;
		this.#limits = limits;
	}

	/** The shape the doc must keep (null: none). */
	get shape(): DocShape | null {
		return this.#shape;
	}

	/** The doc was loaded from `bytes` of stored updates (an upper bound of its encoding). */
	loaded(bytes: number): void {
		this.#sizeEstimate = bytes;
	}

	/** Records an accepted update until the doc holds it (see {@link settled}). */
	accept(verdict: Extract<Verdict, { ok: true }>): void {
		for (const [client, runs] of verdict.runs) {
			const list = this.#ahead.get(client);
			if (list === undefined) this.#ahead.set(client, runs);
			else list.push(...runs);
		}
		for (const [client, end] of verdict.ends) {
			if (end > (this.#aheadEnds.get(client) ?? 0)) this.#aheadEnds.set(client, end);
		}
		this.#aheadBytes += verdict.bytes;
		this.#sizeEstimate += verdict.bytes;
	}

	/** Every accepted update is in the doc now (the room's pipeline is empty). */
	settled(): void {
		if (this.#aheadBytes === 0 && this.#ahead.size === 0) return;
		this.#ahead = new Map();
		this.#aheadEnds = new Map();
		this.#aheadBytes = 0;
	}

	/** True when every clock of `needs` is present (in the doc, or in an accepted update). */
	present(needs: ReadonlyMap<number, number>): boolean {
		for (const [client, clock] of needs) {
			if (clock >= Math.max(Y.getState(this.#doc.store, client), this.#aheadEnds.get(client) ?? 0)) return false;
		}
		return true;
	}

	/** Checks one Yjs v1 update. Throws when Yjs cannot decode it. */
	check(update: Uint8Array): Verdict {
		const blocks = decoding.readVarUint(decoding.createDecoder(update));
		const { structs, ds } = Y.decodeUpdate(update);
		const store = this.#doc.store;

		// Per client, its structs in clock order. Yjs reads one block per client and a later block
		// of the same client replaces an earlier one, so a client named twice is refused: what Yjs
		// would keep could not be told from the decoded list.
		const byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
		let last: Y.Item | Y.GC | Y.Skip | undefined;
		for (const struct of structs) {
			const client = struct.id.client;
			if (last === undefined || last.id.client !== client || last.id.clock + last.length !== struct.id.clock) {
				if (byClient.has(client)) return refuse('pending', `client ${client} appears twice`);
				byClient.set(client, []);
			}
			byClient.get(client)!.push(struct);
			last = struct;
		}
		if (byClient.size !== blocks) return refuse('pending', 'empty or repeated client blocks');

		/** Clocks present per client (doc, accepted-ahead, and this update's integrated part). */
		const avail = new Map<number, number>();
		const availOf = (client: number): number => {
			let clock = avail.get(client);
			if (clock === undefined) {
				clock = Math.max(Y.getState(store, client), this.#aheadEnds.get(client) ?? 0);
				avail.set(client, clock);
			}
			return clock;
		};
		const runs = new Map<number, Run[]>();
		const find = (id: Y.ID): Found | undefined => {
			if (id.clock < Y.getState(store, id.client)) return this.#findInDoc(id);
			return findRun(runs.get(id.client), id.clock) ?? findRun(this.#ahead.get(id.client), id.clock);
		};

		// Integrate in dependency order, as Yjs would: a client advances while the next struct's
		// clock is present and its origins and parent are; a blocked client waits on the client it
		// needs (in a heap by the clock it needs) and is woken once that client got past it.
		const next = new Map<number, number>();
		const waiting = new Map<number, Waiter[]>();
		const queue: number[] = [...byClient.keys()];
		let adds = false;
		let refusal: Refusal | null = null;

		const advance = (client: number): void => {
			const list = byClient.get(client)!;
			let i = next.get(client) ?? 0;
			while (i < list.length) {
				const struct = list[i]!;
				const present = availOf(client);
				const end = struct.id.clock + struct.length;
				if (struct.id.clock > present) break; // a gap: nothing can fill it
				if (struct instanceof Y.Skip) {
					if (end > present) break;
					i++;
					continue;
				}
				if (struct instanceof Y.Item) {
					const blocker = missingDependency(struct, availOf);
					if (blocker === 'self') break;
					if (blocker !== null) {
						pushWaiter(waiting, blocker.client, { clock: blocker.clock, client });
						next.set(client, i);
						return;
					}
				}
				if (end > present) {
					adds = true;
					const run = this.#place(struct, Math.max(struct.id.clock, present), find);
					if ('reason' in run) {
						refusal = run;
						return;
					}
					let clientRuns = runs.get(client);
					if (clientRuns === undefined) runs.set(client, (clientRuns = []));
					clientRuns.push(run);
					avail.set(client, end);
				}
				i++;
			}
			next.set(client, i);
		};

		while (queue.length > 0 && refusal === null) {
			const client = queue.pop()!;
			advance(client);
			const waiters = waiting.get(client);
			if (waiters === undefined) continue;
			const present = availOf(client);
			while (waiters.length > 0 && waiters[0]!.clock < present) queue.push(popWaiter(waiters).client);
		}
		if (refusal !== null) return refusal;
		const needs = new Map<number, number>();
		let unresolvable = false;
		const need = (client: number, clock: number) => needs.set(client, Math.max(needs.get(client) ?? 0, clock));
		const blocked: string[] = [];
		for (const [client, list] of byClient) {
			const struct = list[next.get(client) ?? 0];
			if (struct === undefined) continue;
			const present = availOf(client);
			if (struct.id.clock > present) need(client, struct.id.clock - 1);
			else if (struct instanceof Y.Skip) need(client, struct.id.clock + struct.length - 1);
			else if (struct instanceof Y.Item) {
				const dep = missingDependency(struct, availOf);
				if (dep === 'self' || dep === null) unresolvable = true;
				else need(dep.client, dep.clock);
			}
			blocked.push(`${client}:${struct.id.clock} (present ${present})`);
		}
		if (blocked.length > 0) return pending(`structs depend on items nobody has: ${blocked.slice(0, 3).join(', ')}`, unresolvable ? undefined : needs);

		// Deletes: every deleted range must be present once the structs are integrated.
		for (const [client, ranges] of ds.clients) {
			const present = availOf(client);
			for (const range of ranges) {
				if (range.clock + range.len > present) need(client, range.clock + range.len - 1);
			}
		}
		if (needs.size > 0)
			return pending(
				`deletes clocks nobody has: ${[...needs]
					.slice(0, 3)
					.map(([c, k]) => `${c}:${k}`)
					.join(', ')}`,
				needs
			);

		const tooLarge = this.sizeRefusal(update.byteLength, adds);
		if (tooLarge !== null) return tooLarge;
		const ends = new Map<number, number>();
		for (const [client, clientRuns] of runs) ends.set(client, clientRuns[clientRuns.length - 1]!.end);
		return { ok: true, adds, runs, ends, bytes: update.byteLength };
	}

	/**
	 * The live items of the doc that its shape or the depth limit does not allow — the outermost
	 * ones (deleting one deletes what it holds). For repairing a doc stored before [P14].
	 */
	misplaced(): { item: Y.Item; reason: RefusalReason; detail: string }[] {
		const out: { item: Y.Item; reason: RefusalReason; detail: string }[] = [];
		const stack: { type: YType; place: Place }[] = [];
		for (const [name, root] of this.#doc.share) stack.push({ type: root, place: this.#rootPlace(name) });
		const visit = (item: Y.Item, entry: boolean, place: Place): void => {
			if (item.deleted) return;
			const own = this.#childPlace(place, entry, item.content);
			if (own === null) return;
			if ('reason' in own) out.push({ item, reason: own.reason, detail: own.detail });
			else stack.push({ type: (item.content as Y.ContentType).type, place: own });
		};
		while (stack.length > 0) {
			const { type, place } = stack.pop()!;
			for (let item = type._start; item !== null; item = item.right) visit(item, false, place);
			for (const item of type._map.values()) visit(item, true, place);
		}
		return out;
	}

	/**
	 * Null when an update of `bytes` bytes may be added to the doc; else the refusal. Updates that
	 * add nothing (deletions) always may.
	 */
	sizeRefusal(bytes: number, adds: boolean): Extract<Verdict, { ok: false }> | null {
		if (!adds || this.#sizeEstimate + bytes <= this.#limits.maxDocBytes) return null;
		// Measure for real only near the limit: the estimate only ever grows.
		this.#sizeEstimate = Y.encodeStateAsUpdate(this.#doc).byteLength + this.#aheadBytes;
		if (this.#sizeEstimate + bytes <= this.#limits.maxDocBytes) return null;
		return refuse('size', `${this.#sizeEstimate + bytes} bytes, limit ${this.#limits.maxDocBytes}`);
	}

	/** Where the clocks `from…` of `struct` go, or why they may not. */
	#place(struct: Y.Item | Y.GC, from: number, find: (id: Y.ID) => Found | undefined): Run | Refusal {
		const end = struct.id.clock + struct.length;
		if (!(struct instanceof Y.Item)) return { clock: from, end, parent: null, entry: false, own: null };
		// Yjs's Item.getMissing: a gone neighbour makes the item garbage; else the parent named, or
		// the one of its left (else right) neighbour, whose parentSub it also takes.
		const left = struct.origin === null ? null : find(struct.origin);
		const right = struct.rightOrigin === null ? null : find(struct.rightOrigin);
		if (left === undefined || right === undefined) return refuse('pending', 'a neighbour is missing');
		let parent: Place | null;
		let entry: boolean;
		if ((left !== null && left.parent === null) || (right !== null && right.parent === null))
			return { clock: from, end, parent: null, entry: false, own: null };
		const named = struct.parent;
		if (typeof named === 'string') {
			parent = this.#rootPlace(named);
			entry = struct.parentSub !== null;
		} else if (named instanceof Y.ID) {
			const found = find(named);
			if (found === undefined) return refuse('pending', 'the parent is missing');
			parent = found.own;
			entry = struct.parentSub !== null;
		} else {
			const neighbour = left ?? right!;
			parent = neighbour.parent;
			entry = neighbour.entry;
		}
		if (parent === null) return { clock: from, end, parent: null, entry: false, own: null };
		const own = this.#childPlace(parent, entry, struct.content);
		if (own !== null && 'reason' in own) return own;
		return { clock: from, end, parent, entry, own };
	}

	/**
	 * The place of the type `content` makes under `parent` (null when it is no type), or a refusal
	 * when `parent` may not hold it.
	 */
	#childPlace(parent: Place, entry: boolean, content: ItemContent): Place | null | Refusal {
		if (content instanceof Y.ContentDeleted) return null;
		const isType = content instanceof Y.ContentType;
		const depth = parent.depth + 1;
		if (isType && depth > this.#limits.maxDepth) return refuse('depth', `types nested ${depth} deep (limit ${this.#limits.maxDepth})`);
		const shape = parent.shape;
		if (shape === null) return isType ? { shape: null, depth } : null;
		const allowed = entry ? shape.entries : shape.items;
		for (const child of allowed) {
			const place = this.#matches(child, content, depth);
			if (place !== undefined) return place;
		}
		return refuse(
			'shape',
			`${describe(content)} as ${entry ? 'a map entry' : 'a list item'} of ${shape === NOTHING ? 'a type that may hold nothing' : shape.type}`
		);
	}

	/** The place `content` gets when it fits `child` (null: not a type), undefined when it does not fit. */
	#matches(child: ChildShape, content: ItemContent, depth: number): Place | null | undefined {
		switch (child) {
			case 'json':
				return content instanceof Y.ContentAny || content instanceof Y.ContentJSON ? null : undefined;
			case 'string':
				return content instanceof Y.ContentString ? null : undefined;
			case 'format':
				return content instanceof Y.ContentFormat ? null : undefined;
			default: {
				if (!(content instanceof Y.ContentType)) return undefined;
				const shape = this.#shape?.shapes[child.shape];
				if (shape === undefined || content.type.constructor !== CONSTRUCTORS[shape.type]) return undefined;
				if (shape.nodeNames !== undefined && !shape.nodeNames.includes((content.type as Y.XmlElement).nodeName)) return undefined;
				return { shape, depth };
			}
		}
	}

	#rootPlace(name: string): Place {
		if (this.#shape === null) return { shape: null, depth: 0 };
		const shapeName = this.#shape.roots[name];
		return { shape: (shapeName === undefined ? undefined : this.#shape.shapes[shapeName]) ?? NOTHING, depth: 0 };
	}

	/** An item of the doc, by id (its clock is below the doc's state). */
	#findInDoc(id: Y.ID): Found {
		const struct = Y.getItem(this.#doc.store, id) as Y.Item | Y.GC;
		if (!(struct instanceof Y.Item)) return GONE;
		const parent = struct.parent;
		if (!(parent instanceof Y.AbstractType)) return GONE;
		return {
			parent: this.#placeOfType(parent),
			entry: struct.parentSub !== null,
			own: struct.content instanceof Y.ContentType ? this.#placeOfType(struct.content.type) : null
		};
	}

	/** The place of a type of the doc (cached). A type that does not fit its parent may hold nothing. */
	#placeOfType(type: YType): Place {
		const cached = this.#places.get(type);
		if (cached !== undefined) return cached;
		// Walk up to the first placed ancestor (or the root), then place the types on the way down.
		const chain: YType[] = [];
		let top: YType = type;
		let place: Place | undefined;
		for (;;) {
			place = this.#places.get(top);
			if (place !== undefined) break;
			const item = top._item;
			if (item === null) {
				place = this.#rootPlace(rootName(this.#doc, top));
				this.#places.set(top, place);
				break;
			}
			chain.push(top);
			top = item.parent as YType;
		}
		for (let k = chain.length - 1; k >= 0; k--) {
			const child = chain[k]!;
			const item = child._item!;
			const own = this.#childPlace(place, item.parentSub !== null, item.content);
			place = own !== null && !('reason' in own) ? own : { shape: this.#shape === null ? null : NOTHING, depth: place.depth + 1 };
			this.#places.set(child, place);
		}
		return place;
	}
}

/** A blocked client: it waits until the client it needs is present beyond `clock`. */
interface Waiter {
	readonly clock: number;
	readonly client: number;
}

/**
 * The first dependency of `item` that is not present: `self` when it names its own client's
 * clocks not yet present (nothing could ever supply them first), null when all are present.
 */
function missingDependency(item: Y.Item, availOf: (client: number) => number): Y.ID | 'self' | null {
	const missing = (dep: Y.ID | null): boolean => dep !== null && dep.clock >= availOf(dep.client);
	const parent = item.parent instanceof Y.ID ? item.parent : null;
	const dep = missing(item.origin) ? item.origin : missing(item.rightOrigin) ? item.rightOrigin : missing(parent) ? parent : null;
	if (dep === null) return null;
	return dep.client === item.id.client ? 'self' : dep;
}

function findRun(runs: Run[] | undefined, clock: number): Found | undefined {
	if (runs === undefined) return undefined;
	let lo = 0;
	let hi = runs.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const run = runs[mid]!;
		if (clock < run.clock) hi = mid - 1;
		else if (clock >= run.end) lo = mid + 1;
		else return run;
	}
	return undefined;
}

function rootName(doc: Y.Doc, type: YType): string {
	for (const [name, root] of doc.share) if (root === type) return name;
	return '';
}

function describe(content: ItemContent): string {
	if (content instanceof Y.ContentType) {
		const type = content.type;
		return type instanceof Y.XmlElement ? `an XmlElement <${type.nodeName}>` : `a ${type.constructor.name}`;
	}
	return `a ${content.constructor.name}`;
}

// A binary min-heap of waiters by clock, per awaited client.
function pushWaiter(heaps: Map<number, Waiter[]>, client: number, waiter: Waiter): void {
	let heap = heaps.get(client);
	if (heap === undefined) heaps.set(client, (heap = []));
	heap.push(waiter);
	let k = heap.length - 1;
	while (k > 0) {
		const up = (k - 1) >> 1;
		if (heap[up]!.clock <= heap[k]!.clock) break;
		[heap[up], heap[k]] = [heap[k]!, heap[up]!];
		k = up;
	}
}

function popWaiter(heap: Waiter[]): Waiter {
	const top = heap[0]!;
	const lastWaiter = heap.pop()!;
	if (heap.length > 0) {
		heap[0] = lastWaiter;
		let k = 0;
		for (;;) {
			const l = 2 * k + 1;
			const r = l + 1;
			let min = k;
			if (l < heap.length && heap[l]!.clock < heap[min]!.clock) min = l;
			if (r < heap.length && heap[r]!.clock < heap[min]!.clock) min = r;
			if (min === k) break;
			[heap[min], heap[k]] = [heap[k]!, heap[min]!];
			k = min;
		}
	}
	return top;
}

/**
 * Takes what Yjs keeps pending in `doc` (structs and deletes it could not integrate) out of it, as
 * Yjs v2 updates; empty when nothing is pending. The doc then holds exactly what it integrated.
 */
export function takePending(doc: Y.Doc): Uint8Array[] {
	const store = doc.store;
	const taken: Uint8Array[] = [];
	if (store.pendingStructs !== null) taken.push(store.pendingStructs.update);
	if (store.pendingDs !== null) taken.push(store.pendingDs);
	store.pendingStructs = null;
	store.pendingDs = null;
	return taken;
}
