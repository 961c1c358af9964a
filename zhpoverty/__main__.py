"""``python -m zhpoverty`` runs the command line."""

from .cli import main

main()
