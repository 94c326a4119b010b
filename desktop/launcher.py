"""Entry point of the `mscc-pathway` console script.

`mscc-pathway SUBCOMMAND ...` runs the command line (engine.cli, no Qt imported);
`mscc-pathway` alone or `mscc-pathway FILE` opens the window (FILE: a case .json or a
summary .pdf with its embedded case)."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from engine.cli import COMMANDS

    if argv and argv[0] == "self-test":  # checks this installation (packaging/README.md)
        from desktop.selftest import main as selftest_main

        return selftest_main(argv[1:])
    if argv and (argv[0] in COMMANDS or argv[0].startswith("-")):
        from engine.cli import main as cli_main

        return cli_main(argv)
    from desktop.app import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
