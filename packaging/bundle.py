"""Build the standalone one-folder bundle: `./run bundle` (or `python packaging/bundle.py`).

1. compiles the interface translations from their .ts sources (pyside6-lrelease) into <work>/qm;
2. runs PyInstaller on packaging/referral-atlas.spec (one folder; what goes in: bundle.toml)
   into <dist>/referral-atlas/;
3. checks that nothing bundle.toml excludes slipped in, and packs
   <dist>/referral-atlas-<version>-<os>-<cpu>.tar.gz (a .zip on Windows).

PyInstaller rather than pyside6-deploy: pyside6-deploy drives Nuitka (a C compile of the whole
app: far slower on two cores, and a compiler on every build machine) and knows Qt but not VTK,
pyvista's by-name imports or our data folders; PyInstaller's onedir is what Qt for Python's
deployment notes advise for Qt apps, has hooks for PySide6 and VTK, and builds the same way on
Windows, macOS and Linux.
"""

from __future__ import annotations

import argparse
import ast
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "packaging" / "bundle.toml").read_text())
NAME = "referral-atlas"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"bundle: {name} not found; install the project's 'bundle' extra (pip install -e '.[bundle]')")
    return found


def compile_translations(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    compiled = []
    for ts in sorted(ROOT.glob(CONFIG["include"]["translations"])):
        qm = out / ts.with_suffix(".qm").name
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        compiled.append(qm)
    if not compiled:
        raise SystemExit(f"bundle: no translations match {CONFIG['include']['translations']}")
    return compiled


def bundled_modules(work: Path) -> set[str]:
    """The Python modules inside the bundle's archive (PyInstaller's table of contents)."""
    toc = ast.literal_eval((work / "pyinstaller" / NAME / "PYZ-00.toc").read_text())
    return {entry[0] for entry in toc[-1]}


def leftovers(bundle: Path, modules: set[str]) -> list[str]:
    """Anything bundle.toml excludes that is in the bundle anyway (a module, its binary or folder)."""
    internal = bundle / "_internal"
    found = [f"{name}/" for name in CONFIG["exclude"]["folders"] if (internal / name).exists()]
    for module in CONFIG["exclude"]["modules"]:
        path = internal.joinpath(*module.split("."))
        on_disk = (
            path.is_dir() or any(path.parent.glob(path.name + ".*.so")) or any(path.parent.glob(path.name + ".pyd"))
        )
        if on_disk or module in modules or any(m.startswith(module + ".") for m in modules):
            found.append(module)
    return found


def size_mb(folder: Path) -> float:
    """On disk: PyInstaller links some libraries twice (symlinks), counted once."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def build(dist: Path, work: Path) -> Path:
    """The bundle in dist/referral-atlas and its archive beside it; returns the archive."""
    qm_dir = work / "qm"
    compile_translations(qm_dir)
    env = {**os.environ, "REFERRAL_ATLAS_QM_DIR": str(qm_dir)}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
                    "--distpath", str(dist), "--workpath", str(work / "pyinstaller"),
                    str(ROOT / "packaging" / "referral-atlas.spec")], check=True, env=env)  # fmt: skip
    bundle = dist / NAME
    slipped = leftovers(bundle, bundled_modules(work))
    if slipped:
        raise SystemExit(f"bundle: excluded in packaging/bundle.toml but in {bundle}: {', '.join(slipped)}")
    sys.path.insert(0, str(ROOT))
    from app.version import app_version

    name = f"{NAME}-{app_version()}-{platform.system().lower()}-{platform.machine().lower()}"
    if os.name == "nt":  # Windows opens a .zip by itself
        archive = Path(shutil.make_archive(str(dist / name), "zip", root_dir=dist, base_dir=NAME))
    else:
        archive = dist / f"{name}.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=NAME)
    print(f"bundle: {bundle} ({size_mb(bundle):.0f} MB), {archive.name} ({archive.stat().st_size / 1e6:.0f} MB)")
    return archive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder (default build/)")
    args = parser.parse_args()
    build(args.dist.resolve(), args.work.resolve())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
