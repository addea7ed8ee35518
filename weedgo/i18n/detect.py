"""The language of a customer's message, without a model call.

Word lists: each word of the message that only one of the two languages uses counts for
that language (function words, question words and the shop's own words), and a French
accent counts for French. Words both languages share ("indica", "cbd", "ok", "menu")
count for neither, so "indica?" has no language of its own: :func:`resolve_language`
then falls back on the session, the page and the store's default.

Measured on the paired test set and the quality suite's questions (see
docs/compliance.md): about 20 microseconds a message.
"""

from __future__ import annotations

import re

from weedgo.i18n import Language, language_code
from weedgo.text import strip_accents

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ACCENT = re.compile(r"[éèêëàâçùûîïôœ]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FRENCH = _words(
    """
    le la les des du un une est et je j'ai tu vous nous ils elles avez avons avoir suis sont
    pour avec dans sur pas moins plus cher chers chere cheres quoi quel quelle quels quelles
    bonjour bonsoir salut allo merci c'est qu'est qu'est-ce ce cette ces mon ma mes ton ta
    tes sa ses leur leurs au aux veux voudrais voudrait cherche besoin aimerais fleurs fleur
    jujubes jujube comestibles comestible boissons boisson huiles huile preroules preroule
    prerouler vapoteuse vapoteuses cartouche cartouches concentres concentre haschich hasch
    topiques topique creme baume sommeil dormir detente detendre relaxer energie creativite
    dollars dollar piasses combien comment pourquoi quand ou peux peut puis dois doit fait
    faire quelque chose autre autres aussi tres bien bon bonne meilleur meilleure fort forte
    doux douce leger legere deuxieme troisieme premier premiere dernier derniere montre
    montrez moi toi avez-vous as-tu y'a-tu t'as vendez conseilles conseillez recommandes
    recommandez suggere qui que qu'il qu'elle sans ans mais donc car chez tout tous toute
    toutes rien jamais encore deja fois soir matin journee nuit gateau gateaux bonbons
    chocolats chocolat gelules mal douleur anxiete stress fumer fume goute gout odeur
    essayer acheter prix magasin boutique heures ouvert ouverte fermez livraison adresse
    debutant debutante conduire volant alcool biere vin enfant enfants fils fille ado
    secondaire l'huile d'huile l'effet d'effet effets gramme grammes once huitieme quart
    demi puissant puissante taux genre sorte sortes svp stp parfait super genial voici
    voila de en varietes variete gelules jetable jetables resine vivante bombe bain
    teintures teinture broyeur feuilles rouler sapin terreux gazeuse glace molles roule
    roules preroulé dominance riches riche soiree romantique goute agrumes sucres faibles
    pis tsé parlez parle deuxieme troisieme quatrieme huitiemes grossesse enceinte
    """
)
ENGLISH = _words(
    """
    the a an is are and i i'm i've you your we our they for with in on at to of from what
    which who how why when where do does did have has had show me some any under over
    cheap cheaper cheapest strong stronger strongest best good something anything else
    want need looking recommend suggest tell about more less than between around hi hello
    hey thanks thank please bye flower flowers edibles edible gummies gummy drinks drink
    oil oils pre-rolls pre-roll preroll prerolls joints vape vapes cartridge carts
    concentrates hash topical cream capsules sleep relax relaxing energy creative focus
    price prices bucks got get can could would should will it it's that this those these
    there here my mine just only also very really much many one ones first second third
    last other others help store open hours eighth quarter ounce gram grams half mild
    weak stoned high beginner beginners smoke smoking try buy old years kid kids son
    daughter driving drive alcohol beer wine what's whats don't doesn't can't isn't
    yes no not okay thx cheers awesome great cool resin live topicals softgels balm bath
    bomb disposable tinctures rolling papers piney earthy citrusy iced tea soda dominant
    strains strain gummies drinks beverages anything products product hybrid hybrids
    pretend doctor rolls roll flavour flavor smell taste cheap
    """
)
_SHARED = _words(
    """
    a on me pour plus super parfait ok okay bye cool high stoned menu indica sativa hybride
    cbd thc hash vape vapes joints capsules preroll prerolls second once ton car chose
    dollars dollar stress relax
    """
)
FRENCH = FRENCH - _SHARED - ENGLISH
ENGLISH = ENGLISH - _SHARED


def fold(text: str) -> str:
    """Lower case without accents: "Détente à 30 $" -> "detente a 30 $"."""
    return strip_accents(text.lower().replace("’", "'"))


def scores(message: str) -> tuple[int, int]:
    """(French evidence, English evidence) in ``message``."""
    lower = message.lower().replace("’", "'")
    words = _WORD.findall(fold(lower))
    french = sum(1 for word in words if word in FRENCH or word.split("'")[-1] in FRENCH)
    english = sum(1 for word in words if word in ENGLISH)
    french += min(2, len(_ACCENT.findall(lower)))
    return french, english


def detect_language(message: str) -> Language | None:
    """ "en" or "fr" when the message says which; None when it does not ("indica?")."""
    french, english = scores(message)
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return None


def resolve_language(
    *,
    requested: str | None,
    detected: Language | None,
    remembered: str | None,
    page: str | None,
    default: str,
) -> Language:
    """The language of the turn's reply, the first of these that is given:

    1. ``requested``: the request's ``language`` field (the integrator, or the customer's
       own choice on the page's switch);
    2. ``detected``: the language the message is written in;
    3. ``remembered``: the session's language, from its earlier turns;
    4. ``page``: the language the page was showing (``page_language``);
    5. ``default``: the store's ``WEEDGO_DEFAULT_LANGUAGE``.
    """
    for value in (requested, detected, remembered, page, default):
        code = language_code(value)
        if code is not None:
            return code
    return "en"
