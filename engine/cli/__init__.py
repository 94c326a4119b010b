"""Command line of MSCC Pathway (`python -m engine`, `mscc-pathway SUBCOMMAND`)."""
from engine.cli.main import COMMANDS, main

__all__ = ["COMMANDS", "main"]
