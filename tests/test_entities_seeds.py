"""The entity stage on the seed corpus, checked against a hand-made gold list.

`tests/data/seed_entities_gold.csv` says which surface forms belong to which person, place,
organisation or group in the three seed articles. Every gold surface must land in its
entity, with the right type; different gold entities must never share an entity.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import settings, stages
from helpers.annotation import cache as extract

GOLD = pd.read_csv(Path(__file__).parent / "data" / "seed_entities_gold.csv", dtype=str)


@pytest.fixture(scope="module")
def seed_entities(seed_run):
    """The shared seed run's settings, entity tables and the stats of its cold run."""
    return seed_run.cfg, seed_run.entities, seed_run.entity_stats


def entity_of_surface(result, surface: str) -> set[str]:
    m = result.mentions
    return set(m.loc[m["text"] == surface, "entity_id"])


@pytest.mark.parametrize("entity", sorted(GOLD["entity"].unique()))
def test_gold_entity_is_one_entity_with_all_its_surfaces(seed_entities, entity: str) -> None:
    _, result, _ = seed_entities
    gold = GOLD[GOLD["entity"] == entity]
    ids = set()
    for surface in gold["surface"]:
        found = entity_of_surface(result, surface)
        assert found, f"{surface!r} ({entity}) is not a mention of any entity"
        ids |= found
    assert len(ids) == 1, f"{entity}: its surfaces are split over {sorted(ids)}"
    (eid,) = ids
    row = result.entities.set_index("entity_id").loc[eid]
    assert row["type"] == gold["type"].iloc[0], f"{entity}: typed {row['type']}"


def test_different_gold_entities_never_share_an_entity(seed_entities) -> None:
    _, result, _ = seed_entities
    owner: dict[str, str] = {}
    for entity, surface in zip(GOLD["entity"], GOLD["surface"]):
        for eid in entity_of_surface(result, surface):
            assert owner.setdefault(eid, entity) == entity, f"{entity} and {owner[eid]} were merged into {eid}"


@pytest.mark.parametrize("surface", ["NoChemicalWeapons", "#NoChemicalWeapons", "State", "September 7th",
                                     "U.S credibility & humiliates", "the Syrian Observatory for"])
def test_tagger_mistakes_are_not_entities(seed_entities, surface: str) -> None:
    _, result, _ = seed_entities
    assert surface not in set(result.mentions["text"])
    assert surface not in set(result.entities["name"])


def test_idlib_is_a_place_everywhere_though_the_tagger_said_org_and_person(seed_entities) -> None:
    _, result, _ = seed_entities
    idlib = result.mentions[result.mentions["text"] == "Idlib"]
    assert set(idlib["label"]) >= {"GPE", "ORG"}  # the tagger's labels are kept for audit
    assert set(idlib["type"]) == {"GPE"}


def test_twitter_is_a_platform_never_a_person(seed_entities) -> None:
    _, result, _ = seed_entities
    twitter = result.mentions[result.mentions["text"] == "Twitter"]
    assert len(twitter) and set(twitter["type"]) == {"ORG"}
    assert not result.entities[(result.entities["name"] == "Twitter") & (result.entities["type"] == "PERSON")].shape[0]


def test_jabhat_al_nusra_and_nusra_front_are_one_organisation_by_translation(seed_entities) -> None:
    _, result, _ = seed_entities
    (eid,) = entity_of_surface(result, "Jabhat al-Nusra") | entity_of_surface(result, "Nusra Front")
    rules = set(result.merges.loc[result.merges["entity_id"] == eid, "rule"])
    assert "translation" in rules


def test_demonyms_are_related_to_their_country_not_merged(seed_entities) -> None:
    _, result, _ = seed_entities
    rel = result.relations.set_index("entity_id")
    iranian = next(iter(entity_of_surface(result, "Iranian")))
    iran = next(iter(entity_of_surface(result, "Iran")))
    assert iranian != iran
    assert rel.loc[iranian, "target_entity_id"] == iran


def test_mention_offsets_point_at_their_text(seed_entities) -> None:
    cfg, result, _ = seed_entities
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in sorted(cfg.corpus.glob("*.txt"))}
    for row in result.mentions.itertuples(index=False):
        assert texts[row.doc_id][row.start:row.end] == row.text
    sents = result.sentences.set_index(["doc_id", "sent_id"])
    for row in result.mentions.itertuples(index=False):
        s = sents.loc[(row.doc_id, row.sent_id)]
        assert s["start"] <= row.start and row.end <= s["end"] + 1


def test_every_merge_says_why(seed_entities) -> None:
    _, result, _ = seed_entities
    assert (result.merges["rule"] != "").all() and (result.merges["detail"] != "").all()
    rules = set(result.merges["rule"])
    assert {"short form", "abbreviation", "transliteration", "longer form"} <= rules


def test_tables_written_with_the_documented_columns(seed_entities) -> None:
    cfg, _, _ = seed_entities
    mentions = pd.read_csv(cfg.derived / "mentions.csv")
    assert list(mentions.columns[:7]) == ["doc_id", "sent_id", "start", "end", "text", "label", "entity_id"]
    entities = pd.read_csv(cfg.derived / "entities.csv")
    assert list(entities.columns) == ["entity_id", "name", "type", "aliases", "n_mentions", "n_docs"]
    assead = entities[entities["name"] == "Bashar al-Assad"].iloc[0]
    assert "Bashar Assad" in assead["aliases"].split(" | ")


def test_a_rerun_reads_the_tables_and_never_runs_the_model(seed_entities, monkeypatch) -> None:
    cfg, first, _ = seed_entities

    def no_model(name):  # pragma: no cover - must not be called
        raise AssertionError("the model was loaded on a warm rerun")

    monkeypatch.setattr(extract, "load_pipeline", no_model)
    again = stages.entities(cfg)
    pd.testing.assert_frame_equal(again.entities, first.entities)
    pd.testing.assert_frame_equal(again.mentions, first.mentions)
    run = extract.RunStats()
    rebuilt = stages.entities(cfg, refresh=True, stats=run)  # tables rebuilt from the annotation cache
    assert run.parsed == 0 and run.cached == 3
    pd.testing.assert_frame_equal(rebuilt.entities, first.entities)


def test_an_override_file_is_applied_and_changes_the_fingerprint(seed_entities, tmp_path) -> None:
    cfg, first, _ = seed_entities
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical,type,rule\nTwitter,,,not_entity\nFars,Fars News Agency,ORG,same\n")
    cfg2 = settings.Settings(corpus=cfg.corpus, out=cfg.out, spacy_model=cfg.spacy_model, aliases=aliases)
    result = stages.entities(cfg2)
    assert "Twitter" not in set(result.mentions["text"])
    assert "Twitter" in set(result.dropped["text"])
    fars = result.entities[result.entities["name"] == "Fars News Agency"]
    assert len(fars) == 1 and fars.iloc[0]["type"] == "ORG"
    stages.entities(cfg)  # restore the module's tables for other tests
