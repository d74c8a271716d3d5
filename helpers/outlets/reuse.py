"""Text reuse: passages one article shares nearly verbatim with another (wire copy, quotes).

``find_reuse(texts)`` takes ``{doc_id: text}`` and returns every passage of at least
``min_words`` words that two different documents share, allowing light editing, with
character offsets into the ORIGINAL texts. ``shared_words(a, b)`` marks, for showing two
passages side by side, which words of ``a`` also occur in the aligned text of ``b``.

Method (Python and numpy; scales with the amount of shared text, not with the number of
pairs):

1. **Tokens.** Words are ``\\w+`` runs, optionally joined by apostrophes ("don't",
   "Assad’s"). Each keeps its character span in the original text; its normalised form is
   NFKC + case-folded with apostrophes removed, so curly vs straight quotes, quote marks,
   other punctuation, line breaks and runs of spaces never block a match.
2. **Shingles.** Every run of ``k = min(5, min_words)`` consecutive normalised tokens is a
   shingle. All of the corpus's shingle positions are sorted at once (numpy, on the token
   ids themselves, so there are no hash collisions) into groups of equal shingles, and each
   shingle counts the documents it occurs in. Candidate pairs come ONLY from postings of the
   same shingle in two different documents -- never from enumerating all pairs of
   documents, and never within one document. Shingles found in more than ``max_doc_freq``
   documents (boilerplate such as "Reporting by ... Editing by ...") are not used as seeds,
   and their words do not count toward ``min_words``; a passage that contains them is still
   found through its other shingles and extended across them, but boilerplate plus one
   chance neighbouring word is never a passage.
3. **Exact blocks.** A pair of postings is a seed only where a block can start: where the
   token before differs in the two documents (or is not there), or the shingle before is
   not a seed -- otherwise the same block is grown from the shingle before. So a paragraph
   copied into m articles costs m(m-1)/2 seeds, not that many for every one of its words.
   Each seed ``(doc_a, p, doc_b, q)`` is grown token by token to the left and right along
   its diagonal (``q - p``) into a maximal exact block; seeds that fall inside an
   already-found block are skipped, so each block is built once. Seeds are taken one
   document pair at a time, so only that pair's blocks are held.
4. **Passages.** Blocks of one document pair, in text order, are chained when the gap
   between them is small: after aligning the gap tokens (``difflib``), at most ``max_gap``
   tokens differ on each side (a substitution, insertion or deletion of up to two words;
   a gap may also contain matching words, e.g. two single-word edits three words apart).
   Each chain's two ends are then grown past up to ``max_gap`` differing tokens when an
   exact run of two words follows (or one word that starts/ends a sentence in both texts:
   "Government forces ..." vs "Government troops ..." starts at "Government"). A chain
   whose aligned equal words number at least ``min_words`` is a passage. A passage whose
   spans lie inside another passage's spans (on both sides) is dropped, so each passage is
   reported once, not once per shingle.
5. **Offsets.** Token positions map back to the first character of the first token and the
   last character of the last token; ``Reuse.text`` is ``texts[doc_a][start_a:end_a]``.

Output: ``doc_a < doc_b`` (string order of the ids), sorted by ``(doc_a, doc_b, start_a,
start_b, end_a, end_b)``; the result depends only on the input.

Pass a ``ReuseStats`` as ``stats=`` to see how much work candidate generation did
(``doc_pairs_compared`` vs ``all_pairs``) -- the evidence that it does not compare all pairs.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

import numpy as np

__all__ = ["Reuse", "ReuseStats", "find_reuse", "shared_words", "tokenize"]

# A word, optionally continued across apostrophes of any kind: don't, Assad’s, rock'n'roll.
_TOKEN = re.compile(r"\w+(?:['’‘`ʼ]\w+)*")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")


@dataclass(frozen=True, slots=True)
class Reuse:
    """A passage shared by two documents; offsets are into the original texts."""

    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    text: str  # texts[doc_a][start_a:end_a]


@dataclass
class ReuseStats:
    """Work counters filled in by ``find_reuse(..., stats=ReuseStats())``."""

    documents: int = 0
    tokens: int = 0
    distinct_shingles: int = 0
    skipped_shingles: int = 0  # in more than max_doc_freq documents
    seed_pairs: int = 0  # (doc, pos) x (doc, pos) postings pairs where a block can start
    extensions: int = 0  # seeds grown into exact blocks
    doc_pairs_compared: int = 0  # document pairs that got any block
    all_pairs: int = 0  # n * (n - 1) / 2, for comparison
    passages: int = 0


def _normalise(word: str) -> str:
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", word).casefold())


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """``(normalised word, start, end)`` for every word of ``text``; offsets into ``text``."""
    return [(_normalise(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _gap_ok(ga: list[int], gb: list[int], max_gap: int) -> bool:
    """True when the two gap segments differ by at most ``max_gap`` tokens on each side."""
    if len(ga) <= max_gap and len(gb) <= max_gap:
        return True
    if abs(len(ga) - len(gb)) > max_gap:
        return False
    matched = sum(b.size for b in difflib.SequenceMatcher(None, ga, gb, autojunk=False).get_matching_blocks())
    return len(ga) - matched <= max_gap and len(gb) - matched <= max_gap


class Block(NamedTuple):
    """An exact run of shared tokens: it starts at token ``pa`` of one document and ``pb`` of
    the other and is ``length`` tokens long."""

    pa: int
    pb: int
    length: int


class Passage(NamedTuple):
    """A shared passage: tokens ``sa:ea`` of one document and ``sb:eb`` of the other, with
    ``matched`` aligned equal tokens."""

    sa: int
    ea: int
    sb: int
    eb: int
    matched: int


def _chain(blocks: list[Block], ta: list[int], tb: list[int], max_gap: int,
           max_window: int) -> list[Passage]:
    """Chain exact blocks into passages (a chain is grown in place as a list, then frozen)."""
    blocks.sort()
    chains: list[list[int]] = []  # [sa, ea, sb, eb, matched]
    for pa, pb, n in blocks:
        best = None
        for ch in reversed(chains):
            ea, eb = ch[1], ch[3]
            if ea - pa > n or pa - ea > max_window:
                continue
            # Trim an overlap with the chain's end (possible when a block on another
            # diagonal re-uses a word already matched).
            cut = max(ea - pa, eb - pb, 0)
            if cut >= n:
                continue
            sa, sb = pa + cut, pb + cut
            if sb - eb > max_window or not _gap_ok(ta[ea:sa], tb[eb:sb], max_gap):
                continue
            best = (ch, sa, sb, n - cut)
            break
        if best is None:
            chains.append([pa, pa + n, pb, pb + n, n])
        else:
            ch, sa, sb, m = best
            ch[1], ch[3] = sa + m, sb + m
            ch[4] += m
    return [Passage(*c) for c in chains]


_SENT_END = re.compile(r"[.!?]|\n")


def _sentence_edges(text: str, spans: list[tuple[int, int]]) -> tuple[list[bool], list[bool]]:
    """Per token: does it start a sentence (or the text)? does it end one (or the text)?

    The gap after one token is the gap before the next, so each gap is read once (and each
    distinct gap, mostly a single space, searched once)."""
    seen: dict[str, bool] = {}
    breaks = []
    for x in range(1, len(spans)):
        gap = text[spans[x - 1][1]:spans[x][0]]
        found = seen.get(gap)
        if found is None:
            found = seen[gap] = bool(_SENT_END.search(gap))
        breaks.append(found)
    return [True, *breaks][:len(spans)], [*breaks, True][:len(spans)]


def _matched(ga: list[int], gb: list[int], common: bytes | bytearray) -> int:
    """Aligned equal tokens of two passages, not counting tokens of ``ga`` marked common."""
    if ga == gb:  # verbatim, as most copied passages are: every token is aligned
        return len(ga) - common.count(1)
    sm = difflib.SequenceMatcher(None, ga, gb, autojunk=False)
    return sum(1 for b in sm.get_matching_blocks() for x in range(b.a, b.a + b.size) if not common[x])


def _extend_ends(sa: int, ea: int, sb: int, eb: int, a: list[int], b: list[int],
                 sa_start: bytes, sb_start: bytes, a_end: bytes, b_end: bytes,
                 max_gap: int) -> tuple[int, int, int, int]:
    """Grow a passage past up to ``max_gap`` differing tokens at either end.

    Across the gap there must be an exact run of at least two words, or of one word that
    starts (left end) / ends (right end) a sentence in both documents -- so "Government
    forces ..." vs "Government troops ..." still starts at "Government", but a lone
    shared "the" before an edit is not glued on.
    """
    changed = True
    while changed:
        changed = False
        best = None
        for ga in range(max_gap + 1):
            for gb in range(max_gap + 1):
                if ga == gb == 0:
                    continue
                s, t = sa - ga, sb - gb
                run = 0
                while s - run > 0 and t - run > 0 and a[s - run - 1] == b[t - run - 1]:
                    run += 1
                if run >= 2 or (run == 1 and sa_start[s - 1] and sb_start[t - 1]):
                    if best is None or run - ga - gb > best[0]:
                        best = (run - ga - gb, s - run, t - run)
        if best is not None:
            sa, sb, changed = best[1], best[2], True
        best = None
        for ga in range(max_gap + 1):
            for gb in range(max_gap + 1):
                if ga == gb == 0:
                    continue
                s, t = ea + ga, eb + gb
                run = 0
                while s + run < len(a) and t + run < len(b) and a[s + run] == b[t + run]:
                    run += 1
                if run >= 2 or (run == 1 and a_end[s] and b_end[t]):
                    if best is None or run - ga - gb > best[0]:
                        best = (run - ga - gb, s + run, t + run)
        if best is not None:
            ea, eb, changed = best[1], best[2], True
    return sa, ea, sb, eb


@dataclass
class _Docs:
    """The documents as token-id sequences, with each token's span and sentence edges.

    Token ids are kept as one list per document (the block growing reads them one by one);
    spans and sentence edges, read only at a passage's two ends, are compact arrays."""

    ids: list[str]
    toks: list[list[int]] = field(default_factory=list)
    begins: list[array] = field(default_factory=list)  # per token: first character
    finishes: list[array] = field(default_factory=list)  # per token: character after the last
    starts: list[bytes] = field(default_factory=list)
    ends: list[bytes] = field(default_factory=list)

    @classmethod
    def of(cls, texts: dict[str, str]) -> "_Docs":
        """Tokenise every text (sorted by id) over one shared vocabulary."""
        docs = cls(sorted(texts))
        vocab: dict[str, int] = {}
        id_of: dict[str, int] = {}  # each word as written -> its normalised form's id, normalised once
        for d in docs.ids:
            ids, spans = [], []
            for m in _TOKEN.finditer(texts[d]):
                word = m.group()
                i = id_of.get(word)
                if i is None:
                    i = id_of[word] = vocab.setdefault(_normalise(word), len(vocab))
                ids.append(i)
                spans.append(m.span())
            docs.toks.append(ids)
            docs.begins.append(array("q", [s for s, _ in spans]))
            docs.finishes.append(array("q", [e for _, e in spans]))
            st_, en_ = _sentence_edges(texts[d], spans)
            docs.starts.append(bytes(st_))
            docs.ends.append(bytes(en_))
        return docs


@dataclass
class _Shingles:
    """Every shingle of the corpus, as flat arrays over shingle positions in (doc, position)
    order: its document, its position there and its shingle id. Two positions have the same
    id exactly when their ``k`` token ids are equal (no hashing, so no collisions)."""

    doc: np.ndarray  # int32
    pos: np.ndarray  # int32
    sid: np.ndarray  # int64, 0 .. n_shingles - 1
    n_docs: np.ndarray  # per shingle id: in how many documents it occurs

    @classmethod
    def of(cls, toks: list[list[int]], k: int) -> "_Shingles":
        lengths = np.fromiter((len(t) for t in toks), dtype=np.int64, count=len(toks))
        flat = np.fromiter(chain.from_iterable(toks), dtype=np.int32, count=int(lengths.sum()))
        per_doc = np.maximum(lengths - k + 1, 0)
        total = int(per_doc.sum())
        doc = np.repeat(np.arange(len(toks), dtype=np.int32), per_doc)
        first = np.cumsum(per_doc) - per_doc  # index of each document's first shingle
        pos = (np.arange(total, dtype=np.int64) - np.repeat(first, per_doc)).astype(np.int32)
        at = np.repeat(np.cumsum(lengths) - lengths, per_doc) + pos  # into flat
        columns = [flat[at + c] for c in range(k)]
        del at, flat
        order = np.lexsort(columns[::-1])  # stable: equal shingles stay in (doc, pos) order
        new = np.zeros(total, dtype=bool)
        if total:
            new[0] = True
        for column in columns:
            ordered = column[order]
            new[1:] |= ordered[1:] != ordered[:-1]
        del columns, ordered
        sid = np.empty(total, dtype=np.int64)
        sid[order] = np.cumsum(new) - 1
        # In sorted order a posting starts a new (shingle, document) when either changes.
        doc_sorted = doc[order]
        new_doc = new.copy()
        new_doc[1:] |= doc_sorted[1:] != doc_sorted[:-1]
        n_docs = np.bincount(np.cumsum(new)[new_doc] - 1, minlength=int(new.sum())) if total else \
            np.zeros(0, dtype=np.int64)
        return cls(doc, pos, sid, n_docs)


def _common_tokens(sh: _Shingles, toks: list[list[int]], k: int, max_doc_freq: int) -> list[bytes]:
    """Per document, 1 for tokens inside a too-frequent shingle: they never count toward min_words."""
    common = []
    frequent = sh.n_docs[sh.sid] > max_doc_freq
    bounds = np.searchsorted(sh.doc, np.arange(len(toks) + 1))
    for d, seq in enumerate(toks):
        mark = np.zeros(len(seq) + 1, dtype=np.int32)
        starts = sh.pos[bounds[d]:bounds[d + 1]][frequent[bounds[d]:bounds[d + 1]]]
        np.add.at(mark, starts, 1)
        np.add.at(mark, starts + k, -1)
        common.append((np.cumsum(mark[:-1]) > 0).astype(np.uint8).tobytes())
    return common


def _seeds(sh: _Shingles, max_doc_freq: int) -> np.ndarray:
    """``(doc_i, p, doc_j, q)`` rows, ``doc_i < doc_j``, sorted, for each pair of postings of one
    seed shingle where a block can START: the token before the shingle differs in the two
    documents (or one is at its document's start), or the shingle before it is not a seed.

    Where the token before is equal and the shingle before is a seed, that shingle is posted
    in both documents too, one position earlier on the same diagonal, and the same maximal
    block is grown from it -- so skipping these pairs loses no block. This is what keeps the
    work linear in the shared text: a paragraph copied into m articles gives m(m-1)/2 pairs
    at its first shingle only, not at every one of its shingles."""
    found = array("q")  # 8 bytes on every platform, read as int64 below
    seed = (sh.n_docs >= 2) & (sh.n_docs <= max_doc_freq)
    at = np.flatnonzero(seed[sh.sid])
    if len(at):
        # The shingle before each posting, when it is a seed; else a key no other posting has.
        before = np.full(len(sh.sid), -1, dtype=np.int64)
        inner = np.flatnonzero(sh.pos[1:] > 0) + 1  # the previous position is in the same document
        before[inner] = sh.sid[inner - 1]
        before[inner[~seed[sh.sid[inner - 1]]]] = -1
        lone = before < 0
        before[lone] = -2 - np.flatnonzero(lone)
        sid, key = sh.sid[at], before[at]
        order = np.lexsort((key, sid))
        sid, key, at = sid[order], key[order], at[order]
        group_start = np.flatnonzero(np.r_[True, sid[1:] != sid[:-1]])
        new_key = np.r_[True, (key[1:] != key[:-1]) | (sid[1:] != sid[:-1])]
        keys_in_group = np.add.reduceat(new_key.astype(np.int64), group_start)
        group_end = np.r_[group_start[1:], len(sid)]
        for g in np.flatnonzero(keys_in_group >= 2):
            members = np.sort(at[group_start[g]:group_end[g]])  # back in (doc, pos) order
            postings = list(zip(sh.doc[members].tolist(), sh.pos[members].tolist(), before[members].tolist()))
            for x, (i, p, bi) in enumerate(postings):
                for j, q, bj in postings[x + 1:]:
                    if j != i and bj != bi:
                        found.extend((i, p, j, q))
    rows = np.frombuffer(found, dtype=np.int64).reshape(-1, 4) if found else np.zeros((0, 4), dtype=np.int64)
    return rows[np.lexsort((rows[:, 3], rows[:, 1], rows[:, 2], rows[:, 0]))]  # by (i, j, p, q)


def _exact_blocks(sh: _Shingles, toks: list[list[int]], k: int, max_doc_freq: int,
                  st: ReuseStats) -> Iterator[tuple[tuple[int, int], list[Block]]]:
    """The exact blocks of each document pair in turn, ``(i, j)`` in order, grown from the seeds
    where a block can start; only one pair's blocks are held at a time."""
    st.skipped_shingles += int(np.count_nonzero((sh.n_docs >= 2) & (sh.n_docs > max_doc_freq)))
    seeds = _seeds(sh, max_doc_freq)
    st.seed_pairs += len(seeds)
    pair_start = np.flatnonzero(np.r_[True, (seeds[1:, 0] != seeds[:-1, 0]) | (seeds[1:, 2] != seeds[:-1, 2])]) \
        if len(seeds) else np.zeros(0, dtype=np.int64)
    for first, last in zip(pair_start.tolist(), [*pair_start[1:].tolist(), len(seeds)]):
        i, j = int(seeds[first, 0]), int(seeds[first, 2])
        a, b = toks[i], toks[j]
        # covered[diagonal] = (start, end) in doc i already grown into blocks; a block with a
        # too-frequent shingle inside it can still be reached from two seeds.
        covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
        blocks: list[Block] = []
        for p, q in seeds[first:last, [1, 3]].tolist():
            on_diagonal = covered[q - p]
            if any(s <= p < e for s, e in on_diagonal):
                continue
            s, t = p, q
            while s > 0 and t > 0 and a[s - 1] == b[t - 1]:
                s, t = s - 1, t - 1
            e, f = p + k, q + k
            while e < len(a) and f < len(b) and a[e] == b[f]:
                e, f = e + 1, f + 1
            st.extensions += 1
            on_diagonal.append((s, e))
            blocks.append(Block(s, t, e - s))
        yield (i, j), blocks


def find_reuse(texts: dict[str, str], *, min_words: int = 8, max_gap: int = 2,
               max_doc_freq: int = 50, stats: ReuseStats | None = None) -> list[Reuse]:
    """Passages of at least ``min_words`` words shared (nearly verbatim) by two documents.

    ``max_gap``: differing tokens allowed between two exact blocks on each side.
    ``max_doc_freq``: shingles found in more documents than this are not used as seeds.
    """
    if min_words < 1:
        raise ValueError("min_words must be at least 1")
    k = min(5, min_words)
    docs = _Docs.of(texts)
    toks = docs.toks
    sh = _Shingles.of(toks, k)
    st = stats if stats is not None else ReuseStats()
    st.documents, st.tokens, st.distinct_shingles = len(docs.ids), sum(map(len, toks)), len(sh.n_docs)
    st.all_pairs = len(docs.ids) * (len(docs.ids) - 1) // 2
    common = _common_tokens(sh, toks, k, max_doc_freq)
    out: list[Reuse] = []
    max_window = max_gap + k - 1  # a gap longer than this would contain a seed shingle
    shared: dict[tuple[int, int], str] = {}  # one string per passage side of the current doc_a
    current, pairs = -1, 0
    for (i, j), bl in _exact_blocks(sh, toks, k, max_doc_freq, st):
        pairs += 1
        if i != current:
            shared.clear()
            current = i
        chains: list[Passage] = []
        for sa, ea, sb, eb, _ in _chain(bl, toks[i], toks[j], max_gap, max_window):
            sa, ea, sb, eb = _extend_ends(sa, ea, sb, eb, toks[i], toks[j], docs.starts[i], docs.starts[j],
                                          docs.ends[i], docs.ends[j], max_gap)
            own = _matched(toks[i][sa:ea], toks[j][sb:eb], common[i][sa:ea])
            if own >= min_words:
                chains.append(Passage(sa, ea, sb, eb, own))
        chains.sort(key=lambda c: (c.sa - c.ea, c.sb - c.eb))  # longest first
        kept: list[Passage] = []
        for c in chains:
            if not any(o.sa <= c.sa and c.ea <= o.ea and o.sb <= c.sb and c.eb <= o.eb for o in kept):
                kept.append(c)
        for sa, ea, sb, eb, _ in kept:
            start_a, end_a = docs.begins[i][sa], docs.finishes[i][ea - 1]
            text = shared.get((start_a, end_a))
            if text is None:
                text = shared[(start_a, end_a)] = texts[docs.ids[i]][start_a:end_a]
            out.append(Reuse(docs.ids[i], start_a, end_a, docs.ids[j], docs.begins[j][sb],
                             docs.finishes[j][eb - 1], text))
    out.sort(key=lambda r: (r.doc_a, r.doc_b, r.start_a, r.start_b, r.end_a, r.end_b))
    st.doc_pairs_compared, st.passages = pairs, len(out)
    return out


def shared_words(a: str, b: str) -> list[tuple[int, int]]:
    """Character spans in ``a`` of the words that also occur, aligned, in ``b``.

    Both are usually the two sides of one ``Reuse`` (``r.text`` and the slice of doc_b).
    Alignment is ``difflib.SequenceMatcher`` over normalised tokens, so a word counts only
    where it lines up with the other passage, not merely because it occurs somewhere in it.
    Swap the arguments for the spans in ``b``.
    """
    ta, tb = tokenize(a), tokenize(b)
    sm = difflib.SequenceMatcher(None, [w for w, _, _ in ta], [w for w, _, _ in tb], autojunk=False)
    return [(ta[x][1], ta[x][2]) for blk in sm.get_matching_blocks() for x in range(blk.a, blk.a + blk.size)]
