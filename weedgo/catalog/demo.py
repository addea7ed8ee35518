"""The demo catalog: build it from the Kushy strain list, or load the built copy.

    python -m weedgo.catalog.demo [--source strains.csv] [--out demo_catalog.json]

Strain names, types, positive effects and flavours come from the Kushy dataset (MIT,
see ``weedgo/data/KUSHY_LICENSE.txt``). Its cannabinoid columns, ailments and
descriptions are never read; side effects are dropped. Everything else (brands, sizes,
potencies, prices, stock, descriptions) is generated from a fixed seed, so the same
source always gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import random
import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from weedgo.catalog.builders import (
    TYPE_FLAVORS,
    CatalogBuilder,
    Format,
    StrainProfile,
    clean_effects,
    clean_flavors,
)
from weedgo.catalog.formats import (
    BEVERAGE_BRANDS,
    CBD_FLOWER_FORMATS,
    EDIBLE_BRANDS,
    EXTRACT_BRANDS,
    FLOWER_BRANDS,
    STRAIN_FORMATS,
    WELLNESS_BRANDS,
)
from weedgo.catalog.packaged import PACKAGED_ADDERS, PackagedAdder, add_accessory
from weedgo.domain import Category, Product, StrainType

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "data" / "kushy-strains" / "strains.csv"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "demo_catalog.json"
DEMO_SEED = 1607

S = StrainType
C = Category
COUNTS = {
    C.FLOWER: 130, C.PRE_ROLL: 75, C.VAPE: 50, C.CONCENTRATE: 40, C.EDIBLE: 45,
    C.BEVERAGE: 22, C.OIL: 16, C.CAPSULE: 14, C.TOPICAL: 12, C.ACCESSORY: 21,
}  # fmt: skip
TYPE_WEIGHTS = {S.INDICA: 40, S.HYBRID: 35, S.SATIVA: 25}

# Widely known strains, described with commonly reported facts.
FEATURED = (
    StrainProfile("Blue Dream", S.HYBRID, ("Relaxed", "Happy", "Euphoric", "Uplifted", "Creative"),
                  ("Blueberry", "Sweet", "Berry")),
    StrainProfile("Pink Kush", S.INDICA, ("Relaxed", "Sleepy", "Happy", "Hungry"),
                  ("Sweet", "Vanilla", "Earthy")),
    StrainProfile("Wedding Cake", S.HYBRID, ("Relaxed", "Happy", "Euphoric", "Hungry"),
                  ("Vanilla", "Sweet", "Earthy")),
    StrainProfile("Gelato", S.HYBRID, ("Relaxed", "Happy", "Euphoric", "Creative"),
                  ("Sweet", "Berry", "Citrus")),
    StrainProfile("OG Kush", S.HYBRID, ("Relaxed", "Happy", "Euphoric", "Hungry"),
                  ("Earthy", "Pine", "Lemon")),
    StrainProfile("Sour Diesel", S.SATIVA, ("Energetic", "Uplifted", "Happy", "Creative"),
                  ("Citrus", "Earthy", "Pungent")),
    StrainProfile("Northern Lights", S.INDICA, ("Relaxed", "Sleepy", "Happy", "Euphoric"),
                  ("Earthy", "Pine", "Sweet")),
    StrainProfile("Granddaddy Purple", S.INDICA, ("Relaxed", "Sleepy", "Happy", "Hungry"),
                  ("Grape", "Berry", "Sweet")),
    StrainProfile("Bubba Kush", S.INDICA, ("Relaxed", "Sleepy", "Happy", "Hungry"),
                  ("Earthy", "Coffee", "Sweet")),
    StrainProfile("Jack Herer", S.SATIVA, ("Happy", "Energetic", "Uplifted", "Creative"),
                  ("Earthy", "Pine")),
    StrainProfile("Durban Poison", S.SATIVA, ("Uplifted", "Energetic", "Focused", "Happy"),
                  ("Sweet", "Pine", "Earthy")),
    StrainProfile("Girl Scout Cookies", S.HYBRID, ("Happy", "Euphoric", "Relaxed", "Creative"),
                  ("Sweet", "Earthy")),
)  # fmt: skip
CBD_STRAINS = tuple(
    StrainProfile(name, S.CBD, ("Relaxed", "Focused", "Happy"), flavors)
    for name, flavors in (
        ("ACDC", ("Earthy", "Pine")), ("Cannatonic", ("Earthy", "Citrus")),
        ("Charlotte's Web", ("Pine", "Herbal")), ("Ringo's Gift", ("Berry", "Earthy")),
        ("Suver Haze", ("Citrus", "Sweet")), ("Sour Space Candy", ("Sweet", "Citrus")),
    )
)  # fmt: skip

_TYPES = {"indica": S.INDICA, "sativa": S.SATIVA, "hybrid": S.HYBRID}
_BAD_NAME = re.compile(
    r"fuck|shit|piss|\bass\b|bastard|bitch|slut|dirty|sex|\b69\b|butter|stoned|cocaine|"
    r"heroin|medic|cure|doctor|\bdr\b|nurse|anesthesia|pain|relief|heal|cancer|therap|"
    r"remedy|treat|hospital|pharma|rx\b|aspirin|morphine|valium|prozac",
    re.IGNORECASE,
)
_NAME_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9 '&.#-]{2,34}")


def _fix_name(raw: str) -> str | None:
    """Repair UTF-8 read as cp1252, normalise apostrophes; None for unusable names."""
    name = raw.strip()
    if "â" in name or "Ã" in name:
        try:
            name = name.encode("cp1252").decode("utf-8")
        except UnicodeError:
            return None
    name = name.replace("\u2019", "'").replace("\u2018", "'")
    if not _NAME_OK.fullmatch(name) or _BAD_NAME.search(name):
        return None
    return name


def _profile(row: dict[str, str]) -> StrainProfile | None:
    strain_type = _TYPES.get((row.get("type") or "").strip().lower())
    name = _fix_name(row.get("name") or "")
    effects = clean_effects((row.get("effects") or "").split(","))
    if strain_type is None or name is None or len(effects) < 2:
        return None
    if strain_type == S.INDICA:  # put the facts indica shoppers look for first
        effects = tuple(sorted(effects, key=lambda e: e not in ("Relaxed", "Sleepy")))
    flavors = clean_flavors((row.get("flavor") or "").replace("NULL", "").split(","))
    return StrainProfile(name, strain_type, effects, flavors or TYPE_FLAVORS[strain_type][:2])


def load_kushy_strains(path: Path) -> list[StrainProfile]:
    """Usable strains of the Kushy CSV: a real type, a clean name, two positive effects."""
    seen: set[str] = {s.name.lower() for s in (*FEATURED, *CBD_STRAINS)}
    strains: list[StrainProfile] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            profile = _profile(row)
            if profile is not None and profile.name.lower() not in seen:
                seen.add(profile.name.lower())
                strains.append(profile)
    logger.info("read %d usable strains from %s", len(strains), path.name)
    return strains


def _pick_format(rng: random.Random, formats: Sequence[Format]) -> Format:
    return rng.choices(list(formats), weights=[f.weight for f in formats])[0]


def _pick_strain(rng: random.Random, pools: dict[StrainType, list[StrainProfile]]) -> StrainProfile:
    types = list(TYPE_WEIGHTS)
    strain_type = rng.choices(types, weights=[TYPE_WEIGHTS[t] for t in types])[0]
    return rng.choice(pools[strain_type])


def _fill(builder: CatalogBuilder, category: Category, make: Callable[[], object]) -> None:
    """Call ``make`` until the category holds its planned count (repeats are skipped)."""
    for _ in range(COUNTS[category] * 50):
        if builder.count(category) >= COUNTS[category]:
            return
        make()
    raise RuntimeError(f"could not build {COUNTS[category]} distinct {category} products")


def _strain_maker(
    builder: CatalogBuilder,
    pools: dict[StrainType, list[StrainProfile]],
    formats: Sequence[Format],
    brands: Sequence[str],
) -> Callable[[], object]:
    def make() -> object:
        rng = builder.rng
        strain = _pick_strain(rng, pools)
        return builder.strain_product(strain, rng.choice(brands), _pick_format(rng, formats))

    return make


def _packaged_maker(
    builder: CatalogBuilder, add: PackagedAdder, brands: Sequence[str]
) -> Callable[[], object]:
    return lambda: add(builder, builder.rng.choice(brands))


def _add_featured(builder: CatalogBuilder) -> None:
    rng = builder.rng
    for strain in FEATURED:
        brand = rng.choice(FLOWER_BRANDS)
        builder.strain_product(strain, brand, STRAIN_FORMATS[C.FLOWER][0])
        builder.strain_product(strain, rng.choice(FLOWER_BRANDS), STRAIN_FORMATS[C.FLOWER][-1])
        builder.strain_product(strain, brand, _pick_format(rng, STRAIN_FORMATS[C.PRE_ROLL][:3]))
        builder.strain_product(strain, rng.choice(EXTRACT_BRANDS), STRAIN_FORMATS[C.VAPE][0])
    for strain in CBD_STRAINS:
        builder.strain_product(strain, rng.choice(FLOWER_BRANDS), CBD_FLOWER_FORMATS[0])


def build_demo_catalog(strains: Sequence[StrainProfile], seed: int = DEMO_SEED) -> list[Product]:
    """The demo catalog: featured strains first, then Kushy strains, then packaged goods."""
    builder = CatalogBuilder(random.Random(seed))
    pools = {t: [s for s in (*FEATURED, *strains) if s.strain_type == t] for t in TYPE_WEIGHTS}
    _add_featured(builder)
    for category, formats in STRAIN_FORMATS.items():
        brands: tuple[str, ...] = EXTRACT_BRANDS if category == C.CONCENTRATE else FLOWER_BRANDS
        _fill(builder, category, _strain_maker(builder, pools, formats, brands))
    brands_for: dict[Category, tuple[str, ...]] = {
        C.EDIBLE: EDIBLE_BRANDS,
        C.BEVERAGE: BEVERAGE_BRANDS,
    }
    for category, add in PACKAGED_ADDERS.items():
        brands = brands_for.get(category, WELLNESS_BRANDS)
        _fill(builder, category, _packaged_maker(builder, add, brands))
    for index in range(COUNTS[C.ACCESSORY]):
        add_accessory(builder, index)
    return builder.products


def load_demo_catalog() -> list[Product]:
    """The built demo catalog shipped in the package."""
    text = (resources.files("weedgo") / "data" / "demo_catalog.json").read_text("utf-8")
    return [Product.model_validate(item) for item in json.loads(text)]


def write_catalog(products: Sequence[Product], out: Path) -> None:
    items = [p.model_dump(mode="json") for p in products]
    out.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the demo catalog from Kushy strains.")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Kushy strains.csv")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON file to write")
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    args = parser.parse_args(argv)
    products = build_demo_catalog(load_kushy_strains(args.source), seed=args.seed)
    write_catalog(products, args.out)
    logger.info("wrote %d products to %s", len(products), args.out)
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    raise SystemExit(main())
