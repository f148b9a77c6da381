"""Record model files in `assets/models/manifest.json` (developer tool, never imported by the app).

Every builder that writes a file into the model folder calls `update_entry` afterwards:

    from . import manifest
    manifest.update_entry(models_dir, "nerves.vtp", source={
        "package": "referral-atlas", "version": "authored",
        "path_in_package": "tools/build_nerves.py", "licence": "MIT"})

`source=None` keeps the source already recorded for that file (e.g. when skin.vtp gets labels added
by another script); a file recorded for the first time without a source gets an "unknown" one.
The JSON is written with sorted file names, two-space indent and a trailing newline, so the same
inputs always give the same bytes. `write_vtp` writes a mesh the way all model files are written
(binary, zlib-compressed VTK XML), byte for byte the same on every run.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
VERSION = 1
BUILT_BY = "tools/build_assets.py"
SOURCE_KEYS = ("package", "version", "path_in_package", "licence")


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load(models_dir: Path) -> dict[str, Any]:
    path = Path(models_dir) / MANIFEST
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data.setdefault("version", VERSION)
    data.setdefault("built_by", BUILT_BY)
    data.setdefault("files", {})
    return data


def save(models_dir: Path, data: dict[str, Any]) -> Path:
    path = Path(models_dir) / MANIFEST
    ordered = {
        "version": data.get("version", VERSION),
        "built_by": data.get("built_by", BUILT_BY),
        "files": {name: data["files"][name] for name in sorted(data["files"])},
    }
    for key in sorted(set(data) - set(ordered)):
        ordered[key] = data[key]
    path.write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def update_entry(models_dir: Path, filename: str, source: dict[str, str] | None = None) -> dict[str, Any]:
    """Record (or refresh) `filename`'s sha256 and size; returns its manifest entry.

    `filename` is relative to `models_dir` (e.g. "skin.vtp" or "LICENSES/CC0-1.0.txt")."""
    models_dir = Path(models_dir)
    target = models_dir / filename
    if not target.is_file():
        raise FileNotFoundError(f"{target}: no such file to record in {MANIFEST}")
    data = load(models_dir)
    entry = data["files"].get(filename, {})
    if source is not None:
        missing = [key for key in SOURCE_KEYS if key not in source]
        if missing:
            raise ValueError(f"source for {filename} lacks {', '.join(missing)}")
        new_source = {key: str(source[key]) for key in SOURCE_KEYS}
    else:
        new_source = entry.get("source") or dict.fromkeys(SOURCE_KEYS, "unknown")
    entry = {"sha256": sha256(target), "bytes": target.stat().st_size, "source": new_source}
    data["files"][filename] = entry
    save(models_dir, data)
    return entry


def remove_entry(models_dir: Path, filename: str) -> None:
    data = load(models_dir)
    if data["files"].pop(filename, None) is not None:
        save(models_dir, data)


def check(models_dir: Path) -> list[str]:
    """Problems (one line each) where files and manifest disagree; empty when all is well."""
    models_dir = Path(models_dir)
    data = load(models_dir)
    problems = []
    for name, entry in sorted(data["files"].items()):
        path = models_dir / name
        if not path.is_file():
            problems.append(f"{name}: listed in {MANIFEST} but missing")
        elif sha256(path) != entry.get("sha256") or path.stat().st_size != entry.get("bytes"):
            problems.append(f"{name}: sha256/bytes differ from {MANIFEST}")
    return problems


def write_vtp(mesh: Any, path: Path) -> Path:
    """Write a vtkPolyData (or pyvista.PolyData) as binary zlib-compressed VTK XML."""
    from vtkmodules.vtkIOXML import vtkXMLPolyDataWriter

    writer = vtkXMLPolyDataWriter()
    writer.SetFileName(str(path))
    writer.SetInputData(mesh)
    writer.SetDataModeToBinary()
    writer.SetCompressorTypeToZLib()
    writer.SetHeaderTypeToUInt64()
    if writer.Write() != 1:
        raise RuntimeError(f"could not write {path}")
    return Path(path)
