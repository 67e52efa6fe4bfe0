"""`python -m warta.web`: the same command, parsed by the same code, as `warta serve`."""

import typer

from warta.cli import serve

typer.run(serve)
