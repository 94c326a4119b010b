"""The baseline of the start-up figure: a bare PySide6 QMainWindow of the app's size,
built into a bundle exactly like the app (packaging/bench/bare-window.spec)."""
import sys

from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1366, 768)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
