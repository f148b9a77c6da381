"""The compiled translations (.qm) are built from their sources (.ts): the check that the test
suite and the bundle rely on fails when a .ts changed without its .qm."""

import importlib.util
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "app" / "ui" / "translations"


def update_translations():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_ts_changed_without_its_qm_is_reported(tmp_path, monkeypatch):
    tool = update_translations()
    for name in ("referral_atlas_es.ts", "referral_atlas_es.qm"):
        shutil.copy(COMMITTED / name, tmp_path / name)
    monkeypatch.setattr(tool, "TRANSLATIONS", tmp_path)
    assert tool.check("es") == []
    ts = tmp_path / "referral_atlas_es.ts"
    text = ts.read_text(encoding="utf-8")
    assert "<translation>Frente</translation>" in text
    ts.write_text(
        text.replace("<translation>Frente</translation>", "<translation>Delante</translation>", 1), encoding="utf-8"
    )
    assert tool.check("es") == [
        "referral_atlas_es.qm is older than referral_atlas_es.ts: run tools/update_translations.py"
    ]
