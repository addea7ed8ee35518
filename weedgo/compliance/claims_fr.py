"""The French half of :mod:`weedgo.compliance.claims`: the same kinds of forbidden
statement, written in French ("guérit", "traite l'anxiété", "soulage la douleur",
"aide à dormir", "cliniquement prouvé", "a changé ma vie", "pour les ados").

The patterns read folded text (lower case, no accents), so "guérit" and "guerit" are
the same word. As in English, words that only sound medical are no claim on their own:
"les clients l'associent à la détente", "hors de la portée des enfants".
"""

from __future__ import annotations

import re

from weedgo.i18n.detect import fold

_CONDITIONS = (
    r"douleurs?|maux|mal\s+(?:de|au|aux|a\s+la)\s+\w+|anxiete|angoisse|insomnie|depression|"
    r"stress|sspt|trauma|nausees?|inflammations?|arthrite|arthrose|cancers?|tumeurs?|"
    r"epilepsie|convulsions?|crises?|migraines?|crampes?|tdah|glaucome|sclerose|"
    r"fibromyalgie|spasmes?|perte\s+d'appetit|maladies?|troubles?|symptomes?|"
    r"problemes?\s+de\s+sommeil|insomnies?|dependance|sevrage|blessures?|tensions?\s+"
    r"musculaires?|sante\s+mentale|autisme|demence|alzheimer"
)
_CLAIM_VERBS = (
    r"gueri\w*|trait(?:e|ent|er|era|ait)|soign\w*|soulag\w*|apais\w*|attenu\w*|reduit|"
    r"redui\w*|diminu\w*|combat\w*|lutte\w*|previen\w*|preven\w*|calm(?:e|ent|er)|"
    r"aide(?:nt|ra)?\s+(?:a\s+|contre|avec)|remede|(?:bon|bonne|ideale?|parfaite?|excellente?)"
    r"\s+(?:pour|contre)|efficace\s+contre|fonctionne\s+pour|marche\s+pour|pour|contre"
)
_HEALTH = (
    rf"\b(?:{_CLAIM_VERBS})\b(?:\s+[\w'-]+){{0,4}}?\s+(?:l'|d')?(?:{_CONDITIONS})\b",
    r"\bgueri\w*|\bguerison\b",
    r"\btraitements?\b|\bremedes?\b",
    r"\btherapeuti\w*|\btherapie\b",
    r"\bmedicinale?s?\b|\bproprietes\s+medicinales\b|\bvertus\b",
    r"\bbienfaits?\s+(?:pour\s+la\s+|sur\s+la\s+)?sante\b|\bbon(?:ne)?\s+pour\s+(?:la|votre)\s+sante",
    r"\bcliniquement\s+(?:prouvee?|teste|demontree?)\b|\bscientifiquement\s+prouvee?\b",
    r"\brecommandee?\s+par\s+(?:les|des|un|votre)\s+medecins?\b|\bprescrite?\b",
    r"\baide(?:nt|ra)?\s+(?:a\s+)?(?:mieux\s+)?(?:dormir|s'endormir|vous\s+endormir)\b"
    r"|\bsomnifere\b|\bpour\s+(?:bien\s+|mieux\s+)?dormir\b",
    r"\banti[- ]?(?:inflammatoire|anxiete|depresseur|nauseeux)\b|\banalgesique\b",
)
_SAFETY = (
    r"\bsans\s+(?:aucun\s+)?(?:danger|risque)\b|\baucun\s+effet\s+secondaire\b"
    r"|\b(?:completement|totalement|100\s*%)\s+(?:securitaire|sans\s+danger|sur)\b",
)
_TESTIMONIAL = (
    r"\ba\s+change\s+ma\s+vie\b|\bm'a\s+sauve\s+la\s+vie\b|\bmiracle\w*|\bmiraculeu\w*"
    r"|\bfait\s+des\s+merveilles\b|\bca\s+a\s+marche\s+pour\s+moi\b",
)
_YOUTH = (
    r"(?<!pas )\bpour\s+(?:les\s+)?(?:enfants|jeunes|ados|adolescents|etudiants|mineurs)\b",
    r"\b(?:enfants|jeunes|ados|adolescents)\s+(?:vont\s+)?(?:adorer|aimer|adorent|aiment)\b",
    r"\bretour\s+a\s+l'ecole\b|\bdessins?\s+animes?\b",
)
_LIFESTYLE = (
    r"\bl'ame\s+de\s+la\s+fete\b|\bglamour\b|\bsucces\b|\bsexy\b|\bplus\s+populaire\b",
    r"\bimpressionne[rz]?\s+(?:vos|tes|les)\b|\bconfiance\s+en\s+(?:vous|soi)\b|\bvitalite\b",
)

RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, patterns in (
        ("health claim", _HEALTH),
        ("safety claim", _SAFETY),
        ("testimonial", _TESTIMONIAL),
        ("appeal to young people", _YOUTH),
        ("lifestyle promise", _LIFESTYLE),
    )
    for pattern in patterns
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TRIGGER_WORDS = _words(
    """
    guerit guerir guerissent guerison traite traitent traiter traitement soulage soulagent
    soulager soulagement apaise apaiser therapeutique therapie medicinal medicinale medical
    medicament anxiete douleur douleurs insomnie depression nausee nausees inflammation
    arthrite cancer epilepsie migraine migraines maladie maladies symptomes medecin miracle
    enfants ados jeunes securitaire dormir sommeil vertus bienfaits sante
    """
)


def claim_reason(sentence: str) -> str | None:
    """The kind of forbidden statement a French ``sentence`` makes, or ``None``."""
    folded = fold(sentence)
    for label, pattern in RULES:
        match = pattern.search(folded)
        if match:
            return f"{label}: {match.group(0).strip()!r}"
    return None


def is_trigger_word(word: str) -> bool:
    return fold(word).strip(".,!?;:\"'()") in TRIGGER_WORDS
