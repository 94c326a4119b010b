"""Entry script of the PyInstaller bundle: the same as the `mscc-pathway` console script
(desktop.launcher:main), so `mscc-pathway self-test`, `mscc-pathway evaluate CASE.json`
and plain `mscc-pathway` behave identically installed from a wheel or from the bundle."""
import sys

from desktop.launcher import main

if __name__ == "__main__":
    sys.exit(main())
