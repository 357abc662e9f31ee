"""The CLI runner fixture, shared with the CLI tests."""

from tests.cli.conftest import cli  # noqa: F401
