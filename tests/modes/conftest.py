import logging
import signal

import pytest


@pytest.fixture(autouse=True)
def _restore_app_log_and_sigterm():
    """The technical log and kiosk-run's SIGTERM handler are process-wide: put them back after each test."""
    logger = logging.getLogger("app")
    handlers, level = list(logger.handlers), logger.level
    sigterm = signal.getsignal(signal.SIGTERM)
    yield
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)
    signal.signal(signal.SIGTERM, sigterm)
