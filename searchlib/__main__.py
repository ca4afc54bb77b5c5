"""``python -m searchlib`` runs the ``kzsearch`` command."""

from .cli import main

main(prog_name="kzsearch")
