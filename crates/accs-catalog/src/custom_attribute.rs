//! `custom_attributes` entries, whose value is a string, a list of strings, or anything else.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The value of a custom attribute, kept in the shape the server sent.
///
/// Decimals come as strings (`"1500.0000"`) and stay strings: nothing here parses or rounds.
#[derive(Debug, Clone, PartialEq)]
pub enum AttributeValue {
    /// A string, such as `"<p>Text</p>"` or `"1500.0000"`.
    Text(String),
    /// A list of strings, such as `category_ids` `["3","5"]`.
    List(Vec<String>),
    /// Anything else (a number, `null`, an object, a list with non-strings), as sent.
    Other(Value),
}

impl AttributeValue {
    /// The string, for a [`AttributeValue::Text`].
    pub fn as_text(&self) -> Option<&str> {
        match self {
            AttributeValue::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The strings, for a [`AttributeValue::List`].
    pub fn as_list(&self) -> Option<&[String]> {
        match self {
            AttributeValue::List(items) => Some(items),
            _ => None,
        }
    }

    /// The value as JSON, in the shape it came.
    pub fn to_value(&self) -> Value {
        match self {
            AttributeValue::Text(text) => Value::String(text.clone()),
            AttributeValue::List(items) => {
                Value::Array(items.iter().cloned().map(Value::String).collect())
            }
            AttributeValue::Other(value) => value.clone(),
        }
    }
}

impl From<Value> for AttributeValue {
    fn from(value: Value) -> Self {
        match value {
            Value::String(text) => AttributeValue::Text(text),
            Value::Array(items) if items.iter().all(Value::is_string) => AttributeValue::List(
                items
                    .into_iter()
                    .filter_map(|item| match item {
                        Value::String(text) => Some(text),
                        _ => None,
                    })
                    .collect(),
            ),
            other => AttributeValue::Other(other),
        }
    }
}

impl From<&str> for AttributeValue {
    fn from(text: &str) -> Self {
        AttributeValue::Text(text.to_owned())
    }
}

impl From<String> for AttributeValue {
    fn from(text: String) -> Self {
        AttributeValue::Text(text)
    }
}

impl From<Vec<String>> for AttributeValue {
    fn from(items: Vec<String>) -> Self {
        AttributeValue::List(items)
    }
}

impl Serialize for AttributeValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AttributeValue::Text(text) => serializer.serialize_str(text),
            AttributeValue::List(items) => items.serialize(serializer),
            AttributeValue::Other(value) => value.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for AttributeValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(AttributeValue::from)
    }
}

/// One entry of a product's `custom_attributes`: `{"attribute_code": .., "value": ..}`.
///
/// Magento sends exactly these two keys. An entry with any other key, or without `value`, does
/// not fit this type, so a [`Product`](crate::Product) whose list holds one keeps the whole
/// list, as it came, in `extra` (and `custom_attributes` is `None`): nothing is lost on a
/// write-back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAttribute {
    /// The attribute code, such as `description` or `category_ids`.
    pub attribute_code: String,
    /// The value, in the shape it came.
    pub value: AttributeValue,
}

impl CustomAttribute {
    /// An entry setting `attribute_code` to `value`.
    pub fn new(attribute_code: impl Into<String>, value: impl Into<AttributeValue>) -> Self {
        CustomAttribute { attribute_code: attribute_code.into(), value: value.into() }
    }
}
