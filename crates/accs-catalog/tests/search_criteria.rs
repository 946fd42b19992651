//! Rendering of search criteria to query pairs, and the refusals that happen before any request.

#![allow(clippy::unwrap_used)]

use accs_catalog::{
    Condition, DEFAULT_PAGE_SIZE, Filter, FilterGroup, MAX_PAGE_SIZE, SearchCriteria,
    SortDirection, SortOrder,
};

fn pairs(criteria: &SearchCriteria) -> Vec<(String, String)> {
    criteria.to_query_pairs()
}

fn pair(key: &str, value: &str) -> (String, String) {
    (key.to_owned(), value.to_owned())
}

#[test]
fn empty_criteria_still_carries_page_size_and_current_page() {
    assert_eq!(
        pairs(&SearchCriteria::new()),
        vec![
            pair("searchCriteria[pageSize]", &DEFAULT_PAGE_SIZE.to_string()),
            pair("searchCriteria[currentPage]", "1"),
        ]
    );
}

#[test]
fn every_condition_renders_its_wire_name() {
    let names = [
        "eq", "neq", "like", "nlike", "in", "nin", "gt", "gteq", "lt", "lteq", "moreq", "from",
        "to", "null", "notnull", "finset", "nfinset",
    ];
    assert_eq!(Condition::ALL.len(), names.len());
    for (condition, name) in Condition::ALL.into_iter().zip(names) {
        assert_eq!(condition.as_str(), name);
        assert_eq!(name.parse::<Condition>().unwrap(), condition);
        assert_eq!(name.to_uppercase().parse::<Condition>().unwrap(), condition);
        let rendered =
            pairs(&SearchCriteria::new().filter(Filter::new("f", condition, "v").unwrap()));
        assert_eq!(rendered[0], pair("searchCriteria[filter_groups][0][filters][0][field]", "f"));
        let value = if condition.takes_value() { "v" } else { "1" };
        assert_eq!(rendered[1], pair("searchCriteria[filter_groups][0][filters][0][value]", value));
        assert_eq!(
            rendered[2],
            pair("searchCriteria[filter_groups][0][filters][0][condition_type]", name)
        );
    }
}

#[test]
fn filters_in_a_group_are_or_ed_and_groups_and_ed() {
    let criteria = SearchCriteria::new()
        .group(FilterGroup::any_of([
            Filter::new("type_id", Condition::Eq, "simple").unwrap(),
            Filter::new("type_id", Condition::Eq, "virtual").unwrap(),
        ]))
        .filter(Filter::new("price", Condition::Gt, "10").unwrap());
    let rendered = pairs(&criteria);
    let expected = [
        pair("searchCriteria[filter_groups][0][filters][0][field]", "type_id"),
        pair("searchCriteria[filter_groups][0][filters][0][value]", "simple"),
        pair("searchCriteria[filter_groups][0][filters][0][condition_type]", "eq"),
        pair("searchCriteria[filter_groups][0][filters][1][field]", "type_id"),
        pair("searchCriteria[filter_groups][0][filters][1][value]", "virtual"),
        pair("searchCriteria[filter_groups][0][filters][1][condition_type]", "eq"),
        pair("searchCriteria[filter_groups][1][filters][0][field]", "price"),
        pair("searchCriteria[filter_groups][1][filters][0][value]", "10"),
        pair("searchCriteria[filter_groups][1][filters][0][condition_type]", "gt"),
    ];
    assert_eq!(rendered[..expected.len()], expected);
}

#[test]
fn sort_orders_render_in_turn() {
    let criteria = SearchCriteria::new()
        .sort_by("price", SortDirection::Desc)
        .unwrap()
        .sort(SortOrder::parse_cli("name").unwrap());
    let rendered = pairs(&criteria);
    assert_eq!(
        rendered[..4],
        [
            pair("searchCriteria[sortOrders][0][field]", "price"),
            pair("searchCriteria[sortOrders][0][direction]", "DESC"),
            pair("searchCriteria[sortOrders][1][field]", "name"),
            pair("searchCriteria[sortOrders][1][direction]", "ASC"),
        ]
    );
}

#[test]
fn page_size_is_limited_to_one_through_three_hundred() {
    assert_eq!(MAX_PAGE_SIZE, 300);
    for bad in [0, 301, 500] {
        let message = SearchCriteria::new().with_page_size(bad).unwrap_err().to_string();
        assert!(message.contains("300") && message.contains(&bad.to_string()), "{message}");
    }
    let criteria = SearchCriteria::new().with_page_size(300).unwrap().with_current_page(4).unwrap();
    let rendered = pairs(&criteria);
    assert_eq!(rendered[0], pair("searchCriteria[pageSize]", "300"));
    assert_eq!(rendered[1], pair("searchCriteria[currentPage]", "4"));
    assert!(SearchCriteria::new().with_current_page(0).is_err());
}

#[test]
fn in_lists_join_with_commas_and_refuse_values_with_commas() {
    let filter = Filter::one_of("entity_id", ["5", "112"]).unwrap();
    assert_eq!((filter.condition(), filter.value()), (Condition::In, "5,112"));
    let message = Filter::one_of("sku", ["A,1", "B"]).unwrap_err().to_string();
    assert!(message.contains("\"A,1\"") && message.contains("comma"), "{message}");
    assert!(Filter::none_of("sku", ["A,1"]).is_err());
    assert!(Filter::one_of("sku", Vec::<String>::new()).is_err());
    assert_eq!(Filter::none_of("sku", ["A"]).unwrap().condition(), Condition::Nin);
}

#[test]
fn like_values_are_rendered_unencoded_for_the_transport_to_encode_once() {
    let criteria =
        SearchCriteria::new().filter(Filter::new("name", Condition::Like, "%adapter%").unwrap());
    assert_eq!(
        pairs(&criteria)[1],
        pair("searchCriteria[filter_groups][0][filters][0][value]", "%adapter%")
    );
}

#[test]
fn empty_field_names_are_refused() {
    assert!(Filter::new(" ", Condition::Eq, "x").is_err());
    assert!(Filter::is_null("").is_err());
    assert!(SortOrder::new("", SortDirection::Asc).is_err());
}

#[test]
fn cli_filters_take_everything_after_the_second_colon_as_value() {
    let filter = Filter::parse_cli("updated_at:gt:2024-01-01 10:00:00").unwrap();
    assert_eq!(
        (filter.field(), filter.condition(), filter.value()),
        ("updated_at", Condition::Gt, "2024-01-01 10:00:00")
    );
    let filter = Filter::parse_cli("name:LIKE:%a:b%").unwrap();
    assert_eq!((filter.condition(), filter.value()), (Condition::Like, "%a:b%"));
    let filter = Filter::parse_cli("sku:in:A,B").unwrap();
    assert_eq!((filter.condition(), filter.value()), (Condition::In, "A,B"));
    assert_eq!(Filter::parse_cli("sku:eq:").unwrap().value(), "");
    assert_eq!(Filter::parse_cli("special_price:null").unwrap().condition(), Condition::Null);
    assert_eq!(Filter::parse_cli("special_price:notnull").unwrap().condition(), Condition::Notnull);
}

#[test]
fn cli_filter_errors_name_the_problem() {
    let cases = [
        ("sku", "no condition"),
        ("sku:eq", "no value"),
        ("sku:equals:A", "unknown condition \"equals\""),
        ("sku:null:x", "takes none"),
        (":eq:x", "field name"),
        ("sku:in:", "at least one value"),
    ];
    for (text, expected) in cases {
        let message = Filter::parse_cli(text).unwrap_err().to_string();
        assert!(message.contains(expected), "{text}: {message}");
    }
}

#[test]
fn cli_sort_orders_default_to_ascending() {
    let order = SortOrder::parse_cli("price:DESC").unwrap();
    assert_eq!((order.field(), order.direction()), ("price", SortDirection::Desc));
    let order = SortOrder::parse_cli("created_at").unwrap();
    assert_eq!((order.field(), order.direction()), ("created_at", SortDirection::Asc));
    let order = SortOrder::parse_cli("name:asc").unwrap();
    assert_eq!(order.direction(), SortDirection::Asc);
    let message = SortOrder::parse_cli("price:down").unwrap_err().to_string();
    assert!(message.contains("\"down\""), "{message}");
    assert!(SortOrder::parse_cli(":desc").is_err());
}
