/**
 * The extractor's vocabulary: one plain word list per word class, in lower case NFC, and
 * {@link wordsRe} to compile a list into a regex. The grammar (which class may stand where) lives
 * in block.ts and the party matcher; the words live here, so adding a verb or a head noun is a
 * one-line data change. A list's order does not matter: {@link wordsAlt} puts the longest word
 * first. Lists the party matcher reads are folded there with `foldKey` when it compiles them.
 */

/** What follows a word that must end there: no further letter or combining mark. */
export const WORD_END = '(?![\\p{L}\\p{M}])';

/** Options of {@link wordsRe}. */
export interface WordsReOptions {
	/** Match only at the start of the input (`^`, or the sticky position with `y`). Default true. */
	anchor?: boolean;
	/** Pattern source required before the word (after the anchor), e.g. `' '`. Default none. */
	before?: string;
	/** Pattern source after the word. Default {@link WORD_END}; `''` lets a word be a prefix. */
	after?: string;
	/** Match the case as written (lower case) instead of ignoring case. Default false. */
	caseSensitive?: boolean;
	/** Extra regex flags (`g`, `y`); `u` is always set. */
	flags?: string;
	/** Maps each word before compiling, e.g. `foldKey` for a list looked up in folded text. */
	map?: (word: string) => string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The regex source of "one of these words": escaped, longest first, spaces as written, no group. */
export function wordsAlt(list: readonly string[], map: (word: string) => string = (w) => w): string {
	const words = [...new Set(list.map(map))].sort((a, b) => b.length - a.length);
	return words.map(escapeRe).join('|');
}

/** Compiles a word list into a regex: `^(?:w1|w2|…)` plus `after` (a word end by default). */
export function wordsRe(list: readonly string[], options: WordsReOptions = {}): RegExp {
	const { anchor = true, before = '', after = WORD_END, caseSensitive = false, flags = '', map } = options;
	const source = `${anchor ? '^' : ''}${before}(?:${wordsAlt(list, map)})${after}`;
	return new RegExp(source, `u${caseSensitive ? '' : 'i'}${flags}`);
}

/**
 * The words as they open a sentence ("về việc" → "Về việc"), for a case-sensitive regex: a word
 * that only opens a sentence ("Về …:" is a topic) must not be read in a lower-case fragment.
 */
export function capitalised(list: readonly string[]): readonly string[] {
	return list.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
}

/** The words in lower case and as they open a sentence, for a case-sensitive regex. */
export function withCapitals(list: readonly string[]): readonly string[] {
	return [...list, ...capitalised(list)];
}

/** Concatenates word lists without repeats (a class made of other classes). */
export function mergeWords(...lists: readonly (readonly string[])[]): readonly string[] {
	return [...new Set(lists.flat())];
}

// ————————————————————————————————— clause openers —————————————————————————————————

/** Words that may open a clause before its subject and carry no meaning for the parse. */
export const CONNECTORS: readonly string[] = [
	'sau khi xem xét',
	'đồng thời',
	'trong đó',
	'riêng',
	'đặc biệt',
	'lưu ý',
	'ngoài ra',
	'bên cạnh đó',
	'theo đó',
	'mặt khác',
	'sau đó',
	'và'
];

/**
 * Openers of a sentence that elaborates the previous one about the same party; "Báo cáo kết quả
 * (thực hiện) về … trước ngày …" without a subject is the report-back of the task before.
 */
export const ELABORATION_OPENERS: readonly string[] = [
	'trong đó',
	'đồng thời',
	'lưu ý',
	'kết quả',
	'riêng',
	'đặc biệt',
	'đối với',
	'nhất là',
	'ngoài ra',
	'theo đó',
	'cụ thể',
	'báo cáo kết quả'
];

/** Verbs that charge the party named right after them: "Giao Sở …", "Yêu cầu …", "Đề nghị …". */
export const INTRODUCER_VERBS: readonly string[] = ['giao cho', 'giao', 'yêu cầu', 'kính đề nghị', 'đề nghị'];

/** Words of approval: "Thống nhất …", "Đồng ý X lập Đề án …", "Nhất trí chủ trương." */
export const APPROVAL_WORDS: readonly string[] = ['thống nhất', 'nhất trí', 'đồng ý', 'chấp thuận'];

/** Words of praise or thanks: whoever says them speaks for the notice and is not charged by them. */
export const PRAISE_WORDS: readonly string[] = ['ghi nhận', 'biểu dương', 'hoan nghênh', 'đánh giá cao', 'khen ngợi', 'cảm ơn', 'trân trọng'];

/**
 * Verbs with which the speaker charges a party besides the introducers: "Ban Thường vụ Tỉnh ủy
 * lưu ý các cấp ủy …", "Thường trực Tỉnh ủy chỉ đạo Đảng ủy Công an tỉnh …".
 */
export const CHARGE_VERBS: readonly string[] = ['lưu ý', 'chỉ đạo', 'nhắc nhở', 'quán triệt'];

/**
 * Other verbs with which the issuing authority or a leader speaks ("Thủ tướng kết luận …",
 * "Chủ tịch UBND tỉnh chủ trì cuộc họp …"): with the classes above, the clause names the requester.
 */
export const SPEAKER_VERBS: readonly string[] = [
	'kết luận',
	'cho phép',
	'đánh giá',
	'tin tưởng',
	'mong muốn',
	'nhấn mạnh',
	'thông báo',
	'chủ trì cuộc họp',
	'chủ trì hội nghị',
	'tổ chức cuộc họp',
	'tổ chức hội nghị',
	'tổ chức làm việc'
];

/**
 * Formulas that hand over to the speaker's opinion, whoever speaks ("Cục ĐCK có ý kiến như sau:"):
 * the party before them is the speaker ([P15]). A bare "có ý kiến (gửi …)" is a task.
 */
export const SPEAKER_FORMULAS: readonly string[] = [
	'có ý kiến như sau',
	'có ý kiến chỉ đạo',
	'có ý kiến kết luận',
	'kết luận như sau',
	'có ý kiến trả lời như sau'
];

/** Words that, right after a noun phrase, show it is not the subject of a predicate. */
export const NON_PREDICATE_WORDS: readonly string[] = [
	'của',
	'và',
	'hoặc',
	'về',
	'tại',
	'trong',
	'với',
	'theo',
	'cho',
	'là',
	'đã',
	'đang',
	'vừa',
	'chưa',
	'còn',
	'vẫn',
	'thì',
	'nếu',
	'khi',
	'do',
	'bởi',
	'nhằm',
	'để',
	'trên',
	'từ',
	'đến',
	'sau',
	'trước',
	'như',
	'năm'
];

/**
 * Words that open a restrictive clause after a subject saying what it has not yet done ("Các Bộ …
 * đến nay chưa có báo cáo theo văn bản số …, khẩn trương gửi báo cáo …"): the clause picks out who
 * is charged, and the predicate follows its comma ([P13]).
 */
export const LAPSE_OPENERS: readonly string[] = ['đến nay vẫn chưa', 'đến nay chưa', 'hiện nay chưa', 'hiện vẫn chưa', 'hiện chưa', 'vẫn chưa', 'chưa'];

/** Predicate openers accepted after a comma ("…, Chủ tịch UBND cấp huyện phải chịu trách nhiệm"). */
export const PREDICATE_OPENERS: readonly string[] = [
	'cần',
	'phải',
	'chịu trách nhiệm',
	'có trách nhiệm',
	'có phương án',
	'có kế hoạch',
	'có văn bản',
	'có báo cáo',
	'chủ động',
	'khẩn trương',
	'tập trung',
	'tiếp tục',
	'tích cực',
	'chủ trì',
	'phối hợp',
	'báo cáo',
	'tham mưu',
	'rà soát',
	'tổng hợp',
	'hướng dẫn',
	'chỉ đạo',
	'đôn đốc',
	'theo dõi',
	'thực hiện',
	'triển khai',
	'tổ chức',
	'nghiên cứu',
	'xem xét',
	'kiểm tra',
	'giám sát',
	'đẩy nhanh',
	'đẩy mạnh',
	'tăng cường',
	'hoàn thành',
	'hoàn thiện',
	'xây dựng',
	'lập',
	'trình',
	'gửi',
	'cung cấp',
	'đề xuất',
	'bảo đảm',
	'đảm bảo',
	'quan tâm',
	'nâng cao',
	'sớm',
	'kịp thời',
	'nghiêm túc',
	'cập nhật',
	'giải quyết',
	'xử lý',
	'công bố',
	'bố trí',
	'ban hành',
	'thẩm định',
	'vận động',
	'kiểm đếm',
	'tuyên truyền',
	'phổ biến',
	'phê duyệt',
	'điều chỉnh',
	'bổ sung',
	'ưu tiên',
	'khắc phục',
	'ứng phó',
	'di dời',
	'sơ tán',
	'giải ngân',
	'bàn giao',
	'tiếp nhận',
	'quản lý',
	'vận hành',
	'duy trì',
	'chuẩn bị',
	'huy động',
	'thống kê',
	'phân công',
	'phân bổ',
	'tăng',
	'giảm',
	'cử'
];

/** Openers of a lead-in that names a topic or a proposer, not the assignee ("Kiến nghị của …:"). */
export const TOPIC_MARKERS: readonly string[] = ['kiến nghị', 'đề nghị của', 'đề xuất của', 'về việc', 'về', 'nội dung', 'vấn đề', 'ý kiến', 'trả lời'];

/**
 * A topic that points back ("Về việc này, …", "Về các nội dung trên, …"): the nouns, their plural
 * markers and the words that point back. The sentence after the comma is read ([S4]).
 */
export const ANAPHORIC_TOPIC_NOUNS: readonly string[] = ['việc', 'vấn đề', 'nội dung', 'kiến nghị', 'đề nghị', 'đề xuất', 'sự việc', 'thông tin'];
export const ANAPHORIC_PLURALS: readonly string[] = ['các', 'những'];
export const ANAPHORIC_POINTERS: readonly string[] = ['này', 'trên', 'nêu trên', 'nói trên', 'đó'];

// ————————————————————————————————— the closing formula —————————————————————————————————

/**
 * The closing formula's "carry it out" ([V2]): what may stand before "(tổ chức) (triển khai) thực
 * hiện" ("nghiêm túc tổ chức triển khai thực hiện", "quan tâm thực hiện", "chịu trách nhiệm tổ chức
 * triển khai thực hiện nghiêm túc các nội dung nêu trên"), the manner and the object after it.
 */
export const CARRY_OUT_OPENERS: readonly string[] = ['nghiên cứu', 'chủ động', 'khẩn trương', 'nghiêm túc', 'quan tâm', 'chịu trách nhiệm', 'tập trung'];
export const CARRY_OUT_MANNERS: readonly string[] = ['nghiêm túc', 'nghiêm', 'kịp thời', 'có hiệu quả', 'hiệu quả'];
export const CARRY_OUT_OBJECTS: readonly string[] = ['nội dung', 'ý kiến chỉ đạo', 'nhiệm vụ', 'văn bản'];
export const CARRY_OUT_POINTERS: readonly string[] = ['nêu trên', 'trên', 'này'];

/**
 * The closing's "if difficulties arise, report …" tail ("…; trong quá trình thực hiện nếu phát sinh
 * khó khăn, vướng mắc …, kịp thời báo cáo …./."): part of the formula, no task of its own.
 */
export const DIFFICULTY_WORDS: readonly string[] = ['khó khăn', 'vướng mắc'];

/**
 * Openers of a closing courtesy ("Mong nhận được sự quan tâm, phối hợp của Quý Cơ quan."): the
 * closing, no task ([V2]).
 */
export const COURTESY_OPENERS: readonly string[] = ['mong nhận được', 'rất mong nhận được', 'rất mong được', 'xin trân trọng cảm ơn', 'trân trọng cảm ơn'];

/**
 * Verbs with which the issuing body tells of its own doing in its own letter ("Bộ Nông nghiệp và Môi
 * trường gửi các thủ tục hành chính … để tham khảo", "Sở … đã nhận được …"): no task ([V4]).
 */
export const ISSUER_OWN_VERBS: readonly string[] = [
	'gửi kèm',
	'gửi',
	'xin gửi',
	'đã gửi',
	'nhận được',
	'đã nhận được',
	'đã có văn bản',
	'đã ban hành',
	'ban hành'
];

/** Verbs of a finding ("Qua quá trình kiểm tra … cho thấy các đơn vị cơ bản đã chấp hành …"): a statement ([V1]). */
export const FINDING_VERBS: readonly string[] = ['cho thấy'];

/** Openers of sentences about the meeting itself (who attended, who reported): never assignments. */
export const NARRATIVE_OPENERS: readonly string[] = ['sau khi nghe', 'tham dự', 'dự họp', 'cùng dự', 'chủ trì cuộc họp', 'trên đây', 'nay thông báo'];

/**
 * Verbs with which a clause's lead directs others ("đôn đốc các chủ đầu tư phối hợp với …"): a
 * "phối hợp" after them is the directed party's, not support of the lead.
 */
export const DIRECTING_VERBS: readonly string[] = ['chỉ đạo', 'đôn đốc', 'hướng dẫn', 'yêu cầu', 'đề nghị', 'giao', 'mời', 'gửi', 'lãnh đạo'];

// ————————————————————————————————— party names —————————————————————————————————

/**
 * Word sequences that start an agency name, never a place or person name. Matched as prefixes of
 * the folded text: a trailing space makes an entry a whole word ("sở " is not "sởi").
 */
export const AGENCY_NAME_STARTS: readonly string[] = [
	'sở ',
	'bộ ',
	'ubnd',
	'ủy ban',
	'ban ',
	'văn phòng',
	'công an',
	'cục ',
	'chi cục',
	'chủ tịch',
	'phó ',
	'thường trực',
	'kho bạc',
	'thanh tra',
	'đài ',
	'báo ',
	'hội ',
	'trung tâm',
	'tỉnh ủy',
	'huyện ủy',
	'thành ủy',
	'công ty',
	'các ',
	'hđnd',
	'lãnh đạo',
	'thủ trưởng',
	'giám đốc',
	'mttq',
	'chính phủ',
	'thủ tướng',
	'tập đoàn',
	'ngân hàng',
	'trường ',
	'bệnh viện',
	'viện ',
	'đoàn ',
	'quỹ ',
	'tổng ',
	'liên đoàn',
	'tòa án',
	'kiểm toán',
	'bảo hiểm',
	'điện lực',
	'nhà nước',
	'trung ương',
	'quốc hội',
	'đảng ',
	'ubmttq',
	'huyện ',
	'tỉnh ',
	'xã ',
	'phường ',
	'vụ ',
	'hiệp hội',
	'học viện',
	'đại học',
	'thông tấn'
];

/**
 * Head nouns of collectives ("các cơ quan, đơn vị", "các cấp ủy, tổ chức đảng"). Tried in this
 * order at a position: a longer head comes before the shorter one it starts with.
 */
export const COLLECTIVE_HEADS: readonly string[] = [
	// Party collectives: "các cấp ủy, tổ chức đảng", "các ban đảng", "các đảng bộ, chi bộ".
	'cấp ủy đảng',
	'cấp ủy',
	'tổ chức cơ sở đảng',
	'tổ chức đảng',
	'ban đảng',
	'ban cán sự đảng',
	'đảng đoàn',
	'đảng ủy',
	'đảng bộ',
	'chi bộ',
	'cơ quan đảng',
	'cơ quan chuyên môn',
	'cơ quan ngang bộ',
	'cơ quan thuộc chính phủ',
	'ban quản lý dự án',
	'tổ chức chính trị - xã hội',
	'đoàn thể',
	'cơ quan',
	'đơn vị',
	'địa phương',
	'sở',
	'ban',
	'ngành',
	'bộ',
	'chuyên viên',
	'phòng',
	'chủ đầu tư',
	'nhà đầu tư',
	// State enterprises as a class ("các Tập đoàn kinh tế, Tổng công ty nhà nước"): Decree 30 letters
	// of the Government Office address them as one collective.
	'tập đoàn kinh tế',
	'tổng công ty nhà nước',
	'doanh nghiệp nhà nước',
	'doanh nghiệp',
	'thành viên',
	'lực lượng chức năng',
	'tổ chức',
	'hội',
	'cấp',
	'tổng cục',
	'cục',
	'vụ'
];

/**
 * Nouns that, with a word pointing back ("đơn vị nêu trên", "Công ty nói trên"), name the parties
 * written before them, singular or plural: a party kept as written ([P14]).
 */
export const ANAPHORIC_PARTY_HEADS: readonly string[] = ['đơn vị', 'cơ quan', 'doanh nghiệp', 'công ty', 'tổ chức', 'địa phương', 'chủ đầu tư'];
export const ANAPHORIC_PARTY_POINTERS: readonly string[] = ['nêu trên', 'nói trên'];

/**
 * Bare nouns that, right after "đề nghị / yêu cầu" (not "giao": "giao chủ đầu tư" names a role), stand for the letter's addressee ("đề nghị địa
 * phương căn cứ địa giới hành chính mới …" in a letter to one Sở): the lead, kept as written ([P16]).
 */
export const BARE_ADDRESSEES: readonly string[] = ['địa phương', 'đơn vị', 'doanh nghiệp'];

/** Qualifiers of a collective ("các sở, ngành có liên quan", "các cơ quan thuộc bộ"), tried in order. */
export const COLLECTIVE_QUALIFIERS: readonly string[] = [
	'thuộc và trực thuộc bộ',
	'thuộc và trực thuộc',
	'có liên quan',
	'liên quan',
	'chuyên môn',
	'trực thuộc bộ',
	'thuộc bộ',
	'trực thuộc',
	'thuộc ubnd tỉnh',
	'thuộc ủy ban nhân dân tỉnh',
	'thuộc tỉnh',
	'cấp tỉnh',
	'cấp huyện',
	'cấp xã',
	'trung ương',
	'chức năng',
	'địa phương',
	'trên địa bàn tỉnh',
	// The level of the collective, bare after its heads ("các sở, ban, ngành, đoàn thể tỉnh",
	// "các phòng, ban huyện").
	'tỉnh',
	'thành phố',
	'huyện',
	// "các Bộ quản lý chuyên ngành", "các sở quản lý nhà nước chuyên ngành về hạ tầng".
	'quản lý nhà nước chuyên ngành',
	'quản lý chuyên ngành',
	// "các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương".
	'khác ở trung ương',
	'ở trung ương',
	// Pointing back to parties named before ("các đơn vị nêu trên").
	'nêu trên',
	'nói trên'
];

/**
 * Heads of an organisation that a letter names in full once ("Công ty cổ phần Khai thác … Thủ Đô")
 * and then calls by the head alone ("đề nghị Công ty thực hiện …"): [P11]. Tried in order.
 */
export const SHORT_FORM_HEADS: readonly string[] = ['tổng công ty', 'công ty', 'tập đoàn', 'ngân hàng', 'hợp tác xã', 'liên danh'];

/**
 * Legal forms of a company, written in lower case after its head ("Công ty cổ phần …", "Công ty
 * TNHH …"): the name goes on (the party matcher, and [P11]).
 */
export const COMPANY_LEGAL_FORMS: readonly string[] = ['cổ phần', 'trách nhiệm hữu hạn', 'tnhh', 'hợp danh'];

/** Agency head words after which a capitalised word makes a name we may not know; tried in order. */
export const UNKNOWN_NAME_HEADS: readonly string[] = [
	// "Thường trực Ban Chỉ đạo Tây Nam Bộ": the standing body of a committee (the next word capitalised).
	'thường trực ban',
	'tổng liên đoàn',
	'tổng công ty',
	'công ty',
	'tập đoàn',
	'tổng cục',
	'chi cục',
	'cục',
	'trung tâm',
	'ban',
	'hội đồng',
	'hội',
	'liên đoàn',
	'liên minh',
	'học viện',
	'viện kiểm sát',
	'viện',
	'trường',
	'bệnh viện',
	'ngân hàng',
	'đài',
	'báo',
	'phòng',
	'đoàn',
	'kho bạc',
	'quỹ',
	'vườn quốc gia',
	'sở',
	'bộ chỉ huy',
	'bộ',
	'văn phòng',
	'ủy ban',
	'tòa án',
	'bảo hiểm xã hội',
	'công an',
	'điện lực',
	'cảng vụ',
	'chi nhánh',
	'đảng ủy',
	'huyện ủy',
	'thành ủy',
	'thị ủy',
	'thanh tra',
	'hiệp hội',
	'vụ',
	'đại học',
	'thông tấn xã'
];

/** Verbs, modals and prepositions that end an unknown agency's name: the predicate starts. */
export const NAME_STOP_WORDS: readonly string[] = (
	'cần,phải,có,là,và,hoặc,với,của,để,về,theo,tại,trong,trên,từ,đến,khi,nếu,thì,nhưng,được,đã,' +
	'đang,sẽ,chưa,không,chủ trì,phối hợp,tham mưu,báo cáo,tổng hợp,rà soát,hướng dẫn,chỉ đạo,' +
	'đôn đốc,kiểm tra,xem xét,giải quyết,nghiên cứu,triển khai,thực hiện,tổ chức,hoàn thành,' +
	'hoàn thiện,khẩn trương,tập trung,tiếp tục,chủ động,tích cực,đẩy nhanh,đẩy mạnh,tăng cường,' +
	'bảo đảm,đảm bảo,chịu,giám sát,cập nhật,công bố,trình,gửi,lập,cử,mời,theo dõi,tiếp nhận,' +
	'ban hành,đề xuất,đề nghị,yêu cầu,giao,chấn chỉnh,xử lý,thẩm định,cung cấp,bàn giao,nắm,' +
	'khảo sát,vận hành,sớm,ngay,kịp thời,quan tâm,nâng cao,duy trì,ưu tiên,thường xuyên,định kỳ,' +
	'chuẩn bị,tiếp thu,làm,như,nhằm,do,bởi,cho,sau,trước,đối với,chờ,nêu,bám sát,tăng,giảm,bố trí,' +
	'vận động,kiểm đếm,tuyên truyền,đưa tin,phổ biến,quán triệt,lập tức,lãnh đạo,nghiêm túc'
).split(',');

/** Nouns whose second syllable is also a verb in {@link NAME_STOP_WORDS}. */
export const STOP_NOUN_COMPOUNDS: readonly string[] = [
	'công trình',
	'chương trình',
	'quy trình',
	'lộ trình',
	'tiến trình',
	'đề án',
	'khu vực',
	'địa bàn',
	'giao thông',
	'giao dịch',
	'trình độ',
	'ban hành chính'
];

/**
 * Verbs that end a name when they follow a capitalised word ("Vụ Giáo dục Đại học xây dựng dự
 * thảo"): inside a name they follow a lower-case word ("Ban Quản lý dự án đầu tư xây dựng").
 */
export const VERBS_AFTER_NAME_WORDS: readonly string[] = [
	'xây dựng',
	'sửa đổi',
	'soạn thảo',
	'bổ sung',
	'điều chỉnh',
	'đánh giá',
	'hỗ trợ',
	'tham gia',
	'lấy',
	'làm việc',
	'tiến hành',
	'nắm bắt',
	'phát động',
	'kiện toàn',
	'sắp xếp',
	'thông qua',
	'ký',
	'phê duyệt',
	'tiếp',
	'dự thảo'
];

/** Objects that make a lower-case verb after a name a predicate ("… sửa đổi thông tư"). */
export const DOCUMENT_OBJECTS: readonly string[] = [
	'dự thảo',
	'kế hoạch',
	'phương án',
	'đề án',
	'quy chế',
	'quy định',
	'chương trình',
	'báo cáo',
	'văn bản',
	'hồ sơ',
	'tờ trình',
	'thông tư',
	'nghị định',
	'nghị quyết',
	'quyết định',
	'cơ sở dữ liệu',
	'tiêu chí',
	'hướng dẫn',
	'danh mục',
	'lộ trình',
	'giải pháp',
	'cơ chế',
	'chính sách',
	'nội dung',
	'ý kiến',
	'bộ máy',
	'nhân sự'
];

/** Words that open another party right after a name ("… UBND …", "… các …", "… Chủ tịch …"). */
export const OTHER_PARTY_STARTS: readonly string[] = [
	'ubnd',
	'ủy ban',
	'uỷ ban',
	'hđnd',
	'các',
	'những',
	'chủ tịch',
	'giám đốc',
	'thủ trưởng',
	'lãnh đạo',
	'tỉnh ủy',
	'tỉnh đoàn'
];

/** Nouns after "có" that make it a predicate ("có văn bản", "có kế hoạch"), not a qualifier. */
export const HAVE_OBJECTS: readonly string[] = [
	'văn bản',
	'công văn',
	'kế hoạch',
	'phương án',
	'trách nhiệm',
	'báo cáo',
	'ý kiến',
	'tờ trình',
	'giải pháp',
	'biện pháp',
	'hướng dẫn',
	'thông báo',
	'quyết định',
	'đề xuất',
	'chỉ đạo'
];

// ————————————————————————————————— deadlines —————————————————————————————————

/** Words of completion before a deadline: "xong trước ngày …", "hoàn thành trong tháng …". */
export const COMPLETION_WORDS: readonly string[] = ['xong', 'hoàn thành', 'hoàn tất'];

/**
 * Verbs of making sure, before a completion ("…; tăng cường kiểm tra, đôn đốc, bảo đảm hoàn thành
 * việc áp dụng … chậm nhất đến ngày …"): the date the task is to ensure closes the whole task ([A2]).
 */
export const ASSURANCE_WORDS: readonly string[] = ['bảo đảm', 'đảm bảo'];

/**
 * The cycles of a report schedule labelled before its dates ("- Báo cáo 6 tháng: … gửi Sở Tài chính
 * trước ngày 05/7; …", "Báo cáo năm: … trước ngày 15/12"): a day written without a year under such
 * a label recurs every cycle ([D5]).
 */
export const REPORT_CYCLES: readonly string[] = ['6 tháng', 'sáu tháng', '06 tháng', 'quý', 'năm', 'tháng', 'tuần'];

/**
 * Words after "trong thời gian" / "trong khi" that make an open-ended time bound, lasting until
 * something happens ("trong thời gian chờ kết quả thanh tra", "Trong thời gian chưa hoàn thành di
 * dời"): an event, no day ([D4]).
 */
export const OPEN_ENDED_WORDS: readonly string[] = ['chờ', 'còn chờ', 'đang chờ', 'chưa', 'còn chưa', 'vẫn chưa'];

/** Meetings a task may be due at: "tại cuộc họp giao ban kế tiếp", "tại kỳ họp cuối năm". */
export const MEETING_WORDS: readonly string[] = ['cuộc họp', 'phiên họp', 'hội nghị', 'kỳ họp', 'phiên giao ban', 'buổi làm việc'];
