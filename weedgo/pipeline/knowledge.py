"""Replies that need no model: greetings, store facts and vetted education answers.

A 270M base model writes a fair sentence about products whose facts are in its prompt,
but it cannot be trusted with facts it was not given: asked "what is the difference
between indica and sativa?" it may answer nonsense. Education answers therefore come
from this vetted table (no health claims), and greetings and store questions from
templates. A question of fact, dose or health that no entry matches is not the model's
either (the policy's ``model_writes``): the catalog and the responsible-use guidance
answer it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from weedgo.config import Settings
from weedgo.domain.turn import Analysis, Intent
from weedgo.i18n import fr_catalog
from weedgo.i18n.french import in_language
from weedgo.i18n.gloss import gloss


@dataclass(frozen=True)
class Topic:
    name: str
    pattern: re.Pattern[str]
    answer: str


def _topic(name: str, pattern: str, answer: str) -> Topic:
    return Topic(name, re.compile(pattern, re.IGNORECASE), answer)


TOPICS: tuple[Topic, ...] = (
    _topic(
        "indica_sativa",
        r"\b(indica)\b.*\b(sativa)\b|\b(sativa)\b.*\b(indica)\b|\bhybrids?\b.*\b(what|mean|differ)",
        "Indica, sativa and hybrid describe a plant's lineage; many customers describe indicas "
        "as more relaxing and sativas as more uplifting, and hybrids sit in between. Effects "
        "vary from person to person, so THC level and terpenes are worth a look too.",
    ),
    _topic(
        "thc_cbd",
        r"\b(thc)\b.*\b(cbd)\b.*\b(differ|vs|versus|between|what)|\bwhat('?s| is| are)\b.*\bcbd\b"
        r"|\b(thc|cbd)\s*(vs\.?|versus|or)\s*(thc|cbd)\b",
        "THC is the cannabinoid that produces the high; CBD does not make you feel high. "
        "Products list both, as a percentage for flower and in milligrams for edibles, "
        "drinks, oils and capsules.",
    ),
    _topic(
        "terpenes",
        r"\bterpenes?\b|\b(myrcene|limonene|pinene|linalool|caryophyllene|terpinolene|humulene)\b",
        "Terpenes are the aroma compounds of the plant: myrcene smells earthy, limonene "
        "citrusy, pinene like pine, linalool floral and caryophyllene peppery. Our product "
        "cards list the main ones.",
    ),
    _topic(
        "edible_timing",
        r"\b(how long|when)\b.*\b(edibles?|gumm(y|ies)|chocolates?|drinks?)\b"
        r".*\b(kick|take|work|feel|last)",
        "Edibles and drinks act more slowly than smoking or vaping, and their effects can "
        "last several hours.",
    ),
    _topic(
        "redosing",
        r"\b(feel(ing)? nothing|don'?t feel|do not feel|not feel(ing)?|nothing yet|"
        r"take (more|another)|have another|eat (more|another))\b",
        "Please wait before taking more: edibles and drinks can take up to 2 hours to be felt "
        "and about 4 hours to peak, so a second dose taken early can add up to far more than "
        "you meant.",
    ),
    _topic(
        "too_much",
        r"\bgreen(ed|ing)?[\s-]?out\b"
        r"|\b(had|took|taken|take|ate|eaten|eat|smoked|smoke) too much\b",
        "If you've had too much, stop, sit or lie down somewhere calm and safe, sip water and "
        "wait: the feeling passes with time. Don't drive, and if someone is very unwell, "
        "call 911 or your local poison centre.",
    ),
    _topic(
        "high_duration",
        r"\bhow long\b.*\b(high|effects?|buzz|stoned|last|stay)",
        "Smoked or vaped, cannabis is felt within minutes and its effects can last up to "
        "6 hours; edibles and drinks take 30 minutes to 2 hours to be felt and can last up "
        "to 12 hours. The dose and the person change both.",
    ),
    _topic(
        "tolerance",
        r"\btolerance\b",
        "Tolerance builds when cannabis is used often: the same amount is felt less. A break "
        "lets it come back down, so after one, start again with a lower amount than before.",
    ),
    _topic(
        "entourage",
        r"\bentourage\b",
        "The entourage effect is the idea that a plant's cannabinoids and terpenes together "
        "shape how a product feels, not THC or CBD alone. The research on it is still early.",
    ),
    _topic(
        "concentrates",
        r"(?=.*\b(what|whats|difference|differ|vs|versus|mean|means|made)\b)"
        r".*\b(shatter|live resin|rosin|wax|budder|badder|distillate)\b",
        "Concentrates are extracts far more potent than flower: shatter is a glassy extract, "
        "live resin is made from plants frozen fresh at harvest so it keeps more of their "
        "aroma, and rosin is pressed out with heat and pressure alone, without solvents. "
        "They suit experienced customers.",
    ),
    _topic(
        "rolling",
        r"\broll(ing)?\b.*\b(joints?|spliffs?|blunts?)\b|\bhow (do i|to|do you) roll\b",
        "Grind the flower, spread it evenly along a rolling paper with a filter tip at one "
        "end, roll it back and forth to pack it, then tuck the near edge, roll it up and seal "
        "the glue strip. Pre-rolls come ready to go.",
    ),
    _topic(
        "medication",
        r"\b(medications?|meds|medicines?|antidepressants?|prescriptions?|ssris?|"
        r"blood thinners?)\b",
        "Cannabis can interact with medications, so please ask your pharmacist or doctor "
        "before you combine them; I can't advise on that.",
    ),
    _topic(
        "sizes",
        r"\bhow (much|many grams) is an? (eighth|quarter|half|ounce|oz)\b"
        r"|\bwhat('?s| is) an? (eighth|quarter|quad)\b",
        "An eighth is 3.5 g, a quarter is 7 g, a half is 14 g and an ounce is 28 g of dried "
        "flower.",
    ),
    _topic(
        "possession",
        r"\b(how much|limit)\b.*\b(can i|allowed|legal|possess|carry|buy)\b|\bpossession limit\b",
        "In Canada an adult may possess up to 30 g of dried cannabis (or its equivalent) in "
        "public; we can only sell within that limit.",
    ),
    _topic(
        "formats",
        r"\b(vape|vaping)\b.*\b(vs|versus|or|differ|better)\b.*\b(smok|flower|joint)"
        r"|\bdifference between\b.*\b(pre-?roll|vape|flower|concentrate|edible)",
        "Flower and pre-rolls are smoked, vapes heat an oil or flower without burning it, "
        "edibles and drinks are swallowed and act more slowly, and concentrates are far more "
        "potent than flower, so they suit experienced customers.",
    ),
    _topic(
        "cbn",
        r"\bcbn\b|\bcannabinol\b",
        "CBN (cannabinol) is a cannabinoid that forms as THC ages. A product that contains "
        "it lists it in milligrams beside its THC and CBD.",
    ),
    _topic(
        "spectrum",
        r"\b(full|broad)[\s-]spectrum\b|\bisolates?\b",
        "Full spectrum means an extract keeps the plant's range of cannabinoids and "
        "terpenes; broad spectrum keeps most of them, and an isolate is one cannabinoid "
        "alone, such as pure CBD.",
    ),
    _topic(
        "decarboxylation",
        r"\bdecarb",
        "Decarboxylation is the heating that turns the plant's THCA into THC. Raw flower is "
        "not intoxicating when eaten, so edibles, oils and drinks are made with heated "
        "cannabis.",
    ),
    _topic(
        "ratio",
        r"\b\d{1,2}\s*:\s*\d{1,2}\b|\bratios?\b",
        "A ratio on a label compares THC to CBD: 1:1 means equal amounts, and 1:20 means "
        "twenty times more CBD than THC.",
    ),
    _topic(
        "travel",
        r"\b(planes?|fly|flying|flights?|airports?|borders?)\b",
        "On flights within Canada an adult may carry up to 30 g of dried cannabis or its "
        "equivalent; taking cannabis across the border, in or out of Canada, is illegal.",
    ),
    _topic(
        "storage",
        r"\b(store|keep)\b.*\b(fresh|flower|weed|bud|edibles?)\b",
        "Keep cannabis in its sealed container, somewhere cool, dark and dry, locked away from "
        "children and pets.",
    ),
)

_GREETINGS = (
    "Hi! I'm the store's budtender. Tell me what you're in the mood for, like a strain "
    "type, a format or a budget, and I'll find options from our menu.",
    "Hello! Looking for something in particular? I can suggest flower, pre-rolls, vapes, "
    "edibles and more from what we have in stock.",
    "Hey there! Ask me about any product type, strain or price range and I'll show you "
    "what we carry.",
)
_THANKS = re.compile(r"\b(thanks?|thank you|thx|cheers|bye|goodbye)\b", re.IGNORECASE)
THANKS = "You're welcome! Let me know if there's anything else I can help you find."


def greeting(message: str) -> str:
    if _THANKS.search(message):
        return THANKS
    return _GREETINGS[zlib.crc32(message.strip().lower().encode()) % len(_GREETINGS)]


def store_reply(settings: Settings) -> str:
    parts = []
    if settings.store_hours:
        parts.append(f"{settings.store_name} is open {settings.store_hours}.")
    if settings.store_address:
        parts.append(f"You'll find us at {settings.store_address}.")
    if settings.store_phone:
        parts.append(f"You can call us at {settings.store_phone}.")
    if not parts:
        parts.append("Please check the store's website for opening hours and location.")
    parts.append("I'm happy to help you choose products in the meantime.")
    return " ".join(parts)


# the intents a vetted answer may reply to (a medical question only when it matches one,
# such as mixing cannabis with medication; otherwise the policy's medical reply stands)
_ANSWERED = frozenset({Intent.EDUCATION, Intent.DOSAGE, Intent.PRODUCT_INFO, Intent.MEDICAL})


def education_answer(message: str) -> str | None:
    for topic in TOPICS:
        if topic.pattern.search(message):
            return topic.answer
    return None


def templated_reply(analysis: Analysis, message: str, settings: Settings) -> str | None:
    """The reply for questions answered without the model, or None, in the analysis's
    language (a French message is matched in the analyser's words)."""
    french = analysis.language == "fr"
    if french:
        message = gloss(message)
    reply: str | None = None
    if analysis.intent is Intent.GREETING:
        reply = greeting(message)
    elif analysis.intent is Intent.STORE_INFO:
        if french:
            return fr_catalog.store_reply(
                settings.store_name, settings.store_hours, settings.store_address,
                settings.store_phone,
            )  # fmt: skip
        reply = store_reply(settings)
    elif analysis.intent in _ANSWERED and not (
        analysis.product_names or analysis.refers_to_index is not None
    ):
        reply = education_answer(message)
    return in_language(reply, analysis.language) if reply else None
