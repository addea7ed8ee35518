"""Detection of statements a cannabis retailer may not make.

Canadian and US rules forbid promoting cannabis with health or therapeutic claims
("cures", "relieves anxiety", "clinically proven"), testimonials ("changed my life"),
appeals to young people, and lifestyle promises ("be the life of the party"). The
checks work sentence by sentence with patterns: an offending sentence is dropped from a
templated pitch (:func:`strip_claims`), and makes the guard reject a model's reply whole.

Words that only sound medical are not claims on their own: "slow-cured flower", "a
sweet treat", "customers describe it as relaxed", "keep out of reach of children".
"""

from __future__ import annotations

import re

from weedgo.compliance import claims_fr
from weedgo.compliance.rules import compile_rules, first_claim, words
from weedgo.text import split_sentences

_CONDITIONS = (
    r"(?:chronic\s+)?pain|aches?|anxiety|anxious(?:ness)?|insomnia|depression|stress|ptsd|"
    r"trauma|nausea|inflammation|arthritis|cancer|tumou?rs?|epilepsy|seizures?|migraines?|"
    r"headaches?|cramps?|adhd|glaucoma|multiple\s+sclerosis|fibromyalgia|spasms?|"
    r"appetite\s+loss|loss\s+of\s+appetite|panic(?:\s+attacks?)?|illness(?:es)?|diseases?|"
    r"disorders?|symptoms?|ailments?|conditions?|sleep\s+(?:problems?|issues?)|"
    r"trouble\s+sleeping|crohn'?s|ibs|asthma|addiction|withdrawal|injur(?:y|ies)|"
    r"sore(?:ness)?|muscle\s+tension|mental\s+health|autism|dementia|alzheimer'?s"
)
_CLAIM_VERBS = (
    r"cur(?:e|es|ing)|treat(?:s|ed|ing)?|heal(?:s|ed|ing)?|reliev(?:e|es|ed|ing)|relief|"
    r"eas(?:e|es|ed|ing)|sooth(?:e|es|ed|ing)|reduc(?:e|es|ed|ing)|fight(?:s|ing)?|"
    r"combat(?:s|ing)?|alleviat(?:e|es|ed|ing)|manag(?:e|es|ed|ing)|help(?:s|ed|ing)?|"
    r"prevent(?:s|ed|ing)?|calm(?:s|ed|ing)?|lessen(?:s|ed|ing)?|remed(?:y|ies)|"
    r"(?:good|great|perfect|best|ideal|excellent|amazing)\s+for|works?\s+for|for|against"
)
# "<verb> (up to four words) <condition>": "helps with chronic pain", "great for your anxiety"
_VERB_CONDITION = rf"\b(?:{_CLAIM_VERBS})\b(?:\s+[\w'-]+){{0,4}}?\s+(?:{_CONDITIONS})\b"
_CONDITION_RELIEF = rf"\b(?:{_CONDITIONS})[\s-]+(?:relief|reliever|relieving|killer|management)\b"

_HEALTH = (
    _VERB_CONDITION,
    _CONDITION_RELIEF,
    r"(?<!slow )(?<!slow-)(?<!long )(?<!cold )(?<!hang )(?<!well )\bcur(?:e|es|ing)\b",
    r"\bheal(?:s|ed|ing)?\b",
    r"\btreatment\b",
    r"\bremed(?:y|ies)\b",
    r"\btherapeutic(?:ally)?\b|\btherapy\b",
    r"\bmedicinal\b|\bmedical\s+(?:benefits?|properties|value|uses?|effects?)\b",
    r"\bhealth\s+benefits?\b|\bhealthy\s+choice\b|\bgood\s+for\s+your\s+health\b",
    r"\bclinically\s+(?:proven|tested|shown)\b|\bscientifically\s+proven\b",
    r"\bdoctor[- ]?(?:recommended|approved)\b|\bprescribed\b",
    r"\bhelps?\s+(?:you\s+)?(?:to\s+)?sleep\b|\bsleep\s+aid\b|\bgood\s+for\s+sleep\b",
    r"\banti[- ]?(?:inflammatory|anxiety|depressant|nausea|emetic)\b|\bpainkiller\b",
    r"\bprevents\b",
)
_SAFETY = (r"\brisk[- ]free\b|\bno\s+side[- ]effects\b|\b(?:completely|totally|100%)\s+safe\b",)
_TESTIMONIAL = (
    r"\bchanged\s+my\s+life\b|\blife[- ]changing\b|\bsaved\s+my\s+life\b|\bi\s+swear\s+by\b",
    r"\bworks?\s+wonders\b|\bmiracle\b|\bworked\s+for\s+me\b|\bmy\s+favou?rite\s+cure\b",
)
_YOUTH = (
    r"(?<!not )\bfor\s+(?:kids|children|teens|teenagers|students|young\s+people|minors|youth)\b",
    r"\b(?:kids|children|teens|teenagers|students)\s+(?:will\s+)?(?:love|enjoy|like)\b",
    r"\bback[- ]to[- ]school\b|\bcartoon\b|\bschool\s+party\b",
)
_LIFESTYLE = (
    r"\blife\s+of\s+the\s+party\b|\bglamou?r(?:ous)?\b|\bsuccess(?:ful)?\b|\bsexy\b",
    r"\bmore\s+popular\b|\bimpress\s+(?:your|the)\b|\bboost\s+your\s+(?:confidence|performance)\b",
    r"\bvitality\b|\bexcitement\b|\bdaring\b|\brisky\s+fun\b",
)

_RULES = compile_rules(
    (
        ("health claim", _HEALTH),
        ("safety claim", _SAFETY),
        ("testimonial", _TESTIMONIAL),
        ("appeal to young people", _YOUTH),
        ("lifestyle promise", _LIFESTYLE),
    ),
    re.IGNORECASE,
)


TRIGGER_WORDS = words(
    """
    cure cures curing treat treats treating treatment heal heals healing relieve relieves
    relief medical medicinal medicine therapeutic therapy clinically anxiety pain insomnia
    depression stress ptsd nausea inflammation arthritis cancer seizures epilepsy migraine
    migraines headache headaches prevent prevents disease illness symptoms doctor miracle
    life swear kids children teens students party glamour glamorous success successful sexy
    safe risk-free sleep
    """
)

# Words that speak of health even outside a claim ("pain", "medical", "stress"). A
# catalog's description is held to them as well: a sentence with one is dropped, since the
# store's own text has no reason to speak of health. The model's text is held to the rules
# above only, which tell "it eases pain" from "no pain at all".
_HEALTH_WORDS = re.compile(
    r"\b(?:treat(?:ment|ments|ing|ed)|(?:to|may|can|will|helps?)\s+treat|cures?|"
    r"relie(?:f|ve|ves|ved|ving)|pain(?:s|ful)?|aches?|anxiety|anxious|insomnia|"
    r"depress(?:ion|ed|ant)|nausea|medic(?:al|ine|inal|ation|ations)|"
    r"therap(?:y|ies|eutic)|heal(?:s|ing|ed)?|helps?\s+with|symptoms?|diseases?|"
    r"disorders?|illness(?:es)?|arthritis|migraines?|headaches?|seizures?|epilep\w*|"
    r"cancer|ptsd|chronic|inflammat\w*|anti-inflammatory|remed(?:y|ies)|"
    r"prevent(?:s|ing|ion)?|stress|appetite|wellness\s+benefits?|health\s+benefits?)\b",
    re.IGNORECASE,
)


def claim_reason(sentence: str) -> str | None:
    """The kind of forbidden statement ``sentence`` makes, in English or French, or ``None``."""
    return first_claim(_RULES, sentence) or claims_fr.claim_reason(sentence)


def health_reason(sentence: str) -> str | None:
    """Like :func:`claim_reason`, and also ``"health word"`` for a sentence that speaks of
    a condition or a treatment at all (the stricter check, for catalog text)."""
    reason = claim_reason(sentence)
    if reason is None and _HEALTH_WORDS.search(sentence):
        reason = "health word"
    return reason


def is_trigger_word(word: str) -> bool:
    """Whether ``word`` may start a claim (the stream guard holds text from here)."""
    return word.lower().strip(".,!?;:\"'()") in TRIGGER_WORDS or claims_fr.is_trigger_word(word)


def find_claims(text: str) -> list[str]:
    """The sentences of ``text`` that make a forbidden claim."""
    return [sentence for sentence in split_sentences(text) if claim_reason(sentence)]


def strip_claims(text: str) -> tuple[str, list[str]]:
    """``text`` without its offending sentences, and the sentences removed."""
    kept: list[str] = []
    removed: list[str] = []
    for sentence in split_sentences(text):
        (removed if claim_reason(sentence) else kept).append(sentence)
    return " ".join(kept), removed
