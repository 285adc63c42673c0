/**
 * Finds party mentions (agencies, localities, leaders, generic collectives) in a block of text.
 *
 * The directory is a parameter (an administrator may edit it); the default is
 * {@link DEFAULT_DIRECTORY}. District and commune People's Committees are a pattern, not data:
 * there are thousands of them and they change with every merger. Agencies the directory does not
 * know are still returned (as written, `known: false`), never dropped.
 */
import {
	AGENCY_NAME_STARTS,
	ANAPHORIC_PARTY_HEADS,
	ANAPHORIC_PARTY_POINTERS,
	COLLECTIVE_HEADS,
	COLLECTIVE_QUALIFIERS,
	COMPANY_LEGAL_FORMS,
	DOCUMENT_OBJECTS,
	HAVE_OBJECTS,
	NAME_STOP_WORDS,
	OTHER_PARTY_STARTS,
	STOP_NOUN_COMPOUNDS,
	UNKNOWN_NAME_HEADS,
	VERBS_AFTER_NAME_WORDS,
	wordsRe
} from '../extract/lexicon';
import { DEFAULT_DIRECTORY } from './directory';
import { foldKey } from './fold';
import type { AgencyDirectory, AgencyEntry, AgencyId, IsoDate } from './types';

/** What a mention refers to. */
export type PartyKind =
	/** a directory agency (sở, ban, ministry …) */
	| 'agency'
	/** a People's Committee of a district/commune/city, or such localities themselves */
	| 'locality'
	/** a provincial or central leader by title (Chủ tịch UBND tỉnh, Phó Thủ tướng …) */
	| 'leader'
	/** an official of a locality (Chủ tịch UBND huyện X): charged directly, a lead */
	| 'localOfficial'
	/** a collective that names no one in particular (các cơ quan, đơn vị …) */
	| 'generic'
	/** the body the notice speaks for (UBND tỉnh, Chính phủ …): requests, is not charged */
	| 'authority'
	/** an organisation the directory does not know, kept as written */
	| 'unknown';

/** A party mention found in a text. Offsets are UTF-16 indices into that text. */
export interface PartyMention {
	/** Start offset (inclusive). */
	start: number;
	/** End offset (exclusive). */
	end: number;
	/** The words as written. */
	text: string;
	/** Canonical directory name, or `text` when unknown. */
	name: string;
	/** What it refers to. */
	kind: PartyKind;
	/** True when the directory knows the agency. */
	known: boolean;
	/** Directory id, when known. */
	agencyId?: AgencyId;
	/** For a name the reorganisation retired before the notice date: the successor's name. */
	successorName?: string;
}

/** Options of {@link findParties}. */
export interface MatchOptions {
	/** Directory to match against (default: the built-in one). */
	directory?: AgencyDirectory;
	/** Notice date: names retired before it get `successorName`. */
	asOf?: IsoDate;
}

interface CompiledAlias {
	key: string;
	entry: AgencyEntry;
	short: boolean;
	upperInitial: boolean;
}

/** A node of the alias trie (UTF-16 code units of the folded keys). */
interface AliasNode {
	next?: Map<number, AliasNode>;
	/** Aliases whose key ends here, in the order {@link matchDirectory} tries them. */
	here?: CompiledAlias[];
	/** Length of the first word of those aliases' keys (all equal: they share the key). */
	firstWordLength?: number;
}

interface CompiledDirectory {
	byFirstWord: Map<string, CompiledAlias[]>;
	byId: Map<string, AgencyEntry>;
	/** Every alias of {@link byFirstWord}, as a trie: the aliases a position can match, longest first. */
	trie: AliasNode;
	/** The trie's first level as an array by code unit, for code units below {@link ROOT_TABLE_SIZE}. */
	rootTable: Array<AliasNode | undefined>;
	/** First words (folded) of the aliases that may match text starting in lower case. */
	lowerFirstWords: ReadonlySet<string>;
	/** 1 for the first code unit of a word in {@link lowerFirstWords} or {@link LOWER_CASE_STARTS}. */
	lowerInitials: Uint8Array;
}

/** Code units below this (all of Latin and Vietnamese) step into the trie through an array. */
const ROOT_TABLE_SIZE = 0x1f00;

const compiledCache = new WeakMap<AgencyDirectory, CompiledDirectory>();

/** Variants people write for the same name: "Ủy ban nhân dân" ↔ "UBND" and so on. */
function variants(name: string): string[] {
	const out = new Set<string>([name]);
	const swaps: Array<[RegExp, string]> = [
		[/Ủy ban nhân dân/g, 'UBND'],
		[/UBND/g, 'Ủy ban nhân dân'],
		[/ và /g, ' & '],
		[/ - /g, '-'],
		[/ - /g, ', ']
	];
	for (const [re, to] of swaps) for (const v of [...out]) out.add(v.replace(re, to));
	return [...out];
}

function firstWord(key: string): string {
	const m = /^[^\s,&-]+/.exec(key);
	return m ? m[0] : key;
}

/** Compiles (and caches per directory object) the alias index. */
export function compileDirectory(directory: AgencyDirectory): CompiledDirectory {
	const hit = compiledCache.get(directory);
	if (hit) return hit;
	const byFirstWord = new Map<string, CompiledAlias[]>();
	const byId = new Map<string, AgencyEntry>();
	const add = (alias: string, entry: AgencyEntry, short: boolean) => {
		const key = foldKey(alias.normalize('NFC').replace(/\s+/g, ' ').trim());
		const fw = firstWord(key);
		const list = byFirstWord.get(fw) ?? [];
		if (!list.some((a) => a.key === key && a.entry === entry)) list.push({ key, entry, short, upperInitial: /^\p{Lu}/u.test(alias) });
		byFirstWord.set(fw, list);
	};
	for (const entry of directory.entries) {
		byId.set(entry.id, entry);
		for (const n of [entry.name, ...(entry.aliases ?? [])]) for (const v of variants(n)) add(v, entry, false);
		for (const s of entry.short ?? []) add(s, entry, true);
	}
	for (const list of byFirstWord.values()) list.sort((a, b) => b.key.length - a.key.length);
	const trie: AliasNode = {};
	for (const [fw, list] of byFirstWord) {
		for (const a of list) {
			let node = trie;
			for (let k = 0; k < a.key.length; k++) {
				const c = a.key.charCodeAt(k);
				node.next ??= new Map();
				let child = node.next.get(c);
				if (!child) node.next.set(c, (child = {}));
				node = child;
			}
			(node.here ??= []).push(a);
			node.firstWordLength = fw.length;
		}
	}
	const rootTable = new Array<AliasNode | undefined>(ROOT_TABLE_SIZE).fill(undefined);
	for (const [c, child] of trie.next ?? []) if (c < ROOT_TABLE_SIZE) rootTable[c] = child;
	const lowerFirstWords = new Set<string>();
	for (const [fw, list] of byFirstWord) if (list.some((a) => !a.upperInitial)) lowerFirstWords.add(fw);
	const lowerInitials = codeSet([...lowerFirstWords, ...LOWER_CASE_STARTS, ...ANAPHORIC_FIRST_WORDS].map((w) => w.charAt(0)));
	const compiled = { byFirstWord, byId, trie, rootTable, lowerFirstWords, lowerInitials };
	compiledCache.set(directory, compiled);
	return compiled;
}

// ———————————————————————————————————————— lexicon ————————————————————————————————————————

const L = '[\\p{L}\\p{M}]';
const LETTER_RE = /[\p{L}\p{M}\d]/u;
const UPPER_RE = /[\p{Lu}\d]/u;
/** Per-code-unit memo of a one-character class test: 0 unknown, 1 in the class, 2 not. */
const letterMemo = new Uint8Array(65536);
const upperMemo = new Uint8Array(65536);
function inClass(c: string | undefined, re: RegExp, memo: Uint8Array): boolean {
	if (c === undefined) return false;
	if (c.length !== 1) return re.test(c);
	const k = c.charCodeAt(0);
	let v = memo[k] as number;
	if (v === 0) memo[k] = v = re.test(c) ? 1 : 2;
	return v === 1;
}
const isLetter = (c: string | undefined): boolean => inClass(c, LETTER_RE, letterMemo);
/** {@link isLetter} of one UTF-16 code unit (not a surrogate). */
function isLetterCode(code: number): boolean {
	let v = letterMemo[code] as number;
	if (v === 0) letterMemo[code] = v = LETTER_RE.test(String.fromCharCode(code)) ? 1 : 2;
	return v === 1;
}
const SURROGATE_RE = /[\uD800-\uDFFF]/;
const isUpper = (c: string | undefined): boolean => inClass(c, UPPER_RE, upperMemo);
const CAPITAL_RE = /\p{Lu}/u;
const capitalMemo = new Uint8Array(65536);
/** `/\p{Lu}/u.test(c ?? '')` of one character. */
const isCapital = (c: string | undefined): boolean => inClass(c, CAPITAL_RE, capitalMemo);

/** A table of UTF-16 code units: 1 for those in `chars` (single code units). */
function codeSet(chars: Iterable<string>): Uint8Array {
	const t = new Uint8Array(65536);
	for (const c of chars) t[c.charCodeAt(0)] = 1;
	return t;
}
/** True when the code unit at `i` is in `set` (false past the end). */
const startsWithCode = (set: Uint8Array, s: string, i: number): boolean => set[s.charCodeAt(i)] === 1;

/** Words grouped by the code unit they start with, in their original order: only those can match at a position. */
type WordIndex = ReadonlyMap<number, readonly string[]>;
function indexWords(words: readonly string[]): WordIndex {
	const out = new Map<number, string[]>();
	for (const w of words) {
		// The lists are constants without an empty word.
		const c = w.length ? w.charCodeAt(0) : -1;
		const list = out.get(c) ?? [];
		list.push(w);
		out.set(c, list);
	}
	return out;
}

const UBND = '(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|ỦY BAN NHÂN DÂN|ủy ban nhân dân|uỷ ban nhân dân)';
const UNIT = '(?:huyện|quận|thị xã|thành phố|tỉnh|xã|phường|thị trấn|đặc khu|TX|TP|TT)';
const LOCALITY_RE = new RegExp(`${UBND}\\s+(?:(các|những)\\s+)?(?:(cấp)\\s+)?(${UNIT}(?:\\s*,\\s*${UNIT}|\\s+và\\s+${UNIT})*)(?!${L})`, 'uy');
const LOCALITY_BARE_RE = new RegExp(
	`(?:Các|các)\\s+(?:cấp\\s+)?(huyện|quận|thị xã|thành phố|xã|phường|tỉnh|thị trấn)(?:\\s*,\\s*${UNIT}|\\s+và\\s+${UNIT})*(?!${L})`,
	'uy'
);
const NAME_WORD_RE = /(?:\p{Lu}[\p{L}\p{M}]*|\d+)(?![\p{L}\p{M}\d])/uy;

/** Word sequences that start an agency name, never a place or person name (folded). */
const HEAD_PREFIXES = AGENCY_NAME_STARTS.map((h) => foldKey(h));
const HEAD_PREFIX_INDEX = indexWords(HEAD_PREFIXES);

function startsWithHead(key: string, i: number): boolean {
	const list = HEAD_PREFIX_INDEX.get(key.charCodeAt(i));
	if (list) for (const h of list) if (key.startsWith(h, i)) return true;
	return false;
}

const SURNAMES = new Set(
	(
		'nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trịnh lương mai ' +
		'đoàn tạ hà lâm giàng thào lò vàng sùng cao chu triệu tô la đào kiều quách lại nông tăng thái ' +
		'lưu trương hứa vương châu đàm khổng lục tống nghiêm âu bế hầu ma mạc phùng quan trình từ ' +
		'viên kha ksor nay rơ y h thân doãn khúc hoàng giang lù sầm lường cầm điêu'
	).split(' ')
);

/** Reads 2–4 capitalised words as a person's name (a surname first, or at least three words). */
function readPersonName(text: string, key: string, i: number): number {
	let j = i;
	const starts: number[] = [];
	while (starts.length < 4) {
		const ws = j;
		if (!/\s/u.test(text[ws] ?? '')) break;
		let k = ws;
		while (/\s/u.test(text[k] ?? '')) k++;
		if (!/\p{Lu}/u.test(text[k] ?? '') || startsWithHead(key, k)) break;
		NAME_WORD_RE.lastIndex = k;
		const m = NAME_WORD_RE.exec(text);
		if (!m) break;
		starts.push(k);
		j = k + m[0].length;
	}
	if (starts.length < 2) return i;
	const first = key.slice(starts[0], /\s/u.exec(key.slice(starts[0] ?? 0))?.index ?? 0 + (starts[0] ?? 0));
	const surname = first.split(/\s/)[0] ?? '';
	if (starts.length >= 3 || SURNAMES.has(surname)) return j;
	return i;
}

/**
 * Agency head words that are also the first syllable of place names ("huyện Vụ Bản", "phường Hội
 * An", "xã Đoàn Kết", "xã Ban Công"): after a locality unit, such a two-word name is a place
 * unless the directory knows an agency there or the name runs on into lower-case words.
 */
const PLACE_HEADS_RE = new RegExp(`^(?:${foldKey('vụ|hội|đoàn|trường|đài|quỹ|báo|cục|ban|viện|tổng')}) \\p{Ll}`, 'u');

/** A place name of two capitalised words whose first is an agency head word, or -1. */
function readHeadPlace(text: string, key: string, k: number, dir: CompiledDirectory): number {
	if (!PLACE_HEADS_RE.test(key.slice(k, k + 12))) return -1;
	const sp = key.indexOf(' ', k);
	if (!isUpper(text[sp + 1])) return -1;
	NAME_WORD_RE.lastIndex = sp + 1;
	const m = NAME_WORD_RE.exec(text);
	if (!m) return -1;
	const end = sp + 1 + m[0].length;
	// A third capitalised word makes an agency name ("Báo Nam Định"), not a two-syllable place.
	if (/^ [\p{Lu}]/u.test(text.slice(end, end + 2))) return -1;
	if (matchDirectory(text, key, k, dir)) return -1;
	if (readUnknown(text, key, k) > end) return -1;
	return end;
}

/**
 * Reads ", Name, Name và Name" (or one Name) after a locality unit; returns the new end. With `dir`
 * (after a locality unit only), a place may start with an agency head word ({@link readHeadPlace}).
 */
function readPlaceNames(text: string, key: string, i: number, plural: boolean, dir?: CompiledDirectory): number {
	const readName = (at: number): number => {
		let k = at;
		while (text[k] === ' ') k++;
		if (isUpper(text[k]) && startsWithHead(key, k)) return dir ? readHeadPlace(text, key, k, dir) : -1;
		if (!isUpper(text[k])) return -1;
		let end = -1;
		let words = 0;
		let p = k;
		while (words < 4) {
			NAME_WORD_RE.lastIndex = p;
			const m = NAME_WORD_RE.exec(text);
			if (!m || (words > 0 && startsWithHead(key, p))) break;
			end = p + m[0].length;
			words++;
			if (text[end] !== ' ') break;
			p = end + 1;
			if (!isUpper(text[p])) break;
		}
		return end;
	};
	let end = readName(i);
	if (end < 0) return i;
	if (!plural) return end;
	for (;;) {
		const sep = /^(\s*,\s*|\s+và\s+)/u.exec(text.slice(end, end + 6));
		if (!sep) break;
		const next = readName(end + sep[0].length);
		if (next < 0) break;
		end = next;
	}
	return end;
}

/**
 * Reads a list of names that share one head noun written before it: "các Bộ: Xây dựng, Tài chính,
 * Nông nghiệp và Môi trường, Tư pháp". Every item starts with a capital; an item runs on through
 * lower-case words ("Nông nghiệp") until a comma, punctuation, or a word that starts the predicate
 * ("theo", "khẩn trương"); "và" joins two items or two halves of one name alike. Returns the end
 * of the list, or -1.
 */
function readNameList(text: string, key: string, i: number): number {
	let end = -1;
	let p = i;
	for (let items = 0; items < 20; items++) {
		while (text[p] === ' ') p++;
		if (!isUpper(text[p])) break;
		let q = p;
		let itemEnd = -1;
		for (let words = 0; words < 10; words++) {
			const m = /^[\p{L}\p{M}\d&-]+/u.exec(text.slice(q, q + 30));
			if (!m) break;
			const w = m[0];
			const wk = key.slice(q, q + w.length);
			if (words > 0 && !isUpper(w[0])) {
				if (wk === 'và') {
					if (!isUpper(text[q + 3])) break;
				} else if (NAME_STOPS.has(wk)) break;
				const pair = /^([\p{L}\p{M}]+)\s+([\p{L}\p{M}]+)/u.exec(key.slice(q, q + 30));
				if (pair && NAME_STOPS.has(`${pair[1]} ${pair[2]}`) && !NOUN_COMPOUNDS.has(`${pair[1]} ${pair[2]}`)) break;
			}
			itemEnd = q + w.length;
			if (text[itemEnd] !== ' ') break;
			q = itemEnd + 1;
		}
		if (itemEnd < 0) break;
		end = itemEnd;
		const sep = /^\s*,\s*/u.exec(text.slice(end, end + 4));
		if (!sep) break;
		p = end + sep[0].length;
	}
	return end;
}

/** Head nouns of collectives that are only a party when written with a capital ("các Cục, Vụ"). */
const CAPITAL_HEADS = new Set(['cục', 'vụ', 'tổng cục']);

/** Head nouns and qualifiers of collectives, folded like the text ("các cơ quan, đơn vị liên quan"). */
const GENERIC_HEADS = COLLECTIVE_HEADS.map((h) => foldKey(h));
const GENERIC_QUALS = COLLECTIVE_QUALIFIERS.map((h) => foldKey(h));

const GENERIC_HEAD_INDEX = indexWords(GENERIC_HEADS);
const GENERIC_QUAL_INDEX = indexWords(GENERIC_QUALS);

/** True when one of the indexed words starts at `i`. */
function startsWithAny(key: string, i: number, index: WordIndex): boolean {
	const words = index.get(key.charCodeAt(i));
	if (words) for (const w of words) if (key.startsWith(w, i)) return true;
	return false;
}

function readWordList(key: string, i: number, index: WordIndex): number {
	const words = index.get(key.charCodeAt(i));
	if (!words) return -1;
	for (const w of words) {
		if (key.startsWith(w, i) && !isLetter(key[i + w.length])) return i + w.length;
	}
	return -1;
}

const skipBlank = (text: string, p: number): number => {
	while (text[p] === ' ') p++;
	return p;
};

/** "các cơ quan, đơn vị, địa phương (có) liên quan" — collectives sharing one head. */
/** First letters of the quantifiers {@link readGeneric} starts with. */
const GENERIC_QUANT_INITIALS = codeSet(['t', 'c', 'n', 'm']);
/** The quantifiers themselves: a cheap test before the regex (and its slice) runs. */
const GENERIC_QUANT_INDEX = indexWords(['tất cả các', 'toàn bộ các', 'các', 'những', 'mọi']);

function readGeneric(text: string, key: string, i: number): number {
	if (!startsWithCode(GENERIC_QUANT_INITIALS, key, i) || !startsWithAny(key, i, GENERIC_QUANT_INDEX)) return -1;
	const q = /^(?:tất cả các|toàn bộ các|các|những|mọi)\s+/u.exec(key.slice(i, i + 16));
	if (!q) return -1;
	let end = readWordList(key, i + q[0].length, GENERIC_HEAD_INDEX);
	if (end < 0) return -1;
	const capitalHead = (at: number, to: number) => !CAPITAL_HEADS.has(key.slice(at, to)) || isUpper(text[at]);
	if (!capitalHead(i + q[0].length, end)) return -1;
	// "các Bộ: Tài chính, Nông nghiệp và Môi trường" — one head noun shared by a list of names.
	if (/^(?:bộ|sở|cục|vụ|ban)$/u.test(key.slice(i + q[0].length, end))) {
		const colon = /^\s*:?\s*/u.exec(text.slice(end, end + 3));
		const from = end + (colon?.[0].length ?? 0);
		const names = colon?.[0].includes(':') ? readNameList(text, key, from) : readPlaceNames(text, key, from, true);
		if (names > from) return names;
	}
	for (;;) {
		const sep = /^(?:\s*,\s*(?!các )|\s+và\s+(?:các\s+)?|\s+)/u.exec(key.slice(end, end + 12));
		if (!sep) break;
		const at = end + sep[0].length;
		const next = readWordList(key, at, GENERIC_HEAD_INDEX);
		const head =
			next >= 0 && capitalHead(at, next) && !(sep[0].trim() === '' && /^(?:sở|ban|bộ|hội|cấp|phòng|ngành|cục|vụ|tổng cục|tổ chức)$/.test(key.slice(at, next)));
		// "các sở, ban, ngành cấp tỉnh": "cấp" heads a collective of its own ("các cấp, các ngành")
		// but, right after a head, qualifies it.
		const qual = head ? -1 : readWordList(key, at, GENERIC_QUAL_INDEX);
		if (head) end = next;
		else if (qual >= 0 && !sep[0].includes(',') && !sep[0].includes('và')) end = qual;
		else break;
	}
	// "các Bộ, cơ quan: Tài chính, Nông nghiệp và Môi trường": heads that name bodies, shared by a
	// list of names after a colon.
	if (/^(?:bộ|sở|cục|vụ|ban)(?![\p{L}\p{M}])/u.test(key.slice(i + q[0].length)) && text[end] === ':') {
		const from = skipBlank(text, end + 1);
		const names = readNameList(text, key, from);
		if (names > from) return names;
	}
	return end;
}

/** {@link ANAPHORIC_PARTY_HEADS} + {@link ANAPHORIC_PARTY_POINTERS}, folded like the text. */
const ANAPHORIC_PARTY_RE = new RegExp(
	`^(?:(?:các|những)\\s+)?(?:${ANAPHORIC_PARTY_HEADS.map((w) => foldKey(w)).join('|')})\\s+(?:${ANAPHORIC_PARTY_POINTERS.map((w) => foldKey(w)).join('|')})(?![\\p{L}\\p{M}])`,
	'u'
);

/** First words (folded) of {@link ANAPHORIC_PARTY_HEADS}. */
const ANAPHORIC_FIRST_WORDS: ReadonlySet<string> = new Set(ANAPHORIC_PARTY_HEADS.map((w) => foldKey(w).split(' ')[0] as string));

/** Verbs, modals and prepositions (folded) that end an unknown agency's name: the predicate starts. */
export const NAME_STOPS: ReadonlySet<string> = new Set(
	// Folded like the text they are looked up in ("rà soát" → "rà sóat", "hoàn thành" → "hòan thành").
	NAME_STOP_WORDS.map((w) => foldKey(w))
);

/** Nouns whose second syllable is also a verb in {@link NAME_STOPS}. */
const NOUN_COMPOUNDS = new Set<string>(STOP_NOUN_COMPOUNDS.map((w) => foldKey(w)));

/**
 * Agency head words after which a capitalised word makes a name we may not know. Folded like the
 * text ("đoàn" → "đòan"), or "Tổng Liên đoàn …" would never match.
 */
const UNKNOWN_HEADS = UNKNOWN_NAME_HEADS.map((h) => foldKey(h));

/**
 * Verbs that end a name when they follow a capitalised word ("Vụ Giáo dục Đại học xây dựng dự
 * thảo"): inside a name they follow a lower-case word ("Ban Quản lý dự án đầu tư xây dựng").
 */
const VERBS_AFTER_NAME: ReadonlySet<string> = new Set(VERBS_AFTER_NAME_WORDS.map((w) => foldKey(w)));

/**
 * Objects that make a lower-case verb after a name a predicate ("… sửa đổi thông tư"). Folded like
 * the text it is tested on ("kế hoạch" → "kế họach").
 */
const OBJECT_NOUN_RE = wordsRe(DOCUMENT_OBJECTS, { before: ' ', caseSensitive: true, map: foldKey });

/** True when a party's head word starts at `p` ("Sở …", "UBND …", "Chủ tịch …"). */
function startsAnotherParty(key: string, p: number): boolean {
	return readWordList(key, p, UNKNOWN_HEAD_INDEX) >= 0 || OTHER_PARTY_RE.test(key.slice(p, p + 12));
}
/** Words that open another party (folded): "UBND …", "các …", "Chủ tịch …". */
const OTHER_PARTY_RE = wordsRe(OTHER_PARTY_STARTS, { caseSensitive: true, map: foldKey });

/**
 * "Ban Quản lý dự án … các công trình dân dụng và công nghiệp tỉnh": after "và", a few lower-case
 * nouns that close the name with its level word belong to the name.
 */
function joinsToLevel(key: string, p: number): boolean {
	const m = /^((?:[\p{L}\p{M}]+ ){1,3})(?:tỉnh|huyện|quận|thị xã|thành phố)(?![\p{L}\p{M}])/u.exec(key.slice(p, p + 50));
	if (!m?.[1]) return false;
	const ws = m[1].trim().split(' ');
	return ws.every((w, k) => !NAME_STOPS.has(w) && !NAME_STOPS.has(`${w} ${ws[k + 1] ?? ''}`));
}

/** Legal forms of a company, written in lower case after "Công ty" (folded). */
const LEGAL_FORM_RE = new RegExp(`^(?:${COMPANY_LEGAL_FORMS.map(foldKey).join('|')})(?![\\p{L}\\p{M}])`, 'iu');

/** Capitalised words that follow "Vụ" in a crop season, not a ministry department ("Vụ Đông Xuân"). */
const SEASON_RE = /^(?:đông|xuân|hè|thu|mùa|chiêm)(?![\p{L}\p{M}])/u;

const UNKNOWN_HEAD_INITIALS = codeSet(UNKNOWN_HEADS.map((h) => h[0] as string));
const UNKNOWN_HEAD_INDEX = indexWords(UNKNOWN_HEADS);

/**
 * "Văn phòng thường trực Ban Chỉ đạo …", "Ban cán sự đảng …", "Ban Thường vụ …": words in lower
 * case that may follow the head word `[i, h)` at `p`.
 */
function lowerCaseNameOk(text: string, key: string, i: number, h: number, p: number): boolean {
	const head = key.slice(i, h);
	return (
		key.startsWith('cán sự', p) ||
		key.startsWith('thường vụ', p) ||
		(key.startsWith('thường trực ', p) && isUpper(text[p + 12]) && (head === 'văn phòng' || head === 'ban' || head === 'cơ quan')) ||
		// "Công ty cổ phần Điện gió X", "Công ty TNHH …": the legal form, written in lower case.
		((head === 'tổng công ty' || head === 'công ty') && LEGAL_FORM_RE.test(key.slice(p, p + 30)))
	);
}

function readUnknown(text: string, key: string, i: number): number {
	if (!startsWithCode(UNKNOWN_HEAD_INITIALS, key, i) || !isCapital(text[i])) return -1;
	const h = readWordList(key, i, UNKNOWN_HEAD_INDEX);
	if (h < 0) return -1;
	let p = h;
	if (text[p] !== ' ') return -1;
	p++;
	// "Văn phòng thường trực Ban Chỉ đạo …", "Ban cán sự đảng …", "Ban Thường vụ …".
	if (!isUpper(text[p]) && !lowerCaseNameOk(text, key, i, h, p)) return -1;
	if (key.startsWith('vụ', i) && h === i + 2 && SEASON_RE.test(key.slice(p, p + 6))) return -1;
	let end = h;
	let words = 0;
	let prevUpper = true;
	while (words < 20) {
		const m = /^[\p{L}\p{M}\d&/.'-]+/u.exec(text.slice(p, p + 40));
		if (!m) break;
		const w = m[0].replace(/[.]+$/u, '');
		const lower = !/[\p{Lu}\d]/u.test(w[0] ?? '');
		const prev = /([\p{L}\p{M}]+)\s$/u.exec(key.slice(Math.max(0, p - 12), p))?.[1] ?? '';
		// "công trình", "chương trình": the verb "trình" inside a noun does not end the name.
		const nextWord = /^\s([\p{L}\p{M}]+)/u.exec(key.slice(p + w.length, p + w.length + 12))?.[1] ?? '';
		const compound = NOUN_COMPOUNDS.has(`${prev} ${foldKey(w)}`) || NOUN_COMPOUNDS.has(`${foldKey(w)} ${nextWord}`);
		// "Phòng Tài nguyên và Môi trường", "Phòng Lao động - Thương binh và Xã hội": "và" joins two
		// capitalised halves of one name, unless the second half starts another party ("và Sở …").
		const joins = words > 0 && w === 'và' && text[p + 2] === ' ' && ((isUpper(text[p + 3]) && !startsAnotherParty(key, p + 3)) || joinsToLevel(key, p + 3));
		if (lower && !compound && !joins && NAME_STOPS.has(foldKey(w))) break;
		// A two-word predicate ("theo dõi", "đẩy nhanh") — check the pair too.
		const pair = /^([\p{L}\p{M}]+)\s+([\p{L}\p{M}]+)/u.exec(key.slice(p, p + 30));
		if (pair && lower && !compound && NAME_STOPS.has(`${pair[1]} ${pair[2]}`)) break;
		if (lower && words > 0) {
			const verb = VERBS_AFTER_NAME.has(foldKey(w)) ? w.length : pair && VERBS_AFTER_NAME.has(`${pair[1]} ${pair[2]}`) ? pair[0].length : 0;
			if (verb && (prevUpper || OBJECT_NOUN_RE.test(key.slice(p + verb, p + verb + 20)))) break;
		}
		prevUpper = !lower;
		end = p + w.length;
		words++;
		if (text[end] !== ' ') break;
		p = end + 1;
	}
	return end > h ? end : -1;
}

/**
 * A title before a party ("Lãnh đạo Văn phòng", "các Phó Chủ tịch UBND tỉnh"), read at a position.
 * Case is part of the pattern, not a list of variants: "Chủ tịch", "Chánh Văn phòng" are titles
 * only with their capitals, while "lãnh đạo", "cán bộ" … are titles in either case.
 */
const TITLE_RE =
	/(?:(?:các|Các)\s+)?(?:Lãnh đạo|lãnh đạo|Thủ trưởng|thủ trưởng|Người đứng đầu|người đứng đầu|Giám đốc|giám đốc|Phó Chánh Văn phòng|Chánh Văn phòng|Chánh Thanh tra|Tổng Cục trưởng|Cục trưởng|Vụ trưởng|Trưởng ban|Trưởng|Phó Chủ tịch|Chủ tịch|Bộ trưởng|Thứ trưởng|Chuyên viên|chuyên viên|Cán bộ|cán bộ|Đại diện|đại diện)\s+/uy;

const LEADER_RE = new RegExp(
	`(?:(?:các|Các)\\s+)?(?:Phó\\s+)?Chủ tịch(?:\\s+Thường trực)?\\s+${UBND}\\s+(?:các\\s+)?tỉnh(?<all>\\s*,\\s*thành phố(?:\\s+trực thuộc (?:trung ương|Trung ương))?)?(?!${L})`,
	'uy'
);
const CENTRAL_LEADER_RE = /(?:Phó\s+)?Thủ tướng(?:\s+Chính phủ)?(?![\p{L}\p{M}])/uy;

/** A match candidate at one position. */
interface Candidate {
	end: number;
	kind: PartyKind;
	entry?: AgencyEntry;
	name?: string;
	/** Matched through a short form ("Văn phòng"). */
	short?: boolean;
}

/** Per-code-unit memo: 1 when the unit ends a first word (`[\s,&-]`), 2 when not. */
const wordBreakMemo = new Uint8Array(65536);
const WORD_BREAK_RE = /[\s,&-]/;

/** Length of the first word (`[^\s,&-]+`) of `key` at `i`. */
function firstWordLength(key: string, i: number): number {
	let p = i;
	while (p < key.length) {
		const c = key.charCodeAt(p);
		let v = wordBreakMemo[c] as number;
		if (v === 0) wordBreakMemo[c] = v = WORD_BREAK_RE.test(key[p] as string) ? 1 : 2;
		if (v === 1) break;
		p++;
	}
	return p - i;
}

/** Scratch stack of the trie nodes {@link matchDirectory} passes (it never re-enters itself). */
const trieHits: AliasNode[] = [];

function matchDirectory(text: string, key: string, i: number, dir: CompiledDirectory): Candidate | undefined {
	// The aliases whose key is a prefix of `key` at `i`, found by walking the trie and tried longest
	// first (as the per-first-word lists are sorted). Only aliases whose first word is the first
	// word at `i` count: the lists are looked up by that word.
	let hits = 0;
	if (dir.trie.here) trieHits[hits++] = dir.trie;
	const c0 = key.charCodeAt(i);
	let node: AliasNode | undefined = c0 < ROOT_TABLE_SIZE ? dir.rootTable[c0] : dir.trie.next?.get(c0);
	let p = i + 1;
	while (node) {
		if (node.here) trieHits[hits++] = node;
		if (!node.next) break;
		node = node.next.get(key.charCodeAt(p++));
	}
	if (!hits) return undefined;
	const fwLength = firstWordLength(key, i);
	if (fwLength === 0) return undefined;
	for (let h = hits - 1; h >= 0; h--) {
		const hit = trieHits[h] as AliasNode;
		if (hit.firstWordLength !== fwLength) continue;
		for (const a of hit.here as CompiledAlias[]) {
			if (isLetter(key[i + a.key.length])) continue;
			if (a.upperInitial && !isUpper(text[i])) continue;
			if (a.short) {
				// A short form ("Văn phòng") must not be the head of a longer name we do not know
				// ("Văn phòng Tỉnh ủy").
				const after = text.slice(i + a.key.length, i + a.key.length + 16);
				if (/^ \p{Lu}/u.test(after) || /^ thường trực \p{Lu}/u.test(after)) continue;
			}
			return {
				end: i + a.key.length,
				kind: a.entry.kind === 'authority' ? 'authority' : a.entry.kind === 'leader' ? 'leader' : 'agency',
				entry: a.entry,
				short: a.short
			};
		}
	}
	return undefined;
}

function matchLeader(text: string, key: string, i: number): Candidate | undefined {
	const c0 = key[i];
	// Provincial leaders by title, with the person's name when written.
	if (c0 === 'c' || c0 === 'p') {
		LEADER_RE.lastIndex = i;
		const m = LEADER_RE.exec(text);
		if (m) {
			// "Chủ tịch Ủy ban nhân dân tỉnh, thành phố": the chairs of every province, in a central notice.
			if (m.groups?.all || /\scác\s+tỉnh/u.test(m[0])) return { end: i + m[0].length, kind: 'localOfficial' };
			const end = readPersonName(text, key, i + m[0].length);
			const title = /Phó/u.test(m[0]) ? 'Phó Chủ tịch UBND tỉnh' : 'Chủ tịch UBND tỉnh';
			const plural = /^các /iu.test(m[0]) ? 'các ' : '';
			return { end, kind: 'leader', name: (plural + title + text.slice(i + m[0].length, end)).replace(/\s+/gu, ' ') };
		}
	}
	if (c0 === 't' || c0 === 'p') {
		CENTRAL_LEADER_RE.lastIndex = i;
		const m = CENTRAL_LEADER_RE.exec(text);
		if (m) {
			const end = readPersonName(text, key, i + m[0].length);
			const title = /Phó/u.test(m[0]) ? 'Phó Thủ tướng Chính phủ' : 'Thủ tướng Chính phủ';
			return { end, kind: 'leader', name: (title + text.slice(i + m[0].length, end)).replace(/\s+/gu, ' ') };
		}
	}
	return undefined;
}

/** A bare level word after an agency name: " tỉnh", " thành phố" not followed by a place name. */
const BARE_LEVEL_RE = /^ (?:tỉnh|thành phố)(?![\p{L}\p{M}\d])(?! [\p{Lu}\d])/u;

/**
 * Nouns after "có" that make it a predicate ("có văn bản", "có kế hoạch"), not a qualifier. Folded
 * like the key they are tested on (unfolded, "kế hoạch" never matched "kế họach").
 */
const HAVE_PREDICATE_RE = wordsRe(HAVE_OBJECTS, { caseSensitive: true, map: foldKey });

/**
 * "UBND các huyện có hồ chứa rà soát …": a "có …" qualifier of a plural locality, kept with it
 * when a predicate follows it within a few lower-case words. Returns the new end.
 */
function readHavingQualifier(text: string, key: string, end: number): number {
	const have = /^ có /u.exec(key.slice(end, end + 4));
	if (!have) return end;
	let p = end + have[0].length;
	if (HAVE_PREDICATE_RE.test(key.slice(p, p + 16))) return end;
	let last = -1;
	for (let words = 0; words < 7; words++) {
		const w = /^[\p{Ll}\p{M}]+/u.exec(text.slice(p, p + 20))?.[0];
		if (!w) return end;
		const pair = /^([\p{L}\p{M}]+)\s+([\p{L}\p{M}]+)/u.exec(key.slice(p, p + 30));
		if (words > 0 && (NAME_STOPS.has(key.slice(p, p + w.length)) || (pair && NAME_STOPS.has(`${pair[1]} ${pair[2]}`)))) return last > 0 ? last : end;
		last = p + w.length;
		if (text[last] !== ' ') return end;
		p = last + 1;
	}
	return end;
}

/**
 * District and commune Party committees, a pattern like the People's Committees: "Huyện ủy Vụ
 * Bản", "Ban Thường vụ các huyện ủy, thị ủy, thành ủy", "Thường trực Thành ủy", "Đảng ủy xã Tân
 * Thành", "Đảng ủy các xã, phường". Matched on the folded text.
 */
const PARTY_UNIT = '(?:huyện|thị|thành|quận) ủy';
const COMMUNE_UNIT = '(?:xã|phường|thị trấn|đặc khu)';
const LOCAL_PARTY_RE = new RegExp(
	`(?:(?:ban thường vụ|thường trực)\\s+)?(?:(các|những)\\s+)?(?:${PARTY_UNIT}(?:\\s*,\\s*${PARTY_UNIT}|\\s+và\\s+${PARTY_UNIT})*|đảng ủy\\s+(?:(các)\\s+)?${COMMUNE_UNIT}(?:\\s*,\\s*${COMMUNE_UNIT}|\\s+và\\s+${COMMUNE_UNIT})*)(?!${L})`,
	'uy'
);

/** Cheap pre-check for {@link LOCAL_PARTY_RE}: the words it can start with. */
const LOCAL_PARTY_STARTS = ['ban thường vụ ', 'thường trực ', 'các ', 'những ', 'huyện ủy', 'thị ủy', 'thành ủy', 'quận ủy', 'đảng ủy '];
const LOCAL_PARTY_START_INDEX = indexWords(LOCAL_PARTY_STARTS);

function matchLocalParty(text: string, key: string, i: number, dir: CompiledDirectory): Candidate | undefined {
	LOCAL_PARTY_RE.lastIndex = i;
	const m = LOCAL_PARTY_RE.exec(key);
	if (!m) return undefined;
	const plural = Boolean(m[1] || m[2]);
	// A lower-case "huyện ủy" on its own is a common noun ("của huyện ủy"), not a named party.
	if (!plural && !isUpper(text[i])) return undefined;
	let end = i + m[0].length;
	const named = readPlaceNames(text, key, end, plural, dir);
	if (named > end) end = named;
	return { end, kind: 'locality' };
}

/**
 * District and commune bodies named by their level alone: "Công an huyện", "Văn phòng HĐND và
 * UBND huyện", "Ban Chỉ huy Quân sự thị xã", "Thanh tra thành phố Biên Hòa". Like the People's
 * Committees they are a pattern, not directory data. Matched on the folded text.
 */
const LEVEL_BODY_RE = new RegExp(
	`${foldKey('(?:công an|thanh tra|ban chỉ huy quân sự|ban chỉ huy công an|văn phòng (?:hđnd|hội đồng nhân dân)(?: và | - |-)(?:ubnd|ủy ban nhân dân)|văn phòng (?:ubnd|ủy ban nhân dân)|huyện đoàn|bảo hiểm xã hội|trung tâm y tế|trung tâm chính trị) (?:huyện|quận|thị xã|thành phố|xã|phường|thị trấn)')}(?![\\p{L}\\p{M}])`,
	'uy'
);

/** The words {@link LEVEL_BODY_RE} starts with (folded): a cheap test before it runs. */
const LEVEL_BODY_START_INDEX = indexWords(
	['công an', 'thanh tra', 'ban chỉ huy', 'văn phòng', 'huyện đoàn', 'bảo hiểm xã hội', 'trung tâm'].map((w) => foldKey(w))
);

const CITY_OFFICE_RE = new RegExp(`^${foldKey('văn phòng (?:ubnd|ủy ban nhân dân) thành phố')}$`, 'u');

function matchCore(text: string, key: string, i: number, dir: CompiledDirectory): Candidate | undefined {
	const c0 = key[i];
	if (startsWithAny(key, i, LOCAL_PARTY_START_INDEX)) {
		const party = matchLocalParty(text, key, i, dir);
		if (party) return party;
	}
	// District/commune People's Committees: a pattern, not data.
	if (c0 === 'u' || c0 === 'ủ') {
		LOCALITY_RE.lastIndex = i;
		const m = LOCALITY_RE.exec(text);
		if (m) {
			const plural = Boolean(m[1]);
			const units = m[3] ?? '';
			let end = i + m[0].length;
			if (!m[2]) {
				const named = readPlaceNames(text, key, end + 1, plural, dir);
				if (named > end + 1) end = named;
			}
			const q = /^\s+(?:(?:có\s+)?liên quan|trực thuộc (?:trung ương|Trung ương))(?![\p{L}\p{M}])/u.exec(text.slice(end, end + 24));
			if (q) end += q[0].length;
			else if (plural && end === i + m[0].length) end = readHavingQualifier(text, key, end);
			const provinceOnly = /^tỉnh$/u.test(units) && !plural && !m[2] && end === i + m[0].length;
			if (!provinceOnly) return { end, kind: 'locality' };
		}
	}
	if (c0 === 'c') {
		LOCALITY_BARE_RE.lastIndex = i;
		const m = LOCALITY_BARE_RE.exec(text);
		if (m) {
			let end = i + m[0].length;
			const names = readPlaceNames(text, key, end + 1, true, dir);
			if (names > end + 1) end = names;
			const q = /^\s+(?:có\s+)?liên quan(?![\p{L}\p{M}])/u.exec(text.slice(end, end + 16));
			if (q) end += q[0].length;
			return { end, kind: 'locality' };
		}
	}
	if ((c0 === 'c' || c0 === 't' || c0 === 'b' || c0 === 'v' || c0 === 'h') && isUpper(text[i]) && startsWithAny(key, i, LEVEL_BODY_START_INDEX)) {
		LEVEL_BODY_RE.lastIndex = i;
		const m = LEVEL_BODY_RE.exec(key);
		// "Văn phòng UBND thành phố" of a centrally-run city is the directory's provincial office.
		if (m && !CITY_OFFICE_RE.test(m[0])) {
			let end = i + m[0].length;
			const named = readPlaceNames(text, key, end, false, dir);
			if (named > end) end = named;
			return { end, kind: 'unknown' };
		}
	}
	const known = matchDirectory(text, key, i, dir);
	if (known) {
		// "Sở Tài chính tỉnh Lào Cai": keep the place in the words as written.
		const tail = /^\s+(?:tỉnh|thành phố)\s+/u.exec(text.slice(known.end, known.end + 14));
		const placed = tail && known.kind === 'agency' ? readPlaceNames(text, key, known.end + tail[0].length - 1, false) : -1;
		if (tail && known.kind === 'agency' && placed > known.end + tail[0].length - 1) known.end = placed;
		else if (known.kind === 'agency' && !known.short && BARE_LEVEL_RE.test(text.slice(known.end, known.end + 14))) {
			// "Cục Thuế thành phố", "Văn phòng Ủy ban nhân dân thành phố": the level word without a
			// place name belongs to the name (a centrally-run city writes "thành phố" for "tỉnh").
			known.end += BARE_LEVEL_RE.exec(text.slice(known.end, known.end + 14))?.[0].length ?? 0;
		} else if (known.kind === 'agency' && !known.short && text[known.end] === ' ') {
			// A proper name after a generic agency name: "Ban Quản lý Khu kinh tế Đông Nam",
			// "Kho bạc Nhà nước khu vực VIII".
			const n = readPlaceNames(text, key, known.end, false);
			if (n > known.end) known.end = n;
		}
		return known;
	}
	const g = readGeneric(text, key, i);
	// "các đơn vị có tỷ lệ giải ngân thấp phải báo cáo": a "có …" qualifier, as for localities.
	if (g > 0) return { end: readHavingQualifier(text, key, g), kind: 'generic' };
	// [P14] "yêu cầu đơn vị nêu trên thực hiện …": a noun pointing back names the parties before it.
	const back = ANAPHORIC_PARTY_RE.exec(key.slice(i, i + 40));
	if (back && (i === 0 || !isLetter(key[i - 1]))) return { end: i + back[0].length, kind: 'generic' };
	const u = readUnknown(text, key, i);
	if (u > 0) return { end: u, kind: 'unknown' };
	return undefined;
}

/** First letters (folded) of the titles {@link TITLE_RE} reads. */
const TITLE_INITIALS = codeSet(['c', 'l', 'n', 't', 'g', 'p', 'b', 'đ']);

function matchAt(text: string, key: string, i: number, dir: CompiledDirectory, afterParty = false): Candidate | undefined {
	const leader = matchLeader(text, key, i);
	if (leader) return leader;
	// A title followed by a party: "Lãnh đạo Văn phòng", "Chủ tịch UBND huyện Lục Nam",
	// "các chuyên viên Văn phòng UBND tỉnh", "Bộ trưởng Bộ Tài chính". Right after a party, a
	// lower-case "lãnh đạo" is the verb ("Đảng đoàn HĐND tỉnh lãnh đạo HĐND tỉnh …").
	if (startsWithCode(TITLE_INITIALS, key, i) && !(afterParty && text.startsWith('lãnh đạo', i))) {
		TITLE_RE.lastIndex = i;
		const t = TITLE_RE.exec(text);
		if (t) {
			const at = i + t[0].length;
			const inner = matchCore(text, key, at, dir);
			const title = foldKey(t[0]);
			const titleText = text.slice(i, at);
			if (inner) {
				const innerName = inner.entry ? inner.entry.name : text.slice(at, inner.end);
				const name = (titleText + innerName).replace(/\s+/gu, ' ');
				if (inner.kind === 'locality' && /chủ tịch|trưởng/u.test(title)) return { end: inner.end, kind: 'localOfficial', name };
				if (/bộ trưởng|thứ trưởng/u.test(title)) return { end: inner.end, kind: 'leader', name };
				return { end: inner.end, kind: inner.kind, name };
			}
			// "Bộ trưởng", "Thứ trưởng Lê Công Thành": a minister by title, with the name when written.
			if (/^(?:các\s+)?(?:bộ trưởng|thứ trưởng)\s+$/u.test(title)) {
				const end = readPersonName(text, key, i + t[0].trimEnd().length);
				return { end, kind: 'leader', name: text.slice(i, end).replace(/\s+/gu, ' ') };
			}
			// "các chuyên viên" on its own is a party in an office's internal notice.
			if (/^các (?:chuyên viên|cán bộ)/u.test(title)) return { end: i + t[0].trimEnd().length, kind: 'generic' };
		}
	}
	return matchCore(text, key, i, dir);
}

/**
 * First words (folded) with which a mention may start in lower case, besides the directory's:
 * the leader, title, collective and committee patterns that do not ask for a capital
 * ("các Phó Chủ tịch …", "lãnh đạo Sở …", "tất cả các đơn vị", "ban thường vụ các huyện ủy",
 * "ủy ban nhân dân xã …").
 */
const LOWER_CASE_STARTS: ReadonlySet<string> = new Set(
	// Quantifiers, committee heads, and the first words of the titles TITLE_RE reads in lower case.
	['các', 'những', 'tất', 'toàn', 'mọi', 'ban', 'thường', 'đảng', 'ủy', 'uỷ', 'lãnh', 'thủ', 'người', 'giám', 'chuyên', 'cán', 'đại'].map((w) => foldKey(w))
);
const LOWER_CASE_RE = /\p{Ll}/u;
const lowerMemo = new Uint8Array(65536);
/** True for a lower-case letter (one code unit). */
function isLowerCode(code: number): boolean {
	let v = lowerMemo[code] as number;
	if (v === 0) lowerMemo[code] = v = LOWER_CASE_RE.test(String.fromCharCode(code)) ? 1 : 2;
	return v === 1;
}

/**
 * False when no mention can start at `i`, a word `[i, end)` in lower case: {@link matchAt} asks
 * for a capital there except after the words above and the directory's lower-case aliases. A
 * cheap test that spares most words of a sentence the whole matcher.
 */
function mayStartLowerCase(key: string, i: number, end: number, dir: CompiledDirectory): boolean {
	if (dir.lowerInitials[key.charCodeAt(i)] !== 1) return false;
	if (LOWER_CASE_STARTS.has(key.slice(i, end))) return true;
	// [P14] "đơn vị nêu trên": tested only where a head noun of it starts.
	if (ANAPHORIC_FIRST_WORDS.has(key.slice(i, end)) && ANAPHORIC_PARTY_RE.test(key.slice(i, i + 40))) return true;
	return dir.lowerFirstWords.size > 0 && dir.lowerFirstWords.has(key.slice(i, i + firstWordLength(key, i)));
}

/** Per-code-unit memo of `/\s/u`: 0 unknown, 1 a space, 2 not. */
const spaceMemo = new Uint8Array(65536);
const SPACE_RE = /\s/u;

/** True when the code unit is `/\s/u` (memoised). */
function isSpaceCode(c: number): boolean {
	let v = spaceMemo[c] as number;
	if (v === 0) spaceMemo[c] = v = SPACE_RE.test(String.fromCharCode(c)) ? 1 : 2;
	return v === 1;
}

/** `s.replace(/\s+/gu, ' ')`, without the regex when `s` has no space but single " " (most names). */
function collapseSpaces(s: string): string {
	for (let k = 0; k < s.length; k++) {
		const c = s.charCodeAt(k);
		if (!isSpaceCode(c)) continue;
		if (c !== 32 || (k + 1 < s.length && isSpaceCode(s.charCodeAt(k + 1)))) return s.replace(/\s+/gu, ' ');
	}
	return s;
}

/**
 * Finds every party mention in `text` (NFC), leftmost-longest and non-overlapping.
 * Unknown organisations are returned with `known: false`.
 */
export function findParties(text: string, options: MatchOptions = {}): PartyMention[] {
	const dir = compileDirectory(options.directory ?? DEFAULT_DIRECTORY);
	const key = foldKey(text);
	const out: PartyMention[] = [];
	// Only word starts can start a mention: runs of `[\p{L}\p{M}\d]`, scanned by code unit (or
	// by a regex pass when the text has surrogates, whose letters are code points).
	const words = SURROGATE_RE.test(text) ? /[\p{L}\p{M}\d]+/gu : null;
	let lastEnd = -1;
	let q = 0;
	for (;;) {
		let i: number;
		if (words) {
			const w = words.exec(text);
			if (!w) break;
			i = w.index;
		} else {
			while (q < text.length && !isLetterCode(text.charCodeAt(q))) q++;
			if (q >= text.length) break;
			i = q;
			while (q < text.length && isLetterCode(text.charCodeAt(q))) q++;
		}
		if (isLowerCode(text.charCodeAt(i)) && !mayStartLowerCase(key, i, words ? words.lastIndex : q, dir)) continue;
		const c = matchAt(text, key, i, dir, lastEnd >= 0 && i - lastEnd <= 2 && /^\s+$/u.test(text.slice(lastEnd, i)));
		if (!c) continue;
		if (words) words.lastIndex = c.end;
		else q = c.end;
		lastEnd = c.end;
		const raw = text.slice(i, c.end);
		const written = collapseSpaces(raw);
		const mention: PartyMention = {
			start: i,
			end: c.end,
			text: written,
			name: written,
			kind: c.kind,
			known: false
		};
		const entry = c.entry;
		if (entry && c.end - i === raw.length) {
			const pure = matchDirectory(text, key, i, dir);
			if (pure && pure.end === c.end) {
				mention.name = entry.name;
				mention.known = true;
				mention.agencyId = entry.id;
			} else if (pure) {
				const extra = text.slice(pure.end, c.end).replace(/\s+/gu, ' ');
				// "Cục Thuế thành phố" is the entry "Cục Thuế tỉnh" of a centrally-run city.
				mention.name =
					BARE_LEVEL_RE.test(extra) && / tỉnh$/u.test(entry.name) && extra.length === BARE_LEVEL_RE.exec(extra)?.[0].length ? entry.name : entry.name + extra;
				mention.known = true;
				mention.agencyId = entry.id;
			}
			if (entry.validUntil && options.asOf && options.asOf >= entry.validUntil && entry.successor) {
				const succ = dir.byId.get(entry.successor);
				if (succ) mention.successorName = succ.name;
			}
		} else if (c.name) {
			mention.name = c.name;
			mention.known = c.kind === 'leader';
		}
		out.push(mention);
	}
	return out;
}

/** Looks up the directory entry whose name or alias is exactly `text` (folded), if any. */
export function resolveAgency(text: string, directory: AgencyDirectory = DEFAULT_DIRECTORY): AgencyEntry | undefined {
	const dir = compileDirectory(directory);
	const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
	const c = matchDirectory(t, foldKey(t), 0, dir);
	return c && c.end === t.length ? c.entry : undefined;
}
