"""The one thing pyproject.toml cannot say: install the top-level ``resources/`` folder as
the package ``kursk_annotator.resources``, beside the packages found under
``kursk_annotator/``. Everything else is declared in pyproject.toml.

Wheels carry it as ``kursk_annotator/resources/...``; editable installs map the name to
the folder in the checkout. Code finds files through
``kursk_annotator.core.resources.resource_path``.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["kursk_annotator*"]), "kursk_annotator.resources"],
    package_dir={"kursk_annotator.resources": "resources"},
)
