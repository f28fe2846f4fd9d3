"""Run the ``ritsen`` console script in this process, as a user would from a shell.

What a user sees — stdout, stderr and the exit code — is the same as in a subprocess
(the argument parsing, ``CommandError`` handling and ``sys.exit`` of the real script
run), without starting Python and Django again for every call. A few tests still start
the real script, for what only a new process shows (the settings, no database).
"""

from __future__ import annotations

import io
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from ritsen import cli

RITSEN = Path(sys.executable).with_name("ritsen")
LANGUAGE_VARIABLES = ("RITSEN_CLI_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


class _Stdin(io.TextIOWrapper):
    pass


def run_ritsen(*args: object, language: str | None = "en", stdin: bytes | None = None) -> Result:
    """``ritsen ARGS…``; ``language`` as ``RITSEN_CLI_LANGUAGE`` (``None``: the default)."""
    out, err = io.StringIO(), io.StringIO()
    with mock.patch.dict(os.environ):
        for name in LANGUAGE_VARIABLES:
            os.environ.pop(name, None)
        if language is not None:
            os.environ["RITSEN_CLI_LANGUAGE"] = language
        patches = [
            redirect_stdout(out),
            redirect_stderr(err),
            # A command run from the shell closes the connections when it ends; in a
            # test that would end the test's transaction.
            mock.patch("django.core.management.base.connections.close_all"),
        ]
        if stdin is not None:
            patches.append(mock.patch.object(sys, "stdin", _Stdin(io.BytesIO(stdin))))
        for patch in patches:
            patch.__enter__()
        try:
            cli.run(["ritsen", *(str(arg) for arg in args)])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        finally:
            for patch in reversed(patches):
                patch.__exit__(None, None, None)
    return Result(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())
