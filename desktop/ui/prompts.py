"""Every question and message the window puts to the user, in one replaceable object:
the window stays testable (tests swap in answers) and the wording stays consistent."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

CASE_FILTER = "Case files (*.json);;Signed summaries (*.pdf);;All files (*)"


class Prompter:
    def __init__(self, parent: QWidget):
        self.parent = parent

    def ask_save_changes(self, who: str) -> str:
        box = QMessageBox(QMessageBox.Warning, "Unsaved changes",
                          f"The case of {who} has changes that are not saved.",
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, self.parent)
        box.setInformativeText("Save them before continuing?")
        box.setDefaultButton(QMessageBox.Save)
        answer = box.exec()
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")

    def ask_recover(self, description: str) -> str:
        box = QMessageBox(QMessageBox.Question, "Recover unsaved case",
                          "MSCC Pathway did not close normally last time.", parent=self.parent)
        box.setInformativeText(f"An unsaved draft was found: {description}.\n\nRecover it now?")
        recover = box.addButton("Recover", QMessageBox.AcceptRole)
        discard = box.addButton("Delete draft", QMessageBox.DestructiveRole)
        box.addButton("Keep for later", QMessageBox.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        clicked = box.clickedButton()
        return "recover" if clicked is recover else "discard" if clicked is discard else "keep"

    def problems(self, title: str, text: str, details: list[str]) -> None:
        box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, self.parent)
        shown = details[:12]
        more = f"\n… and {len(details) - 12} more" if len(details) > 12 else ""
        box.setInformativeText("\n".join(f"• {d}" for d in shown) + more)
        box.exec()

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent, title, text)

    def open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open case", "", CASE_FILTER)
        return path

    def save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self.parent, "Save case as", suggested,
                                              "Case files (*.json)")
        return path
