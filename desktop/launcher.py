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
    if argv:
        problem = _not_a_case_to_open(argv[0], COMMANDS)
        if problem:
            print(f"mscc-pathway: {problem}", file=sys.stderr)
            return 2
    from desktop.app import run

    return run(argv)


def _not_a_case_to_open(word: str, commands) -> str | None:
    """Why `word` cannot be opened in the window (a mistyped command must not start the
    GUI), or None. A missing file is named; the window never opens on nothing."""
    from pathlib import Path

    path = Path(word)
    if path.exists():
        return None
    known = ", ".join(["self-test", *commands])
    if path.suffix.lower() in (".json", ".pdf"):
        return f"{word}: no such file"
    return (f"unknown command {word!r} (commands: {known}); to open a case, give the path "
            "of its .json file or summary .pdf")


if __name__ == "__main__":
    sys.exit(main())
