"""Near-duplicate articles: the same text republished, lightly edited.

Indonesian outlets republish agency copy (ANTARA, AFP, Reuters) with a new
dateline, a byline, a trimmed tail or a few words changed. Counting each copy
as a separate report inflates every figure, so warta groups copies and names
the earliest as the original.

Two texts are copies when the Jaccard similarity of their word shingles
(`SHINGLE_WORDS` consecutive words, after `normalised_words`) reaches
`COPY_THRESHOLD`. Comparing every pair is quadratic, so each article gets a
MinHash signature and locality-sensitive hashing (datasketch) proposes the
few candidates worth comparing: the cost per article stays near-constant as
the archive grows. The threshold was chosen on the dev part of the
article-pair gold (`tests/gold/stories`, see docs/stories.md).

Groups are the connected components of the copy relation, and the relation
is symmetric, so the same articles give the same groups whatever order they
arrive in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

#: Words per shingle: long enough that two unrelated texts rarely share one,
#: short enough that a changed word spoils only a few.
SHINGLE_WORDS = 4
#: Hash functions per signature; the estimate's standard error is about
#: sqrt(J(1-J)/NUM_PERM), 0.04 at J = 0.5.
NUM_PERM = 128
#: Jaccard of word shingles from which two texts are copies (chosen on the
#: dev pairs: docs/stories.md).
COPY_THRESHOLD = 0.4
#: The LSH bands are tuned to a lower threshold than the decision so that
#: pairs just above `COPY_THRESHOLD` are not missed as candidates.
CANDIDATE_THRESHOLD = 0.3

#: Datelines that open a text: a place and an outlet before a dash
#: (`Jakarta, CNN Indonesia - -`, `JAKARTA (Pos Kota) –`, `Merdeka.com -`).
DATELINE = re.compile(
    r"^\s*(?:[A-Z][^\n\-–—\"“”]{0,40}(?:,|\(|\.com|\.net|\.id)[^\n\-–—\"“”]{0,30}?|[A-Z][\w.]*)"
    r"\s?[-–—]+(?:\s?[-–—]+)*\s")
#: Lines that are not the story's text: bylines, editor and reporter credits,
#: related-article links. One pattern per kind, each with an example.
NOT_TEXT = (
    re.compile(r"^\s*[\(\[][\w\s./,-]{1,40}[\)\]]\s*$"),               # (ant/dan), [ary], (Antara)
    re.compile(r"^\s*(?:editor|pewarta|reporter|penulis|sumber)\s*:", re.I),  # Editor: Ruslan Burhani
    re.compile(r"^\s*baca juga\s*:", re.I),                            # Baca juga: Setya Novanto ...
)
#: A byline closing the last paragraph: `... ujar Ronaldo. (ptr)`.
TRAILING_BYLINE = re.compile(r"\s*[\(\[][\w\s./,-]{1,30}[\)\]]\s*$")
WORD = re.compile(r"\w+")
#: Credit lines are short; longer lines are never tested against `NOT_TEXT`.
SHORT_LINE = 160


def story_text(text: str) -> str:
    """The text without dateline, bylines or credits (case and spacing kept)."""
    kept = [line for line in text.splitlines()
            if line.strip() and not (len(line) < SHORT_LINE and any(p.match(line) for p in NOT_TEXT))]
    if kept:
        kept[0] = DATELINE.sub("", kept[0], count=1)
        if kept[-1].rstrip().endswith((")", "]")):
            kept[-1] = TRAILING_BYLINE.sub("", kept[-1])
    return "\n".join(kept)


def normalised_words(text: str) -> list[str]:
    """The words that make the story: no dateline, bylines or credits; lower case."""
    return WORD.findall(story_text(text).lower())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = normalised_words(text)
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


#: The permutations of every signature, drawn once and exactly as datasketch
#: draws them for `MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")`
#: (odd multipliers, any offsets, 32-bit), so that `signature_array` and
#: datasketch's MinHash agree value for value (tests/test_copies_store.py).
#: Drawn here rather than by datasketch because importing datasketch takes
#: half a second, paid by every ingest worker process.
_SCHEME = "affine32"
_generator = np.random.RandomState(1)
_PERMUTATION_A = _generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
_PERMUTATION_B = _generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
_PERMUTATIONS = np.array([_PERMUTATION_A, _PERMUTATION_B])
#: MurmurHash3's 32-bit finalizer, which datasketch applies before permuting.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
#: Multiplier of the rolling combination of word hashes into shingle hashes.
_ROLL = np.uint64(1_000_003)
_LOW32 = np.uint64(0xFFFFFFFF)
#: Word bytes: ASCII letters, digits and `_`, and every byte of a multi-byte
#: UTF-8 character except the punctuation blocks (see `_word_hashes`).
_WORD_BYTE = np.zeros(256, dtype=bool)
for _byte in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_":
    _WORD_BYTE[_byte] = True
_WORD_BYTE[0x80:] = True
#: Powers of an odd multiplier and their inverses modulo 2**64, for the
#: polynomial hash of every word at once; extended when a text is longer.
_BASE = 0x100000001B3
_powers = np.ones(1, dtype=np.uint64)
_inverse_powers = np.ones(1, dtype=np.uint64)


def _power_tables(length: int) -> tuple[np.ndarray, np.ndarray]:
    global _powers, _inverse_powers
    if len(_powers) < length:
        size = max(length, 2 * len(_powers), 1 << 15)
        base, inverse = np.uint64(_BASE), np.uint64(pow(_BASE, -1, 2**64))
        with np.errstate(over="ignore"):
            _powers = np.concatenate(([np.uint64(1)], np.cumprod(np.full(size - 1, base, dtype=np.uint64))))
            _inverse_powers = np.concatenate(
                ([np.uint64(1)], np.cumprod(np.full(size - 1, inverse, dtype=np.uint64))))
    return _powers, _inverse_powers


def _word_hashes(text: str) -> np.ndarray:
    """A 64-bit hash of each word of `text`, lower-cased, computed without a Python loop.

    Words are the runs of word bytes of the UTF-8 text; the General
    Punctuation block (U+2000-U+206F: dashes, curly quotes, ellipsis) and the
    Latin-1 symbols (U+0080-U+00BF: no-break space, degree, plus-minus)
    separate words as ASCII punctuation does, so the words are those of
    `normalised_words` but for rare symbols.
    """
    return _word_hashes_at(text.lower().encode("utf-8"))[0]


def _word_hashes_at(encoded: bytes) -> tuple[np.ndarray, np.ndarray]:
    """`_word_hashes` of lower-cased UTF-8 bytes, and the byte offset where each word starts."""
    data = np.frombuffer(encoded, dtype=np.uint8)
    if not len(data):
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    word = _WORD_BYTE[data]
    punctuation = np.flatnonzero((data[:-2] == 0xE2) & ((data[1:-1] == 0x80) | (data[1:-1] == 0x81)))
    for offset in range(3):
        word[punctuation + offset] = False
    symbols = np.flatnonzero(data[:-1] == 0xC2)
    word[symbols] = word[symbols + 1] = False
    edges = np.flatnonzero(np.diff(np.concatenate(([False], word, [False])).astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    powers, inverse_powers = _power_tables(len(data) + 1)
    with np.errstate(over="ignore"):
        weighted = (data.astype(np.uint64) + np.uint64(1)) * powers[:len(data)]
        prefix = np.concatenate(([np.uint64(0)], np.cumsum(weighted)))
        hashes = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    return hashes ^ (hashes >> np.uint64(31)), starts


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the text's shingles, the same in every process.

    Every word is hashed at once with numpy (`_word_hashes`) and the hashes
    of `size` neighbours are combined arithmetically: several times cheaper
    than hashing each shingle's bytes in Python.
    """
    hashes = _word_hashes(story_text(text))
    with np.errstate(over="ignore"):
        if len(hashes) < size:
            combined = np.zeros(1 if len(hashes) else 0, dtype=np.uint64)
            for value in hashes:
                combined = combined * _ROLL + value
            return combined & _LOW32
    return np.unique(_rolled(hashes, size))


def _rolled(hashes: np.ndarray, size: int) -> np.ndarray:
    """The 32-bit hash of every run of `size` neighbouring word hashes (len(hashes) - size + 1 values)."""
    with np.errstate(over="ignore"):
        combined = hashes[: len(hashes) - size + 1].copy()
        for offset in range(1, size):
            combined = combined * _ROLL + hashes[offset: len(hashes) - size + 1 + offset]
    return (combined ^ (combined >> np.uint64(32))) & _LOW32


def signature_array(text: str) -> np.ndarray:
    """The MinHash signature of a text's shingles as NUM_PERM uint32 values, with numpy only."""
    hashes = shingle_hashes(text).astype(np.uint32)
    if not len(hashes):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        permuted = _fmix32(hashes).reshape(-1, 1) * _PERMUTATION_A + _PERMUTATION_B
    return permuted.min(axis=0)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser over uint32 values (the mixing both signers apply before permuting)."""
    s1, m1, s2, m2, s3 = _FMIX
    with np.errstate(over="ignore"):
        mixed = values ^ (values >> s1)
        mixed = mixed * m1
        mixed = mixed ^ (mixed >> s2)
        mixed = mixed * m2
        return mixed ^ (mixed >> s3)


#: Texts signed together by `signature_arrays` (a few MB of permuted shingles).
SIGNING_CHUNK = 32


def signature_arrays(texts: list[str]) -> np.ndarray:
    """`signature_array` of many texts at once (shape len(texts) x NUM_PERM), the same values.

    A reader worker signs a chunk of articles in one go: the words of every
    text are hashed in one pass over their concatenation, shingles that would
    straddle two texts are dropped, and each text's minimum under every
    permutation comes from one `np.minimum.reduceat`. About twice as fast as
    one text at a time, whose cost is mostly numpy's per-call overhead.
    """
    if len(texts) > SIGNING_CHUNK:  # bounded memory: shingles x NUM_PERM values at a time
        return np.concatenate([signature_arrays(texts[start:start + SIGNING_CHUNK])
                               for start in range(0, len(texts), SIGNING_CHUNK)])
    out = np.full((len(texts), NUM_PERM), 0xFFFFFFFF, dtype=np.uint32)
    if not texts:
        return out
    encoded = [story_text(text).lower().encode("utf-8") for text in texts]
    # Texts joined by a byte that is not part of any word (and not lowered again:
    # `_word_hashes` of the joined, already-lowered text).
    lengths = np.array([len(data) + 1 for data in encoded], dtype=np.int64)
    text_starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    hashes, word_starts = _word_hashes_at(b"\n".join(encoded))
    owner = np.searchsorted(text_starts, word_starts, side="right") - 1
    counts = np.bincount(owner, minlength=len(texts))
    size = SHINGLE_WORDS
    keys: list[np.ndarray] = []
    if len(hashes) >= size:
        within = owner[: len(hashes) - size + 1] == owner[size - 1:]
        values = _rolled(hashes, size)[within]
        keys.append((owner[: len(hashes) - size + 1][within].astype(np.uint64) << np.uint64(32)) | values)
    for number in np.flatnonzero((counts > 0) & (counts < size)).tolist():  # too short for one shingle
        short = shingle_hashes(texts[number])
        keys.append((np.uint64(number) << np.uint64(32)) | short)
    if not keys:
        return out
    unique = np.sort(np.concatenate(keys))
    unique = unique[np.concatenate(([True], unique[1:] != unique[:-1]))]
    owners = (unique >> np.uint64(32)).astype(np.int64)
    shingled = (unique & _LOW32).astype(np.uint32)
    mixed = _fmix32(shingled)
    with np.errstate(over="ignore"):
        # Permutations by rows, shingles along the contiguous axis: reduceat runs along it.
        permuted = _PERMUTATION_A.reshape(-1, 1) * mixed + _PERMUTATION_B.reshape(-1, 1)
    firsts = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
    out[owners[firsts]] = np.minimum.reduceat(permuted, firsts, axis=1).T
    return out


def signature(text: str) -> LeanMinHash:
    """The MinHash signature of a text's shingles (deterministic across runs), as datasketch's type."""
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=NUM_PERM, hashfunc=int, permutations=_PERMUTATIONS, scheme=_SCHEME)
    minhash.update_batch(shingle_hashes(text).tolist())
    return LeanMinHash(minhash)


def jaccard(a: str, b: str) -> float:
    """The exact Jaccard similarity of two texts' shingles (for evaluation and tests)."""
    first, second = shingles(a), shingles(b)
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


def are_copies(a: str, b: str, threshold: float = COPY_THRESHOLD) -> bool:
    return jaccard(a, b) >= threshold


@dataclass(frozen=True)
class CopyGroup:
    """Articles that are copies of one another; `original` is the earliest published."""

    original: str
    copies: tuple[str, ...]

    @property
    def members(self) -> tuple[str, ...]:
        return (self.original, *self.copies)


class CopyIndex:
    """Groups articles into copies as they arrive, one at a time.

    `add` costs one signature, one LSH query and one insertion, so it stays
    near-constant per article; `copies_of` and `original_of` are lookups.
    """

    def __init__(self, threshold: float = COPY_THRESHOLD, candidate_threshold: float = CANDIDATE_THRESHOLD) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=candidate_threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, LeanMinHash] = {}
        self._published: dict[str, datetime] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article: object) -> bool:
        return article in self._signatures

    def add(self, article: str, text: str, published: datetime) -> list[str]:
        """Index an article; returns the articles already indexed that it copies."""
        if article in self._signatures:
            raise ValueError(f"article {article} is already indexed")
        minhash = signature(text)
        matches = [other for other in self._lsh.query(minhash)
                   if self._signatures[other].jaccard(minhash) >= self.threshold]
        self._lsh.insert(article, minhash)
        self._signatures[article] = minhash
        self._published[article] = published
        self._parent[article] = article
        self._members[article] = [article]
        for other in matches:
            self._union(article, other)
        return sorted(matches)

    def add_all(self, articles: Iterable[tuple[str, str, datetime]]) -> None:
        for article, text, published in articles:
            self.add(article, text, published)

    def _root(self, article: str) -> str:
        root = article
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[article] != root:
            self._parent[article], article = root, self._parent[article]
        return root

    def _union(self, a: str, b: str) -> None:
        first, second = self._root(a), self._root(b)
        if first == second:
            return
        if len(self._members[first]) < len(self._members[second]):
            first, second = second, first
        self._parent[second] = first
        self._members[first].extend(self._members.pop(second))

    def _earliest(self, members: Iterable[str]) -> str:
        return min(members, key=lambda member: (self._published[member], member))

    def group_of(self, article: str) -> CopyGroup:
        members = self._members[self._root(article)]
        original = self._earliest(members)
        return CopyGroup(original, tuple(sorted(m for m in members if m != original)))

    def copies_of(self, article: str) -> list[str]:
        """The other articles of this article's group (empty when it has no copy)."""
        return sorted(m for m in self._members[self._root(article)] if m != article)

    def original_of(self, article: str) -> str:
        return self.group_of(article).original

    def groups(self) -> list[CopyGroup]:
        """Every group of two or more articles, in a stable order."""
        found = [self.group_of(root) for root, members in self._members.items() if len(members) > 1]
        return sorted(found, key=lambda group: group.members)


# -- signatures kept in a store ---------------------------------------------------

#: Bands and rows per band of the LSH, the ones datasketch picks for
#: `CANDIDATE_THRESHOLD` and `NUM_PERM` (37 bands of 3 values).
BANDS, ROWS = 37, 3
_BAND_MULTIPLIERS = np.array([0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D], dtype=np.uint64)
_BAND_OFFSETS = (np.arange(BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0x27D4EB2F165667C5)


def signature_bytes(text: str) -> bytes:
    """A text's signature as stored: `NUM_PERM` little-endian 32-bit values."""
    return signature_array(text).astype("<u4").tobytes()


def signature_values(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4")


def estimated_jaccard(a: bytes, b: bytes) -> float:
    """The share of equal values of two stored signatures: MinHash's Jaccard estimate."""
    return float(np.count_nonzero(signature_values(a) == signature_values(b))) / NUM_PERM


def band_keys(values: np.ndarray) -> np.ndarray:
    """One 32-bit key per band of one signature (shape NUM_PERM) or of many (shape N x NUM_PERM).

    Two signatures that agree on all `ROWS` values of a band get the same key
    for it; a key shared by chance only adds a candidate that the Jaccard
    estimate then turns down.
    """
    rows = values[..., : BANDS * ROWS].astype(np.uint64).reshape(*values.shape[:-1], BANDS, ROWS)
    with np.errstate(over="ignore"):
        mixed = (rows * _BAND_MULTIPLIERS).sum(axis=-1, dtype=np.uint64) + _BAND_OFFSETS
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        mixed ^= mixed >> np.uint64(32)
    return (mixed & _LOW32).astype(np.uint32)


class BandIndex:
    """LSH over stored signatures, in compact numpy arrays rather than Python dicts.

    datasketch's MinHashLSH keeps a Python list per band bucket: about 600 MB
    at 100,000 articles. Here the band keys live in sorted uint32 arrays with
    the matching article numbers beside them (8 bytes per band and article,
    30 MB at 100,000 articles), in two levels as in a log-structured merge: a
    large one, a small one, and a list of keys not yet sorted in. Adding
    stays near-constant and a query never converts a long Python list, even
    when thousands of identical texts share every bucket.

    Articles are numbered in the order they are added; `remove` hides one.
    Each article also carries a group (`set_group`), so that `candidate_groups`
    hands back candidates by group: one confirmed copy is enough to join a
    group, however large.

    The signatures themselves are kept too (`values_of`, 512 bytes an
    article: 51 MB at 100,000), so that confirming a candidate is a
    comparison in memory rather than a read from the store: at ingest most
    articles have a candidate, and on PostgreSQL each read is a round trip.
    """

    #: Articles looked at per bucket and level. A bucket this full holds one
    #: text copied (or templated) hundreds of times; its first articles
    #: already say which group a new copy joins, and looking at every one
    #: would make each further copy cost more. Below this size (every copy
    #: group in the gold and the benchmark corpus), the groups do not depend
    #: on the ingest order; above it, a text that copies only members past
    #: the first BUCKET_LIMIT of every bucket it shares could be missed.
    BUCKET_LIMIT = 64
    #: Keys waiting (not yet sorted into a level) before they are sorted into the small level.
    PENDING = 4096
    #: The small level is merged into the large one when it holds this many
    #: keys or an eighth of the large one's, whichever is more.
    SMALL = 200_000

    def __init__(self) -> None:
        self.ids: list[str] = []
        self._number: dict[str, int] = {}
        self._removed = np.zeros(1024, dtype=bool)
        self._group = np.zeros(1024, dtype=np.int32)
        self._values = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        empty_keys, empty_owners = np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32)
        self._levels = [(empty_keys, empty_owners), (empty_keys, empty_owners)]
        #: The keys not yet sorted into a level, as added (one array of BANDS keys per article), and
        #: their articles: looked up with numpy by `locate`, sorted into the small level by `_flush`.
        self._pending_keys: list[np.ndarray] = []
        self._pending_numbers: list[int] = []
        self._pending_count = 0
        self._removed_count = 0

    def __len__(self) -> int:
        return len(self._number) - self._removed_count

    def __contains__(self, article: object) -> bool:
        number = self._number.get(article) if isinstance(article, str) else None
        return number is not None and not self._removed[number]

    def _numbered(self, articles: list[str]) -> int:
        first = len(self.ids)
        for offset, article in enumerate(articles):
            if article in self._number:
                raise ValueError(f"article {article} is already indexed")
            self._number[article] = first + offset
        self.ids.extend(articles)
        if len(self.ids) > len(self._group):
            size = max(len(self.ids), 2 * len(self._group))
            self._group = np.concatenate([self._group, np.zeros(size - len(self._group), dtype=np.int32)])
            self._removed = np.concatenate([self._removed, np.zeros(size - len(self._removed), dtype=bool)])
            grown = np.zeros((size, NUM_PERM), dtype=np.uint32)
            grown[:len(self._values)] = self._values
            self._values = grown
        self._group[first:len(self.ids)] = np.arange(first, len(self.ids), dtype=np.int32)
        return first

    def add(self, article: str, values: np.ndarray, keys: np.ndarray | None = None, flush: bool = True) -> None:
        """Index one signature (`keys`: its `band_keys`, when the caller has them already).

        `flush=False` while a `locate`d batch is being added: the levels must
        not change under the positions found for it (`flush` afterwards)."""
        number = self._numbered([article])
        self._values[number] = values
        self._pending_keys.append(band_keys(values) if keys is None else keys)
        self._pending_numbers.append(number)
        self._pending_count += BANDS
        if flush and self._pending_count >= self.PENDING:
            self._flush()

    def flush(self) -> None:
        """Sort the pending keys in if there are enough of them (after a batch added with `flush=False`)."""
        if self._pending_count >= self.PENDING:
            self._flush()

    def locate(self, keys: np.ndarray) -> list[np.ndarray]:
        """The candidates in the sorted levels of each of a batch's signatures (band keys N x BANDS):
        one array of article numbers per signature, for `candidate_groups(..., located=...)`.

        One search of the whole batch's keys, in sorted order, and one gather,
        instead of a dozen small numpy calls per article: at 100,000 articles
        the levels hold millions of keys, and an article's 37 keys each cost a
        chain of cache misses into them, which was the largest cost of storing
        an article. Valid while the levels do not change: add the batch with
        `flush=False`, in order, then `flush`. The keys not yet sorted in are
        searched the same way (`_locate_pending`), each row among those added
        before it: the batch's own earlier rows count, as if each were looked
        up just before it is added.
        """
        flat = keys.ravel()
        order = np.argsort(flat, kind="stable")
        ordered = flat[order]
        per_level = []
        for level_keys, level_owners in self._levels:
            left = np.empty(len(flat), dtype=np.int64)
            right = np.empty(len(flat), dtype=np.int64)
            left[order] = np.searchsorted(level_keys, ordered, side="left")
            right[order] = np.searchsorted(level_keys, ordered, side="right")
            # The first BUCKET_LIMIT owners of every bucket: positions left[i] .. left[i] + sizes[i] - 1.
            sizes = np.minimum(right - left, self.BUCKET_LIMIT)
            ends = np.cumsum(sizes)
            positions = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(left - (ends - sizes), sizes)
            row_ends = ends.reshape(keys.shape)[:, -1] if len(ends) else np.zeros(0, dtype=np.int64)
            per_level.append(np.split(level_owners[positions], row_ends[:-1]))
        per_level.append(self._locate_pending(keys))
        return [np.concatenate(found) for found in zip(*per_level)]

    def _locate_pending(self, keys: np.ndarray) -> list[np.ndarray]:
        """`locate` among the keys not yet sorted in: for row i of `keys` (rows to be added next, in
        order), the first BUCKET_LIMIT articles, in the order added, of each of its buckets among the
        pending keys and those of rows 0 .. i-1.

        Every pending (key, article) pair, the rows' own included, is one 64-bit value, key high and
        article number low, so that one sort orders each bucket by the order the articles were added
        and two searches give each row's bucket and where the articles added after it begin.
        """
        rows, bands = keys.shape
        first = len(self.ids)  # the number the first row will get
        numbers = np.repeat(np.arange(first, first + rows, dtype=np.uint64), bands)
        queries = keys.astype(np.uint64).ravel() << np.uint64(32)
        pairs = [queries | numbers]
        if self._pending_numbers:
            pairs.append((np.concatenate(self._pending_keys).astype(np.uint64) << np.uint64(32))
                         | np.repeat(np.array(self._pending_numbers, dtype=np.uint64), bands))
        entries = np.sort(np.concatenate(pairs))
        left = np.searchsorted(entries, queries, side="left")
        before = np.searchsorted(entries, queries | numbers, side="left")  # owners added before the row
        sizes = np.minimum(before - left, self.BUCKET_LIMIT)
        ends = np.cumsum(sizes)
        positions = np.arange(int(ends[-1]) if len(ends) else 0) + np.repeat(left - (ends - sizes), sizes)
        owners = (entries[positions] & _LOW32).astype(np.int32)
        row_ends = ends.reshape(keys.shape)[:, -1] if len(ends) else np.zeros(0, dtype=np.int64)
        return np.split(owners, row_ends[:-1])

    def add_many(self, articles: list[str], values: np.ndarray) -> None:
        """Index many signatures at once (shape N x NUM_PERM), e.g. when a store is opened."""
        if not articles:
            return
        first = self._numbered(articles)
        self._values[first:first + len(articles)] = values
        keys = band_keys(values).ravel()
        owners = np.repeat(np.arange(first, first + len(articles), dtype=np.int32), BANDS)
        self._flush()
        self._levels[0] = self._sorted(self._levels[0], (keys, owners), *self._levels[1:])
        self._levels[1] = (np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32))

    @staticmethod
    def _sorted(*parts: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        keys = np.concatenate([part[0] for part in parts])
        owners = np.concatenate([part[1] for part in parts])
        order = np.argsort(keys, kind="stable")
        return keys[order], owners[order]

    def _flush(self) -> None:
        """Sort the pending keys into the small level, and that into the large one when it is full."""
        if self._pending_numbers:
            # In the order added: after the stable sort by key, each key's owners
            # are in the order they were added.
            pending = (np.concatenate(self._pending_keys).astype(np.uint32, copy=False),
                       np.repeat(np.array(self._pending_numbers, dtype=np.int32), BANDS))
            self._levels[1] = self._sorted(self._levels[1], pending)
            self._pending_count = 0
            self._pending_keys, self._pending_numbers = [], []
        if len(self._levels[1][0]) >= max(self.SMALL, len(self._levels[0][0]) // 8):
            self._levels[0] = self._sorted(*self._levels)
            self._levels[1] = (np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int32))

    def remove(self, article: str) -> None:
        number = self._number.get(article)
        if number is not None and not self._removed[number]:
            self._removed[number] = True
            self._removed_count += 1

    def reset_groups(self) -> None:
        """Every article alone in its group again (before the groups are set anew)."""
        self._group[:len(self.ids)] = np.arange(len(self.ids), dtype=np.int32)

    def set_group(self, articles: Iterable[str], group: str) -> None:
        """Record that these indexed articles are in the copy group named by `group` (an indexed article)."""
        root = self._number.get(group)
        if root is None:
            return
        numbers = [self._number[a] for a in articles if a in self._number]
        self._group[numbers] = root

    def values_of(self, article: str) -> np.ndarray | None:
        """The signature an indexed article was added with (None when it is not indexed)."""
        number = self._number.get(article)
        return None if number is None or self._removed[number] else self._values[number]

    def _candidate_numbers(self, values: np.ndarray, keys: np.ndarray | None = None,
                           located: np.ndarray | None = None) -> np.ndarray:
        if keys is None:
            keys = band_keys(values)
        slices: list[np.ndarray] = []
        if located is None:  # one article alone: the batch look-up of one row
            located = self.locate(keys.reshape(1, -1))[0]
        if len(located):
            slices.append(located)
        if not slices:
            return np.zeros(0, dtype=np.int32)
        if sum(len(bucket) for bucket in slices) < 4096:
            found = np.unique(np.concatenate(slices))
            return found[~self._removed[found]]
        # A mask over every article number rather than np.unique: when
        # thousands of copies share every band, sorting the repeats costs more.
        seen = np.zeros(len(self.ids), dtype=bool)
        for bucket in slices:
            seen[bucket] = True
        seen &= ~self._removed[:len(self.ids)]
        return np.flatnonzero(seen)

    def candidates(self, values: np.ndarray) -> set[str]:
        """Indexed articles sharing at least one band with this signature."""
        return {self.ids[number] for number in self._candidate_numbers(values).tolist()}

    def candidate_groups(self, values: np.ndarray, keys: np.ndarray | None = None,
                         located: np.ndarray | None = None) -> list[tuple[str, Iterator[str]]]:
        """The candidates by group: (the group's article, its candidates in the order they were added).

        The candidates come lazily: the caller usually needs only the first.
        `located`: this signature's entry of a batch's `locate`.
        """
        found = self._candidate_numbers(values, keys, located)
        if not len(found):
            return []
        groups = self._group[found]
        ids = self.ids
        return [(ids[group], (ids[number] for number in found[groups == group].tolist()))
                for group in np.unique(groups).tolist()]
