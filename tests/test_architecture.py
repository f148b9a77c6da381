"""The pure layers (domain, content, modes, study) must not pull in Qt or VTK (DESIGN.md §2)."""

import subprocess
import sys
from pathlib import Path

FORBIDDEN = ("PySide6", "pyvista", "pyvistaqt", "vtk", "vtkmodules", "qtpy")


def test_pure_layers_import_no_qt_or_vtk():
    code = (
        "import sys, pkgutil, importlib\n"
        "import app.domain, app.content, app.modes, app.study\n"
        "for pkg in (app.domain, app.content, app.modes, app.study):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    leaked = sorted(m for m in loaded if m.split(".")[0] in FORBIDDEN)
    assert leaked == []


def test_scene_does_not_import_qt():
    code = (
        "import sys, pkgutil, importlib\n"
        "import app.scene\n"
        "for m in pkgutil.walk_packages(app.scene.__path__, 'app.scene.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    assert not [m for m in loaded if m.split(".")[0] in ("PySide6", "pyvistaqt", "qtpy")]


def test_the_readme_layout_places_every_module() -> None:
    """A newcomer finds every file of app/ in the README's layout (issue 20): each module's name is
    a word of it."""
    import re

    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") :].split("\n## ")[0]
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", layout))
    modules = [p for p in (root / "app").rglob("*.py") if p.name != "__init__.py"]
    missing = sorted(str(p.relative_to(root)) for p in modules if p.stem not in words)
    assert not missing, missing
