"""Text reuse: passages one article shares nearly verbatim with another (wire copy, quotes).

``find_reuse(texts)`` takes ``{doc_id: text}`` and returns every passage of at least
``min_words`` words that two different documents share, allowing light editing, with
character offsets into the ORIGINAL texts. ``shared_words(a, b)`` marks, for showing two
passages side by side, which words of ``a`` also occur in the aligned text of ``b``.

Method (pure Python; scales with the amount of shared text, not with the number of pairs):

1. **Tokens.** Words are ``\\w+`` runs, optionally joined by apostrophes ("don't",
   "Assad’s"). Each keeps its character span in the original text; its normalised form is
   NFKC + case-folded with apostrophes removed, so curly vs straight quotes, quote marks,
   other punctuation, line breaks and runs of spaces never block a match.
2. **Shingles and an inverted index.** Every run of ``k = min(5, min_words)`` consecutive
   normalised tokens is a shingle (a tuple of vocabulary ids, so there are no hash
   collisions). The index maps each shingle to its ``(doc, position)`` postings. Candidate
   pairs come ONLY from postings of the same shingle in two different documents -- never
   from enumerating all pairs of documents, and never within one document. Shingles found
   in more than ``max_doc_freq`` documents (boilerplate such as "Reporting by ... Editing
   by ...") are not used as seeds, and their words do not count toward ``min_words``; a
   passage that contains them is still found through its other shingles and extended
   across them, but boilerplate plus one chance neighbouring word is never a passage.
3. **Exact blocks.** Each seed ``(doc_a, p, doc_b, q)`` is grown token by token to the left
   and right along its diagonal (``q - p``) into a maximal exact block; seeds that fall
   inside an already-found block are skipped, so each block is built once.
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
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = ["Reuse", "ReuseStats", "find_reuse", "shared_words", "tokenize"]

# A word, optionally continued across apostrophes of any kind: don't, Assad’s, rock'n'roll.
_TOKEN = re.compile(r"\w+(?:['’‘`ʼ]\w+)*")
_APOSTROPHES = re.compile(r"['’‘`ʼ]")


@dataclass(frozen=True)
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
    seed_pairs: int = 0  # (doc, pos) x (doc, pos) postings pairs looked at
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
    sm = difflib.SequenceMatcher(None, ga, gb, autojunk=False)
    return sum(1 for b in sm.get_matching_blocks() for x in range(b.a, b.a + b.size) if not common[x])


def _extend_ends(sa: int, ea: int, sb: int, eb: int, a: list[int], b: list[int],
                 sa_start: list[bool], sb_start: list[bool], a_end: list[bool], b_end: list[bool],
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
    """The documents as token-id sequences, with each token's span and sentence edges."""

    ids: list[str]
    toks: list[list[int]] = field(default_factory=list)
    spans: list[list[tuple[int, int]]] = field(default_factory=list)
    starts: list[list[bool]] = field(default_factory=list)
    ends: list[list[bool]] = field(default_factory=list)

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
            docs.spans.append(spans)
            st_, en_ = _sentence_edges(texts[d], docs.spans[-1])
            docs.starts.append(st_)
            docs.ends.append(en_)
        return docs


def _common_tokens(index: dict[tuple[int, ...], list[tuple[int, int]]], toks: list[list[int]], k: int,
                   max_doc_freq: int) -> list[bytearray]:
    """Per document, 1 for tokens inside a too-frequent shingle: they never count toward min_words."""
    common = [bytearray(len(seq)) for seq in toks]
    for postings in index.values():
        if len(postings) > max_doc_freq and len({d for d, _ in postings}) > max_doc_freq:
            for d, p in postings:
                common[d][p:p + k] = b"\x01" * k
    return common


def _exact_blocks(index: dict[tuple[int, ...], list[tuple[int, int]]], toks: list[list[int]], k: int,
                  max_doc_freq: int, st: ReuseStats) -> dict[tuple[int, int], list[Block]]:
    """Exact blocks per document pair, grown from shared shingles."""
    # covered[(i, j, diagonal)] = list of (start, end) in doc i already grown into blocks
    covered: dict[tuple[int, int, int], list[tuple[int, int]]] = defaultdict(list)
    blocks: dict[tuple[int, int], list[Block]] = defaultdict(list)
    for postings in index.values():
        if len(postings) < 2:
            continue
        docs = {d for d, _ in postings}
        if len(docs) < 2:
            continue
        if len(docs) > max_doc_freq:
            st.skipped_shingles += 1
            continue
        for x in range(len(postings)):
            i, p = postings[x]
            for y in range(x + 1, len(postings)):
                j, q = postings[y]
                if j == i:  # postings are in (doc, pos) order: same-doc ones are adjacent
                    continue
                st.seed_pairs += 1
                key = (i, j, q - p)
                if any(s <= p < e for s, e in covered[key]):
                    continue
                a, b = toks[i], toks[j]
                s, t = p, q
                while s > 0 and t > 0 and a[s - 1] == b[t - 1]:
                    s, t = s - 1, t - 1
                e, f = p + k, q + k
                while e < len(a) and f < len(b) and a[e] == b[f]:
                    e, f = e + 1, f + 1
                st.extensions += 1
                covered[key].append((s, e))
                blocks[(i, j)].append(Block(s, t, e - s))
    return blocks


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
    index: dict[tuple[int, ...], list[tuple[int, int]]] = defaultdict(list)
    for di, seq in enumerate(toks):
        for p in range(len(seq) - k + 1):
            index[tuple(seq[p:p + k])].append((di, p))
    st = stats if stats is not None else ReuseStats()
    st.documents, st.tokens, st.distinct_shingles = len(docs.ids), sum(map(len, toks)), len(index)
    st.all_pairs = len(docs.ids) * (len(docs.ids) - 1) // 2
    common = _common_tokens(index, toks, k, max_doc_freq)
    blocks = _exact_blocks(index, toks, k, max_doc_freq, st)
    st.doc_pairs_compared = len(blocks)
    out: list[Reuse] = []
    max_window = max_gap + k - 1  # a gap longer than this would contain a seed shingle
    for (i, j), bl in blocks.items():
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
            start_a, end_a = docs.spans[i][sa][0], docs.spans[i][ea - 1][1]
            out.append(Reuse(docs.ids[i], start_a, end_a, docs.ids[j], docs.spans[j][sb][0],
                             docs.spans[j][eb - 1][1], texts[docs.ids[i]][start_a:end_a]))
    out.sort(key=lambda r: (r.doc_a, r.doc_b, r.start_a, r.start_b, r.end_a, r.end_b))
    st.passages = len(out)
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
