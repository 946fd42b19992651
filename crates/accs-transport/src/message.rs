//! Commerce error bodies: parsing both envelopes and rendering their templates.

use serde_json::Value;

/// An error message from the Commerce REST API, kept raw and rendered.
///
/// Magento answers `{"message": "<template>", "parameters": [..] | {..}, "errors": [..]}`;
/// the template's `%1`, `%2` (positional) or `%name` (named) placeholders are filled from
/// `parameters`. A developer-mode `trace` is kept apart and never part of the rendered text.
#[derive(Debug, Clone, PartialEq)]
pub struct CommerceMessage {
    /// The message with its placeholders filled in.
    pub rendered: String,
    /// The message template as sent.
    pub template: String,
    /// The parameters as sent: an array, an object, or absent.
    pub parameters: Option<Value>,
    /// Detail messages carried under a generic top line, such as one per invalid field.
    pub errors: Vec<CommerceMessage>,
    /// The numeric `code`, when sent.
    pub code: Option<i64>,
    /// The developer-mode stack trace, when sent; never shown in `Display`.
    pub trace: Option<String>,
}

impl CommerceMessage {
    /// Parses a Commerce error body, in the usual envelope or in the
    /// `{"messages": {"error": [{"code", "message"}]}}` one of PHP fatal errors.
    ///
    /// Gives `None` when the body is neither.
    pub fn parse(body: &[u8]) -> Option<CommerceMessage> {
        let value: Value = serde_json::from_slice(body).ok()?;
        Self::from_value(&value).or_else(|| {
            let first = value.get("messages")?.get("error")?.as_array()?.first()?;
            Self::from_value(first)
        })
    }

    fn from_value(value: &Value) -> Option<CommerceMessage> {
        let template = value.get("message")?.as_str()?.to_owned();
        let parameters = value.get("parameters").filter(|p| !p.is_null()).cloned();
        let errors = value
            .get("errors")
            .and_then(Value::as_array)
            .map(|errors| errors.iter().filter_map(Self::from_value).collect())
            .unwrap_or_default();
        Some(CommerceMessage {
            rendered: render(&template, parameters.as_ref()),
            template,
            parameters,
            errors,
            code: value.get("code").and_then(Value::as_i64),
            trace: value.get("trace").and_then(Value::as_str).map(str::to_owned),
        })
    }

    /// The rendered message followed by the rendered details, if any, joined with `; `.
    pub fn full_text(&self) -> String {
        let mut text = self.rendered.clone();
        for (index, detail) in self.errors.iter().enumerate() {
            text.push_str(if index == 0 { ": " } else { "; " });
            text.push_str(&detail.rendered);
        }
        text
    }
}

/// Fills `%1`-style or `%name`-style placeholders of `template` from `parameters`.
///
/// The longest placeholder is replaced first, so `%10` is not read as `%1` followed by `0`;
/// placeholders with no parameter stay as they are.
pub fn render(template: &str, parameters: Option<&Value>) -> String {
    let mut pairs: Vec<(String, String)> = match parameters {
        Some(Value::Array(values)) => values
            .iter()
            .enumerate()
            .map(|(index, value)| (format!("%{}", index + 1), text_of(value)))
            .collect(),
        Some(Value::Object(map)) => {
            map.iter().map(|(name, value)| (format!("%{name}"), text_of(value))).collect()
        }
        _ => return template.to_owned(),
    };
    pairs.sort_by_key(|(placeholder, _)| std::cmp::Reverse(placeholder.len()));

    // One pass over the template, so a value that itself contains `%x` is not re-expanded.
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match pairs.iter().find(|(placeholder, _)| tail.starts_with(placeholder.as_str())) {
            Some((placeholder, value)) => {
                out.push_str(value);
                rest = &tail[placeholder.len()..];
            }
            None => {
                out.push('%');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(value: Value) -> CommerceMessage {
        CommerceMessage::parse(value.to_string().as_bytes()).unwrap()
    }

    #[test]
    fn the_templates_of_case_c07() {
        let named = parse(json!({"message": "%fieldName is a required field.",
                                 "parameters": {"fieldName": "sku"}}));
        assert_eq!(named.rendered, "sku is a required field.");
        assert_eq!(named.template, "%fieldName is a required field.");
        assert_eq!(named.parameters, Some(json!({"fieldName": "sku"})));

        let positional = parse(json!({"message": "Cannot save attribute %1",
                                      "parameters": ["size"]}));
        assert_eq!(positional.rendered, "Cannot save attribute size");

        let nested = parse(json!({"message": "One or more input exceptions have occurred.",
        "errors": [
            {"message": "%fieldName is a required field.", "parameters": {"fieldName": "name"}},
            {"message": "%fieldName is a required field.", "parameters": {"fieldName": "price"}}
        ]}));
        assert_eq!(nested.rendered, "One or more input exceptions have occurred.");
        let details: Vec<_> = nested.errors.iter().map(|e| e.rendered.as_str()).collect();
        assert_eq!(details, ["name is a required field.", "price is a required field."]);

        assert_eq!(parse(json!({"message": "Plain"})).rendered, "Plain");
        assert_eq!(parse(json!({"message": "Plain", "parameters": []})).rendered, "Plain");
    }

    #[test]
    fn required_search_criteria_renders_as_in_case_c06() {
        let message = parse(json!({"message": "\"%fieldName\" is required. Enter and try again.",
                                   "parameters": {"fieldName": "searchCriteria"}}));
        assert_eq!(message.rendered, "\"searchCriteria\" is required. Enter and try again.");
        let max = parse(json!({"message": "Maximum SearchCriteria pageSize is %max",
                               "parameters": {"max": 300}}));
        assert_eq!(max.rendered, "Maximum SearchCriteria pageSize is 300");
    }

    #[test]
    fn longest_placeholder_first_and_unknown_ones_kept() {
        let params: Vec<String> = (1..=10).map(|n| format!("v{n}")).collect();
        assert_eq!(render("%10 %1 %11 %x", Some(&json!(params))), "v10 v1 v11 %x");
        assert_eq!(render("%a %ab", Some(&json!({"a": "1", "ab": "2"}))), "1 2");
        assert_eq!(render("100%", Some(&json!(["x"]))), "100%");
        assert_eq!(render("%1", Some(&json!(["%1"]))), "%1");
    }

    #[test]
    fn trace_is_kept_apart_and_fatal_envelope_is_read() {
        let message = parse(json!({"message": "Boom", "trace": "#0 /var/www/x.php(12)"}));
        assert_eq!(message.rendered, "Boom");
        assert_eq!(message.trace.as_deref(), Some("#0 /var/www/x.php(12)"));
        let fatal = parse(json!({"messages": {"error": [{"code": 500, "message": "Fatal"}]}}));
        assert_eq!((fatal.rendered.as_str(), fatal.code), ("Fatal", Some(500)));
        assert!(CommerceMessage::parse(b"<html>").is_none());
        assert!(CommerceMessage::parse(b"{\"other\":1}").is_none());
    }
}
