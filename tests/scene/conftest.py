import pytest

SCENE_SIZE = (640, 800)


@pytest.fixture(scope="session")
def model():
    from app.scene.assets import load_model

    return load_model()


@pytest.fixture
def scene(model, request):
    """An off-screen scene; a module sets its skin with `SKIN_OPACITY` (see-through by default)."""
    import pyvista as pv

    from app.domain.view_state import ViewState
    from app.scene.scene import AnatomyScene

    plotter = pv.Plotter(off_screen=True, window_size=list(SCENE_SIZE))
    scene = AnatomyScene(plotter, model, ViewState(skin_opacity=getattr(request.module, "SKIN_OPACITY", 0.35)))
    yield scene
    scene.close()
    plotter.close()
