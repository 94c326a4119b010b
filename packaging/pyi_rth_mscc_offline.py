# PyInstaller runtime hook (packaging/mscc-pathway.spec): before the app starts, put the
# offline stand-ins for pyHanko's network clients in place (packaging/mscc_offline.py).
import mscc_offline

mscc_offline.install()
