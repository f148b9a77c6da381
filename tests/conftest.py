import os

# Mesa's software renderer everywhere, so pixels are the same on every machine and in CI.
os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")
os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
