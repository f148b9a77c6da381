"""English left in text meant to be Spanish: words only English text has (whole words)."""

from __future__ import annotations

import re

ENGLISH_WORDS = re.compile(
    r"\b(the|your|you|of|and|with|from|usually|evidence|nerve|root|squeezed|pain|foot|"
    r"explains|places|marked|strong|moderate|limited|weak|referred|way|what|helps)\b",
    re.IGNORECASE,
)


def english_in(text: str) -> list[str]:
    """The English words in `text`, each once, sorted (empty when there are none)."""
    return sorted({m.group(0) for m in ENGLISH_WORDS.finditer(text)})
