"""PySide6 decides whether each newly imported module may use its `__feature__`
switches by reading the module's whole source with inspect.getsource, which keeps
every file in linecache for the life of the process: for this app about 300 modules
(pydantic, the engine, the desktop), megabytes held and tens of milliseconds at start.
`install()` answers the same question ("does the source mention PySide6?") from the
file's raw bytes and keeps nothing. Without that private hook (another PySide6
version, a frozen bundle without sources) PySide6's own check runs as before."""
from __future__ import annotations

import sys


def install() -> bool:
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_raw_bytes", False):
        return False

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    mod_uses_pyside.reads_raw_bytes = True
    feature._mod_uses_pyside = mod_uses_pyside
    return True
