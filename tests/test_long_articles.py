"""Articles of any size (issue 10, item 3): an article longer than the pipeline's limit is
parsed in paragraph-aligned pieces, never crashes, and every offset it gets refers to the
whole text; articles of news length are parsed exactly as before."""

from __future__ import annotations

import itertools
import re
import shutil

import pytest

from helpers import paths, settings, stages
from helpers.annotation import cache as extract
from helpers.annotation.pipeline import check_pipeline, shared_pipeline
from helpers.corpus import Article
from helpers.text.pieces import piece_spans

MODEL = settings.DEFAULT_SPACY_MODEL
SPACY_LIMIT = 1_000_000
"""spaCy's default `nlp.max_length`: a longer text made it raise E088."""

PARAGRAPHS = (
    ("BRUSSELS — European Union ministers met on Monday to discuss new sanctions against Russia, "
     "officials said, as the talks in Brussels entered a second day."),
    ("The proposal, drafted by the European Commission, would restrict exports of dual-use goods. "
     "\"We are not there yet,\" a diplomat told Reuters on condition of anonymity."),
    ("In Washington, the State Department said it welcomed the move. Secretary of State Antony "
     "Blinken spoke with his French counterpart by telephone on Sunday evening."),
    ("Markets in London and Frankfurt fell slightly after the announcement, with energy shares "
     "leading the declines, according to data from the London Stock Exchange."),
)
MERKEL = "Angela Merkel met officials in Geneva."


def long_article(n_chars: int) -> str:
    """News paragraphs, separated by blank lines, repeated to `n_chars` characters; `MERKEL`
    once in the middle and once at the very end."""
    out: list[str] = []
    size, i = 0, 0
    while size < n_chars:
        para = f"{PARAGRAPHS[i % len(PARAGRAPHS)]} Update {i}."
        if i == 2000:
            para = MERKEL
        out.append(para)
        size += len(para) + 2
        i += 1
    return "\n\n".join(out) + "\n\n" + MERKEL + "\n"


def merkel_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer("Angela Merkel", text)]


def check_offsets(text: str, ann: extract.Annotation) -> None:
    """What must hold of any article's annotation, however it was parsed."""
    sents = ann.sents
    assert sents and all(0 <= s < e <= len(text) for s, e in sents)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(sents)), "sentences out of order or overlapping"
    idx, lens = ann.tokens["idx"], ann.tokens["len"]
    token_starts, token_ends = set(idx), {i + n for i, n in zip(idx, lens)}
    for start, end, _ in ann.ents:
        assert start in token_starts and end in token_ends, (start, end, text[start:end])
        assert text[start:end] == text[start:end].strip()
    heads = ann.tokens["head"]
    assert all(0 <= h < len(idx) for h in heads)
    parse = ann.parse
    wrong = [i for i, h in enumerate(heads)
             if not text[idx[i]].isspace() and parse.sentence_index(idx[i]) != parse.sentence_index(idx[h])]
    assert not wrong, f"{len(wrong)} tokens whose head is in another sentence, first {wrong[:5]}"


# --------------------------------------------------------------------------- the boundary rule


def cuts(spans: list[tuple[int, int]]) -> list[int]:
    return [end for _, end in spans[:-1]]


def check_cover(text: str, spans: list[tuple[int, int]], max_chars: int) -> None:
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans)), "pieces leave a gap or overlap"
    assert all(0 < e - s <= max_chars for s, e in spans)


def test_a_text_within_the_limit_is_one_piece() -> None:
    text = long_article(5_000)
    assert piece_spans(text, len(text)) == [(0, len(text))]
    assert piece_spans("", 10) == [(0, 0)]


def test_pieces_end_at_paragraph_breaks_and_never_inside_a_word() -> None:
    text = long_article(300_000)
    spans = piece_spans(text, extract.CHUNK_CHARS)
    check_cover(text, spans, extract.CHUNK_CHARS)
    assert len(spans) == 4
    for cut in cuts(spans):
        assert text[cut - 2:cut] == "\n\n" and not text[cut].isspace(), repr(text[cut - 20:cut + 20])


@pytest.mark.parametrize("sep", [" ", "\n", "\r\n"])
def test_without_blank_lines_pieces_end_after_a_sentence_or_white_space_never_mid_word(sep: str) -> None:
    text = sep.join(f"{PARAGRAPHS[i % 4]} Update {i}." for i in range(300))
    words = " ".join(f"word{i}" for i in range(5_000))  # no sentence end at all
    for sample, max_chars in ((text, 2_000), (words, 777)):
        spans = piece_spans(sample, max_chars)
        check_cover(sample, spans, max_chars)
        assert len(spans) > 2
        for cut in cuts(spans):
            assert sample[cut - 1].isspace() and not sample[cut].isspace(), repr(sample[cut - 20:cut + 20])
            if sample is text and sep == " ":
                assert sample[cut - 2] == "."  # after a sentence
            elif sample is text:
                assert sample[:cut].endswith(sep)  # after a line break


def test_a_crlf_is_never_cut_in_half() -> None:
    text = ("word " * 9 + "end.\r\n\r\n") * 500
    for max_chars in range(40, 60):
        for cut in cuts(piece_spans(text, max_chars)):
            assert not (text[cut - 1] == "\r" and text[cut] == "\n")


def test_a_run_without_white_space_is_cut_at_the_limit() -> None:
    text = "x" * 2_500
    assert piece_spans(text, 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


# --------------------------------------------------------------------------- parsing in pieces


@pytest.fixture(scope="module")
def nlp():
    return shared_pipeline(MODEL)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return min(paths.SEEDS.glob("*.txt")).read_text(encoding="utf-8")


def test_a_short_article_is_parsed_exactly_as_before(nlp, seed_text, tmp_path) -> None:
    before = extract.annotation_from_doc(nlp(seed_text)).to_json()
    assert extract.annotate_text(seed_text, nlp).to_json() == before
    assert extract.annotate_text(seed_text, nlp, chunk_chars=len(seed_text)).to_json() == before
    ((_, ann),) = extract.annotate([Article(doc_id="s", text=seed_text, path="s.txt", sha256="x",
                                            encoding="utf-8")], MODEL, tmp_path)
    assert ann.to_json() == before
    # one character over the chunk size and it is cut: the threshold is "longer than"
    cut = extract.annotate_text(seed_text, nlp, chunk_chars=len(seed_text) - 1)
    check_offsets(seed_text, cut)


def test_pieces_parse_as_the_whole_text_does(nlp) -> None:
    """~120 KB in pieces of 12,000 characters: the same tokens, sentences and entities as one
    parse of the whole, and the entities past the first piece point at their words."""
    text = long_article(120_000)
    assert len(piece_spans(text, 12_000)) >= 10
    whole = extract.annotation_from_doc(nlp(text))
    pieces = extract.annotate_text(text, nlp, chunk_chars=12_000)
    check_offsets(text, pieces)
    for column in ("idx", "len", "tag", "pos", "lemma", "ent_iob"):
        assert pieces.tokens[column] == whole.tokens[column], column
    assert pieces.sents == whole.sents
    assert pieces.ents == whole.ents
    persons = {(s, e) for s, e, label in pieces.ents if label == "PERSON"}
    assert set(merkel_spans(text)) <= persons and merkel_spans(text)[-1][0] > 110_000


class CountingPipeline:
    """A pipeline that counts how many pieces it has been handed and how many Docs it made."""

    def __init__(self, nlp) -> None:
        self.nlp, self.max_length, self.handed, self.ahead = nlp, nlp.max_length, 0, 0

    def pipe(self, texts, **kwargs):
        def counted():
            for item in texts:
                self.handed += 1
                yield item
        for made, out in enumerate(self.nlp.pipe(counted(), **kwargs), start=1):
            self.ahead = max(self.ahead, self.handed - made)
            yield out


def test_pieces_are_parsed_one_at_a_time(nlp) -> None:
    text = long_article(30_000)
    spy = CountingPipeline(nlp)
    ann = extract.annotate_text(text, spy, chunk_chars=3_000)
    assert spy.handed == len(piece_spans(text, 3_000)) >= 10
    assert spy.ahead == 0, "a piece was parsed before the previous one's Doc was let go"
    check_offsets(text, ann)


def test_pieces_give_the_same_annotation_with_two_processes(tmp_path) -> None:
    text = long_article(12_000)
    arts = [Article(doc_id="long", text=text, path="long.txt", sha256="x", encoding="utf-8")]
    ((_, one),) = extract.annotate(arts, MODEL, tmp_path / "one", chunk_chars=3_000)
    ((_, two),) = extract.annotate(arts, MODEL, tmp_path / "two", chunk_chars=3_000, n_process=2)
    assert len(piece_spans(text, 3_000)) >= 4
    assert one.to_json() == two.to_json()
    check_offsets(text, one)


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def long_run(tmp_path_factory, seed_text):
    """The entity stage on a corpus of one article longer than spaCy's limit and one seed."""
    corpus_dir = tmp_path_factory.mktemp("long-corpus")
    seed = min(paths.SEEDS.glob("*.txt"))
    shutil.copy2(seed, corpus_dir / seed.name)
    text = long_article(SPACY_LIMIT + 20_000)
    (corpus_dir / "long.txt").write_text(text, encoding="utf-8")
    cfg = settings.Settings(corpus=corpus_dir, out=tmp_path_factory.mktemp("long-out"), spacy_model=MODEL)
    corpus = stages.load_corpus(cfg)
    stats = extract.RunStats()
    result = stages.entities(cfg, corpus, stats=stats)
    return cfg, corpus, result, stats


def test_an_article_over_spacys_limit_goes_through_the_entity_stage(long_run) -> None:
    _, corpus, result, stats = long_run
    texts = {a.doc_id: a.text for a in corpus.articles}
    assert len(texts["long"]) > SPACY_LIMIT and stats.parsed == 2
    mentions = result.mentions[result.mentions["doc_id"] == "long"]
    merkel = mentions[mentions["text"] == "Angela Merkel"]
    assert sorted(zip(merkel["start"], merkel["end"])) == merkel_spans(texts["long"])
    assert all(texts["long"][s:e] == t for s, e, t in zip(mentions["start"], mentions["end"], mentions["text"]))
    sents = result.sentences[result.sentences["doc_id"] == "long"]
    spans = list(zip(sents["start"], sents["end"]))
    assert spans[-1][1] <= len(texts["long"]) and all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert texts["long"][spans[-1][0]:spans[-1][1]].strip() == MERKEL


def test_the_long_article_is_cached_by_its_text_with_true_offsets(long_run, nlp) -> None:
    cfg, corpus, _, _ = long_run
    cache = extract.AnnotationCache(cfg.cache, MODEL, check_pipeline(MODEL).version)
    long_text = next(a.text for a in corpus.articles if a.doc_id == "long")
    ann = cache.get(long_text)
    assert ann is not None
    check_offsets(long_text, ann)
    tokens = nlp.tokenizer(long_text)  # the tokenizer alone has no length limit
    assert ann.tokens["idx"] == [t.idx for t in tokens] and ann.tokens["len"] == [len(t) for t in tokens]
    persons = {(s, e) for s, e, label in ann.ents if label == "PERSON"}
    assert set(merkel_spans(long_text)) <= persons
    assert (len(long_text) - len("Geneva.\n"), len(long_text) - 2, "GPE") in ann.ents
    # the seed beside it was parsed whole, as it always was
    seed = next(a.text for a in corpus.articles if a.doc_id != "long")
    assert cache.get(seed).to_json() == extract.annotation_from_doc(nlp(seed)).to_json()


def test_a_very_long_article_is_shown_cut_and_says_so() -> None:
    from helpers.display import HIGHLIGHT_CHARS, Highlighted

    text = "Officials met in Geneva. " * 100_000  # 2.5 MB
    spans = [(17, 23, "GPE", "Geneva"), (len(text) - 8, len(text) - 2, "GPE", "Geneva")]
    shown = Highlighted(text, spans)._repr_html_()
    assert len(shown) < 2 * HIGHLIGHT_CHARS  # a report stays readable
    assert shown.count("<mark") == 1 and f"the first {HIGHLIGHT_CHARS:,} of {len(text):,} characters" in shown
    short = Highlighted("Officials met in Geneva.", spans[:1])._repr_html_()
    assert "characters are shown" not in short and short.count("<mark") == 1
