"""The entities stage (notebook 02): the tagger's spans cleaned and merged at corpus level
into canonical entities, every merge with its rule; and the co-occurrence network.

Modules, in the order the stage runs them: `spans` (the tagger's spans of an article),
`cleaning` (one span's clean-up), `mentions` (spans to mentions), `groups` (name groups and
their clusters), `voting` (one type per group), `rules` (the ordered merge rules),
`assemble` (entities and their audit rows), `propagation`, `relations` (demonyms),
`overrides` (the user's aliases.csv), and `canonical`, which runs them all. `names` holds
the name keys and comparisons they share, `records` the records and table columns.
"""

from ..text.labels import ENTITY_LABELS, PLACE_TYPES, TYPE_ORDER  # noqa: F401
from .canonical import TEXT_ID, canonicalize, entities_of_text, to_tables  # noqa: F401
from .cleaning import CLEANING_STEPS, clean_span  # noqa: F401
from .groups import Clusters, CorpusGroups, Group, corpus_groups, group_by_name  # noqa: F401
from .mentions import Sifted, mentions_from_spans, sift_mentions  # noqa: F401
from .names import (  # noqa: F401
    compatible_person_names,
    fuzzy_key,
    initials,
    name_key,
    name_tokens,
    skeleton,
    strip_accents,
    transliteration_variants,
)
from .overrides import apply_overrides, read_overrides  # noqa: F401
from .records import (  # noqa: F401
    DROPPED_COLUMNS,
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    MERGE_COLUMNS,
    RELATION_COLUMNS,
    Cleaned,
    Dropped,
    Entity,
    EntityResult,
    Link,
    Mention,
    Merge,
    Override,
    RawSpan,
    Relation,
)
from .rules import MERGE_RULES, apply_merge_rules  # noqa: F401
from .spans import raw_spans, role_apposition  # noqa: F401
from .voting import TYPE_EVIDENCE, type_vote  # noqa: F401
