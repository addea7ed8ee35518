"""The analyser's vocabulary: the precompiled patterns and word lists of
:mod:`weedgo.pipeline.analyze` (categories, strains, effects, prices, potencies, sizes,
intents, follow-ups and stop words)."""

from __future__ import annotations

import re

from weedgo.domain import Category, StrainType
from weedgo.text import GRAMS as GRAMS  # the sizes a customer names, read by the analyser
from weedgo.text import SIZES as SIZES


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- catalog vocabulary ------------------------------------------------------------------
CATEGORIES = tuple(
    (category, _rx(pattern))
    for category, pattern in (
        (Category.PRE_ROLL, r"\bpre[\s-]?rolls?\b|\bprerolls?\b|\bjoints?\b|\bblunts?\b|\bdoob"),
        (Category.ACCESSORY, r"\baccessor(?:y|ies)\b|\bgrinders?\b|\bpapers\b|\bbongs?\b|"
         r"\bpipes?\b|\blighters?\b|\brolling\s+trays?\b|\bbatter(?:y|ies)\b|\bcones\b|"
         r"\bstash\s+(?:jars?|pouch(?:es)?|box(?:es)?|bags?)\b|\bjars?\b|\bashtrays?\b|"
         r"\bhemp\s+wicks?\b|\bdab\s+(?:mats?|tools?)\b|\bfilter\s+tips\b|\bstorage\s+tubes\b"),
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
MG_CATEGORIES = frozenset(
    {Category.EDIBLE, Category.BEVERAGE, Category.CAPSULE, Category.OIL, Category.TOPICAL}
)
DOMINANT = _rx(r"\b(indica|sativa)[\s-]*(?:dominant|leaning|heavy)\b")
STRAINS = tuple(
    (strain, _rx(pattern))
    for strain, pattern in (
        (StrainType.INDICA, r"\bindicas?\b"),
        (StrainType.SATIVA, r"\bsativas?\b"),
        (StrainType.HYBRID, r"\bhybrids?\b"),
        (StrainType.CBD, r"\bcbd\b"),
    )
)
EFFECTS = tuple(
    (_rx(pattern), effects)
    for pattern, effects in (
        (r"\bsleep(?:y|ing)?\b|\bbed\s*time\b|\bknock\s+me\s+out\b|\bcouch[\s-]?lock|"
         r"\bnight\s*time\b|\bat\s+night\b|\bnap\b", ("Sleepy", "Relaxed")),
        (r"\bmovie\s+night\b|\bnetflix\b|\bcouch\b|\bstay(?:ing)?\s+in\b|\bat\s+home\b",
         ("Relaxed", "Happy")),
        (r"\bbeach\b|\bhik(?:e|ing)\b|\bcamping\b|\boutdoors?\b|\bfestival\b|\bpicnic\b",
         ("Happy", "Uplifted")),
        (r"\bgame\s+night\b|\bdinner\s+party\b|\bbbq\b|\bbarbecue\b", ("Happy", "Giggly")),
        (r"\bchill(?:ed|ing|y)?\b|\brelax(?:ed|ing|ation)?\b|\bunwind|\bcalm(?:ing)?\b|"
         r"\bmellow\b|\blaid[\s-]back\b|\bwind\s+down\b|\bevening\b|\blazy\b", ("Relaxed",)),
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
        (r"\baroused?\b|\barousal\b|\bintima|\bromantic\b|\bdate\s+night\b|\bfirst\s+date\b|\bon\s+a\s+date\b",
         ("Aroused",)),
    )
)  # fmt: skip
NEGATED_EFFECT = _rx(
    r"\b(?:not|no|without|won'?t|don'?t|doesn'?t|never|avoid|isn'?t|less)\b(?:\s+[\w'-]+){0,4}?"
    r"\s+(?:sleep(?:y|ing)?|couch[\s-]?lock(?:ed)?|knock(?:s|ed)?\s+(?:me\s+)?out|tired|drowsy)\b"
)

# --- numbers: price, potency, size ------------------------------------------------------
N = r"(\d+(?:\.\d{1,2})?)"
MONEY = r"\s*(?:dollars?|bucks|cad)?"
NOT_POT = r"(?![\d.]|\s*(?:%|percent|mg|g\b|grams?|thc|cbd|years?|yo\b|y/o|oz|ounces?|ml|pack|x\b))"
PRICE_RANGE = _rx(
    rf"\bbetween\s+\$?{N}{MONEY}\s+(?:and|to)\s+\$?{N}{NOT_POT}|\$\s*{N}\s*(?:-|to)\s*\$?{N}"
    rf"|\b{N}\s*(?:-|to)\s*{N}\s*(?:dollars|bucks)"
)
PRICE_MAX = _rx(
    r"(?:\bunder|\bbelow|\bless\s+than|\bcheaper\s+than|\bnot?\s+more\s+than|\bmax(?:imum)?(?:\s+of)?"
    r"|\bup\s+to|\bat\s+most|\bwithin|\bbudget\s+(?:is|of)|\bonly\s+have|\bi\s+have|<=?)"
    rf"\s*\$?\s*{N}{NOT_POT}|\$\s*{N}\s*(?:or\s+(?:less|under|below)|max|tops)"
    rf"|\b{N}\s*(?:dollars?|bucks)\s*(?:or\s+(?:less|under|below)|max|tops)"
)
PRICE_MIN = _rx(
    r"(?:\bover|\babove|(?<!no\s)(?<!not\s)\bmore\s+than|\bat\s+least|\bstarting\s+at|>=?)\s*"
    rf"(?:\$\s*{N}|{N}\s*(?:dollars?|bucks))|\$\s*{N}\s*(?:or\s+more|and\s+up|\+)"
)
BUDGET = _rx(r"\bcheap\b|\bcheapo\b|\bbudget\b|\baffordable\b|\binexpensive\b|\bbargain\b")
BUDGET_MAX = {"28 g": 150.0, "14 g": 90.0, "7 g": 50.0}
DEFAULT_BUDGET_MAX = 30.0
POT_MIN = _rx(
    r"(?:\bover|\babove|(?<!no\s)(?<!not\s)\bmore\s+than|\bat\s+least|\bgreater\s+than"
    r"|\bmin(?:imum)?(?:\s+of)?|>=?)"
    rf"\s*{N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?|{N}\s*(?:%|mg)?\s*\+\s*(thc|cbd)"
    rf"|\b(thc|cbd)\s+(?:over|above|of\s+at\s+least|at\s+least|>=?)\s*{N}"
    rf"|{N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?\s*(?:or\s+(?:more|higher|above|stronger)"
    r"|and\s+(?:up|over|above)|plus|minimum)\b"
)
POT_MAX = _rx(
    r"(?:\bunder|\bbelow|\bless\s+than|\bnot?\s+more\s+than|\bmax(?:imum)?|\bat\s+most|\bup\s+to|<=?)"
    rf"\s*{N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?"
    rf"|\b(thc|cbd)\s+(?:under|below|less\s+than|<=?)\s*{N}"
    rf"|{N}\s*(?:%|percent|mg)\s*(?:of\s+)?(thc|cbd)?\s*(?:or\s+(?:less|lower|under|below|weaker)"
    r"|and\s+(?:under|below|less)|max(?:imum)?|tops|at\s+most)\b"
    rf"|\ban?\s+{N}\s*mg\b|\b{N}\s*mg\s+(?=gumm|edibles?\b|chocolates?\b|drinks?\b|caps|soft"
    r"|chews?\b|cans?\b|bars?\b|sodas?\b|teas?\b)"
)
HIGH_THC = _rx(r"\bhigh[\s-]*thc\b|\bstrong\b|\bpotent\b|\bheavy\s+hitter|\bhits?\s+hard")
LOW_THC = _rx(
    r"\blow[\s-]*thc\b|\bmild(?:er)?\b|\bgentle\b|\bnot\s+too\s+strong\b|\bweak(?:er)?\b|"
    r"\blow(?:er)?[\s-]*dose\b|\blower[\s-]*thc\b|\bmicro[\s-]?dos|\bless\s+potent\b"
    r"|\b(?:little|no|barely\s+any|"
    r"hardly\s+any|minimal|not\s+much)\s+thc\b|\blow\s+in\s+thc\b"
)
HIGH_CBD = _rx(r"\bhigh[\s-]*cbd\b|\bcbd[\s-]*rich\b|\blots\s+of\s+cbd\b")
FLOWER_SIZES = frozenset({"3.5 g", "7 g", "14 g", "28 g"})

# --- intents -----------------------------------------------------------------------------
GREETING = _rx(
    r"^\W*(?:hi+|hello|hey+|heya|hiya|yo|howdy|sup|greetings|good\s+(?:morning|afternoon|evening)"
    r"|what'?s\s+up|thanks?(?:\s+you)?|thx|ty|cheers|appreciate\s+it|bye|goodbye|see\s+(?:ya|you)"
    r"|have\s+a\s+(?:nice|good|great)\s+(?:day|night|one)|ok(?:ay)?|great|cool|awesome|perfect)\b"
)
GREETING_FILLER = _words(
    """
    there all so much again a lot guys you everyone how are doing today man bud budtender
    friend folks very for the help it that great awesome ok okay that's is was now bye have
    nice day evening see later cool perfect
    """
)
INFO = _rx(
    r"\btell\s+me\s+(?:more\s+)?about\b|\bmore\s+(?:info|information|details)\b|\bdescribe\b"
    r"|\bwhat\s+(?:is|'s)\s+\w+|\bhow\s+strong\s+is\b|\bwhat\s+does\s+it\b|\bis\s+it\s+(?:an?\s+)?"
    r"(?:indica|sativa|hybrid|strong|in\s+stock)\b|\bhow\s+much\s+is\b"
)
MEDICAL = _rx(
    r"\b(?:chronic\s+)?pain\b|\banxiety\b|\binsomnia\b|\bdepress(?:ion|ed)\b|\bptsd\b|\bnausea\b|"
    r"\barthritis\b|\bcancer\b|\bchemo|\bepilep|\bseizures?\b|\bmigraines?\b|\bmedical\b|"
    r"\bmedicine\b|\bmedication|\bprescri|\bdoctor\b|\bdiagnos|\bcure\b|\btreat(?:ment|ing)?\s+"
    r"(?:my|his|her|their|the|a|an|chronic)\b|\bsymptoms?\b|\bpregnan|\bbreast[\s-]?feed|"
    r"\bdisease\b|\billness\b|\bcan'?t\s+sleep\b|\btrouble\s+sleeping\b|\bpanic\s+attack|"
    r"\bantidepress|\badhd\b|\binflammation\b|\bglaucoma\b|\bcrohn|\bfibromyalgia\b|\bspasms?\b"
)
STORE = _rx(
    r"\b(?:store|opening|closing|business)\s+hours\b|\bhours\b|\bare\s+you\s+open\b|\bwhen\s+"
    r"(?:do|does|are)\s+you\s+(?:open|close)\b|\bwhat\s+time\s+(?:do|does|are)\s+you\b|\bopen\s+(?:today|now|late|until|till|on)\b|"
    r"\blocation\b|\baddress\b|\bwhere\s+(?:are\s+you|is\s+the\s+store)\b|\bdirections\b|"
    r"\bparking\b|\bdeliver(?:y|ies)?\b|\bpick[\s-]?up\b|\bcurbside\b|\bpayment\b|\bpay\s+with\b|"
    r"\bcredit\s+card|\bdebit\b|\breturn\s+policy\b|\brefund|\bphone\s+number\b|\bloyalty\b"
)
DOSAGE = _rx(
    r"\bhow\s+(?:much|many)\b[\w\s]{0,30}?\b(?:take|eat|smoke|have|use)\b"
    r"|\bhow\s+much\s+(?:should|do|can|to)\b|(?<!low )(?<!low-)\bdos(?:e|es|age|ing)\b"
    r"|\bhow\s+many\s+(?:mg|milligrams"
    r"|gummies|puffs|hits|pieces|drops)\b|\bmicro[\s-]?dos|\btoo\s+much\b|\bgreen(?:ed)?\s+out\b"
    r"|\bhow\s+strong\s+should\b|\bhow\s+high\s+will\b|\btake\s+(?:another|more)\b|\bfeel\s+nothing"
    r"|\bnot\s+feeling\s+(?:it|anything)\b|\bstart\s+with\b"
)
EDUCATION = _rx(
    r"\bdifference\s+between\b|\bvs\.?\b|\bversus\b|\bcompare\b|\bexplain\b|\bhow\s+(?:does|do|long"
    r"|is|are|can)\b|\bwhat(?:'?s|\s+is|\s+are|\s+does)\s+(?:a\s+|an\s+|the\s+)?(?:terpenes?|thc|cbd|cbn|cbg"
    r"|indica|sativa|hybrids?|edibles?|concentrates?|rosin|live\s+resin|shatter|decarb\w*|"
    r"full[\s-]spectrum|entourage|myrcene|limonene|pinene|linalool|caryophyllene)\b(?!\s+(?:for|"
    r"under|with))|\bwhat\s+does\s+[\w\s-]{1,20}\s+mean\b|\bis\s+it\s+(?:legal|safe)\b|\blegal|"
    r"\blaws?\b|\bwhy\b|\bterpenes?\b|\btolerance\b|\bside\s+effects\b|\bcan\s+i\s+(?:drive|travel"
    r"|fly|bring|cross)\b|\bdecarb|\bshelf\s+life\b|\beffects\s+of\b|\bexpire"
    r"|\bhow\s+to\s+(?:store|use|smoke|roll)"
)
RECOMMEND = _rx(
    r"\brecommend|\bsuggest|\bwhat(?:'s|\s+is|\s+are)\s+(?:good|best|popular|your\s+fav)|\bbest\b|"
    r"\bshould\s+i\s+(?:get|try|buy)\b|\bhelp\s+me\s+(?:choose|pick|find)\b|\bwhat\s+would\s+you\b"
    r"|\bsomething\s+(?:for|to|that)\b|\bgood\s+for\b|\bpopular\b|\bfavou?rite\b|\bi\s+(?:want|need)"
    r"\s+something\b"
)
SEARCH = _rx(
    r"\bshow\b|\bdo\s+you\s+(?:have|carry|sell|stock)\b|\blooking\s+for\b|\bgot\s+any\b|\bany\b|"
    r"\bfind\b|\blist\b|\bbrowse\b|\bin\s+stock\b|\bwhat\s+(?:kinds?|types?)\b"
)
OFF_TOPIC_HARD = _rx(
    r"\bjokes?\b|\bpoem|\bessay\b|\bhomework\b|\bpython\b|\bjavascript\b|\bcoding\b|\btranslate\b"
    r"|\bwrite\s+(?:me\s+)?(?:a|an|some)\s+(?:code|story|song|letter|email)\b"
    r"|\b\d+\s*[-+*/x]\s*\d+\s*=?\s*\?"
)
OFF_TOPIC = _rx(
    r"\bweather\b|\bcapital\s+of\b|\bpresident\b|\bprime\s+minister\b|\belection|\bpolitic|\bmath\b"
    r"|\brecipe|\bsports?\b|\bhockey\b|\bfootball\b|\bsoccer\b|\bmovies?\b(?!\s+night)|\bsong\b|\bstock\s+market\b"
    r"|\bbitcoin\b|\bcrypto|\bmeaning\s+of\s+life\b|\btax(?:es)?\b|\blottery\b|\bstory\b"
)
CANNABIS = _rx(
    r"\bcannabis\b|\bmarijuana\b|\bweed\b|\bindica|\bsativa|\bhybrid|\bpot\b|\bthc\b|\bcbd\b|\bhigh\b|\bstoned\b|\bsmok|\btoke"
    r"|\bpuff|\bkush\b|\bhaze\b|\bterpenes?\b|\bdispensary\b|\bbudtender\b|\bproducts?\b|\bmenu\b"
    r"|\bstock\b|\bprices?\b|\bcost\b|\bbuy\b|\border\b|\bshop\b|\bstore\b|\bedibles?\b|\bgram\b"
    r"|\bsomething\b|\boptions?\b|\btry\b|\bget\s+me\b|\bkick\s+in\b|\beffects?\b|\btolerance\b"
    r"|\blegal\b|\blaws?\b|\bgrow(?:ing)?\b|\bplants?\b|\bcannabinoids?\b|\bstrong\b|\bsober\b"
    r"|\bpopular\b|\bbeginners?\b|\bbest[\s-]?sellers?\b|\bnew\s+arrivals\b|\bcbn\b|\bcbg\b"
    r"|\bcannabinol\b|\b(?:full|broad)[\s-]spectrum\b|\bisolates?\b|\bdecarb|\bthca\b"
    r"|\b\d{1,2}\s*:\s*\d{1,2}\b"
)
STRUCTURAL = _rx(  # words a filter already captured (category, strain, effect)
    "|".join(p.pattern for p in [*(c for _, c in CATEGORIES), *(s for _, s in STRAINS)])
    + "|"
    + "|".join(p.pattern for p, _ in EFFECTS)
)
NOT_SMALL_TALK = (
    MEDICAL,
    STORE,
    DOSAGE,
    EDUCATION,
    RECOMMEND,
    SEARCH,
    OFF_TOPIC,
    CANNABIS,
)
COMPARISON = _rx(r"\bvs\.?\b|\bversus\b|\bcompare|\bdifference\b|\bbetter\s+than\b|\bpros\s+and")
MULTI_PART = _rx(r"\band\s+(?:also|what|how|can|do|does|is|are|should)\b|\balso\b.*\?")

# --- follow-ups --------------------------------------------------------------------------
CHEAPER = _rx(r"\bcheaper\b|\bless\s+expensive\b|\blower\s+price|\bmore\s+affordable\b")
STRONGER = _rx(r"\bstronger\b|\bmore\s+potent\b|\bmore\s+thc\b|\bhigher\s+thc\b|\bmore\s+kick\b")
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3,
             "4th": 3, "fifth": 4, "5th": 4, "last": -1}  # fmt: skip
INDEX = _rx(
    r"\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\s+(?:one|option"
    r"|product|item|pick|choice)\b|\b(?:number|option|#)\s*([1-5])\b|\bthe\s+(first|second|third|last)\b"
    # "the first time", "the last dose": a time, not a product on the screen
    r"(?!\s+(?:times?|timers?|week(?:end)?|day|night|month|year|hours?|dose|puff|hit|try|go|bite)\b)"
)
FOLLOW = _rx(
    r"^\W*(?:what|how)\s+about\b|^\W*and\s+\w+|\banything\s+else\b|\bsomething\s+else\b|\bshow\s+me"
    r"\s+more\b|\bmore\s+(?:options|like\s+(?:that|this))\b|\binstead\b|\bsame\s+but\b|\bany\s+"
    r"others?\b|\bother\s+options\b|\bthat\s+one\b|\bthose\b|\bmilder\b|\bweaker\b|\bless\s+potent\b"
    r"|^\W*(?:in|as)\s+(?:an?\s+)?[\w\s-]{2,20}\?*\s*$"
)

STOPWORDS = _words(
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
