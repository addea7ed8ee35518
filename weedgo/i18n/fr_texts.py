"""The French of the vetted English texts: compliance, guidance, catalog lines, vetted
answers, quick replies and notes, written as a Quebec store writes them.

Each entry is keyed by the name of the English constant it stands for, as
``"module:NAME"``; :func:`weedgo.i18n.french.in_language` finds the French of an
English text through that name, and a test checks that no English text lacks its French.
"""

from __future__ import annotations

RESPONSIBLE = {
    "START_LOW": (
        "Si vous débutez avec le cannabis, allez-y doucement : choisissez un produit de "
        "2,5 mg de THC ou moins, et attendez d'en sentir les effets avant d'en reprendre."
    ),
    "EDIBLES_TIMING": (
        "Les comestibles et les boissons peuvent prendre de 30 minutes à 2 heures avant de "
        "faire effet : attendez au moins 2 heures avant de penser à en reprendre."
    ),
    "NO_ALCOHOL": (
        "Évitez de mélanger le cannabis et l'alcool : ensemble, leurs effets sont plus forts."
    ),
    "DRIVING": (
        "Ne conduisez jamais et n'utilisez pas de machinerie sous l'effet du cannabis; "
        "prévoyez un raccompagnement ou restez à la maison."
    ),
    "MEDICAL": (
        "Je ne peux pas donner de conseils médicaux ni affirmer qu'un produit a un effet sur "
        "la santé; parlez-en à un professionnel de la santé. Je peux vous dire comment les "
        "clients décrivent généralement nos produits."
    ),
    "MEDICAL_ONLY": (
        "C'est une question pour un professionnel de la santé, comme votre médecin ou votre "
        "pharmacien : je ne peux pas donner de conseils médicaux ni dire qu'un produit de "
        "cannabis va traiter quoi que ce soit. Je peux par contre vous expliquer les types de "
        "produits, leur puissance et comment les clients les décrivent."
    ),
    "OUT_OF_SCOPE": (
        "Désolé, je peux seulement répondre aux questions sur nos produits de cannabis et sur "
        "la boutique. Je peux vous suggérer des produits, comparer des variétés et des formats, "
        "vous expliquer le THC et le CBD, ou vous donner des conseils de consommation "
        "responsable."
    ),
    "INJECTION": (
        "Je ne peux pas changer ma façon de fonctionner ni partager mes instructions, mais je "
        "peux vous aider à trouver un produit ou répondre à une question sur le cannabis."
    ),
    "BUYING_FOR_MINOR": (
        "Désolé, je ne peux pas vous aider avec ça : la loi interdit d'acheter du cannabis "
        "pour une personne qui n'a pas l'âge légal, ou de lui en donner, et le cannabis peut "
        "nuire au cerveau d'un jeune, qui est encore en développement. Je peux vous aider pour "
        "vous-même, en tant qu'adulte."
    ),
    "EDUCATION_ONLY_REMINDER": (
        "Je ne peux pas vous montrer de produits ni de prix dans cette conversation, mais je "
        "réponds avec plaisir à vos questions générales sur le cannabis, la loi et la sécurité."
    ),
}
FALLBACK = {
    "GREETING": (
        "Bonjour! Je peux vous aider à trouver des fleurs séchées, des préroulés, des "
        "vapoteuses, des comestibles et plus encore. Qu'est-ce qui vous tente?"
    ),
    "GREETING_EDUCATION": (
        "Bonjour! Je réponds avec plaisir à vos questions générales sur le cannabis et la sécurité."
    ),
    "NO_PRODUCTS": (
        "Je n'ai rien trouvé qui corresponde en magasin pour le moment. Essayez une autre "
        "catégorie, un autre type de variété ou une fourchette de prix plus large."
    ),
    "CATALOG_UNAVAILABLE": (
        "Notre catalogue de produits n'est pas disponible pour le moment, alors je ne peux pas "
        "vérifier ce qui est en magasin ni les prix. Réessayez dans une minute ou demandez à "
        "un membre de notre équipe."
    ),
    "STORE_INFO": (
        "Pour les heures d'ouverture, l'adresse, le ramassage et la livraison, consultez les "
        "renseignements de la boutique sur cette page ou demandez à un membre de notre équipe."
    ),
    "EDUCATION": (
        "Je peux vous donner de l'information générale sur le cannabis, sur le fonctionnement "
        "des différents produits et sur la façon de les consommer de manière sécuritaire. "
        "Qu'aimeriez-vous savoir?"
    ),
    "FACT_STRAINS": (
        "Indica, sativa et hybride décrivent la lignée d'une plante; les clients décrivent "
        "souvent les indicas comme relaxantes et les sativas comme stimulantes, mais le THC, "
        "le CBD et les terpènes de chaque produit comptent davantage."
    ),
    "FACT_CANNABINOIDS": (
        "Le THC est la molécule qui procure l'effet euphorisant, alors que le CBD n'en procure "
        "pas; nos produits indiquent les deux, pour que vous choisissiez l'équilibre qui vous "
        "convient."
    ),
    "FACT_TERPENES": (
        "Les terpènes sont les composés aromatiques qui donnent à chaque variété son odeur et "
        "son goût, comme des notes d'agrumes, de pin ou de terre."
    ),
}
KNOWLEDGE = {
    "indica_sativa": (
        "Indica, sativa et hybride décrivent la lignée d'une plante; bien des clients "
        "décrivent les indicas comme plus relaxantes et les sativas comme plus stimulantes, et "
        "les hybrides se situent entre les deux. Les effets varient d'une personne à l'autre : "
        "le taux de THC et les terpènes valent aussi la peine d'être regardés."
    ),
    "thc_cbd": (
        "Le THC est le cannabinoïde qui procure l'effet euphorisant; le CBD ne vous fait pas "
        "planer. Nos produits indiquent les deux, en pourcentage pour les fleurs séchées et en "
        "milligrammes pour les comestibles, les boissons, les huiles et les capsules."
    ),
    "terpenes": (
        "Les terpènes sont les composés aromatiques de la plante : le myrcène sent la terre, "
        "le limonène les agrumes, le pinène le pin, le linalol les fleurs et le caryophyllène "
        "le poivre. Nos fiches produits indiquent les principaux."
    ),
    "redosing": (
        "Attendez avant d'en reprendre : les comestibles et les boissons peuvent prendre "
        "jusqu'à 2 heures avant de se faire sentir et environ 4 heures pour atteindre leur "
        "plein effet; une deuxième dose prise trop tôt peut s'additionner bien au-delà de ce "
        "que vous vouliez."
    ),
    "too_much": (
        "Si vous en avez trop pris, arrêtez, asseyez-vous ou allongez-vous dans un endroit "
        "calme et sûr, buvez de l'eau à petites gorgées et attendez : la sensation passe avec "
        "le temps. Ne conduisez pas, et si une personne va très mal, appelez le 911 ou le "
        "centre antipoison de votre région."
    ),
    "high_duration": (
        "Fumé ou vapoté, le cannabis se fait sentir en quelques minutes et ses effets peuvent "
        "durer jusqu'à 6 heures; les comestibles et les boissons prennent de 30 minutes à "
        "2 heures avant de se faire sentir et peuvent durer jusqu'à 12 heures. La dose et la "
        "personne changent les deux."
    ),
    "tolerance": (
        "La tolérance augmente quand on consomme souvent : la même quantité se fait moins "
        "sentir. Une pause la fait redescendre; après une pause, recommencez avec une plus "
        "petite quantité qu'avant."
    ),
    "entourage": (
        "L'effet d'entourage est l'idée que les cannabinoïdes et les terpènes d'une plante "
        "façonnent ensemble l'effet d'un produit, plutôt que le THC ou le CBD seuls. La "
        "recherche à ce sujet n'en est qu'à ses débuts."
    ),
    "concentrates": (
        "Les concentrés sont des extraits bien plus puissants que la fleur : le shatter est un "
        "extrait vitreux, la résine vivante est faite de plants congelés frais à la récolte, "
        "ce qui garde mieux leur arôme, et la rosine est extraite par la chaleur et la "
        "pression seules, sans solvant. Ils conviennent aux clients expérimentés."
    ),
    "rolling": (
        "Broyez la fleur, étalez-la également le long d'une feuille à rouler avec un filtre à "
        "un bout, roulez-la d'avant en arrière pour la tasser, puis rentrez le bord, roulez "
        "et collez la bande gommée. Les préroulés sont prêts à l'emploi."
    ),
    "medication": (
        "Le cannabis peut interagir avec des médicaments : demandez à votre pharmacien ou à "
        "votre médecin avant de les combiner; je ne peux pas vous conseiller à ce sujet."
    ),
    "edible_timing": (
        "Les comestibles et les boissons agissent plus lentement que le cannabis fumé ou "
        "vapoté, et leurs effets peuvent durer plusieurs heures."
    ),
    "sizes": (
        "Un huitième, c'est 3,5 g; un quart, 7 g; une demi-once, 14 g; et une once, 28 g de "
        "fleurs séchées."
    ),
    "possession": (
        "Au Canada, un adulte peut avoir en sa possession jusqu'à 30 g de cannabis séché (ou "
        "l'équivalent) dans un lieu public; nous ne pouvons vendre qu'à l'intérieur de cette "
        "limite."
    ),
    "formats": (
        "Les fleurs séchées et les préroulés se fument, les vapoteuses chauffent une huile ou "
        "des fleurs sans les brûler, les comestibles et les boissons s'avalent et agissent plus "
        "lentement, et les concentrés sont beaucoup plus puissants que les fleurs : ils "
        "conviennent aux consommateurs expérimentés."
    ),
    "cbn": (
        "Le CBN (cannabinol) est un cannabinoïde qui se forme quand le THC vieillit. Un "
        "produit qui en contient l'indique en milligrammes, à côté du THC et du CBD."
    ),
    "spectrum": (
        "Spectre complet veut dire que l'extrait garde l'ensemble des cannabinoïdes et des "
        "terpènes de la plante; le spectre large en garde la plupart, et un isolat est un "
        "seul cannabinoïde, comme du CBD pur."
    ),
    "decarboxylation": (
        "La décarboxylation, c'est le chauffage qui transforme le THCA de la plante en THC. "
        "La fleur crue ne fait pas d'effet quand on la mange : les comestibles, huiles et "
        "boissons sont faits avec du cannabis chauffé."
    ),
    "ratio": (
        "Un ratio sur l'étiquette compare le THC au CBD : 1:1 veut dire des quantités "
        "égales, et 1:20, vingt fois plus de CBD que de THC."
    ),
    "travel": (
        "Sur les vols au Canada, un adulte peut transporter jusqu'à 30 g de cannabis séché "
        "ou l'équivalent; passer la frontière avec du cannabis, pour entrer au Canada ou en "
        "sortir, est illégal."
    ),
    "storage": (
        "Gardez le cannabis dans son contenant scellé, dans un endroit frais, sombre et sec, "
        "sous clé et hors de la portée des enfants et des animaux."
    ),
}
GREETINGS = (
    "Bonjour! Je suis le conseiller de la boutique. Dites-moi ce qui vous tente, un type de "
    "variété, un format ou un budget, et je vous trouve des options dans notre menu.",
    "Bonjour! Vous cherchez quelque chose en particulier? Je peux vous suggérer des fleurs "
    "séchées, des préroulés, des vapoteuses, des comestibles et plus encore parmi ce que "
    "nous avons en magasin.",
    "Salut! Demandez-moi n'importe quel type de produit, de variété ou de prix, et je vous "
    "montre ce qu'on a.",
)
THANKS = "Ça fait plaisir! Dites-moi si je peux vous aider à trouver autre chose."
SEARCH = {
    "NOTHING_MATCHES": "Rien en magasin ne correspond à tout ça",
    "NOT_CARRIED": (
        "Nous n'avons pas ce produit; voici les produits les plus proches que nous avons."
    ),
}
NEAREST = {
    "the mildest": "les plus doux",
    "the strongest": "les plus forts",
    "the cheapest": "les moins chers",
    "the priciest": "les plus chers",
    "the nearest": "les plus proches",
}
CHIPS = {
    "How long do edibles take to work?": "Les comestibles prennent combien de temps à agir?",
    "What's the difference between THC and CBD?": (
        "C'est quoi la différence entre le THC et le CBD?"
    ),
    "What are terpenes?": "C'est quoi, les terpènes?",
    "Is it legal to drive after using cannabis?": "Est-ce légal de conduire après avoir consommé?",
    "Show me indica for sleep": "Des indicas pour dormir",
    "What's good for beginners?": "Qu'est-ce qui est bon pour les débutants?",
    "Show me pre-rolls": "Montrez-moi des préroulés",
    "Edibles under $20": "Des comestibles à moins de 20 $",
    "Show me what's popular": "Qu'est-ce qui est populaire?",
    "Anything under $30?": "Quelque chose à moins de 30 $?",
    "What about edibles?": "Et les comestibles?",
    "Show me low THC options": "Des produits faibles en THC",
    "Show me CBD products": "Montrez-moi des produits CBD",
    "Show me vapes": "Montrez-moi des vapoteuses",
    "Show me flower": "Montrez-moi des fleurs séchées",
    "Something stronger?": "Quelque chose de plus fort?",
    "Anything cheaper?": "Moins cher?",
    "Tell me more about the first one": "Parlez-moi du premier",
    "What about sativa?": "Et en sativa?",
    "What about indica?": "Et en indica?",
    "What about hybrids?": "Et les hybrides?",
}
