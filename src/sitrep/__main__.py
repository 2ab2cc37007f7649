"""``python -m sitrep``: the command line (``sitrep.cli``)."""

from sitrep.cli import main

main()
