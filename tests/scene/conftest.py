import pytest


@pytest.fixture(scope="session")
def model():
    from app.scene.assets import load_model

    return load_model()
