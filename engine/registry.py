"""The source registry (seeds/sources.toml): every source id a rule cites, with its
citation and our paraphrase of each statement relied on."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from seeds import SOURCES_PATH


class RegistryError(RuntimeError):
    """The registry is unreadable or a rule cites a source it does not hold."""


@dataclass(frozen=True)
class Source:
    id: str
    short: str
    citation: str
    section: str
    url: str
    provenance: str
    statements: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"id": self.id, "short": self.short, "citation": self.citation,
                "section": self.section, "url": self.url, "provenance": self.provenance,
                "statements": list(self.statements)}


class Registry:
    def __init__(self, sources: dict[str, Source], raw: bytes):
        self.sources = sources
        self.raw = raw

    def get(self, source_id: str) -> Source:
        try:
            return self.sources[source_id]
        except KeyError:
            raise RegistryError(f"unknown source id {source_id!r}") from None

    def __contains__(self, source_id: str) -> bool:
        return source_id in self.sources

    def __iter__(self):
        return iter(self.sources.values())


@lru_cache(maxsize=1)
def load_registry() -> Registry:
    try:
        raw = SOURCES_PATH.read_bytes()
        doc = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"cannot read the source registry {SOURCES_PATH}: {exc}") from None
    if doc.get("format") != "mscc-sources/1":
        raise RegistryError(f"{SOURCES_PATH}: format is not mscc-sources/1")
    sources: dict[str, Source] = {}
    for entry in doc.get("source", []):
        try:
            src = Source(id=entry["id"], short=entry["short"], citation=entry["citation"],
                         section=entry["section"], url=entry.get("url", ""),
                         provenance=entry["provenance"],
                         statements=tuple(entry["statements"]))
        except (KeyError, TypeError) as exc:
            raise RegistryError(f"{SOURCES_PATH}: entry {entry.get('id', '?')} lacks {exc}") from None
        if src.id in sources:
            raise RegistryError(f"{SOURCES_PATH}: source id {src.id} appears twice")
        if not src.statements:
            raise RegistryError(f"{SOURCES_PATH}: source {src.id} has no statements")
        sources[src.id] = src
    return Registry(sources, raw)


def check_rules_resolve(registry: Registry, rules) -> None:
    """Refuse to run when any rule cites a source the registry does not hold."""
    unknown = sorted({(r.id, s) for r in rules for s in r.sources if s not in registry})
    if unknown:
        raise RegistryError("rules cite unknown sources: "
                            + ", ".join(f"{r} -> {s}" for r, s in unknown))
