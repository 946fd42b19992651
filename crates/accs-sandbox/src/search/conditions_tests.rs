use std::borrow::Cow;

use super::*;

fn filter(condition: &str, value: &str) -> CompiledFilter {
    let filter = Filter {
        field: "x".to_owned(),
        value: Some(value.to_owned()),
        condition: condition.to_owned(),
    };
    CompiledFilter::compile(&filter).unwrap()
}

fn one(text: &str) -> FieldValue<'_> {
    FieldValue::One(ScalarRef { text: Cow::Borrowed(text), number: parse_number(text) })
}

fn many<'a>(texts: &[&'a str]) -> FieldValue<'a> {
    FieldValue::Many(
        texts
            .iter()
            .map(|t| ScalarRef { text: Cow::Borrowed(t), number: parse_number(t) })
            .collect(),
    )
}

#[test]
fn equality_is_numeric_for_numbers_and_case_insensitive_for_text() {
    assert!(filter("eq", "12.50").matches(&one("12.5")));
    assert!(filter("eq", "ms-1").matches(&one("MS-1")));
    assert!(!filter("eq", "MS-1").matches(&one("MS-10")));
    assert!(filter("neq", "MS-1").matches(&one("MS-10")));
    assert!(!filter("neq", "ms-1").matches(&one("MS-1")));
}

#[test]
fn null_matches_only_null_conditions() {
    for condition in ["eq", "neq", "like", "nlike", "in", "nin", "gt", "lt", "finset", "nfinset"] {
        assert!(!filter(condition, "1").matches(&FieldValue::Absent), "{condition}");
    }
    assert!(filter("null", "").matches(&FieldValue::Absent));
    assert!(!filter("null", "").matches(&one("1")));
    assert!(filter("notnull", "").matches(&one("1")));
    assert!(!filter("notnull", "").matches(&FieldValue::Absent));
}

#[test]
fn in_and_nin_split_on_commas() {
    assert!(filter("in", "5,112").matches(&one("112")));
    assert!(!filter("in", "5,112").matches(&one("11")));
    assert!(filter("nin", "5,112").matches(&one("11")));
    assert!(!filter("nin", "5,112").matches(&one("5")));
}

#[test]
fn ranges_compare_numbers_numerically_and_text_as_text() {
    assert!(filter("gt", "9").matches(&one("10")));
    assert!(!filter("gt", "10").matches(&one("10")));
    assert!(filter("gteq", "10").matches(&one("10")));
    assert!(filter("moreq", "10").matches(&one("10")));
    assert!(filter("from", "10").matches(&one("11")));
    assert!(filter("lt", "10").matches(&one("9")));
    assert!(filter("lteq", "10").matches(&one("10")));
    assert!(filter("to", "10").matches(&one("10")));
    assert!(!filter("to", "10").matches(&one("10.01")));
    assert!(filter("gt", "2020-01-01 00:00:00").matches(&one("2021-05-01 10:00:00")));
    assert!(filter("lt", "b").matches(&one("A")));
}

#[test]
fn like_and_nlike_use_wildcards() {
    assert!(filter("like", "%bag%").matches(&one("Duffle Bag")));
    assert!(!filter("nlike", "%bag%").matches(&one("Duffle Bag")));
    assert!(filter("nlike", "%bag%").matches(&one("Mug")));
}

#[test]
fn find_in_set_looks_inside_comma_lists_and_arrays() {
    assert!(filter("finset", "5").matches(&one("3,5,8")));
    assert!(!filter("finset", "5").matches(&one("3,55")));
    assert!(filter("nfinset", "5").matches(&one("3,55")));
    assert!(filter("finset", "5").matches(&many(&["3", "5"])));
}

#[test]
fn arrays_match_when_any_element_matches() {
    let categories = many(&["3", "5"]);
    assert!(filter("eq", "5").matches(&categories));
    assert!(filter("in", "7,3").matches(&categories));
    assert!(!filter("eq", "4").matches(&categories));
    assert!(!filter("neq", "5").matches(&categories));
    assert!(filter("nin", "7,8").matches(&categories));
}

#[test]
fn unknown_conditions_are_refused() {
    let bad = Filter { field: "x".to_owned(), value: None, condition: "around".to_owned() };
    let err = CompiledFilter::compile(&bad).unwrap_err();
    assert_eq!(err.status, StatusCode::BAD_REQUEST);
}
