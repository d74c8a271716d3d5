"""The outlets-compared stage (notebook 05): quotes and their speakers, numeric claims, text
reuse, framing, and the tables that compare outlets (`compare`)."""

from .quotes import (  # noqa: F401
    find_quotes,
    Quote,
)
from .claims import (  # noqa: F401
    Claim,
    ClaimStats,
    compare_claims,
    counted_key,
    find_claims,
)
