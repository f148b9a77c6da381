"""Load the committed model (assets/models) and check it against its manifest.

Every failure raises AssetError naming the file and how to get a good copy back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonCore import vtkCommand, vtkObject
from vtkmodules.vtkIOXML import vtkXMLPolyDataReader

from app.domain.errors import AssetError
from app.resources import assets_dir

MESH_FILES = ("skin.vtp", "bones.vtp", "muscles.vtp")
# Authored layers: loaded when the manifest lists them, so a body without them still shows.
LAYER_FILES = ("nerves.vtp", "structures.vtp")
REBUILD_HINT = (
    "restore it from the repository or reinstall Referral Atlas, "
    "or rebuild the model with `python tools/build_assets.py` (needs `pip install '.[tools]'`)"
)


@dataclass(frozen=True)
class Model:
    """The meshes of one body, in model coordinates (RAS, metres)."""

    skin: pv.PolyData
    bones: pv.PolyData
    muscles: pv.PolyData
    landmarks: dict[str, tuple[float, float, float]]
    nerves: pv.PolyData
    structures: pv.PolyData


def _read_json(path: Path) -> Any:
    if not path.is_file():
        raise AssetError(f"{path}: file is missing; {REBUILD_HINT}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise AssetError(f"{path}: cannot be read ({error}); {REBUILD_HINT}") from None


def load_manifest(directory: Path | None = None) -> dict[str, Any]:
    directory = directory or assets_dir()
    path = directory / "manifest.json"
    manifest = _read_json(path)
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if (
        not isinstance(manifest, dict)
        or not isinstance(files, dict)
        or not all(isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values())
    ):
        raise AssetError(f"{path}: not a valid manifest (no 'files' with sha256 each); {REBUILD_HINT}")
    return manifest


def verify_file(directory: Path, name: str, manifest: dict[str, Any]) -> Path:
    """Check that `name` exists and matches the checksum recorded in the manifest."""
    path = directory / name
    entry = manifest["files"].get(name)
    if entry is None:
        raise AssetError(f"{directory / 'manifest.json'}: has no entry for {name}; {REBUILD_HINT}")
    if not path.is_file():
        raise AssetError(f"{path}: file is missing; {REBUILD_HINT}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != entry["sha256"]:
        raise AssetError(f"{path}: checksum does not match manifest.json (damaged or edited); {REBUILD_HINT}")
    return path


def _read_mesh(path: Path) -> pv.PolyData:
    reader = vtkXMLPolyDataReader()
    reader.SetFileName(str(path))
    failures: list[str] = []
    reader.AddObserver(vtkCommand.ErrorEvent, lambda *_: failures.append("error"))
    shown = vtkObject.GetGlobalWarningDisplay()
    vtkObject.GlobalWarningDisplayOff()  # our one-line message replaces VTK's multi-line dump
    try:
        reader.Update()
    finally:
        vtkObject.SetGlobalWarningDisplay(shown)
    mesh = pv.wrap(reader.GetOutput())
    if failures or mesh.n_points == 0:
        raise AssetError(f"{path}: cannot be read as a VTK mesh (damaged or empty); {REBUILD_HINT}")
    return mesh


def load_landmarks(directory: Path | None = None) -> dict[str, tuple[float, float, float]]:
    directory = directory or assets_dir()
    path = verify_file(directory, "landmarks.json", load_manifest(directory))
    data = _read_json(path)
    try:
        return {name: (float(x), float(y), float(z)) for name, (x, y, z) in data["landmarks"].items()}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise AssetError(f"{path}: expected {{'landmarks': {{name: [x, y, z]}}}}; {REBUILD_HINT}") from None


def load_skin(directory: Path | None = None) -> pv.PolyData:
    """Only the verified skin (with its territory labels), for headless queries."""
    directory = directory or assets_dir()
    return _read_mesh(verify_file(directory, "skin.vtp", load_manifest(directory)))


def load_model(directory: Path | None = None) -> Model:
    """Read and verify every model file; raises AssetError on the first bad one."""
    directory = directory or assets_dir()
    manifest = load_manifest(directory)
    names = [*MESH_FILES, *(name for name in LAYER_FILES if name in manifest["files"])]
    meshes = {name: _read_mesh(verify_file(directory, name, manifest)) for name in names}
    return Model(
        skin=meshes["skin.vtp"],
        bones=meshes["bones.vtp"],
        muscles=meshes["muscles.vtp"],
        landmarks=load_landmarks(directory),
        nerves=meshes.get("nerves.vtp", pv.PolyData()),
        structures=meshes.get("structures.vtp", pv.PolyData()),
    )


def structure_names(mesh: pv.PolyData) -> list[str]:
    """Index → structure id, as stored in the mesh's field data."""
    return [str(name) for name in np.asarray(mesh.field_data["structure_names"])]
