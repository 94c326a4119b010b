"""Entry point of the `mscc-pathway` console script.

`mscc-pathway SUBCOMMAND ...` runs the command line (engine.cli, no Qt imported);
`mscc-pathway` alone or `mscc-pathway FILE` opens the window (FILE: a case .json or a
summary .pdf with its embedded case).

Windows has two executables (packaging/mscc-pathway.spec): `mscc-pathway.exe`, a
console program, for the command line and `self-test`, and `mscc-pathway-gui.exe`,
windowed (no console window), for the Start menu and opening files. A windowed program
has nowhere to print (sys.stdout and sys.stderr are None), so there a command or a
file that cannot be opened is answered in a message box instead, naming
mscc-pathway.exe for the command line."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from engine.cli import COMMANDS

    command = bool(argv) and (argv[0] == "self-test" or argv[0] in COMMANDS
                              or argv[0].startswith("-"))
    if command and windowed():
        _tell_windowed("The command line is mscc-pathway.exe, in the same folder as this "
                       "program. Open a Command Prompt and run, for example:\n\n"
                       f'"{_console_executable()}" {argv[0]}')
        return 2
    if argv and argv[0] == "self-test":  # checks this installation (packaging/README.md)
        from desktop.selftest import main as selftest_main

        return selftest_main(argv[1:])
    if command:
        from engine.cli import main as cli_main

        return cli_main(argv)
    if argv:
        problem = _not_a_case_to_open(argv[0], COMMANDS)
        if problem:
            if windowed():
                _tell_windowed(problem)
            else:
                print(f"mscc-pathway: {problem}", file=sys.stderr)
            return 2
    from desktop.app import run

    return run(argv)


def windowed() -> bool:
    """Started without a console (Windows' mscc-pathway-gui.exe, pythonw): nothing
    printed would ever be seen."""
    return sys.stdout is None or sys.stderr is None


def _console_executable() -> str:
    from pathlib import Path

    here = Path(sys.executable).resolve().parent
    return str(here / ("mscc-pathway.exe" if sys.platform == "win32" else "mscc-pathway"))


def _tell_windowed(message: str) -> None:
    """A message box, for the windowed executable, which has no console to print to."""
    from desktop.app import create_application
    from PySide6.QtWidgets import QMessageBox

    create_application([], style=False)
    QMessageBox.information(None, "MSCC Pathway", message)


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
