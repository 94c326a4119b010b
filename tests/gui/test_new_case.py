"""A new case has no answer pre-selected anywhere."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QRadioButton

from .entry import click_button


def _walk_inputs(root):
    """Every input control under `root`, with what it shows as chosen."""
    chosen = []
    for radio in root.findChildren(QRadioButton):
        if radio.isChecked() and radio.objectName() != "notAssessed":
            chosen.append(f"radio {radio.accessibleName()!r} is checked")
    for box in root.findChildren(QCheckBox):
        if box.isChecked():
            chosen.append(f"checkbox {box.accessibleName()!r} is ticked")
    for combo in root.findChildren(QComboBox):
        if combo.currentIndex() > 0:
            chosen.append(f"drop-down {combo.accessibleName()!r} shows {combo.currentText()!r}")
    for line in root.findChildren(QLineEdit):
        if line.parent() is not None and isinstance(line.parent(), QComboBox):
            continue
        if line.text():
            chosen.append(f"field {line.accessibleName()!r} holds {line.text()!r}")
    return chosen


def test_new_case_has_no_preselected_answer_anywhere(qtbot, window):
    window.files.new_case()
    forms = window.forms
    radios = forms.findChildren(QRadioButton)
    combos = forms.findChildren(QComboBox)
    assert len(radios) > 150 and len(combos) >= 6  # the walk really covers the forms
    assert _walk_inputs(forms) == []
    # Every yes/no question is three-state and shows "Not assessed".
    fields = window.binder.fields()
    assert len(fields) > 80
    for field in fields:
        assert field.widget.value() is None, field.path
    # The case holds nothing clinical: only its format (no default locale in Settings).
    assert window.session.case() == {"format": "mscc-case/1"}

    # Studies and lesions added later start empty too.
    imaging = forms.forms["Imaging"]
    window.binder.focus("mri_contraindicated")
    click_button(qtbot, imaging.add_study_button)
    click_button(qtbot, imaging.editors[0].add_lesion_button)
    assert _walk_inputs(forms) == []
    assert window.session.case()["imaging"] == [{"lesions": [{}]}]


def test_walk_notices_a_preselected_answer(qtbot, window):
    # The walk above must be able to fail: an answer checked by code is reported.
    field = window.binder.field_for("presentation.limb_weakness")
    field.widget.set_value(False)
    assert _walk_inputs(window.forms) == ["radio 'Limb weakness: No' is checked"]


def test_default_locale_from_settings_is_the_only_default_and_is_shown(qtbot, make_window):
    from desktop.settings import SettingsStore

    store = SettingsStore()
    settings = store.load()
    settings.default_locale = "US"
    store.save(settings)
    window = make_window()
    assert window.session.case() == {"format": "mscc-case/1", "locale": "US"}
    assert window.banner.locale.text() == "Dose conventions: US"
    assert window.binder.field_for("locale").widget.value() == "US"
