"""The clinical rules of ../shared/spec/clinical-rules.md, one module per section.
Importing this package registers every rule in RULES."""
from engine.rules import (analgesia, bone_agents, calcium, dexamethasone,  # noqa: F401
                          imaging, labs, neuro, neuro_trend, pathway, precautions,
                          thromboprophylaxis)
from engine.rules.catalogue import RULES, RuleSpec

__all__ = ["RULES", "RuleSpec"]
