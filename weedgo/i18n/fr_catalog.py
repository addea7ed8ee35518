"""French texts built from catalog facts: pitches, the catalog-built reply, store facts
and the minor's reply, with French number formats ("32,99 $", "14,8 %", "3,5 g").

Category and effect names are translated; product and brand names stay as sold.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from weedgo.domain import Category, Product, StrainType

NOUNS = {  # (noun, feminine)
    Category.FLOWER: ("fleur séchée", True),
    Category.PRE_ROLL: ("préroulé", False),
    Category.VAPE: ("vapoteuse", True),
    Category.CONCENTRATE: ("concentré", False),
    Category.EDIBLE: ("comestible", False),
    Category.BEVERAGE: ("boisson", True),
    Category.OIL: ("huile", True),
    Category.CAPSULE: ("capsule", True),
    Category.TOPICAL: ("produit topique", False),
    Category.ACCESSORY: ("accessoire", False),
}
STRAINS = {
    StrainType.INDICA: "indica",
    StrainType.SATIVA: "sativa",
    StrainType.HYBRID: "hybride",
    StrainType.CBD: "à dominance CBD",
}
EFFECTS = {  # how customers describe a product, after "les clients l'associent"
    "Relaxed": "à la détente", "Sleepy": "au sommeil", "Happy": "à la bonne humeur",
    "Euphoric": "à l'euphorie", "Uplifted": "à l'entrain", "Energetic": "à l'énergie",
    "Focused": "à la concentration", "Creative": "à la créativité", "Hungry": "à l'appétit",
    "Talkative": "à la jasette", "Giggly": "aux fous rires", "Tingly": "aux picotements",
    "Aroused": "à la sensualité",
}  # fmt: skip
FLAVOURS = {  # the catalog's flavour notes; a note without its French is left out
    "earthy": "terre", "sweet": "sucre", "citrus": "agrumes", "pine": "pin",
    "berry": "petits fruits", "grape": "raisin", "lemon": "citron", "blueberry": "bleuet",
    "skunk": "mouffette", "vanilla": "vanille", "coffee": "café", "mango": "mangue",
    "orange": "orange", "lime": "lime", "pineapple": "ananas", "pepper": "poivre",
    "black cherry": "cerise noire", "raspberry lime": "framboise et lime", "pungent": "piquant",
    "lavender": "lavande", "mint dark": "chocolat noir à la menthe", "eucalyptus mint":
    "eucalyptus et menthe", "strawberry": "fraise", "tangerine": "tangerine", "sour apple":
    "pomme surette", "blood orange": "orange sanguine", "milk": "chocolat au lait",
    "salted caramel milk": "caramel salé", "peach": "pêche", "strawberry lemonade":
    "limonade aux fraises", "yuzu": "yuzu", "blackberry": "mûre", "cedar": "cèdre",
    "rose": "rose", "pink grapefruit": "pamplemousse rose", "maple": "érable",
    "watermelon": "melon d'eau", "espresso dark": "espresso noir", "grapefruit":
    "pamplemousse", "root beer": "racinette", "cola": "cola", "herbal": "herbes",
    "apple": "pomme", "mint": "menthe", "pineapple coconut": "ananas et noix de coco",
    "raspberry": "framboise", "dark sea salt": "chocolat noir au sel de mer",
    "saskatoon berry": "amélanchier", "cranberry": "canneberge", "ginger": "gingembre",
    "diesel": "diesel", "spicy": "épices", "floral": "fleurs", "herb": "herbes",
}  # fmt: skip
UNITS = {
    "pieces": "morceaux", "piece": "morceau", "squares": "carrés", "square": "carré",
    "bar": "barre", "unit": "unité", "leaves": "feuilles", "cones": "cônes", "tips": "filtres",
    "small": "petit", "medium": "moyen", "mL": "ml", "pack": "paquet",
}  # fmt: skip
_UNIT = re.compile(r"\b(" + "|".join(UNITS) + r")\b")
_DECIMAL = re.compile(r"(\d)\.(\d)")


def number(value: float) -> str:
    """14.8 -> "14,8"; 20.0 -> "20"."""
    return f"{value:g}".replace(".", ",")


def price(value: float) -> str:
    """32.99 -> "32,99 $"."""
    return f"{value:.2f}".replace(".", ",") + " $"


def size(text: str) -> str:
    """ "3.5 g" -> "3,5 g"; "2 x 0.5 g" -> "2 x 0,5 g"."""
    return _UNIT.sub(lambda m: UNITS[m.group(1)], _DECIMAL.sub(r"\1,\2", text))


def kind(product: Product) -> str:
    """ "une fleur séchée indica", "une huile à dominance CBD", "un préroulé"."""
    noun, feminine = NOUNS[product.category]
    strain = STRAINS.get(product.strain_type, "")
    return f"{'une' if feminine else 'un'} {noun}" + (f" {strain}" if strain else "")


def potency(product: Product) -> str:
    """ "20-24 % de THC", "10 mg de THC et 10 mg de CBD", or ""."""
    unit = " %" if product.potency_unit == "%" else " mg"
    parts: list[str] = []
    for label, low, high in (
        ("THC", product.thc_min, product.thc_max),
        ("CBD", product.cbd_min, product.cbd_max),
    ):
        low, high = sorted((low, high))
        if high <= 0 or (label == "CBD" and high < 1):
            continue
        figure = number(high) if low in (0, high) else f"{number(low)}-{number(high)}"
        parts.append(f"{figure}{unit} de {label}")
    return " et ".join(parts)


def effects(product: Product, wanted: Sequence[str]) -> str:
    chosen = [e for e in wanted if e in product.effects]
    chosen = [*chosen, *(e for e in product.effects if e not in chosen)]
    named = [EFFECTS[e] for e in chosen if e in EFFECTS][:2]
    return "les clients l'associent " + " et ".join(named) if named else ""


def _of(noun: str) -> str:
    """ "de pin", "d'agrumes"."""
    return f"d'{noun}" if noun[:1] in "aeiouyéèêàâîôû" else f"de {noun}"


def flavours(product: Product) -> str:
    names = [FLAVOURS[f.lower()] for f in product.flavors if f.lower() in FLAVOURS][:2]
    return "notes " + " et ".join(_of(name) for name in names) if names else ""


def offer(product: Product, show_price: bool) -> str:
    shown = price(product.price) if show_price else ""
    if product.size and shown:
        return f"{size(product.size)} pour {shown}"
    return size(product.size) or shown


def pitch(product: Product, choice: int, wanted: Sequence[str], show_price: bool) -> str:
    """One sentence about ``product``; ``choice`` picks the wording (stable per product)."""
    details = [effects(product, wanted), flavours(product)]
    detail = details[choice % 2] or details[1 - choice % 2]
    name, what, pot = product.name, kind(product), potency(product)
    deal = offer(product, show_price)
    template = choice // 2
    if template == 0:
        text = f"{name} est {what}" + (f" à {pot}" if pot else "") + (f", {deal}" if deal else "")
        return text + (f"; {detail}" if detail else "") + "."
    if template == 1:
        text = f"Essayez {name}, {what}" + (f" à {pot}" if pot else "")
        return text + (f" ({deal})" if deal else "") + (f", {detail}" if detail else "") + "."
    text = f"{name}" + (f" ({deal})" if deal else "") + f" : {what}"
    return text + (f" à {pot}" if pot else "") + (f", {detail}" if detail else "") + "."


def also(products: Sequence[Product]) -> str:
    names = [p.name for p in products[1:3] if p.name != products[0].name]
    return f"Vous aimerez peut-être aussi {' ou '.join(names)}." if names else ""


TAP_ONE = "Touchez la fiche pour voir les détails."
TAP_ANY = "Touchez une fiche pour voir les détails."


def store_reply(name: str, hours: str | None, address: str | None, phone: str | None) -> str:
    store = "Notre boutique" if name == "Our store" else name
    parts = []
    if hours:
        parts.append(f"{store} est ouverte {hours}.")
    if address:
        parts.append(f"Vous nous trouverez au {address}.")
    if phone:
        parts.append(f"Vous pouvez nous joindre au {phone}.")
    if not parts:
        parts.append("Consultez le site Web de la boutique pour les heures et l'adresse.")
    parts.append("En attendant, je vous aide avec plaisir à choisir vos produits.")
    return " ".join(parts)


PLACES = {
    "QC": "au Québec", "ON": "en Ontario", "BC": "en Colombie-Britannique", "AB": "en Alberta",
    "MB": "au Manitoba", "SK": "en Saskatchewan", "NB": "au Nouveau-Brunswick",
    "NS": "en Nouvelle-Écosse", "PE": "à l'Île-du-Prince-Édouard", "NL": "à Terre-Neuve-et-"
    "Labrador", "YT": "au Yukon", "NT": "aux Territoires du Nord-Ouest", "NU": "au Nunavut",
}  # fmt: skip


def minor_reply(code: str, name: str, minimum_age: int) -> str:
    place = PLACES.get(code, f"dans votre province ou État ({name})")
    return (
        f"Merci de me l'avoir dit. {place[:1].upper() + place[1:]}, il faut avoir "
        f"{minimum_age} ans ou plus pour acheter du cannabis : je ne peux donc pas vous "
        "montrer ni vous vendre de produits. Le cannabis peut nuire à un cerveau en "
        "développement, c'est pourquoi la loi fixe un âge minimum. Je réponds quand même avec "
        "plaisir à vos questions générales sur le cannabis, la loi et la sécurité."
    )
