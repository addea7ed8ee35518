"""The French-to-analyser phrase table of :mod:`weedgo.i18n.gloss`, in order.

Each rule is ``(pattern, replacement)`` over folded text (lower case, no accents): a
French way of stating something becomes the words the English analyser recognises for
the same thing. Longer phrases come before the words they hold ("le moins cher" is the
cheapest, "moins cher" a follow-up, "moins de 30 $" a price bound).
"""

from __future__ import annotations

# --- numbers, compliance signals and questions first ------------------------------------
CONTRACTIONS = (  # as customers type them: "cest", "jai", "qu est ce que"
    (r"\bc\s+est\b|\bcest\b", "c'est"),
    (r"\bj\s+ai\b|\bjai\b", "j'ai"),
    (r"\bjaimerais\b", "j'aimerais"),
    (r"\bjveux\b|\bj'veux\b", "je veux"),
    (r"\bchu\b|\bj'suis\b|\bjsuis\b", "je suis"),
    (r"\bqqch\b|\bqqc\b|\bquekchose\b", "quelque chose"),
    (r"\bc\s+quoi\b", "c'est quoi"),
    (r"\bas-tu\b|\bas\s+tu\b|\bavez-vous\b|\bavez\s+vous\b", "vous avez"),
    (r"\by'?\s*a[\s-]+tu\b|\by'?\s*en\s+a[\s-]+tu\b|\by'?\s*a[\s-]+t-il\b", "il y a"),
    (r"\b(\w+)-tu\b", r"\1"),  # "vous avez-tu", "c'est-tu": the question's "tu"
    (r"\bqu\s*'?\s*est[\s-]*ce\b|\bquesque\b|\bkessé\b|\bkesse\b", "qu'est-ce"),
    (r"\baujourdhui\b", "aujourd'hui"),
    (r"\bta\s+tu\b|\bt'as-tu\b", "as-tu"),
)
NUMBERS = (
    (r"(\d+),(\d{1,2})\b", r"\1.\2"),  # 3,5 g -> 3.5 g; 32,99 $ -> 32.99 $
    (r"\b(?:piasses?|piastres?|dollars?)\b", "dollars"),
    (r"\bpour\s*cent\b", "percent"),
    (r"(\d+(?:\.\d+)?)\s*\$", r"$\1"),  # 30 $ -> $30
    (r"%\s*(?:de\s+|d')?(thc|cbd)\b", r"% \1"),
    (r"\bmg\s*(?:de\s+|d')?(thc|cbd)\b", r"mg \1"),
    (r"\b(?:de|a)\s+(\d+(?:\.\d+)?\s*mg)\b(?!\s*(?:ou|et)\s+(?:plus|moins))", r"a \1"),
)
GREETINGS = (
    (r"^\W*(?:bonjour|bonsoir|salut|allo|coucou|bon\s+matin|hey|yo)\b", "hello"),
    (r"\bmerci(?:\s+(?:beaucoup|bien|mille\s+fois|encore))?\b", "thanks"),
    (r"\bbonne\s+(?:journee|soiree|fin\s+de\s+semaine|nuit)\b", "have a nice day"),
)
AGE = (
    (r"\bj'?ai\s+(?:seulement\s+|juste\s+)?(\d{1,2})\s*ans\b", r"i'm \1"),
    (r"\bje\s+vais\s+avoir\s+(\d{1,2})\s*ans\b|\bj'?aurai\s+(\d{1,2})\s*ans\b", r"i'll be \1\2"),
    (r"\bje\s+viens\s+d'?avoir\s+(\d{1,2})\s*ans\b", r"i just turned \1"),
    (r"^\W*(\d{1,2})\s*ans\b", r"\1 years old"),
    (
        r"\bmon\s+(?:\w+\s+){0,2}?(?:fils|frere|neveu|cousin|ami|chum|gars|garcon|petit-fils)"
        r"\s+(?:de|qui\s+a)\s+(\d{1,2})\s*ans\b",
        r"my \1 years old friend",
    ),
    (
        r"\bma\s+(?:\w+\s+){0,2}?(?:fille|soeur|niece|cousine|amie|blonde|petite-fille)"
        r"\s+(?:de|qui\s+a)\s+(\d{1,2})\s*ans\b",
        r"my \1 years old friend",
    ),
    (r"\bmon\s+(?:fils|frere|ami|chum)\s+a\s+(\d{1,2})\s*ans\b", r"my son is \1"),
    (r"\bma\s+(?:fille|soeur|amie|blonde)\s+a\s+(\d{1,2})\s*ans\b", r"my daughter is \1"),
    (
        r"\b(?:pour|a|avec)\s+(?:mon|ma|mes|notre|nos)\s+(?:enfants?|kids?|ados?|adolescente?s?|"
        r"petite?\s+(?:frere|soeur)|jeune\s+(?:frere|soeur)|bebe)\b",
        "for my kid",
    ),
    (r"\b(?:pour|a)\s+(?:un|une|des)\s+(?:mineure?s?|enfants?|ados?)\b", "for a minor"),
    (r"\bpour\s+quelqu'?un\s+(?:qui\s+est\s+)?(?:mineure?|trop\s+jeune)\b", "for someone underage"),
    (
        r"\bmes\s+parents\s+(?:ne\s+)?(?:(?:le\s+)?savent|(?:le\s+)?sauront|doivent|vont|veulent)"
        r"\s+(?:\w+\s+)?pas\b|\bmon\s+pere\s+(?:ne\s+)?(?:le\s+)?(?:sait|saura)\s+pas\b"
        r"|\bma\s+mere\s+(?:ne\s+)?(?:le\s+)?(?:sait|saura)\s+pas\b",
        "my parents don't know",
    ),
    (r"\b(?:apres|avant)\s+(?:l'ecole|les\s+cours)\b", "after school"),
    (
        r"\b(?:je\s+suis\s+|j'suis\s+|chu\s+)?(?:au|en)\s+secondaire(?:\s+\d)?\b"
        r"|\ben\s+sec(?:ondaire)?\s+\d\b",
        "i'm in high school",
    ),
    (r"\bje\s+suis\s+(?:un\s+|une\s+)?(?:mineure?|ado|adolescente?)\b", "i'm a minor"),
    (r"\b(?:fausses?|fake)\s+(?:cartes?|id)\b", "fake id"),
    (r"\btrop\s+jeune\b", "too young"),
    (r"\bmon\s+argent\s+de\s+poche\b", "my allowance"),
)
INJECTION = (
    (
        r"\b(?:ignore|ignorez|oublie|oubliez)\s+(?:toutes?\s+)?(?:les\s+|tes\s+|vos\s+)?"
        r"(?:instructions|regles|consignes|directives)(?:\s+(?:precedentes|anterieures))?\b",
        "ignore previous instructions",
    ),
    (
        r"\b(?:prompt|invite|instructions?|consignes?)\s+(?:systeme|initiales?|cachees?|secretes?)\b",
        "system prompt",
    ),
    (
        r"\b(?:montre|montrez|donne|donnez|repete|repetez|dis|dites)(?:[\s-]+moi)?\s+(?:tes|vos)"
        r"\s+(?:instructions|regles|consignes)\b",
        "show me your instructions",
    ),
    (r"\b(?:fais|faites)\s+semblant\b", "pretend"),
    (r"\b(?:agis|agissez)\s+comme\b|\bjoue\s+le\s+role\b", "act as"),
    (r"\b(?:tu\s+es|t'es|vous\s+etes)\s+maintenant\b", "you are now"),
    (r"\b(?:dis|dites)(?:[\s-]+moi)?\s+que\s+le\s+prix\s+est\b", "say the price is"),
    (r"\b(?:change|changez|mets|fixe)\s+le\s+prix\b", "set the price"),
    (r"\bsans\s+(?:aucune\s+)?(?:restrictions?|limites?)\b", "without restrictions"),
    (r"\bmode\s+developpeur\b", "developer mode"),
    (r"\bnouvelles\s+instructions\b", "new instructions"),
)
MEDICAL = (
    (
        r"\b(?:je\s+)?(?:n'?\s*)?(?:arrive|reussis|parviens)\s+pas\s+a\s+(?:dormir|m'endormir)\b"
        r"|\bje\s+(?:ne\s+)?dors\s+(?:mal|pas)\b|\bde\s+la\s+misere\s+a\s+dormir\b"
        r"|\b(?:problemes?|troubles?)\s+(?:de|du)\s+sommeil\b",
        "can't sleep",
    ),
    (r"\bmaux?\s+de\s+(?:tete|crane)\b", "migraine"),
    (r"\bmal\s+(?:de|au|aux|a\s+la|a\s+l')\s*\w+|\bdouleurs?\b", "pain"),
    (r"\bcrises?\s+(?:de\s+panique|d'angoisse|d'anxiete)\b", "panic attack"),
    (r"\banxi\w*|\bangoiss\w*", "anxiety"),
    (r"\binsomnie\w*", "insomnia"),
    (r"\bdepression\b|\bdeprime\w*", "depression"),
    (r"\bantidepresseurs?\b", "antidepressants"),
    (r"\bnausees?\b|\bmal\s+de\s+coeur\b", "nausea"),
    (r"\barthrite\b|\barthrose\b", "arthritis"),
    (r"\bchimio\w*", "chemo"),
    (r"\bepilep\w*", "epilepsy"),
    (r"\bconvulsions?\b", "seizures"),
    (r"\bmedica(?:l|le|ux|les)\b", "medical"),
    (r"\bmedicaments?\b|\bmedication\b|\bpilules?\s+pour\b", "medication"),
    (r"\bordonnances?\b|\bprescri\w*", "prescription"),
    (r"\bmedecins?\b|\bdocteurs?\b|\bpharmacien\w*", "doctor"),
    (r"\bdiagnosti\w*", "diagnosis"),
    (r"\bguerir\b|\bguerit\b|\bguerison\b", "cure"),
    (r"\btraiter\s+(?:mon|ma|mes|le|la|les)\b", "treat my"),
    (r"\btraitements?\b", "treatment"),
    (r"\bsymptomes?\b", "symptoms"),
    (r"\benceinte\b|\bgrossesse\b", "pregnant"),
    (r"\ballait\w*", "breastfeeding"),
    (r"\bmaladies?\b", "disease"),
    (r"\btdah\b", "adhd"),
    (r"\bglaucome\b", "glaucoma"),
    (r"\bspasmes?\b", "spasms"),
    (r"\bfibromyalgie\b", "fibromyalgia"),
)
# --- what is asked: store, dosage, education, recommendation, search --------------------
ASKING = (
    (r"\bheures?\s+d'ouverture\b|\bvos\s+heures\b|\bheures\b", "store hours"),
    (r"\b(?:etes-vous|etes\s+vous|vous\s+etes|es-tu|t'es)\s+ouverts?\b", "are you open"),
    (r"\bouverts?\s+(?:aujourd'hui|maintenant|tard|jusqu'a|le|ce)\b", "open today"),
    (
        r"\ba\s+quelle\s+heure\s+(?:est-ce\s+que\s+)?(?:vous\s+)?(?:ouvrez|fermez|ouvre|ferme)\w*",
        "when do you open",
    ),
    (
        r"\bou\s+(?:etes-vous|etes\s+vous|est\s+le\s+magasin|est\s+la\s+boutique|se\s+trouve)\w*"
        r"|\bvous\s+etes\s+ou\b",
        "where are you",
    ),
    (r"\badresse\b", "address"),
    (r"\b(?:ouvrez|fermez|ouvre|ferme|fermeture|ouverture)\b", "are you open"),
    (r"\bstationnement\b|\bparking\b", "parking"),
    (r"\blivr(?:ez|aison|ent|er|ons)\w*", "delivery"),
    (r"\bramassage\b|\bcueillette\b|\bramasser\b", "pick-up"),
    (r"\bcartes?\s+de\s+credit\b", "credit card"),
    (r"\binterac\b|\bdebit\b", "debit"),
    (r"\bpaiement\b|\bpayer\b", "payment"),
    (r"\bpolitique\s+de\s+retour\b|\brembours\w*", "refund"),
    (r"\bnumero\s+de\s+telephone\b", "phone number"),
    (r"\bfidelite\b", "loyalty"),
    (
        r"\bcombien\s+(?:ca\s+|c'est\s+|est-ce\s+que\s+ca\s+)?(?:coute|coutent|vaut)\w*"
        r"|\bc'est\s+combien\b|\bquel\s+est\s+le\s+prix\b",
        "how much is",
    ),
    (
        r"\bcombien\s+(?:je\s+|j'en\s+|est-ce\s+que\s+je\s+)?(?:devrais|dois|peux|puis)"
        r"(?:-je)?\s+(?:en\s+)?(?:prendre|manger|fumer|consommer)\b"
        r"|\bcombien\s+(?:en\s+)?(?:prendre|manger)\b",
        "how much should i take",
    ),
    (r"\bcombien\s+de\s+(?:mg|milligrammes)\b", "how many mg"),
    (r"\bcombien\s+de\s+(?:jujubes|bonbons|gummies|gommes)\b", "how many gummies"),
    (r"\bcombien\s+de\s+(?:bouffees|puffs|poffes|touches)\b", "how many puffs"),
    (r"\bcombien\s+de\s+gouttes\b", "how many drops"),
    (r"\bcombien\s+de\s+morceaux\b", "how many pieces"),
    (
        r"\bje\s+(?:ne\s+)?(?:le\s+)?sens\s+(?:rien|pas)\b|\bca\s+(?:me\s+)?fait\s+rien\b",
        "feel nothing",
    ),
    (
        r"\bj'en\s+reprends\b|\ben\s+reprendre\b|\ben\s+prendre\s+(?:un\s+|une\s+)?autre\b",
        "take more",
    ),
    (r"\bcombien\s+de\s+temps\b|\bca\s+prend\s+combien\s+de\s+temps\b", "how long"),
    (r"\bdoses?\b|\bdosage\b|\bposologie\b", "dose"),
    (r"\btrop\s+(?:fume|pris|mange)\b", "too much"),
    (r"\b(?:est|c'est)\s+(?:une?\s+)?(indica|sativa|hybride)\b", r"is it \1"),
    (
        r"\best(?:-(?:il|elle))?\s+(?:fort|forte|puissante?)\b|\bc'est\s+(?:fort|puissant)\b",
        "is it strong",
    ),
    (r"\b(?:je\s+)?commence\s+par\s+quoi\b|\bpar\s+ou\s+commencer\b", "where do i start"),
    (r"\bcommencer\s+par\b", "start with"),
    (
        r"\b(?:quelle\s+est\s+la\s+|c'est\s+quoi\s+la\s+)?differences?\s+entre\b",
        "difference between",
    ),
    (
        r"\b(?:c'est\s+quoi|qu'est-ce\s+que\s+c'est\s+que|qu'est-ce\s+qu'|qu'est-ce\s+que)\s*"
        r"(?:un|une)\s+",
        "what is a ",
    ),
    (
        r"\b(?:c'est\s+quoi|qu'est-ce\s+que\s+c'est\s+que|qu'est-ce\s+qu'|qu'est-ce\s+que)\s*"
        r"(?:un\s+|une\s+|le\s+|la\s+|les\s+|l')?",
        "what is ",
    ),
    (r"\bque\s+veut\s+dire\b|\bca\s+veut\s+dire\s+quoi\b", "what does it mean"),
    (r"\bpourquoi\b", "why"),
    (r"\blegal\w*|\blegalement\b", "legal"),
    (r"\blois?\b|\breglements?\b", "laws"),
    (r"\beffets?\s+secondaires?\b", "side effects"),
    (r"\b(?:est-ce\s+que\s+je\s+peux|je\s+peux|puis-je|on\s+peut)\s+conduire\b", "can i drive"),
    (r"\b(?:conduire|conduis|conduit|au\s+volant)\b", "drive"),
    (r"\bmachinerie\b", "operate machinery"),
    (r"\bcomment\s+(?:les?\s+|la\s+)?(?:conserver|entreposer|ranger|garder)\b", "how to store"),
    (r"\bcomment\s+(?:l'|les?\s+|la\s+)?(?:utiliser|consommer)\b", "how to use"),
    (r"\bcomment\s+rouler\b", "how to roll"),
    (r"\bcomment\s+ca\s+(?:marche|fonctionne)\b|\bcomment\b(?=.*\?)", "how does"),
    (r"\bexpliqu\w*", "explain"),
    (r"\bcompar\w*", "compare"),
    (r"\bdecarbox\w*", "decarb"),
    (r"\bexpir\w*|\bperime\w*", "expire"),
    (r"\btolerance\b", "tolerance"),
    (
        r"\bqu'est-ce\s+qui\s+est\s+bon\b|\bquoi\s+de\s+bon\b|\bc'est\s+quoi\s+de\s+bon\b",
        "what's good",
    ),
    (r"\brecommand\w*|\bconseill\w*|\bsugger\w*|\bsuggestions?\b", "recommend"),
    (
        r"\bqu'est-ce\s+que\s+(?:je\s+devrais|tu\s+me\s+conseilles\s+d')\s*(?:prendre|essayer|"
        r"acheter)\b",
        "what should i get",
    ),
    (r"\baide[sz]?[\s-]*moi\s+a\s+(?:choisir|trouver)\b", "help me choose"),
    (r"\bquelque\s+chose\s+(?:pour|a)\b", "something for"),
    (r"\bquelque\s+chose\s+qui\b", "something that"),
    (r"\bquelque\s+chose\s+(?:de\s+|d')", "something "),
    (r"\bbonn?e?s?\s+pour\b", "good for"),
    (
        r"\bj'ai\s+besoin\s+de\s+quelque\s+chose\b|\bje\s+veux\s+quelque\s+chose\b",
        "i need something",
    ),
    (r"\bmeilleure?s?\b", "best"),
    (r"\bpopulaires?\b|\bvendeurs?\b", "popular"),
    (r"\bfavori\w*|\bprefere\w*", "favourite"),
    (r"\b(?:montre|montrez|montres)(?:[\s-]*(?:moi|nous))?\b", "show me"),
    (
        r"\b(?:est-ce\s+que\s+|est-ce\s+qu')?(?:vous\s+avez|avez-vous|avez\s+vous|as-tu|t'as|tu\s+as"
        r"|vous\s+vendez|vendez-vous|y\s+a-t-il|y'a-tu|y\s+a\s+tu|il\s+y\s+a|y\s+en\s+a-tu"
        r"|vous\s+tenez|tenez-vous|vous\s+auriez|auriez-vous)\b",
        "do you have",
    ),
    (r"\b(?:je|on)\s+(?:re)?cherche\w*|\bj'?aimerais\s+trouver\b", "looking for"),
    (r"\ben\s+(?:stock|inventaire)\b", "in stock"),
    (r"\b(?:quelles?|quels?)\s+(?:sortes?|genres?|types?)\b", "what kinds"),
    (r"\bj'?aimerais\b|\bje\s+voudrais\b|\bje\s+veux\b|\bil\s+me\s+faut\b", "i want"),
)
TOPICS = (
    (r"\ba\s+la\s+prochaine\b|\ba\s+plus\b|\bau\s+revoir\b|\bbye\b", "bye"),
    (r"^\W*(?:parfait|super|genial|d'accord|ok)\b", "perfect"),
    (r"\bcomment\s+(?:ca\s+va|allez-vous|vas-tu)\b|\bca\s+va\b", "how are you"),
    (r"\bblagues?\b", "joke"),
    (r"\bpoemes?\b", "poem"),
    (r"\bdevoirs?\b", "homework"),
    (r"\btradui\w*", "translate"),
    (
        r"\becri[stv]\w*[\s-]*(?:moi\s+)?(?:un|une)\s+(?:histoire|chanson|lettre|courriel)\b",
        "write me a story",
    ),
    (r"\bmeteo\b|\btemps\s+qu'il\s+fait\b", "weather"),
    (r"\bcapitale\s+d[eu]\b", "capital of"),
    (r"\bpremier\s+ministre\b", "prime minister"),
    (r"\belections?\b", "election"),
    (r"\bpolitique\b", "politics"),
    (r"\bmaths?\b|\bmathematiques\b", "math"),
    (r"\brecettes?\b", "recipe"),
    (r"\bsports?\b|\bhockey\b|\bcanadiens\b", "sports"),
    (r"\bfilms?\b", "movies"),
    (r"\bchansons?\b", "song"),
    (r"\bbourse\b", "stock market"),
    (r"\bimpots?\b|\btaxes?\b", "taxes"),
    (r"\bloto\b|\bloterie\b", "lottery"),
    (r"\bhistoire\b", "story"),
)
