import { squeeze } from "../quantity";

// The words a comment is read with. All are folded (no diacritics, lower case) and squeezed like the
// words they are compared with: "book" is kept as "bok", just as a typed "shopp" is read as "shop".
const squeezedSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(squeeze));

export const VERBS = squeezedSet([
  "chot", "chotdon", "lay", "mua", "dat", "order", "oder", "ship", "cho", "gui", "giu", "book", "them", "xin", "len",
  "can", "muon",
]);

// Pronouns, politeness and glue that carry no order meaning. "ba" (bà) is here but a quantity is read first.
export const FILLERS = squeezedSet([
  "em", "e", "anh", "a", "chi", "c", "minh", "mk", "mik", "mh", "m", "toi", "tui", "con", "ban", "bac", "chu", "co",
  "ong", "ba", "di", "cau", "shop", "sop", "ad", "admin", "oi", "nha", "nhe", "nhen", "nghe", "nhoa", "ne", "ak",
  "ah", "luon", "lun", "giup", "dum", "ho", "de", "don", "hang", "nua", "thanks", "thank", "tks", "you", "cam",
  "on", "camon", "please", "pls", "plz", "ok", "oke", "okie", "oki", "okay", "da", "vang", "alo", "hi", "hello",
  "chao", "ib", "inbox", "voi", "va", "vs", "and", "nhaa", "size", "sz", "loai", "co", "kieu", "vi", "mon", "thoi",
  "nhi", "the", "nay", "do", "nhieu", "lai", "them", "mau", "c",
]);

// Anywhere in the body of a comment these make it a question, an afterthought or a cancellation.
export const NOT_ORDER_WORDS = squeezedSet(["bn", "bnh", "may", "nao", "gi", "sao", "hay", "hoac", "xong", "huy", "cancel", "khi", "bh", "bgio"]);

// Words that fold like an order word but are something else, typed with their marks: "thèm"
// (crave) is not "thêm", "chờ" (wait) not "cho", "đắt" (dear) not "đặt".
export const NOT_VERB_SPELLINGS: ReadonlySet<string> = new Set([
  "thèm", "chờ", "chợ", "chó", "chọ", "chỗ", "đắt", "đất", "dắt", "lây", "lạy", "lẩy", "gùi", "gụi", "giũ", "cắn", "cán", "càn", "mưa", "múa", "mùa",
  "xỉn", "lén", "lễn", "muộn",
]);
// Order words strong enough that a question after a whole order leaves it standing.
export const ORDER_VERBS = squeezedSet(["chot", "chotdon", "lay", "dat", "mua", "order", "oder", "book"]);
// "vài", "dăm": a few — a quantity was meant and is not given.
export const VAGUE_QUANTITIES = squeezedSet(["vai", "dam", "it"]);
// Questions about price, stock or which one: a comment with one is not an order unless an order
// word leads it ("chốt A1 2 hết bao nhiêu ạ"); a question about delivery after a comma may follow any order.
export const PRICE_STOCK_WORDS = squeezedSet(["gia", "tien", "con", "het", "nao", "ngon", "bn", "that", "sao"]);
// Words before a size written as a number ("size 38"): with one, the number is the size.
export const SIZE_WORDS = squeezedSet(["size", "sz", "co", "sai"]);
// Weights: a "lạng" is not a kilogram.
export const WEIGHT_UNITS: ReadonlyMap<string, string> = new Map([
  ["kg", "kg"], ["kgs", "kg"], ["ky", "kg"], ["ki", "kg"], ["kilo", "kg"], ["can", "kg"], ["lang", "lang"], ["g", "g"], ["gam", "g"], ["gram", "g"], ["gr", "g"],
]);
// Marked words that ask, whatever follows: "còn" (still have?), "giá" (price) before an item.
export const MARKED_NOT_ORDER = new Set(["còn"]);
// Past times typed with their marks ("tối qua" is last night; unmarked "toi qua" may be "tôi qua lấy").
export const MARKED_PAST_PAIRS: readonly (readonly [string, string])[] = [["tối", "qua"], ["sáng", "qua"], ["trưa", "qua"], ["chiều", "qua"]];
export const MARKED_QUESTION_ENDINGS = new Set(["à", "hả", "hở", "chứ", "ư"]);
// Past times: a comment with one reports an order, never places one ("đặt M3 2 bát hôm qua rồi").
export const PAST_PAIRS: readonly (readonly [string, string])[] = [["hom", "qua"], ["nam", "ngoai"], ["thang", "truoc"], ["bua", "truoc"], ["hom", "kia"], ["hom", "truoc"], ["lan", "truoc"], ["tuan", "truoc"]];

// Short names buyers type for common words of product names.
export const SHORTHANDS: ReadonlyMap<string, readonly string[]> = new Map([
  ["cf", ["ca", "phe"]], ["cafe", ["ca", "phe"]], ["caphe", ["ca", "phe"]], ["coffee", ["ca", "phe"]], ["cofe", ["ca", "phe"]],
  ["ts", ["tra", "sua"]], ["trasua", ["tra", "sua"]], ["bc", ["banh", "chung"]], ["lx", ["lap", "xuong"]],
]);
// Names of a kind of thing that buyers use for each other: "chè" and "trà" are both tea.
export const SAME_WORDS: readonly (readonly [string, string])[] = [["tra", "che"]];

// After the items, these make the comment a report, not an order: "… ở trên rồi mà chưa thấy".
export const TAIL_NOT_ORDER_PAIRS: readonly (readonly [string, string])[] = [["chua", "thay"], ["chua", "nhan"], ["chua", "giao"], ["chua", "rep"], ["chua", "tra"]];

// "hỏi" (ask) folds like "hơi" (a little), so it only counts after the person asking.
export const NOT_ORDER_PAIRS: readonly (readonly [string, string])[] = [
  ["bao", "nhieu"], ["bao", "gio"], ["bao", "lau"], ["con", "hang"], ["het", "hang"], ["tu", "van"], ["o", "dau"],
  ["em", "hoi"], ["minh", "hoi"], ["chi", "hoi"], ["anh", "hoi"], ["cho", "hoi"], ["xin", "hoi"], ["hom", "qua"],
  ["khong", "lay"], ["ko", "lay"], ["k", "lay"], ["khong", "can"], ["ko", "can"], ["thoi", "khong"], ["bo", "qua"],
  ["hom", "truoc"], ["lan", "truoc"], ["tuan", "truoc"], ["het", "chua"], ["con", "ko"], ["con", "khong"], ["con", "k"],
  ["co", "ship"], ["co", "giao"], ["ngon", "khong"], ["ngon", "ko"], ["that", "khong"], ["that", "ko"], ["ngon", "lam"], ["ngon", "qua"],
  ["ngon", "that"], ["dep", "qua"], ["dep", "lam"], ["nam", "ngoai"], ["thang", "truoc"], ["bua", "truoc"], ["hom", "kia"],
  ["chua", "thay"], ["chua", "nhan"],
];

// A body ending in one of these (before trailing politeness) asks something: "B1 còn không ạ".
export const QUESTION_ENDINGS = squeezedSet(["khong", "ko", "k", "hong", "hok", "hem", "khum", "chua", "ha", "nhi", "dau", "sao", "gi", "ak"]);

export const TRAILING_POLITENESS = squeezedSet(["a", "shop", "sop", "oi", "ad", "admin", "em", "anh", "chi", "c", "ban", "nhe", "nha"]);

// A correction replaces what came just before: "A2 2 à nhầm 1", "A5 3, sửa lại 2", "ý là 3".
export const CORRECTION_WORDS = squeezedSet(["nham", "sua", "doi", "nhamm"]);
// Slang for "wrong" that folds like a unit ("lộn" like "lon"): a correction only with its marks.
export const MARKED_CORRECTIONS = new Set(["lộn"]);
export const CORRECTION_PAIRS: readonly (readonly [string, string])[] = [["y", "la"], ["a", "khong"], ["a", "ko"], ["a", "k"], ["khong", "phai"], ["ko", "phai"]];

// "mỗi loại 1", "mỗi thứ 2", "mỗi món một": the number is for every item named before.
export const EACH_NOUNS = squeezedSet(["loai", "thu", "mon", "cai", "ma", "sp", "sanpham", "mau", "vi", "kieu", "the", "mat", "size", "sz", "co", "chiec"]);

// Where the details after the items begin: an address, a time, a phone label, a note.
export const DETAIL_STARTS = squeezedSet([
  "giao", "ship", "gui", "diachi", "dc", "xom", "thon", "ap", "ngo", "hem", "kiet", "duong", "phuong", "huyen",
  "tinh", "tp", "khu", "luc", "trua", "chieu", "sang", "toi", "mai", "homnay", "nhan", "qua", "den", "ghi", "note",
  "luu", "sdt", "sđt", "dt", "lh", "zalo", "so", "t2", "t3", "t4", "t5", "t6", "t7", "cn", "tai", "o", "ban",
  "xa", "to", "chu", "gio",
]);
// These start details only with their marks: unmarked they are pronouns or other words.
export const MARKED_DETAIL_STARTS: ReadonlyMap<string, readonly string[]> = new Map([
  ["ban", ["bản"]], ["xa", ["xã"]], ["to", ["tổ"]], ["o", ["ở"]], ["toi", ["tối"]], ["so", ["số"]],
  ["tai", ["tại"]], ["den", ["đến"]], ["qua", ["qua"]], ["chu", ["chủ"]], ["gio", ["giờ"]], ["mai", ["mai"]],
  ["nhan", ["nhận"]],
]);

/** Tail words that say nothing for the note on their own: "giao được không shop". */
export const EMPTY_NOTE_WORDS = squeezedSet([
  "giao", "ship", "gui", "duoc", "dc", "khong", "ko", "k", "hong", "shop", "a", "nha", "nhe", "ad", "oi", "em", "anh",
  "chi", "minh", "ban", "nhanh", "giup", "voi", "luon", "lun", "hang", "cho", "nhe", "ne", "thanks", "cam", "on", "cod", "co",
  "the", "thi", "nhan", "bao", "lau",
]);

/** Words no single-word product name may be: they mean something else in a comment. */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  ...VERBS, ...FILLERS, ...NOT_ORDER_WORDS, ...QUESTION_ENDINGS, ...CORRECTION_WORDS, ...EACH_NOUNS, ...DETAIL_STARTS,
  ...squeezedSet([
    "song", "hoa", "nha", "moi", "khong", "cay", "vua", "lon", "nho", "ngon", "tuoi", "sach", "que", "nguoi",
    "goi", "ngay", "dem", "tet", "lam", "qua", "nhat", "dac", "san", "hang", "gia", "tien", "ship", "shop",
    "bep", "cho", "co", "thu", "tam", "la", "di", "ve", "ra", "vao", "len", "xuong",
  ]),
]);

// Words that make sense of a Telex leftover ("lays" → "lay"): besides these, the catalog's own words.
export const TELEX_BASES: ReadonlySet<string> = new Set([
  ...VERBS, ...FILLERS, ...CORRECTION_WORDS, ...EACH_NOUNS,
  ...squeezedSet(["phan", "hop", "hu", "goi", "bat", "to", "noi", "ly", "coc", "chai", "tui", "lang", "suat", "xuat", "mot", "hai", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi", "chuc", "giao", "moi"]),
]);
