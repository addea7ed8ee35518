"""The ways products are sold, and the brands that sell them (demo data, all constant).

Prices are Canadian dollars; potencies follow Canadian limits: at most 10 mg THC per
package of edibles or per beverage container. Every brand below is fictional except a
few widely known product lines (Wana gummies, RAW and Zig-Zag papers).
"""

from __future__ import annotations

from weedgo.catalog.builders import Format
from weedgo.domain import Category

C = Category

FLOWER_FORMATS = (
    Format(C.FLOWER, "Whole Flower", "3.5 g", (24.99, 54.99), (12.0, 30.0), (0.0, 1.0), weight=8),
    Format(C.FLOWER, "Whole Flower", "7 g", (44.99, 94.99), (12.0, 28.0), (0.0, 1.0), weight=2),
    Format(C.FLOWER, "Whole Flower", "14 g", (79.99, 159.99), (14.0, 28.0), (0.0, 1.0)),
    Format(C.FLOWER, "Whole Flower", "28 g", (99.99, 249.99), (12.0, 26.0), (0.0, 1.0), weight=2),
)
CBD_FLOWER_FORMATS = (
    Format(C.FLOWER, "Whole Flower", "3.5 g", (24.99, 39.99), (0.1, 0.9), (8.0, 15.0), weight=3),
    Format(C.FLOWER, "Whole Flower", "7 g", (39.99, 69.99), (0.1, 0.9), (8.0, 15.0)),
)
PRE_ROLL_FORMATS = (
    Format(C.PRE_ROLL, "Pre-Roll", "1 x 1 g", (7.99, 14.99), (14.0, 28.0), (0.0, 1.0),
           label="Pre-Roll", weight=3),
    Format(C.PRE_ROLL, "Pre-Roll", "3 x 0.5 g", (14.99, 24.99), (14.0, 27.0), (0.0, 1.0),
           label="Pre-Rolls", weight=3),
    Format(C.PRE_ROLL, "Pre-Roll", "10 x 0.35 g", (29.99, 44.99), (14.0, 24.0), (0.0, 1.0),
           label="Pre-Rolls", weight=2),
    Format(C.PRE_ROLL, "Infused Pre-Roll", "1 x 0.5 g", (11.99, 19.99), (32.0, 45.0),
           label="Infused Pre-Roll"),
)  # fmt: skip
VAPE_FORMATS = (
    Format(C.VAPE, "510 Cartridge", "0.5 g", (29.99, 44.99), (65.0, 90.0),
           label="Vape Cartridge", weight=3),
    Format(C.VAPE, "510 Cartridge", "1 g", (44.99, 69.99), (65.0, 90.0),
           label="Vape Cartridge", weight=2),
    Format(C.VAPE, "Disposable Vape", "0.5 g", (34.99, 49.99), (70.0, 88.0),
           label="Disposable Vape"),
)  # fmt: skip
CONCENTRATE_FORMATS = (
    Format(C.CONCENTRATE, "Shatter", "1 g", (34.99, 49.99), (70.0, 88.0), label="Shatter"),
    Format(C.CONCENTRATE, "Live Resin", "1 g", (44.99, 69.99), (65.0, 85.0), label="Live Resin"),
    Format(C.CONCENTRATE, "Hash", "1 g", (19.99, 39.99), (35.0, 60.0), label="Hash"),
    Format(C.CONCENTRATE, "Rosin", "1 g", (59.99, 89.99), (60.0, 80.0), label="Live Rosin"),
)
STRAIN_FORMATS: dict[Category, tuple[Format, ...]] = {
    C.FLOWER: FLOWER_FORMATS,
    C.PRE_ROLL: PRE_ROLL_FORMATS,
    C.VAPE: VAPE_FORMATS,
    C.CONCENTRATE: CONCENTRATE_FORMATS,
}

FLOWER_BRANDS = (
    "Maple Hollow", "Cedar Coast Craft", "Prairie Lantern", "Lakehead Leaf", "Tundra Bloom",
    "Fundy Tide Farms", "Kootenay Ridge Co.", "Rideau Valley Growers", "Birch & Bramble",
    "Loon Lake Cannabis", "Great Bear Greenhouse", "Chinook Wind",
)  # fmt: skip
EXTRACT_BRANDS = ("Snowshoe Extracts", "Hinterland Hash Co.", "Laurentide Labs", "Chinook Wind")
EDIBLE_BRANDS = ("North Star Confections", "Sugar Shack Sweets", "Wana")
BEVERAGE_BRANDS = ("Polar Fizz", "Timberline Tonics")
WELLNESS_BRANDS = ("Harbourfront Botanicals", "Laurentide Labs", "Algonquin Grove")
ACCESSORY_BRANDS = ("Spruce Moose Supply", "RAW", "Zig-Zag", "Harbourfront Botanicals")

FRUIT_FLAVORS = (
    "Strawberry Lemonade", "Mango", "Watermelon", "Blood Orange", "Peach", "Black Cherry",
    "Wild Blueberry", "Raspberry", "Pineapple Coconut", "Sour Apple", "Lime", "Grape",
    "Tangerine", "Pink Grapefruit", "Saskatoon Berry", "Maple",
)  # fmt: skip
CHOCOLATE_FLAVORS = ("Milk", "Dark Sea Salt", "Salted Caramel Milk", "Mint Dark", "Espresso Dark")
BEVERAGE_FLAVORS = (
    "Grapefruit", "Lemon", "Ginger", "Cola", "Root Beer", "Peach", "Raspberry Lime",
    "Cranberry", "Blackberry", "Yuzu",
)  # fmt: skip
EDIBLE_KINDS = (
    # (subcategory, name word, sizes as (pieces, label))
    ("Gummies", "Gummies", ((2, "2 pieces"), (5, "5 pieces"), (1, "1 piece"))),
    ("Gummies", "Soft Chews", ((2, "2 pieces"), (4, "4 pieces"))),
    ("Chocolate", "Chocolate", ((1, "1 bar"), (4, "4 squares"))),
)
BEVERAGE_KINDS = ("Sparkling Water", "Soda", "Iced Tea", "Lemonade")

ACCESSORIES = (
    # (brand, name, subcategory, size, price range)
    ("RAW", "RAW Classic King Size Slim Papers", "Papers", "32 leaves", (2.49, 3.99)),
    ("RAW", "RAW Classic 1 1/4 Papers", "Papers", "50 leaves", (1.99, 2.99)),
    ("RAW", "RAW Pre-Rolled Cones King Size", "Cones", "3 cones", (2.99, 4.49)),
    ("Zig-Zag", "Zig-Zag Ultra Thin 1 1/4 Papers", "Papers", "32 leaves", (1.99, 2.99)),
    ("Zig-Zag", "Zig-Zag Unbleached Cones", "Cones", "6 cones", (4.99, 6.99)),
    ("Spruce Moose Supply", "Four-Piece Aluminium Grinder", "Grinder", "55 mm", (24.99, 39.99)),
    ("Spruce Moose Supply", "Two-Piece Wooden Grinder", "Grinder", "50 mm", (12.99, 19.99)),
    ("Spruce Moose Supply", "Bamboo Rolling Tray", "Rolling Tray", "small", (14.99, 24.99)),
    ("Spruce Moose Supply", "Metal Rolling Tray", "Rolling Tray", "medium", (12.99, 19.99)),
    ("Spruce Moose Supply", "Smell-Proof Glass Jar", "Storage", "120 mL", (11.99, 17.99)),
    ("Spruce Moose Supply", "Hemp Wick", "Lighting", "3 m", (4.99, 7.99)),
    ("Spruce Moose Supply", "Refillable Butane Lighter", "Lighting", "1 unit", (2.99, 5.99)),
    ("Spruce Moose Supply", "510 Thread Vape Battery", "Vape Battery", "1 unit", (19.99, 34.99)),
    ("Spruce Moose Supply", "Silicone Dab Mat", "Concentrate Tools", "1 unit", (9.99, 14.99)),
    ("Spruce Moose Supply", "Stainless Dab Tool", "Concentrate Tools", "1 unit", (6.99, 11.99)),
    ("Spruce Moose Supply", "Glass Hand Pipe", "Pipes", "10 cm", (19.99, 39.99)),
    ("Spruce Moose Supply", "Ceramic Ashtray", "Ashtray", "1 unit", (14.99, 24.99)),
    ("Spruce Moose Supply", "Pre-Roll Storage Tubes", "Storage", "5 tubes", (5.99, 9.99)),
    ("Harbourfront Botanicals", "Cotton Stash Pouch", "Storage", "1 unit", (19.99, 29.99)),
    ("Spruce Moose Supply", "Glass Filter Tips", "Tips", "10 tips", (9.99, 15.99)),
    ("Spruce Moose Supply", "Portable Dry Herb Vaporizer", "Vaporizer", "1 unit", (89.99, 149.99)),
)  # fmt: skip
