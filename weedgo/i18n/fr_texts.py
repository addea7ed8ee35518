"""The French of the catalog's fixed lines, greetings, notes and quick replies.

Each entry is keyed by the English text it stands for, as the budtender sends it; the
French is written as a Quebec store writes it. :func:`weedgo.i18n.french.in_language`
looks a text up here, and a test checks that no vetted English text lacks its French
(a changed English text needs its French written again).
"""

from __future__ import annotations

# weedgo.pipeline.fallback
FALLBACK: dict[str, str] = {
    (
        "Hi! I can help you find flower, pre-rolls, vapes, edibles and more. What are you "
        "in the mood for?"
    ): (
        "Bonjour! Je peux vous aider à trouver des fleurs séchées, des préroulés, des "
        "vapoteuses, des comestibles et plus encore. Qu'est-ce qui vous tente?"
    ),
    "Hi! I'm happy to answer general questions about cannabis and staying safe.": (
        "Bonjour! Je réponds avec plaisir à vos questions générales sur le cannabis et la sécurité."
    ),
    (
        "I couldn't find a match for that in stock right now. Try a different category, "
        "strain type or a wider price range."
    ): (
        "Je n'ai rien trouvé qui corresponde en magasin pour le moment. Essayez une autre "
        "catégorie, un autre type de variété ou une fourchette de prix plus large."
    ),
    (
        "Our product catalog is unavailable right now, so I can't look up what's in stock "
        "or its prices. Please try again in a minute, or ask a member of our staff."
    ): (
        "Notre catalogue de produits n'est pas disponible pour le moment, alors je ne "
        "peux pas vérifier ce qui est en magasin ni les prix. Réessayez dans une minute "
        "ou demandez à un membre de notre équipe."
    ),
    (
        "For store hours, location, pick-up and delivery, please check the store details "
        "on this page or ask a member of our staff."
    ): (
        "Pour les heures d'ouverture, l'adresse, le ramassage et la livraison, consultez "
        "les renseignements de la boutique sur cette page ou demandez à un membre de "
        "notre équipe."
    ),
    (
        "I can share general information about cannabis, how different products work and "
        "how to use them safely. What would you like to know?"
    ): (
        "Je peux vous donner de l'information générale sur le cannabis, sur le "
        "fonctionnement des différents produits et sur la façon de les consommer de "
        "manière sécuritaire. Qu'aimeriez-vous savoir?"
    ),
    (
        "Indica, sativa and hybrid describe a plant's lineage; customers often describe "
        "indicas as relaxing and sativas as uplifting, but each product's THC, CBD and "
        "terpenes matter more."
    ): (
        "Indica, sativa et hybride décrivent la lignée d'une plante; les clients "
        "décrivent souvent les indicas comme relaxantes et les sativas comme stimulantes, "
        "mais le THC, le CBD et les terpènes de chaque produit comptent davantage."
    ),
    (
        "THC is the compound that causes the high, while CBD does not cause one; products "
        "list both, so you can choose the balance you want."
    ): (
        "Le THC est la molécule qui procure l'effet euphorisant, alors que le CBD n'en "
        "procure pas; nos produits indiquent les deux, pour que vous choisissiez "
        "l'équilibre qui vous convient."
    ),
    (
        "Terpenes are the aromatic compounds that give each strain its smell and flavour, "
        "like citrus, pine or earthy notes."
    ): (
        "Les terpènes sont les composés aromatiques qui donnent à chaque variété son "
        "odeur et son goût, comme des notes d'agrumes, de pin ou de terre."
    ),
}
# weedgo.pipeline.knowledge: greetings and thanks
GREETINGS: dict[str, str] = {
    (
        "Hi! I'm the store's budtender. Tell me what you're in the mood for, like a "
        "strain type, a format or a budget, and I'll find options from our menu."
    ): (
        "Bonjour! Je suis le conseiller de la boutique. Dites-moi ce qui vous tente, un "
        "type de variété, un format ou un budget, et je vous trouve des options dans "
        "notre menu."
    ),
    (
        "Hello! Looking for something in particular? I can suggest flower, pre-rolls, "
        "vapes, edibles and more from what we have in stock."
    ): (
        "Bonjour! Vous cherchez quelque chose en particulier? Je peux vous suggérer des "
        "fleurs séchées, des préroulés, des vapoteuses, des comestibles et plus encore "
        "parmi ce que nous avons en magasin."
    ),
    (
        "Hey there! Ask me about any product type, strain or price range and I'll show "
        "you what we carry."
    ): (
        "Salut! Demandez-moi n'importe quel type de produit, de variété ou de prix, et je "
        "vous montre ce qu'on a."
    ),
    "You're welcome! Let me know if there's anything else I can help you find.": (
        "Ça fait plaisir! Dites-moi si je peux vous aider à trouver autre chose."
    ),
}
# weedgo.pipeline.search: the notes on the nearest products
SEARCH: dict[str, str] = {
    "We don't carry that one; here are the closest products we have.": (
        "Nous n'avons pas ce produit; voici les produits les plus proches que nous avons."
    ),
    "Nothing in stock matches all of that": "Rien en magasin ne correspond à tout ça",
}
# the nearest products' kinds, in "Nothing in stock matches all of that; here are the ..."
NEAREST: dict[str, str] = {
    "the mildest": "les plus doux",
    "the strongest": "les plus forts",
    "the cheapest": "les moins chers",
    "the priciest": "les plus chers",
    "the nearest": "les plus proches",
}
# weedgo.pipeline.quick_replies
CHIPS: dict[str, str] = {
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
