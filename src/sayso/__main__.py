"""``python -m sayso``: the same as the ``sayso`` command."""

from sayso.present.cli import app

app(prog_name="sayso")
