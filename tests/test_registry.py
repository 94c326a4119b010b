"""Source registry: every rule's sources resolve; unknown ids stop the engine; the
knowledge version follows rules and sources."""
from __future__ import annotations

import pytest

import engine
from engine import registry as reg
from engine import version
from engine.rules.catalogue import RuleSpec


def test_every_rule_cites_at_least_one_resolving_source():
    registry = engine.load_registry()
    for spec in engine.RULES.values():
        assert spec.sources, spec.id
        for s in spec.sources:
            assert s in registry, f"{spec.id} cites {s}"


def test_every_source_has_citation_section_and_statements():
    for src in engine.load_registry():
        assert src.citation and src.section and src.statements, src.id


def test_a_rule_citing_an_unknown_source_is_refused():
    bad = RuleSpec("TEST-1", 1, "test", ("NO-SUCH-SOURCE",))
    with pytest.raises(reg.RegistryError, match="TEST-1 -> NO-SUCH-SOURCE"):
        reg.check_rules_resolve(engine.load_registry(), [bad])


def test_knowledge_version_changes_with_a_rule_version(monkeypatch):
    before = version.knowledge_version()
    rule_id = next(iter(engine.RULES))
    spec = engine.RULES[rule_id]
    version.knowledge_version.cache_clear()
    monkeypatch.setitem(engine.RULES, rule_id, RuleSpec(spec.id, spec.version + 1, spec.title,
                                                        spec.sources, spec.thresholds))
    try:
        assert version.knowledge_version() != before
    finally:
        version.knowledge_version.cache_clear()


def test_knowledge_version_changes_with_the_registry(monkeypatch, tmp_path):
    before = version.knowledge_version()
    edited = tmp_path / "sources.toml"
    edited.write_bytes(reg.SOURCES_PATH.read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(reg, "SOURCES_PATH", edited)
    reg.load_registry.cache_clear()
    version.knowledge_version.cache_clear()
    try:
        assert version.knowledge_version() != before
    finally:
        monkeypatch.undo()
        reg.load_registry.cache_clear()
        version.knowledge_version.cache_clear()
    assert version.knowledge_version() == before


def test_unreadable_registry_is_an_error(monkeypatch, tmp_path):
    broken = tmp_path / "sources.toml"
    broken.write_text('format = "mscc-sources/1"\n[[source]]\nid = "X"\n')
    monkeypatch.setattr(reg, "SOURCES_PATH", broken)
    reg.load_registry.cache_clear()
    try:
        with pytest.raises(reg.RegistryError, match="lacks"):
            reg.load_registry()
    finally:
        monkeypatch.undo()
        reg.load_registry.cache_clear()
