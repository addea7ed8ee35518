"""Compliance rules: legal age by jurisdiction, health-claim checks, responsible use.

The entry point is :func:`weedgo.compliance.policy.decide`; the rules are described in
docs/compliance.md.
"""

from weedgo.compliance.claims import find_claims, strip_claims
from weedgo.compliance.jurisdictions import Jurisdiction, get_jurisdiction
from weedgo.compliance.policy import PolicyDecision, decide

__all__ = [
    "Jurisdiction",
    "PolicyDecision",
    "decide",
    "find_claims",
    "get_jurisdiction",
    "strip_claims",
]
