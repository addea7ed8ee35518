"""The French of the vetted answers to questions of fact, dose and health.

Each entry is keyed by the English text it stands for, as the budtender sends it; the
French is written as a Quebec store writes it. :func:`weedgo.i18n.french.in_language`
looks a text up here, and a test checks that no vetted English text lacks its French
(a changed English text needs its French written again).
"""

from __future__ import annotations

# weedgo.pipeline.knowledge.TOPICS
KNOWLEDGE: dict[str, str] = {
    (
        "Indica, sativa and hybrid describe a plant's lineage; many customers describe "
        "indicas as more relaxing and sativas as more uplifting, and hybrids sit in "
        "between. Effects vary from person to person, so THC level and terpenes are worth "
        "a look too."
    ): (
        "Indica, sativa et hybride décrivent la lignée d'une plante; bien des clients "
        "décrivent les indicas comme plus relaxantes et les sativas comme plus "
        "stimulantes, et les hybrides se situent entre les deux. Les effets varient d'une "
        "personne à l'autre : le taux de THC et les terpènes valent aussi la peine d'être "
        "regardés."
    ),
    (
        "THC is the cannabinoid that produces the high; CBD does not make you feel high. "
        "Products list both, as a percentage for flower and in milligrams for edibles, "
        "drinks, oils and capsules."
    ): (
        "Le THC est le cannabinoïde qui procure l'effet euphorisant; le CBD ne vous fait "
        "pas planer. Nos produits indiquent les deux, en pourcentage pour les fleurs "
        "séchées et en milligrammes pour les comestibles, les boissons, les huiles et les "
        "capsules."
    ),
    (
        "Terpenes are the aroma compounds of the plant: myrcene smells earthy, limonene "
        "citrusy, pinene like pine, linalool floral and caryophyllene peppery. Our "
        "product cards list the main ones."
    ): (
        "Les terpènes sont les composés aromatiques de la plante : le myrcène sent la "
        "terre, le limonène les agrumes, le pinène le pin, le linalol les fleurs et le "
        "caryophyllène le poivre. Nos fiches produits indiquent les principaux."
    ),
    (
        "Edibles and drinks act more slowly than smoking or vaping, and their effects can "
        "last several hours."
    ): (
        "Les comestibles et les boissons agissent plus lentement que le cannabis fumé ou "
        "vapoté, et leurs effets peuvent durer plusieurs heures."
    ),
    (
        "Please wait before taking more: edibles and drinks can take up to 2 hours to be "
        "felt and about 4 hours to peak, so a second dose taken early can add up to far "
        "more than you meant."
    ): (
        "Attendez avant d'en reprendre : les comestibles et les boissons peuvent prendre "
        "jusqu'à 2 heures avant de se faire sentir et environ 4 heures pour atteindre "
        "leur plein effet; une deuxième dose prise trop tôt peut s'additionner bien "
        "au-delà de ce que vous vouliez."
    ),
    (
        "If you've had too much, stop, sit or lie down somewhere calm and safe, sip water "
        "and wait: the feeling passes with time. Don't drive, and if someone is very "
        "unwell, call 911 or your local poison centre."
    ): (
        "Si vous en avez trop pris, arrêtez, asseyez-vous ou allongez-vous dans un "
        "endroit calme et sûr, buvez de l'eau à petites gorgées et attendez : la "
        "sensation passe avec le temps. Ne conduisez pas, et si une personne va très mal, "
        "appelez le 911 ou le centre antipoison de votre région."
    ),
    (
        "Smoked or vaped, cannabis is felt within minutes and its effects can last up to "
        "6 hours; edibles and drinks take 30 minutes to 2 hours to be felt and can last "
        "up to 12 hours. The dose and the person change both."
    ): (
        "Fumé ou vapoté, le cannabis se fait sentir en quelques minutes et ses effets "
        "peuvent durer jusqu'à 6 heures; les comestibles et les boissons prennent de 30 "
        "minutes à 2 heures avant de se faire sentir et peuvent durer jusqu'à 12 heures. "
        "La dose et la personne changent les deux."
    ),
    (
        "Tolerance builds when cannabis is used often: the same amount is felt less. A "
        "break lets it come back down, so after one, start again with a lower amount than "
        "before."
    ): (
        "La tolérance augmente quand on consomme souvent : la même quantité se fait moins "
        "sentir. Une pause la fait redescendre; après une pause, recommencez avec une "
        "plus petite quantité qu'avant."
    ),
    (
        "The entourage effect is the idea that a plant's cannabinoids and terpenes "
        "together shape how a product feels, not THC or CBD alone. The research on it is "
        "still early."
    ): (
        "L'effet d'entourage est l'idée que les cannabinoïdes et les terpènes d'une "
        "plante façonnent ensemble l'effet d'un produit, plutôt que le THC ou le CBD "
        "seuls. La recherche à ce sujet n'en est qu'à ses débuts."
    ),
    (
        "Concentrates are extracts far more potent than flower: shatter is a glassy "
        "extract, live resin is made from plants frozen fresh at harvest so it keeps more "
        "of their aroma, and rosin is pressed out with heat and pressure alone, without "
        "solvents. They suit experienced customers."
    ): (
        "Les concentrés sont des extraits bien plus puissants que la fleur : le shatter "
        "est un extrait vitreux, la résine vivante est faite de plants congelés frais à "
        "la récolte, ce qui garde mieux leur arôme, et la rosine est extraite par la "
        "chaleur et la pression seules, sans solvant. Ils conviennent aux clients "
        "expérimentés."
    ),
    (
        "Grind the flower, spread it evenly along a rolling paper with a filter tip at "
        "one end, roll it back and forth to pack it, then tuck the near edge, roll it up "
        "and seal the glue strip. Pre-rolls come ready to go."
    ): (
        "Broyez la fleur, étalez-la également le long d'une feuille à rouler avec un "
        "filtre à un bout, roulez-la d'avant en arrière pour la tasser, puis rentrez le "
        "bord, roulez et collez la bande gommée. Les préroulés sont prêts à l'emploi."
    ),
    (
        "Cannabis can interact with medications, so please ask your pharmacist or doctor "
        "before you combine them; I can't advise on that."
    ): (
        "Le cannabis peut interagir avec des médicaments : demandez à votre pharmacien ou "
        "à votre médecin avant de les combiner; je ne peux pas vous conseiller à ce "
        "sujet."
    ),
    (
        "An eighth is 3.5 g, a quarter is 7 g, a half is 14 g and an ounce is 28 g of dried flower."
    ): (
        "Un huitième, c'est 3,5 g; un quart, 7 g; une demi-once, 14 g; et une once, 28 g "
        "de fleurs séchées."
    ),
    (
        "In Canada an adult may possess up to 30 g of dried cannabis (or its equivalent) "
        "in public; we can only sell within that limit."
    ): (
        "Au Canada, un adulte peut avoir en sa possession jusqu'à 30 g de cannabis séché "
        "(ou l'équivalent) dans un lieu public; nous ne pouvons vendre qu'à l'intérieur "
        "de cette limite."
    ),
    (
        "Flower and pre-rolls are smoked, vapes heat an oil or flower without burning it, "
        "edibles and drinks are swallowed and act more slowly, and concentrates are far "
        "more potent than flower, so they suit experienced customers."
    ): (
        "Les fleurs séchées et les préroulés se fument, les vapoteuses chauffent une "
        "huile ou des fleurs sans les brûler, les comestibles et les boissons s'avalent "
        "et agissent plus lentement, et les concentrés sont beaucoup plus puissants que "
        "les fleurs : ils conviennent aux consommateurs expérimentés."
    ),
    (
        "CBN (cannabinol) is a cannabinoid that forms as THC ages. A product that "
        "contains it lists it in milligrams beside its THC and CBD."
    ): (
        "Le CBN (cannabinol) est un cannabinoïde qui se forme quand le THC vieillit. Un "
        "produit qui en contient l'indique en milligrammes, à côté du THC et du CBD."
    ),
    (
        "Full spectrum means an extract keeps the plant's range of cannabinoids and "
        "terpenes; broad spectrum keeps most of them, and an isolate is one cannabinoid "
        "alone, such as pure CBD."
    ): (
        "Spectre complet veut dire que l'extrait garde l'ensemble des cannabinoïdes et "
        "des terpènes de la plante; le spectre large en garde la plupart, et un isolat "
        "est un seul cannabinoïde, comme du CBD pur."
    ),
    (
        "Decarboxylation is the heating that turns the plant's THCA into THC. Raw flower "
        "is not intoxicating when eaten, so edibles, oils and drinks are made with heated "
        "cannabis."
    ): (
        "La décarboxylation, c'est le chauffage qui transforme le THCA de la plante en "
        "THC. La fleur crue ne fait pas d'effet quand on la mange : les comestibles, "
        "huiles et boissons sont faits avec du cannabis chauffé."
    ),
    (
        "A ratio on a label compares THC to CBD: 1:1 means equal amounts, and 1:20 means "
        "twenty times more CBD than THC."
    ): (
        "Un ratio sur l'étiquette compare le THC au CBD : 1:1 veut dire des quantités "
        "égales, et 1:20, vingt fois plus de CBD que de THC."
    ),
    (
        "On flights within Canada an adult may carry up to 30 g of dried cannabis or its "
        "equivalent; taking cannabis across the border, in or out of Canada, is illegal."
    ): (
        "Sur les vols au Canada, un adulte peut transporter jusqu'à 30 g de cannabis "
        "séché ou l'équivalent; passer la frontière avec du cannabis, pour entrer au "
        "Canada ou en sortir, est illégal."
    ),
    (
        "Keep cannabis in its sealed container, somewhere cool, dark and dry, locked away "
        "from children and pets."
    ): (
        "Gardez le cannabis dans son contenant scellé, dans un endroit frais, sombre et "
        "sec, sous clé et hors de la portée des enfants et des animaux."
    ),
}
