"""The shop half of the French phrase table (:mod:`weedgo.i18n.gloss`): prices and
orderings, follow-ups, products, effects, sizes and aromas, in order."""

from __future__ import annotations

_THE = r"(?:le|la|les|l'|du|au)\s*"
_STRONG = r"(?:forte?s?|puissante?s?|intenses?)"
_MILD = r"(?:doux|douces?|legers?|legeres?|faibles?)"
_DEAR = r"(?:cher|chere|chers|cheres|dispendieux|dispendieuses?)"

PRICES = (
    (
        r"\bentre\s+(\$?\d+(?:\.\d+)?)\s*(?:dollars\s+)?et\s+(\$?\d+(?:\.\d+)?)",
        r"between \1 and \2",
    ),
    (r"\bde\s+(\$\d+(?:\.\d+)?)\s+a\s+(\$\d+(?:\.\d+)?)", r"\1 to \2"),
    (
        r"\b(\$\d+(?:\.\d+)?|\d+\s*dollars)\s+(?:ou\s+moins|maximum|max|au\s+plus|tops?)\b",
        r"\1 or less",
    ),
    (r"\b(\$\d+(?:\.\d+)?|\d+\s*dollars)\s+(?:ou\s+plus|et\s+plus|minimum)\b", r"\1 or more"),
    (
        r"(\d+(?:\.\d+)?\s*(?:%|mg)(?:\s+(?:thc|cbd))?)\s+(?:ou\s+moins|maximum|max|au\s+plus)\b",
        r"\1 or less",
    ),
    (
        r"(\d+(?:\.\d+)?\s*(?:%|mg)(?:\s+(?:thc|cbd))?)\s+(?:ou\s+plus|et\s+plus|minimum|au\s+moins)\b",
        r"\1 or more",
    ),
    (
        r"\b(?:moins\s+(?:de|que)|pas\s+plus\s+de|pas\s+plus\s+que|au\s+plus|sous\s+les|sous"
        r"|en\s+dessous\s+de|en\s+bas\s+de|maximum(?:\s+de)?|max)\s+(?=\$?\d)",
        "under ",
    ),
    (
        r"\b(?:plus\s+de|plus\s+que|au-dessus\s+de|au\s+dessus\s+de|en\s+haut\s+de)\s+(?=\$?\d)",
        "over ",
    ),
    (r"\bau\s+moins\s+(?=\$?\d)|\bminimum(?:\s+de)?\s+(?=\$?\d)", "at least "),
    (r"\bbudget\s+(?:de|d'environ)\s+(?=\$?\d)", "budget of "),
    (r"\bj'?ai\s+(?:juste\s+|seulement\s+|rien\s+que\s+)?(?=\$\d|\d+\s*dollars)", "i only have "),
    (r"\bmoins\s+cher\s+que\b", "cheaper than"),
)
ORDERS = (
    (
        rf"\b{_THE}(?:plus|\+)\s+{_STRONG}|\b{_THE}plus\s+de\s+thc\b|\b{_THE}plus\s+haut\s+taux\b",
        "strongest",
    ),
    (rf"\b{_THE}(?:moins\s+{_STRONG}|plus\s+{_MILD})|\b{_THE}moins\s+de\s+thc\b", "mildest"),
    (
        rf"\b{_THE}moins\s+{_DEAR}|\b{_THE}plus\s+abordables?\b|\b{_THE}plus\s+bas\s+prix\b",
        "cheapest",
    ),
    (rf"\b{_THE}plus\s+{_DEAR}", "priciest"),
    (r"\bhaut\s+de\s+gamme\b", "top shelf"),
    (
        r"\b(?:meilleur\s+)?rapport\s+qualite[\s-]prix\b|\bmeilleure?\s+(?:aubaine|deal|valeur)\b"
        r"|\ble\s+plus\s+pour\s+mon\s+argent\b|\bpour\s+mon\s+argent\b",
        "best value",
    ),
    (r"\bprix\s+(?:au|par)\s+gramme\b", "price per gram"),
)
FOLLOW_UPS = (
    (rf"\bmoins\s+{_DEAR}|\bplus\s+abordables?\b", "cheaper"),
    (rf"\bplus\s+{_STRONG}|\bplus\s+de\s+thc\b", "stronger"),
    (rf"\bplus\s+{_MILD}|\bmoins\s+{_STRONG}|\bmoins\s+de\s+thc\b", "milder"),
    (r"\b(?:pas\s+trop|pas\s+si)\s+forte?s?\b", "not too strong"),
    (r"\bpremiere?s?\s+fois\b|\b1re\s+fois\b", "first time"),
    (rf"\b{_THE}(?:premier|premiere|1er|1re)\b(?:\s+(?:option|produit|choix))?", "the first one"),
    (rf"\b{_THE}(?:deuxieme|2e|seconde?)\b(?:\s+(?:option|produit|choix))?", "the second one"),
    (rf"\b{_THE}(?:troisieme|3e)\b(?:\s+(?:option|produit|choix))?", "the third one"),
    (rf"\b{_THE}(?:quatrieme|4e)\b(?:\s+(?:option|produit|choix))?", "the fourth one"),
    (rf"\b{_THE}(?:dernier|derniere)\b(?:\s+(?:option|produit|choix))?", "the last one"),
    (r"\b(?:numero|no|#)\s*([1-5])\b", r"number \1"),
    (
        r"\b(?:parle|parlez|parles)[\s-]*(?:moi|nous)\s+(?:plus\s+|davantage\s+)?(?:de|du|des)\b",
        "tell me more about",
    ),
    (
        r"\bquoi\s+d'autre\b|\bautre\s+chose\b|\bd'?autres\s+(?:options|choix|produits)\b",
        "anything else",
    ),
    (r"\bmontre[sz]?[\s-]*m'en\s+plus\b|\bplus\s+d'options\b", "show me more"),
    (r"\bplutot\b|\ba\s+la\s+place\b", "instead"),
    (r"\bpareil\s+mais\b|\bmeme\s+chose\s+mais\b", "same but"),
    (r"\bcelui-la\b|\bcelle-la\b|\bceux-la\b", "that one"),
    (r"^\W*et\s+(?:pour\s+)?(?:les?\s+|la\s+|des\s+|du\s+|en\s+)?", "what about "),
    (r"^\W*(?:en|comme)\s+(?:un\s+|une\s+)?(?=[\w\s-]{2,20}\?*\s*$)", "in "),
)
PRODUCTS = (
    (r"\bhybrides?\b", "hybrid"),
    (
        r"\b(?:a\s+)?dominance\s+(indica|sativa)\b|\b(indica|sativa)\s+dominante?\b",
        r"\1\2 dominant",
    ),
    (r"\bpre[\s-]?roule\w*|\bjoints?\s+pre[\s-]?roule\w*|\bpetits?\s+joints?\b", "pre-rolls"),
    (r"\bfleurs?\s+sechees?\b|\bfleurs?\b|\bcocottes?\b|\bbourgeons?\b", "flower"),
    (r"\bherbe\b", "herb"),
    (r"\bpot\b|\bmari\b", "weed"),
    (r"\bvarietes?\b|\bsouches?\b", "strains"),
    (r"\bvapoteuses?\b|\bvaporisateurs?\b|\bvapoter\b|\bvapot\w*", "vape"),
    (r"\bcrayons?\b|\bstylos?\b", "pen"),
    (r"\bcartouches?\b", "cartridge"),
    (r"\bjetables?\b", "disposable"),
    (r"\bpiles?\b|\bbatteries?\b", "battery"),
    (r"\bcomestibles?\b|\bproduits?\s+comestibles?\b|\bbouffe\b", "edibles"),
    (r"\bjujubes?\b|\bbonbons?\s+gelifies?\b|\bgommes?\b|\bgummies\b|\bgummy\b", "gummies"),
    (r"\bchocolats?\b", "chocolate"),
    (r"\bbonbons?\b|\bfriandises?\b", "candy"),
    (r"\bpastilles?\b", "lozenges"),
    (r"\bthes?\s+glaces?\b", "iced tea"),
    (r"\bboissons?\s+gazeuses?\b|\bliqueurs?\b", "soda"),
    (r"\beaux?\s+petillantes?\b", "sparkling water"),
    (r"\blimonades?\b", "lemonade"),
    (r"\bboissons?\b|\bbreuvages?\b|\bbreuvage\b|\bcanettes?\b", "drinks"),
    (r"\b(?:du|de|des|un|les?|au|aux|en|ton|votre)\s+thes?\b|\btisanes?\b", "tea"),
    (r"\bthes?\s+(?:verts?|noirs?|infuses?|au\s+cannabis)\b", "tea"),
    (r"\bhuiles?\b", "oil"),
    (r"\bteintures?\b", "tincture"),
    (r"\bgouttes\b", "drops"),
    (r"\bvaporisateur\s+oral\b|\bspray\b|\ben\s+vaporisateur\b", "spray"),
    (r"\bcapsules?\s+molles?\b|\bgelules?\s+molles?\b", "softgels"),
    (r"\bgelules?\b|\bcomprimes?\b|\bpilules?\b", "capsules"),
    (r"\btopiques?\b|\bproduits?\s+topiques?\b", "topical"),
    (r"\bcremes?\b", "cream"),
    (r"\bbaumes?\b", "balm"),
    (r"\bbombes?\s+de\s+bain\b|\bsels?\s+de\s+bain\b", "bath bomb"),
    (r"\btimbres?\b|\bpatchs?\b", "patch"),
    (r"\bme\s+concentrer\b|\bconcentration\b|\bproductiv\w*|\bfocus\w*", "focus"),
    (r"\bconcentres?\b|\bextraits?\b", "concentrates"),
    (r"\bhasch\w*|\bhaschi\w*|\bhachisch\b|\bhash\b", "hash"),
    (r"\bresine\s+vivante\b|\blive\s+resin\b", "live resin"),
    (r"\bresine\b", "resin"),
    (r"\bcire\b", "wax"),
    (r"\bdistillat\b", "distillate"),
    (r"\baccessoires?\b", "accessories"),
    (r"\bbroyeurs?\b|\bmoulins?\b|\begreneurs?\b", "grinder"),
    (r"\b(?:papiers?|feuilles?)(?:\s+a\s+rouler)?\b", "papers"),
    (r"\bbriquets?\b", "lighter"),
    (r"\bcannabinoides?\b", "cannabinoids"),
    (r"\bfumer\b|\bfume\b|\bboucane\b", "smoke"),
    (r"\bproduits?\b", "products"),
    (r"\bmagasin\b|\bboutique\b|\bsuccursale\b", "store"),
    (r"\bprix\b", "price"),
    (r"\bcoute\w*", "cost"),
    (r"\bacheter\b|\bachete\b", "buy"),
    (r"\bessayer\b|\bessaye\b", "try"),
    (r"\bcommander\b", "order"),
    (r"\bdebutante?s?\b|\bnovices?\b", "beginner"),
    (
        r"\bj'?ai\s+jamais\s+(?:essaye|fume|consomme|pris)\b|\bjamais\s+(?:essaye|fume|consomme)\b",
        "never tried",
    ),
    (
        r"\bnouveaux?\s+(?:la-dedans|dans\s+le\s+cannabis)\b|\bnouvelle\s+(?:la-dedans|dans\s+le)\b",
        "new to",
    ),
    (r"\bfaible\s+tolerance\b|\bpetite\s+nature\b", "low tolerance"),
    (r"\balcool\b|\bboire\b", "alcohol"),
    (r"\bbieres?\b", "beer"),
    (r"\bvin\b", "wine"),
)
EFFECTS = (
    (
        r"\bsans\s+(?:me\s+|te\s+)?(?:rendre\s+|etre\s+)?(?:somnolente?|endormie?|assommee?|"
        r"fatiguee?)\b|\b(?:ne\s+)?(?:me\s+)?(?:rend|rendra|rende)\s+pas\s+(?:somnolente?|endormie?)"
        r"\b|\bpas\s+(?:somnolente?|endormie?|assommee?)\b",
        "not sleepy",
    ),
    (
        r"\bsoiree\s+(?:cinema|film|netflix|tele)\b|\b(?:ecouter|regarder)\s+(?:un\s+)?film\b",
        "movie night",
    ),
    (r"\bsoiree\s+de\s+jeux\b", "game night"),
    (r"\bsoiree\s+(?:romantique|en\s+amoureux)\b|\bpremier\s+rendez-vous\b", "date night"),
    (r"\bapres\s+(?:le\s+|mon\s+|la\s+)?(?:travail|job|shift|ouvrage|journee)\b", "after work"),
    (
        r"\bavant\s+de\s+(?:me\s+)?(?:coucher|dormir)\b|\bau\s+lit\b|\bheure\s+du\s+dodo\b",
        "bedtime",
    ),
    (r"\bdormir\b|\bm'endormir\b|\bsommeil\b|\bdodo\b|\bsomnolente?\b", "sleep"),
    (r"\b(?:la|cette|de)\s+nuit\b", "at night"),
    (r"\bce\s+soir\b", "tonight"),
    (r"\ble\s+soir\b|\ben\s+soiree\b|\bde\s+soiree\b|\bsoirees?\b", "evening"),
    (
        r"\bme\s+detendre\b|\bdetente\b|\bdetend\w*|\brelax\w*|\bdecompress\w*|\bcalme\b|\bchill\w*",
        "relax",
    ),
    (r"\benergi\w*|\bme\s+reveiller\b", "energy"),
    (r"\ble\s+matin\b|\ben\s+matinee\b|\bbon\s+matin\b", "morning"),
    (r"\b(?:la|de)\s+journee\b|\bde\s+jour\b|\ble\s+jour\b", "daytime"),
    (r"\bcreati\w*|\bcreer\b", "creative"),
    (r"\bmusique\b", "music"),
    (r"\bpeinture\b|\bpeindre\b", "painting"),
    (r"\becrire\b", "writing"),
    (r"\b(?:pour|au|en)\s+(?:travailler|travail|travaillant)\b", "for work"),
    (r"\betudier\b|\betudes\b", "study"),
    (r"\bsouper\b|\bbbq\b", "dinner party"),
    (r"\ba\s+la\s+maison\b|\brester\s+(?:chez\s+nous|a\s+la\s+maison|tranquille)\b", "at home"),
    (r"\bdivan\b|\bsofa\b", "couch"),
    (r"\bplein\s+air\b|\bdehors\b", "outdoors"),
    (r"\brandonnee\b", "hiking"),
    (r"\bplage\b", "beach"),
    (r"\bpique-nique\b", "picnic"),
    (r"\bfetes?\b|\bpartys?\b", "party"),
    (r"\b(?:entre|avec\s+(?:des|mes))\s+ami(?:e)?s\b|\bentre\s+chums\b", "with friends"),
    (r"\bsociale?\w*", "social"),
    (r"\bbonne\s+humeur\b|\bheureu\w*|\bjoyeu\w*", "happy"),
    (r"\beuphori\w*", "euphoric"),
    (r"\bentrain\b|\bstimulante?s?\b|\bmotivante?s?\b", "uplifting"),
    (r"\bfringales?\b|\bmunchies\b", "munchies"),
    (r"\bfaim\b", "hungry"),
    (r"\bappetit\b", "appetite"),
    (r"\brire\b|\brigoler\b", "laugh"),
    (r"\bpicotements?\b", "tingly"),
    (r"\ben\s+amoureux\b|\bromantique\b|\brendez-vous\s+galant\b", "romantic"),
    (
        r"\bfaibles?\s+en\s+thc\b|\bpeu\s+de\s+thc\b|\bpas\s+beaucoup\s+de\s+thc\b|\bsans\s+thc\b",
        "low thc",
    ),
    (r"\briches?\s+en\s+cbd\b|\bbeaucoup\s+de\s+cbd\b|\belevee?s?\s+en\s+cbd\b", "high cbd"),
    (
        r"\bbeaucoup\s+de\s+thc\b|\belevee?s?\s+en\s+thc\b|\bhaute?s?\s+en\s+thc\b"
        r"|\btaux\s+(?:de\s+thc\s+)?eleve\b",
        "high thc",
    ),
    (r"\bmicro[\s-]?dos\w*", "microdose"),
    (r"\bfaible\s+dose\b|\bpetite\s+dose\b", "low dose"),
    (rf"\b{_STRONG}\b|\bfrappe\s+fort\b|\bqui\s+frappe\b|\bqui\s+cogne\b", "strong"),
    (rf"\b{_MILD}\b", "mild"),
    (
        r"\bpas\s+(?:trop\s+)?cher(?:e|s|es)?\b|\babordables?\b|\bbon\s+marche\b|\beconomiques?\b"
        r"|\bpetit\s+budget\b",
        "cheap",
    ),
)
SIZES = (
    (r"\bdemi[\s-]?grammes?\b", "half gram"),
    (r"\bdemi[\s-]?onces?\b|\bdemie?[\s-]?oz\b|\b1/2\s*once\b", "half oz"),
    (r"\bhuitiemes?\b|\bun\s+8e\b|\bun\s+huit\b", "eighth"),
    (r"\bquarts?(?:\s+d'once)?\b", "quarter"),
    (r"\b(?:une\s+|1\s+)?onces?\b", "ounce"),
    (r"\b(?:un|1)\s+grammes?\b", "a gram"),
    (r"\bgrammes?\b", "grams"),
)
AROMAS = (
    (r"\bagrumes?\b|\bcitronne\w*|\bcitrons?\b", "citrus"),
    (r"\bsapin\b|\bpins?\b", "piney"),
    (r"\bterreu\w*", "earthy"),
    (r"\bmouffette\b", "skunky"),
    (r"\bsucree?s?\b", "sweet"),
    (r"\bfruitee?s?\b|\bfruits\b", "fruity"),
    (r"\bpetits\s+fruits\b|\bbaies\b|\bbleuets?\b|\bfraises?\b|\bframboises?\b", "berry"),
    (r"\braisins?\b", "grape"),
    (r"\bmenthe\b", "mint"),
    (r"\bvanille\b", "vanilla"),
    (r"\bcafe\b", "coffee"),
    (r"\bepice\w*|\bpoivre\w*", "spicy"),
    (r"\blavande\b|\bflorale?s?\b", "floral"),
    (r"\bsaveurs?\b|\bgouts?\b", "flavour"),
    (r"\bodeurs?\b|\baromes?\b|\bsent\b", "smell"),
    (r"\bgorge\b", "throat"),
    (r"\bcadeaux?\b", "gift"),
    (r"\blinalol\b", "linalool"),
)
ELISIONS = (r"\b(?:l|d|j|m|t|s|n|c|qu|jusqu|lorsqu)'", "")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


FRENCH_STOPWORDS = _words(
    """    le la les un une des du de et ou au aux en dans pour avec sur par ce cet cette ces qui
    que quoi quel quelle quels quelles je tu te vous nous il elle ils elles moi toi mon ma
    mes ton ta tes son sa ses notre nos votre vos leur leurs est sont suis es etre avoir ai
    as avez avons ont y quelque chose comme tres trop bien aussi peu pas ne si oui non svp
    stp genre mettons ca cela ceci tout tous toute toutes sorte peut peux pouvez veux
    voudrais voudrait aimerais faire fait donne donner offre offrez vend vendez j'aimerais
    sans mais donc alors encore deja vraiment juste seulement environ autour vers chez
    est-ce c'est qu'est-ce quelqu'un un-e cherche besoin plusieurs beaucoup quelques faites
    heure
    """
)
