"""The validated content kept between starts of the app, so a start skips parsing and validating it.

The copy is keyed by a fingerprint of every file under content/ and of the code that reads it, so
an edited card or a new release is read afresh. Nothing about the person using the app is kept:
only the atlas's own content. A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from app.content.issues import ContentIssue
from app.domain.knowledge import Knowledge

CACHE_ENV = "REFERRAL_ATLAS_CACHE_DIR"
_CODE = (*sorted(Path(__file__).parent.glob("*.py")), Path(__file__).parents[1] / "domain" / "knowledge.py")


def cache_dir() -> Path:
    """Where the copy lives: `REFERRAL_ATLAS_CACHE_DIR`, else the user's cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_cache_path("referral-atlas")


def fingerprint(content_dir: Path, check_reading: bool) -> str:
    digest = hashlib.sha256(f"reading={check_reading}".encode())
    for path in (*_CODE, *sorted(p for p in Path(content_dir).rglob("*") if p.is_file())):
        digest.update(str(path.relative_to(path.anchor)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def load_cached(content_dir: Path, check_reading: bool = False) -> tuple[Knowledge, list[ContentIssue]]:
    """`app.content.load`, through the kept copy when it matches the files."""
    folder = cache_dir()
    target = folder / f"content-{fingerprint(content_dir, check_reading)}.pickle"
    try:
        return pickle.loads(target.read_bytes())  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    from app.content.loader import load

    result = load(content_dir, check_reading=check_reading)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("content-*.pickle"):
            old.unlink()
        scratch = target.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        scratch.replace(target)
    except OSError:
        pass  # a read-only home: the next start reads content/ again
    return result
