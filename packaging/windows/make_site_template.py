"""Makes the site.toml that the Windows MSI installs in %ProgramData%\\MSCC Pathway\\ when
there is none yet: packaging/site.toml.example with every setting commented out.

    python packaging/windows/make_site_template.py packaging/site.toml.example OUT.toml

Why not the example itself: its values are examples (a made-up hospital name printed on
every summary, a Linux certificate path that would make the file invalid on Windows).
The template sets nothing, so the app behaves as with no site file, until IT edits it;
every key stays documented where IT will edit it. The MSI never overwrites an existing
site.toml (also not on upgrade) and leaves it on uninstall: it is IT's file.
tests/packaging/test_windows_packaging.py checks the result is a valid site file that
sets no key."""
from __future__ import annotations

import re
import sys
from pathlib import Path

HEADER = r"""# Installed by the MSCC Pathway installer because this computer had no site.toml.
# Every setting below is commented out, so this file sets nothing yet: remove the "# "
# before a key and give it this site's value. The installer never overwrites this file
# (an upgrade keeps it) and an uninstall leaves it. Administrators only may change it.
# Windows paths: in single quotes (TOML reads backslashes in them as they are), e.g.
# trusted_certificates = ['C:\ProgramData\MSCC Pathway\hospital-root.pem'], or with
# forward slashes, or relative to this folder: ["hospital-root.pem"].
#
"""
_SETTING = re.compile(r"^(?=[A-Za-z_\[])")


def template(example: str) -> str:
    lines = []
    for line in example.splitlines():
        lines.append(_SETTING.sub("# ", line, count=1))
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    source, out = Path(argv[0]), Path(argv[1])
    text = template(source.read_text(encoding="utf-8"))
    # CRLF: it is edited in Notepad; tomllib reads either.
    out.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    print(f"wrote {out} (every setting of {source.name} commented out)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
