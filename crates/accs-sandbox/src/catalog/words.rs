//! Word lists the catalog generator draws product names and descriptions from.

/// Adjectives, some with accents, so that names exercise UTF-8 handling.
pub(super) const ADJECTIVES: &[&str] = &[
    "Classic",
    "Élégant",
    "Crème",
    "Nordic",
    "Café",
    "Señorita",
    "Smart",
    "Ultra",
    "Vintage",
    "Rustic",
    "Organic",
    "Compact",
    "Deluxe",
    "Ærø",
    "Zürich",
    "Piñata",
    "Große",
    "Açaí",
    "Modern",
    "Urban",
    "Alpine",
    "Coastal",
    "Everyday",
    "Premium",
    "Naïve",
    "Fjällräven-style",
];

/// Product nouns.
pub(super) const NOUNS: &[&str] = &[
    "Backpack",
    "Hoodie",
    "Yoga Mat",
    "Water Bottle",
    "Headphones",
    "Tee",
    "Jacket",
    "Sneakers",
    "Watch",
    "Lamp",
    "Mug",
    "Teapot",
    "Chair",
    "Notebook",
    "Duffle Bag",
    "Sunglasses",
    "Scarf",
    "Wallet",
    "Running Shorts",
    "Desk Organizer",
    "Espresso Cups",
    "Throw Blanket",
    "Gift Card",
];

/// Colours appended to some names.
pub(super) const COLOURS: &[&str] =
    &["Black", "Blue", "Rouge", "Grün", "Gray", "Beige", "Olive", "Bordeaux", "Crème brûlée"];

/// Whole names in Chinese, Japanese and Korean.
pub(super) const CJK_NAMES: &[&str] = &[
    "保温杯 500ml",
    "ワイヤレスイヤホン",
    "무선 마우스",
    "竹製まな板",
    "茶具套装",
    "加湿器 Pro",
    "陶瓷花瓶",
    "노트북 가방",
];

/// Emoji some names end with.
pub(super) const EMOJI: &[&str] = &["🎧", "☕", "🔥", "🌿", "⭐", "👟", "🎁"];

/// Sentences for the HTML description.
pub(super) const FEATURES: &[&str] = &[
    "Made from recycled materials",
    "Machine washable at 30 °C",
    "Lightweight &amp; durable",
    "Two-year warranty",
    "Fits 15\" laptops",
    "Water-resistant finish",
    "Hand-finished in Portugal",
    "Ships in plastic-free packaging",
];

/// SKU prefixes of simple products.
pub(super) const SIMPLE_PREFIXES: &[&str] =
    &["MS", "WS", "MJ", "WT", "MH", "24-MB", "24-UG", "24-WG"];

/// SKU prefixes of configurable products.
pub(super) const CONFIGURABLE_PREFIXES: &[&str] = &["MSH", "WSH", "MP"];
