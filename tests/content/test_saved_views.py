"""The saved views file is plain data, checked on reading; a bad one names the file and the fix."""

import json

import pytest

from app.content.saved_views import Camera, SavedView, SavedViewsError, load_views, save_views

CAMERA = Camera(position=(0.0, -3.0, 1.0), focal_point=(0.0, 0.0, 1.0), view_up=(0.0, 0.0, 1.0))


def test_views_round_trip(tmp_path):
    path = tmp_path / "views.json"
    assert load_views(path) == []
    views = [SavedView(name="Heel", camera=CAMERA, touches=((0.1, 0.0, 0.05),), selected="plantar_fasciitis")]
    save_views(path, views)
    assert load_views(path) == views
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 2, "views": []}', "version"),
        ('{"version": 1, "views": [{"name": "", "camera": null}]}', "views.0"),
        ('{"version": 1, "views": [], "code": "__import__(\'os\')"}', "code"),
        ("[]", "valid dictionary"),
    ],
)
def test_a_bad_file_names_itself_and_the_fix(tmp_path, text, said):
    path = tmp_path / "views.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SavedViewsError) as caught:
        load_views(path)
    message = str(caught.value)
    assert str(path) in message and said in message and "move views.json out of that folder" in message
    assert path.read_text(encoding="utf-8") == text, "reading never changes the file"


def test_a_camera_must_be_finite(tmp_path):
    path = tmp_path / "views.json"
    view = json.loads(SavedView(name="a", camera=CAMERA).model_dump_json())
    view["camera"]["position"] = [0, "NaN", 1]
    path.write_text(json.dumps({"version": 1, "views": [view]}), encoding="utf-8")
    with pytest.raises(SavedViewsError, match="finite"):
        load_views(path)
