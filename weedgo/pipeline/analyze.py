"""The keyword analyser: what a customer's message asks for, with no model call.

``analyze(message, known_names=...)`` runs precompiled patterns over the message and
returns an :class:`~weedgo.pipeline.types.Analysis`: the intent, filters for the catalog
search (category, strain type, effects, price / THC / CBD bounds, a canonical size such
as ``"3.5 g"`` for "an eighth"), catalog product names (exact or fuzzy, via rapidfuzz),
the words left for full-text search, follow-up hints ("anything cheaper?", "the second
one") and compliance signals (age, minors, driving, beginner, prompt injection; their
patterns live in :mod:`weedgo.compliance`).

Intent precedence: a request for the system prompt, a bare greeting, a question about a
named or numbered product, medical, store info, dosage, education, then shopping; a
message with no cannabis or shopping word at all is out of scope.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from weedgo.compliance.age import has_minor_signal, is_buying_for_minor, stated_age
from weedgo.compliance.policy import detect_injection
from weedgo.compliance.responsible import is_beginner, mentions_driving
from weedgo.domain import Category, StrainType
from weedgo.pipeline.types import Analysis, Intent


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- catalog vocabulary ------------------------------------------------------------------
_CATEGORIES = tuple(
    (category, _rx(pattern))
    for category, pattern in (
        (Category.PRE_ROLL, r"\bpre[\s-]?rolls?\b|\bprerolls?\b|\bjoints?\b|\bblunts?\b|\bdoob"),
        (Category.ACCESSORY, r"\baccessor(?:y|ies)\b|\bgrinders?\b|\bpapers\b|\bbongs?\b|"
         r"\bpipes?\b|\blighters?\b|\brolling\s+trays?\b|\bbatter(?:y|ies)\b"),
        (Category.VAPE, r"\bvap(?:e|es|ing|orizers?)\b|\bcarts?\b|\bcartridges?\b|\bpens?\b|"
         r"\b510\b|\bdisposables?\b|\bpods?\b"),
        (Category.BEVERAGE, r"\bdrinks?\b|\bbeverages?\b|\bsodas?\b|\bseltzers?\b|\bteas?\b"),
        (Category.EDIBLE, r"\bedibles?\b|\bgumm(?:y|ies)\b|\bchocolates?\b|\bchews?\b|"
         r"\bcand(?:y|ies)\b|\bbrownies?\b|\bcaramels?\b|\blozenges?\b"),
        (Category.CONCENTRATE, r"\bconcentrates?\b|\bshatter\b|\bwax\b|\brosin\b|\bhash(?:ish)?\b|"
         r"\b(?:live\s+)?resin\b|\bbudder\b|\bbadder\b|\bdiamonds\b|\bdab(?:s|bing)?\b|\bkief\b|"
         r"\bcrumble\b|\bdistillate\b"),
        (Category.OIL, r"\boils?\b|\btinctures?\b|\bdrops\b|\bsublingual\b"),
        (Category.CAPSULE, r"\bcapsules?\b|\bsoft\s*gels?\b|\bpills?\b|\bcaps\b"),
        (Category.TOPICAL, r"\btopicals?\b|\bcreams?\b|\bbalms?\b|\blotions?\b|\bsalves?\b|"
         r"\bbath\s+bombs?\b|\bpatch(?:es)?\b"),
        (Category.FLOWER, r"\bflowers?\b|\bbuds?\b|\bweed\b|\bstrains?\b|\bnugs?\b|\bherb\b"),
    )
)  # fmt: skip
_MG_CATEGORIES = frozenset(
    {Category.EDIBLE, Category.BEVERAGE, Category.CAPSULE, Category.OIL, Category.TOPICAL}
)
_DOMINANT = _rx(r"\b(indica|sativa)[\s-]*(?:dominant|leaning|heavy)\b")
_STRAINS = tuple(
    (strain, _rx(pattern))
    for strain, pattern in (
        (StrainType.INDICA, r"\bindicas?\b"),
        (StrainType.SATIVA, r"\bsativas?\b"),
        (StrainType.HYBRID, r"\bhybrids?\b"),
        (StrainType.CBD, r"\bcbd\b"),
    )
)
_EFFECTS = tuple(
    (_rx(pattern), effects)
    for pattern, effects in (
        (r"\bsleep(?:y|ing)?\b|\bbed\s*time\b|\bknock\s+me\s+out\b|\bcouch[\s-]?lock|"
         r"\bnight\s*time\b|\bat\s+night\b|\bnap\b", ("Sleepy", "Relaxed")),
        (r"\bchill(?:ed|ing|y)?\b|\brelax(?:ed|ing|ation)?\b|\bunwind|\bcalm(?:ing)?\b|"
         r"\bmellow\b|\blaid[\s-]back\b|\bwind\s+down\b|\bevening\b", ("Relaxed",)),
        (r"\benerg(?:y|etic|i[sz]ing)\b|\bday\s*time\b|\bwake\s+and\s+bake\b|\bmorning\b",
         ("Energetic", "Uplifted")),
        (r"\buplift(?:ed|ing)?\b|\bmotivat", ("Uplifted",)),
        (r"\bfocus(?:ed)?\b|\bproductiv|\b(?:for|at|while|during|before|after)\s+work(?:ing)?\b|"
         r"\bstudy", ("Focused",)),
        (r"\bcreativ|\bart\b|\bartistic\b|\bmusic\b|\bpainting\b|\bwriting\b", ("Creative",)),
        (r"\bpart(?:y|ies|ying)\b|\bsocial|\bwith\s+friends\b|\bhang(?:ing)?\s+out\b|\bconcert",
         ("Happy", "Talkative")),
        (r"\bhapp(?:y|iness)\b|\bmood\b", ("Happy",)),
        (r"\beuphori", ("Euphoric",)),
        (r"\bhungry\b|\bmunchies\b|\bappetite\b", ("Hungry",)),
        (r"\btalkative\b|\bchatty\b", ("Talkative",)),
        (r"\bgiggl|\blaugh", ("Giggly",)),
        (r"\btingl|\bbody\s+high\b", ("Tingly",)),
        (r"\baroused?\b|\barousal\b|\bintima|\bromantic\b|\bdate\s+night\b", ("Aroused",)),
    )
)  # fmt: skip
_NEGATED_EFFECT = _rx(
    r"\b(?:not|no|without|won'?t|don'?t|doesn'?t|never|avoid|isn'?t|less)\b(?:\s+[\w'-]+){0,4}?"
    r"\s+(?:sleep(?:y|ing)?|couch[\s-]?lock(?:ed)?|knock(?:s|ed)?\s+(?:me\s+)?out|tired|drowsy)\b"
)

# --- numbers: price, potency, size ------------------------------------------------------
_N = r"(\d+(?:\.\d{1,2})?)"
_MONEY = r"\s*(?:dollars?|bucks|cad)?"
_NOT_POT = (
    r"(?![\d.]|\s*(?:%|percent|mg|g\b|grams?|thc|cbd|years?|yo\b|y/o|oz|ounces?|ml|pack|x\b))"
)
_PRICE_RANGE = _rx(
    rf"\bbetween\s+\$?{_N}{_MONEY}\s+(?:and|to)\s+\$?{_N}{_NOT_POT}|\$\s*{_N}\s*(?:-|to)\s*\$?{_N}"
    rf"|\b{_N}\s*(?:-|to)\s*{_N}\s*(?:dollars|bucks)"
)
_PRICE_MAX = _rx(
    r"(?:\bunder|\bbelow|\bless\s+than|\bcheaper\s+than|\bno\s+more\s+than|\bmax(?:imum)?(?:\s+of)?"
    r"|\bup\s+to|\bat\s+most|\bwithin|\bbudget\s+(?:is|of)|\bonly\s+have|\bi\s+have|<=?)"
    rf"\s*\$?\s*{_N}{_NOT_POT}|\$\s*{_N}\s*(?:or\s+(?:less|under|below)|max|tops)"
    rf"|\b{_N}\s*(?:dollars?|bucks)\s*(?:or\s+(?:less|under|below)|max|tops)"
)
_PRICE_MIN = _rx(
    r"(?:\bover|\babove|\bmore\s+than|\bat\s+least|\bstarting\s+at|>=?)\s*"
    rf"(?:\$\s*{_N}|{_N}\s*(?:dollars?|bucks))|\$\s*{_N}\s*(?:or\s+more|and\s+up|\+)"
)
_BUDGET = _rx(r"\bcheap(?:est)?\b|\bbudget\b|\baffordable\b|\binexpensive\b|\bbargain\b")
_BUDGET_MAX = {"28 g": 150.0, "14 g": 90.0, "7 g": 50.0}
_DEFAULT_BUDGET_MAX = 30.0
_POT_MIN = _rx(
    r"(?:\bover|\babove|\bmore\s+than|\bat\s+least|\bgreater\s+than|\bmin(?:imum)?(?:\s+of)?|>=?)"
    rf"\s*{_N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?|{_N}\s*(?:%|mg)?\s*\+\s*(thc|cbd)"
    rf"|\b(thc|cbd)\s+(?:over|above|of\s+at\s+least|at\s+least|>=?)\s*{_N}"
)
_POT_MAX = _rx(
    r"(?:\bunder|\bbelow|\bless\s+than|\bno\s+more\s+than|\bmax(?:imum)?|\bat\s+most|\bup\s+to|<=?)"
    rf"\s*{_N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?"
    rf"|\b(thc|cbd)\s+(?:under|below|less\s+than|<=?)\s*{_N}"
)
_HIGH_THC = _rx(r"\bhigh[\s-]*thc\b|\bstrong(?:est)?\b|\bpotent\b|\bheavy\s+hitter|\bhits?\s+hard")
_LOW_THC = _rx(
    r"\blow[\s-]*thc\b|\bmild(?:er)?\b|\bgentle\b|\bnot\s+too\s+strong\b|\bweak(?:er)?\b|"
    r"\blow[\s-]*dose\b|\bmicro[\s-]?dos|\bless\s+potent\b"
)
_HIGH_CBD = _rx(r"\bhigh[\s-]*cbd\b|\bcbd[\s-]*rich\b|\blots\s+of\s+cbd\b")
_SIZES = tuple(
    (_rx(pattern), size)
    for pattern, size in (
        (r"\bhalf\s+(?:a\s+)?gram\b|\bhalf[\s-]g\b", "0.5 g"),
        (r"\bhalf\s+(?:an?\s+)?(?:oz|ounce|o)\b|\bhalf[\s-]?(?:oz|ounce)\b|\b1/2\s*(?:oz|ounce)?\b"
         r"|\bhalf\b(?!\s+(?:a|an|the|off|price|hour|dose|gummy|gummies|of\s+(?:a|an|the|it|my"
         r"|one))\b)", "14 g"),
        (r"\beighths?\b|\b1/8\b", "3.5 g"),
        (r"\bquarter(?:\s+(?:oz|ounce))?\b|\bquads?\b|\b1/4\b", "7 g"),
        (r"\b(?:oz|ounces?|zip)\b", "28 g"),
        (r"\b(?:a|one|1)\s*(?:gram|g)\b|\bgram\b", "1 g"),
    )
)  # fmt: skip
_GRAMS = _rx(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:g|grams?)\b")
_FLOWER_SIZES = frozenset({"3.5 g", "7 g", "14 g", "28 g"})

# --- intents -----------------------------------------------------------------------------
_GREETING = _rx(
    r"^\W*(?:hi+|hello|hey+|heya|hiya|yo|howdy|sup|greetings|good\s+(?:morning|afternoon|evening)"
    r"|what'?s\s+up|thanks?(?:\s+you)?|thx|ty|cheers|appreciate\s+it|bye|goodbye|see\s+(?:ya|you)"
    r"|have\s+a\s+(?:nice|good|great)\s+(?:day|night|one)|ok(?:ay)?|great|cool|awesome|perfect)\b"
)
_GREETING_FILLER = _words(
    """
    there all so much again a lot guys you everyone how are doing today man bud budtender
    friend folks very for the help it that great awesome ok okay that's is was now bye have
    nice day evening see later cool perfect
    """
)
_INFO = _rx(
    r"\btell\s+me\s+(?:more\s+)?about\b|\bmore\s+(?:info|information|details)\b|\bdescribe\b"
    r"|\bwhat\s+(?:is|'s)\s+\w+|\bhow\s+strong\s+is\b|\bwhat\s+does\s+it\b|\bis\s+it\s+(?:an?\s+)?"
    r"(?:indica|sativa|hybrid|strong|in\s+stock)\b|\bhow\s+much\s+is\b"
)
_MEDICAL = _rx(
    r"\b(?:chronic\s+)?pain\b|\banxiety\b|\binsomnia\b|\bdepress(?:ion|ed)\b|\bptsd\b|\bnausea\b|"
    r"\barthritis\b|\bcancer\b|\bchemo|\bepilep|\bseizures?\b|\bmigraines?\b|\bmedical\b|"
    r"\bmedicine\b|\bmedication|\bprescri|\bdoctor\b|\bdiagnos|\bcure\b|\btreat(?:ment|ing)?\s+"
    r"(?:my|his|her|their|the|a|an|chronic)\b|\bsymptoms?\b|\bpregnan|\bbreast[\s-]?feed|"
    r"\bdisease\b|\billness\b|\bcan'?t\s+sleep\b|\btrouble\s+sleeping\b|\bpanic\s+attack|"
    r"\bantidepress|\badhd\b|\binflammation\b|\bglaucoma\b|\bcrohn|\bfibromyalgia\b|\bspasms?\b"
)
_STORE = _rx(
    r"\b(?:store|opening|closing|business)\s+hours\b|\bhours\b|\bare\s+you\s+open\b|\bwhen\s+"
    r"(?:do|does|are)\s+you\s+(?:open|close)\b|\bopen\s+(?:today|now|late|until|till|on)\b|"
    r"\blocation\b|\baddress\b|\bwhere\s+(?:are\s+you|is\s+the\s+store)\b|\bdirections\b|"
    r"\bparking\b|\bdeliver(?:y|ies)?\b|\bpick[\s-]?up\b|\bcurbside\b|\bpayment\b|\bpay\s+with\b|"
    r"\bcredit\s+card|\bdebit\b|\breturn\s+policy\b|\brefund|\bphone\s+number\b|\bloyalty\b"
)
_DOSAGE = _rx(
    r"\bhow\s+(?:much|many)\b[\w\s]{0,30}?\b(?:take|eat|smoke|have|use)\b"
    r"|\bhow\s+much\s+(?:should|do|can|to)\b|(?<!low )(?<!low-)\bdos(?:e|es|age|ing)\b"
    r"|\bhow\s+many\s+(?:mg|milligrams"
    r"|gummies|puffs|hits|pieces|drops)\b|\bmicro[\s-]?dos|\btoo\s+much\b|\bgreen(?:ed)?\s+out\b"
    r"|\bhow\s+strong\s+should\b|\bhow\s+high\s+will\b|\btake\s+(?:another|more)\b|\bfeel\s+nothing"
    r"|\bnot\s+feeling\s+(?:it|anything)\b|\bstart\s+with\b"
)
_EDUCATION = _rx(
    r"\bdifference\s+between\b|\bvs\.?\b|\bversus\b|\bcompare\b|\bexplain\b|\bhow\s+(?:does|do|long"
    r"|is|are|can)\b|\bwhat(?:'s|\s+is|\s+are|\s+does)\s+(?:a\s+|an\s+|the\s+)?(?:terpenes?|thc|cbd|cbn|cbg"
    r"|indica|sativa|hybrids?|edibles?|concentrates?|rosin|live\s+resin|shatter|decarb\w*|"
    r"full[\s-]spectrum|entourage|myrcene|limonene|pinene|linalool|caryophyllene)\b(?!\s+(?:for|"
    r"under|with))|\bwhat\s+does\s+[\w\s-]{1,20}\s+mean\b|\bis\s+it\s+(?:legal|safe)\b|\blegal|"
    r"\blaws?\b|\bwhy\b|\bterpenes?\b|\btolerance\b|\bside\s+effects\b|\bcan\s+i\s+(?:drive|travel"
    r"|fly|bring|cross)\b|\bdecarb|\bshelf\s+life\b|\beffects\s+of\b|\bexpire"
    r"|\bhow\s+to\s+(?:store|use|smoke|roll)"
)
_RECOMMEND = _rx(
    r"\brecommend|\bsuggest|\bwhat(?:'s|\s+is|\s+are)\s+(?:good|best|popular|your\s+fav)|\bbest\b|"
    r"\bshould\s+i\s+(?:get|try|buy)\b|\bhelp\s+me\s+(?:choose|pick|find)\b|\bwhat\s+would\s+you\b"
    r"|\bsomething\s+(?:for|to|that)\b|\bgood\s+for\b|\bpopular\b|\bfavou?rite\b|\bi\s+(?:want|need)"
    r"\s+something\b"
)
_SEARCH = _rx(
    r"\bshow\b|\bdo\s+you\s+(?:have|carry|sell|stock)\b|\blooking\s+for\b|\bgot\s+any\b|\bany\b|"
    r"\bfind\b|\blist\b|\bbrowse\b|\bin\s+stock\b|\bwhat\s+(?:kinds?|types?)\b"
)
_OFF_TOPIC_HARD = _rx(
    r"\bjokes?\b|\bpoem|\bessay\b|\bhomework\b|\bpython\b|\bjavascript\b|\bcoding\b|\btranslate\b"
    r"|\bwrite\s+(?:me\s+)?(?:a|an|some)\s+(?:code|story|song|letter|email)\b"
    r"|\b\d+\s*[-+*/x]\s*\d+\s*=?\s*\?"
)
_OFF_TOPIC = _rx(
    r"\bweather\b|\bcapital\s+of\b|\bpresident\b|\bprime\s+minister\b|\belection|\bpolitic|\bmath\b"
    r"|\brecipe|\bsports?\b|\bhockey\b|\bfootball\b|\bsoccer\b|\bmovie|\bsong\b|\bstock\s+market\b"
    r"|\bbitcoin\b|\bcrypto|\bmeaning\s+of\s+life\b|\btax(?:es)?\b|\blottery\b|\bstory\b"
)
_CANNABIS = _rx(
    r"\bcannabis\b|\bmarijuana\b|\bweed\b|\bindica|\bsativa|\bhybrid|\bpot\b|\bthc\b|\bcbd\b|\bhigh\b|\bstoned\b|\bsmok|\btoke"
    r"|\bpuff|\bkush\b|\bhaze\b|\bterpenes?\b|\bdispensary\b|\bbudtender\b|\bproducts?\b|\bmenu\b"
    r"|\bstock\b|\bprices?\b|\bcost\b|\bbuy\b|\border\b|\bshop\b|\bstore\b|\bedibles?\b|\bgram\b"
    r"|\bsomething\b|\boptions?\b|\btry\b|\bget\s+me\b|\bkick\s+in\b|\beffects?\b|\btolerance\b"
    r"|\blegal\b|\blaws?\b|\bgrow(?:ing)?\b|\bplants?\b|\bcannabinoids?\b|\bstrong\b|\bsober\b"
    r"|\bpopular\b|\bbeginners?\b|\bbest[\s-]?sellers?\b|\bnew\s+arrivals\b"
)
_STRUCTURAL = _rx(  # words a filter already captured (category, strain, effect)
    "|".join(p.pattern for p in [*(c for _, c in _CATEGORIES), *(s for _, s in _STRAINS)])
    + "|"
    + "|".join(p.pattern for p, _ in _EFFECTS)
)
_NOT_SMALL_TALK = (
    _MEDICAL,
    _STORE,
    _DOSAGE,
    _EDUCATION,
    _RECOMMEND,
    _SEARCH,
    _OFF_TOPIC,
    _CANNABIS,
)
_COMPARISON = _rx(r"\bvs\.?\b|\bversus\b|\bcompare|\bdifference\b|\bbetter\s+than\b|\bpros\s+and")
_MULTI_PART = _rx(r"\band\s+(?:also|what|how|can|do|does|is|are|should)\b|\balso\b.*\?")

# --- follow-ups --------------------------------------------------------------------------
_CHEAPER = _rx(r"\bcheaper\b|\bless\s+expensive\b|\blower\s+price|\bmore\s+affordable\b")
_STRONGER = _rx(r"\bstronger\b|\bmore\s+potent\b|\bmore\s+thc\b|\bhigher\s+thc\b|\bmore\s+kick\b")
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "fifth": 4, "5th": 4, "last": -1}  # fmt: skip
_INDEX = _rx(
    r"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+(?:one|option"
    r"|product|item|pick|choice)\b|\b(?:number|option|#)\s*([1-5])\b|\bthe\s+(first|second|third|last)\b"
)
_FOLLOW = _rx(
    r"^\W*(?:what|how)\s+about\b|^\W*and\s+\w+|\banything\s+else\b|\bsomething\s+else\b|\bshow\s+me"
    r"\s+more\b|\bmore\s+(?:options|like\s+(?:that|this))\b|\binstead\b|\bsame\s+but\b|\bany\s+"
    r"others?\b|\bother\s+options\b|\bthat\s+one\b|\bthose\b|\bmilder\b|\bweaker\b|\bless\s+potent\b"
)

_WORD = re.compile(r"[a-z][a-z0-9'-]*[a-z0-9]|[a-z]")
_NAME_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_STOPWORDS = _words(
    """
    a an the and or but if then so to of in on at by for with from about as into like than
    too very just only also any some more most other such no not nor own same can could
    would should will shall may might must do does did done have has had having be is are
    was were been being am i me my mine we us our you your yours he him his she her it its
    they them their this that these those what which who whom whose when where why how all
    each both few here there up down out over under again once im i'm i've i'd i'll you're
    it's what's that's there's let's please thanks thank hi hello hey show tell give find
    get got looking look want wanted need needs know think recommend suggest suggestion
    suggestions option options something anything stuff thing things one ones kind kinds
    type types good great nice best better really maybe pretty bit lot lots around cheap
    cheaper cheapest budget price prices priced cost dollars dollar bucks cad high low
    strong stronger potent mild percent thc mg gram grams oz ounce eighth quarter half quad
    sleep sleepy night bedtime chill relax relaxing unwind energy daytime focus work
    creative art party social else first second third last buy purchase store shop menu
    product products options available stock have carry sell try trying new today tonight
    time day week weekend between max under below over above least affordable inexpensive
    while during evening morning whats much many take taking after before say said ignore
    instructions year-old years old yo can't don't doesn't isn't won't yes okay ok beginner
    beginners strongest weakest timer dose doses dosing explain compare difference mean make
    help helps cannabis marijuana
    """
)


@dataclass(frozen=True)
class _NameIndex:
    exact: dict[str, str]  # normalised name -> name as given
    by_words: dict[int, list[str]]  # word count -> normalised names fuzzy-matchable
    longest: int


def _normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("’", "'")))


def _name_key(text: str) -> str:
    return " ".join(_NAME_WORD.findall(text.lower().replace("’", "'")))


def _generic(key: str) -> bool:
    """A name made only of ordinary words ("cbd oil") does not identify a product."""
    return all(word in _STOPWORDS or _STRUCTURAL.fullmatch(word) for word in key.split())


@lru_cache(maxsize=8)
def _name_index(names: tuple[str, ...]) -> _NameIndex:
    exact: dict[str, str] = {}
    for name in names:
        full = _name_key(name)
        base = _name_key(re.sub(r"\(.*?\)|\b\d[\d.x]*\s*(?:g|mg|ml|pack|pk)?\b", " ", name))
        for key in (full, base):
            if key and key not in exact and not _generic(key):
                exact[key] = name
    by_words: dict[int, list[str]] = {}
    for key in exact:
        if len(key) >= 5:
            by_words.setdefault(len(key.split()), []).append(key)
    return _NameIndex(exact, by_words, max((len(k.split()) for k in exact), default=0))


def _find_names(text: str, known_names: Sequence[str]) -> tuple[list[str], set[str]]:
    """Catalog names in ``text`` (in order) and the words they used."""
    if not known_names:
        return [], set()
    index = _name_index(tuple(known_names))
    words = _name_key(text).split()
    found: list[str] = []
    used: set[str] = set()
    for size in range(min(index.longest, 5), 0, -1):
        for start in range(len(words) - size + 1):
            window = words[start : start + size]
            if window[0] in _STOPWORDS or window[-1] in _STOPWORDS:
                continue
            phrase = " ".join(window)
            name = index.exact.get(phrase) or _fuzzy(phrase, index.by_words.get(size, []), index)
            if name and name not in found and not used.issuperset(window):
                found.append(name)
                used.update(window)
    order = _name_key(text)
    found.sort(key=lambda n: order.find(_name_key(n).split()[0]))
    return found, used


def _distinct(phrase: str) -> str:
    """The words of a phrase that can tell products apart ("ocd" of "1 g ocd vape")."""
    return " ".join(
        w for w in phrase.split() if len(w) > 1 and not w[0].isdigit() and not _generic(w)
    )


def _fuzzy(phrase: str, choices: list[str], index: _NameIndex) -> str | None:
    distinct = _distinct(phrase)
    if len(distinct) < 4 or not choices:
        return None
    cutoff = 86 if " " in phrase else 90
    for key, _, _ in process.extract(phrase, choices, scorer=fuzz.ratio, score_cutoff=cutoff):
        if fuzz.ratio(distinct, _distinct(key)) >= cutoff:
            return index.exact[key]
    return None


def _category(text: str, size: str | None) -> Category | None:
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return Category.FLOWER if size in _FLOWER_SIZES else None


def _strain(text: str) -> StrainType | None:
    dominant = _DOMINANT.search(text)
    if dominant:
        return StrainType(dominant.group(1).lower())
    found = {strain for strain, pattern in _STRAINS if pattern.search(text)}
    plants = found - {StrainType.CBD}
    if len(plants) == 1:
        return plants.pop()
    return StrainType.CBD if found == {StrainType.CBD} else None


def _effects(text: str) -> list[str]:
    text = _NEGATED_EFFECT.sub(" ", text)
    effects: list[str] = []
    for pattern, names in _EFFECTS:
        if pattern.search(text):
            effects.extend(name for name in names if name not in effects)
    return effects


def _size(text: str) -> str | None:
    grams = _GRAMS.search(text)
    if grams:
        return f"{float(grams.group(1)):g} g"
    for pattern, size in _SIZES:
        if pattern.search(text):
            return size
    return None


def _first_number(match: re.Match[str]) -> float:
    return float(next(group for group in match.groups() if group and group[0].isdigit()))


def _prices(text: str, size: str | None) -> tuple[float | None, float | None]:
    ranged = _PRICE_RANGE.search(text)
    if ranged:
        bounds = sorted(float(g) for g in ranged.groups() if g)
        return bounds[0], bounds[-1]
    low_match, high_match = _PRICE_MIN.search(text), _PRICE_MAX.search(text)
    low = _first_number(low_match) if low_match else None
    high = _first_number(high_match) if high_match else None
    if high is None and _BUDGET.search(text):
        high = _BUDGET_MAX.get(size or "", _DEFAULT_BUDGET_MAX)
    return low, high


def _potency(analysis: Analysis, text: str) -> None:
    """Set THC / CBD bounds from figures ("over 25% thc") and words ("high thc", "mild")."""
    for pattern, attr in ((_POT_MIN, "min"), (_POT_MAX, "max")):
        for match in pattern.finditer(text):
            cannabinoid = next((g for g in match.groups() if g and g.isalpha()), "thc").lower()
            setattr(analysis, f"{attr}_{cannabinoid}", _first_number(match))
    in_mg = analysis.category in _MG_CATEGORIES
    if analysis.max_thc is None and _LOW_THC.search(text):
        analysis.max_thc = 5.0 if in_mg else 15.0
    elif analysis.min_thc is None and _HIGH_THC.search(text):  # "mild" wins over "strong"
        analysis.min_thc = 10.0 if in_mg else 20.0
    if analysis.min_cbd is None and _HIGH_CBD.search(text):
        analysis.min_cbd = 10.0


def _follow_up(analysis: Analysis, text: str) -> None:
    analysis.wants_cheaper = _CHEAPER.search(text) is not None
    analysis.wants_stronger = _STRONGER.search(text) is not None
    index = _INDEX.search(text)
    if index:
        word = next(g for g in index.groups() if g)
        analysis.refers_to_index = int(word) - 1 if word.isdigit() else _ORDINALS[word.lower()]
    analysis.follow_up = bool(
        analysis.wants_cheaper
        or analysis.wants_stronger
        or analysis.refers_to_index is not None
        or _FOLLOW.search(text)
    )


def _is_greeting(text: str, analysis: Analysis) -> bool:
    """A greeting, thanks or goodbye, with at most a few words of small talk after it."""
    match = _GREETING.search(text)
    if not match:
        return False
    rest = text[match.end() :]
    words = [word for word in _normalise(rest).split() if word not in _GREETING_FILLER]
    if not words:
        return True
    asks = any(p.search(rest) for p in _NOT_SMALL_TALK)
    return len(words) <= 3 and not asks and not analysis.injection and not _shopping(analysis)


def _shopping(analysis: Analysis) -> bool:
    return bool(
        analysis.category or analysis.strain_type or analysis.effects or analysis.product_names
        or analysis.size or analysis.min_price or analysis.max_price or analysis.follow_up
        or analysis.min_thc or analysis.max_thc or analysis.min_cbd
    )  # fmt: skip


def _intent(analysis: Analysis, text: str, leak: bool) -> Intent:
    named = analysis.product_names or analysis.refers_to_index is not None
    shopping = _shopping(analysis)
    if leak or _OFF_TOPIC_HARD.search(text):
        return Intent.OUT_OF_SCOPE
    if _is_greeting(text, analysis):
        return Intent.GREETING
    if named and (analysis.refers_to_index is not None or _INFO.search(text)):
        return Intent.PRODUCT_INFO
    for pattern, intent in ((_MEDICAL, Intent.MEDICAL), (_STORE, Intent.STORE_INFO),
                            (_DOSAGE, Intent.DOSAGE)):  # fmt: skip
        if pattern.search(text):
            return intent
    on_topic = shopping or _CANNABIS.search(text) is not None
    if not on_topic or (not shopping and (analysis.injection or _OFF_TOPIC.search(text))):
        return Intent.OUT_OF_SCOPE
    if _EDUCATION.search(text):
        return Intent.EDUCATION
    if _RECOMMEND.search(text) or (analysis.effects and not _SEARCH.search(text)):
        return Intent.RECOMMENDATION
    return Intent.PRODUCT_SEARCH


def _keywords(text: str, used: set[str]) -> list[str]:
    keywords: list[str] = []
    for word in _normalise(text).split():
        fresh = word not in _STOPWORDS and word not in used and word not in keywords
        if fresh and len(word) > 2 and not word[0].isdigit() and not _STRUCTURAL.search(word):
            keywords.append(word)
    return keywords


def _complexity(analysis: Analysis, text: str) -> None:
    analysis.is_complex = (
        len(text.split()) > 25
        or text.count("?") >= 2
        or _COMPARISON.search(text) is not None
        or _MULTI_PART.search(text) is not None
        or analysis.intent in (Intent.EDUCATION, Intent.DOSAGE)
    )
    if analysis.intent is Intent.GREETING:
        analysis.query_type = "greeting"
    elif analysis.is_complex:
        analysis.query_type = "complex"


def analyze(message: str, *, known_names: Sequence[str] = ()) -> Analysis:
    """What ``message`` asks for; ``known_names`` are the catalog's product names and brands."""
    text = message.replace("’", "'").strip()
    analysis = Analysis(intent=Intent.PRODUCT_SEARCH)
    analysis.size = _size(text)
    analysis.category = _category(text, analysis.size)
    analysis.strain_type = _strain(text)
    analysis.effects = _effects(text)
    analysis.min_price, analysis.max_price = _prices(text, analysis.size)
    _potency(analysis, text)
    analysis.product_names, used = _find_names(text, known_names)
    _follow_up(analysis, text)
    leak, analysis.injection = detect_injection(text)
    analysis.stated_age = stated_age(text)
    analysis.minor_signal = has_minor_signal(text)
    analysis.buying_for_minor = is_buying_for_minor(text)
    analysis.mentions_driving = mentions_driving(text)
    analysis.beginner = is_beginner(text)
    analysis.intent = _intent(analysis, text, leak)
    analysis.keywords = [] if analysis.intent is Intent.GREETING else _keywords(text, used)
    _complexity(analysis, text)
    return analysis
