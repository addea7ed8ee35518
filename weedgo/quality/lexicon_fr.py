"""The French half of the rubric's word lists (:mod:`weedgo.quality.lexicon`): the same
faults, as a French reply shows them. Each list joins its English one, so that one rubric
scores replies in both languages (accents optional where customers and models drop them).
"""

from __future__ import annotations

from weedgo.compliance import responsible
from weedgo.i18n.french import in_language

HEDGES = (
    r"\bpas\s+(?:trop\s+|tout\s+[àa]\s+fait\s+|certaine?\s+)?s[ûu]re?\b",
    r"\bje\s+(?:pense|crois|suppose|devine)\b|\bj'(?:esp[èe]re|imagine)\b",
    r"\bje\s+(?:ne\s+)?sais\s+pas\b|\baucune\s+id[ée]e\b",
    r"\bprobablement\b|\bsi\s+je\s+ne\s+me\s+trompe\s+pas\b|\b[àa]\s+ma\s+connaissance\b",
    r"\bje\s+ne\s+(?:peux|puis)\s+(?:rien\s+)?(?:vous\s+)?promettre\b|\bj'ai\s+h[âa]te\b",
)
DISPARAGING = (
    r"\btrop\s+(?:cher|ch[èe]re|dispendieu\w*)\b|\bhors\s+de\s+prix\b|\bne\s+vaut\s+pas\b",
    r"\bpas\s+terrible\b|\b(?:de\s+)?(?:mauvaise|pi[èe]tre)\s+qualit[ée]\b|\bd[ée]cevante?\b",
    r"\b(?:go[ûu]te|sent)\s+(?:vraiment\s+)?(?:mauvais|pas\s+bon)\b|\b[ée]vitez\b",
    r"\bn'achetez\s+pas\b|\bpas\s+(?:tr[èe]s\s+)?bon(?:ne)?s?\b|\bune\s+arnaque\b",
)
UNKNOWABLE = (
    r"\b(?:tr[èe]s|le\s+plus|la\s+plus|super)\s+populaires?\b|\bmeilleur(?:e)?s?\s+vente",
    r"\bmeilleur(?:e)?s?\s+vendeu(?:r|se)s?\b|\bvient\s+d'arriver\b|\bnouveaut[ée]s?\b",
    r"\bnouvel\s+arrivage\b|\bcoup\s+de\s+c(?:œ|oe)ur\b|\bchoix\s+du\s+personnel\b",
    r"\btout\s+le\s+monde\s+(?:adore|aime)\b|\bpart\s+vite\b|\bs'envole\b|\bstock\s+limit[ée]\b",
    r"\ben\s+solde\b|\b[àa]\s+rabais\b|\bprim[ée]e?\b|\btr[èe]s\s+bien\s+not[ée]e?\b",
    r"\bj'ai\s+(?:d[ée]j[àa]\s+)?(?:essay[ée]|fum[ée]|go[ûu]t[ée]|pris)\b",
    r"\bje\s+suis\s+en\s+train\s+(?:de\s+|d')(?:tester|essayer|fumer|go[ûu]ter)\b",
    r"\bmes\s+amis\b|\bmon\s+ami(?:e)?\b|\bmon\s+pr[ée]f[ée]r[ée]\b",
)
REFUSALS = (
    r"\bje\s+ne\s+(?:peux|pourrai)\s+pas\s+(?:vous\s+)?(?:aider|r[ée]pondre|recommander|sugg[ée]rer"
    r"|montrer|conseiller|en\s+parler)\b",
    r"\bje\s+peux\s+seulement\s+(?:vous\s+)?aider\b|\bpas\s+en\s+mesure\s+de\s+(?:vous\s+)?aider\b",
    r"\b(?:d[ée]sol[ée]e?|malheureusement)\b[^.!?]*\bne\s+peux\s+pas\s+(?:vous\s+)?(?:aider|r[ée]pondre)\b",
)
GUIDANCE = tuple(
    in_language(getattr(responsible, name), "fr")
    for name in ("START_LOW", "EDIBLES_TIMING", "NO_ALCOHOL", "DRIVING", "MEDICAL")
)
KIND_WORDS = {  # joined to the English words of each category
    "flower": r"fleurs?\s+s[ée]ch[ée]es?|cocottes?",
    "pre-roll": r"pr[ée][\s-]?roul[ée]s?",
    "vape": r"vapoteuses?|cartouches?",
    "concentrate": r"concentr[ée]s|haschi(?:s)?ch|r[ée]sine|cire|extraits?",
    "edible": r"comestibles?|jujubes?|chocolats?|bonbons?",
    "beverage": r"boissons?|breuvages?|th[ée]s?\s+glac[ée]s?|limonades?",
    "oil": r"huiles?|teintures?",
    "capsule": r"g[ée]lules?",
    "topical": r"topiques?|baumes?|cr[èe]mes?|bombes?\s+de\s+bain",
}
STRAIN_NOUN = r"vari[ée]t[ée]s?"
