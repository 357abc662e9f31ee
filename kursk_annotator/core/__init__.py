"""The Qt-free core: models, storage, anchoring, import and export services.

Nothing under this package may import PySide6 (an import-linter contract and a test
enforce it), so the command line and the tests run without a display.
"""
