//! The values of a product that filters and sort orders look at.
//!
//! The fields clients filter on most (`sku`, `entity_id`, `name`, `price`, ...) are kept parsed
//! beside the product's JSON; any other field, custom attributes included, is read from the
//! JSON when a query asks for it, which is slow but rare.

use std::borrow::Cow;

use serde_json::Value;

/// The top-level fields kept parsed, in the order of [`CoreFields`]'s array.
pub(crate) const CORE_FIELDS: [&str; 9] = [
    "name",
    "price",
    "status",
    "visibility",
    "type_id",
    "attribute_set_id",
    "created_at",
    "updated_at",
    "weight",
];

/// One comparable value: its text as MySQL would see it, and its number when it is one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scalar {
    pub(crate) text: Box<str>,
    pub(crate) number: Option<f64>,
}

impl Scalar {
    /// A text value; numeric text such as `"1500.0000"` also gets its number.
    pub(crate) fn text(text: &str) -> Self {
        Self { text: text.into(), number: parse_number(text) }
    }

    /// A JSON number, with the text serde_json writes for it.
    pub(crate) fn number(number: f64) -> Self {
        let text = serde_json::Number::from_f64(number)
            .map_or_else(|| number.to_string(), |n| n.to_string());
        Self { text: text.into(), number: Some(number) }
    }

    /// A JSON integer.
    pub(crate) fn integer(number: i64) -> Self {
        Self { text: number.to_string().into(), number: Some(number as f64) }
    }

    /// The scalar a JSON value holds; arrays, objects and `null` hold none.
    pub(crate) fn from_json(value: &Value) -> Option<Self> {
        match value {
            Value::String(text) => Some(Self::text(text)),
            Value::Number(number) => {
                Some(Self { text: number.to_string().into(), number: number.as_f64() })
            }
            Value::Bool(flag) => Some(Self::text(if *flag { "1" } else { "0" })),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
        }
    }

    fn as_ref(&self) -> ScalarRef<'_> {
        ScalarRef { text: Cow::Borrowed(&self.text), number: self.number }
    }
}

/// Parses text as a finite decimal number the way a numeric comparison would, refusing words
/// such as `inf` or `NaN` that Rust's parser would take.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let numeric_chars = trimmed
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    let has_digit = trimmed.bytes().any(|b| b.is_ascii_digit());
    if !numeric_chars || !has_digit {
        return None;
    }
    trimmed.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// The parsed [`CORE_FIELDS`] of one product; `None` where the product leaves a field out.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CoreFields {
    values: [Option<Scalar>; CORE_FIELDS.len()],
}

impl CoreFields {
    /// Reads the core fields of a product's JSON object.
    pub(crate) fn from_json(product: &Value) -> Self {
        let mut fields = Self::default();
        for (slot, name) in fields.values.iter_mut().zip(CORE_FIELDS) {
            *slot = product.get(name).and_then(Scalar::from_json);
        }
        fields
    }

    /// Sets the field `name`, one of [`CORE_FIELDS`]; other names are ignored.
    pub(crate) fn set(&mut self, name: &str, value: Scalar) {
        if let Some(index) = core_index(name) {
            self.values[index] = Some(value);
        }
    }
}

fn core_index(name: &str) -> Option<usize> {
    CORE_FIELDS.iter().position(|core| *core == name)
}

/// A filter or sort field, resolved once per query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FieldRef {
    /// `entity_id`, the product's `id`.
    EntityId,
    /// `sku`.
    Sku,
    /// One of [`CORE_FIELDS`], by index.
    Core(usize),
    /// Any other top-level field or custom attribute, read from the JSON.
    Other(String),
}

impl FieldRef {
    /// Resolves a field name from a query.
    pub(crate) fn resolve(name: &str) -> Self {
        match name {
            "entity_id" => Self::EntityId,
            "sku" => Self::Sku,
            _ => core_index(name).map_or_else(|| Self::Other(name.to_owned()), Self::Core),
        }
    }

    /// Whether reading this field needs the product's JSON parsed.
    pub(crate) fn is_slow(&self) -> bool {
        matches!(self, Self::Other(_))
    }
}

/// A borrowed or computed [`Scalar`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ScalarRef<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) number: Option<f64>,
}

/// The value of a field in one product: absent (SQL `NULL`), one scalar, or several (an array
/// custom attribute such as `category_ids`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldValue<'a> {
    Absent,
    One(ScalarRef<'a>),
    Many(Vec<ScalarRef<'a>>),
}

/// Reads `field` from a product given its id, SKU, core fields and, for slow fields, its parsed
/// JSON.
pub(crate) fn read_field<'a>(
    field: &FieldRef,
    id: u64,
    sku: &'a str,
    core: &'a CoreFields,
    json: Option<&'a Value>,
) -> FieldValue<'a> {
    match field {
        FieldRef::EntityId => {
            FieldValue::One(ScalarRef { text: Cow::Owned(id.to_string()), number: Some(id as f64) })
        }
        FieldRef::Sku => FieldValue::One(Scalar::text_ref(sku)),
        FieldRef::Core(index) => {
            core.values[*index].as_ref().map_or(FieldValue::Absent, |s| FieldValue::One(s.as_ref()))
        }
        FieldRef::Other(name) => {
            json.map_or(FieldValue::Absent, |json| read_json_field(json, name))
        }
    }
}

impl Scalar {
    fn text_ref(text: &str) -> ScalarRef<'_> {
        ScalarRef { text: Cow::Borrowed(text), number: parse_number(text) }
    }
}

/// A top-level scalar field, or else the custom attribute with that `attribute_code`.
fn read_json_field<'a>(product: &'a Value, name: &str) -> FieldValue<'a> {
    if let Some(value) = product.get(name).filter(|value| !value.is_array() && !value.is_object()) {
        return json_value(value);
    }
    let attribute =
        product.get("custom_attributes").and_then(Value::as_array).into_iter().flatten().find(
            |attribute| attribute.get("attribute_code").and_then(Value::as_str) == Some(name),
        );
    attribute.and_then(|attribute| attribute.get("value")).map_or(FieldValue::Absent, json_value)
}

fn json_value(value: &Value) -> FieldValue<'_> {
    match value {
        Value::Array(items) => FieldValue::Many(items.iter().filter_map(json_scalar).collect()),
        _ => json_scalar(value).map_or(FieldValue::Absent, FieldValue::One),
    }
}

fn json_scalar(value: &Value) -> Option<ScalarRef<'_>> {
    match value {
        Value::String(text) => Some(Scalar::text_ref(text)),
        _ => Scalar::from_json(value)
            .map(|s| ScalarRef { text: Cow::Owned(s.text.into()), number: s.number }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_recognised_only_when_numeric() {
        assert_eq!(parse_number(" 12.50 "), Some(12.5));
        assert_eq!(parse_number("1500.0000"), Some(1500.0));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("MS-12"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn custom_attributes_are_read_by_code_and_arrays_give_many() {
        let product = json!({"sku": "A", "custom_attributes": [
            {"attribute_code": "category_ids", "value": ["3", "5"]},
            {"attribute_code": "special_price", "value": "1500.0000"},
        ]});
        let core = CoreFields::from_json(&product);
        let field = FieldRef::resolve("category_ids");
        let FieldValue::Many(values) = read_field(&field, 1, "A", &core, Some(&product)) else {
            panic!("expected an array value");
        };
        assert_eq!(values.len(), 2);
        let price = read_field(&FieldRef::resolve("special_price"), 1, "A", &core, Some(&product));
        assert!(matches!(price, FieldValue::One(ScalarRef { number: Some(n), .. }) if n == 1500.0));
        let missing = read_field(&FieldRef::resolve("color"), 1, "A", &core, Some(&product));
        assert_eq!(missing, FieldValue::Absent);
    }
}
