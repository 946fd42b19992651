use serde_json::Value;

use super::*;

fn list(catalog: &Catalog, query: &str) -> Value {
    let search = Search::new(SearchCriteria::from_query(Some(query)).unwrap()).unwrap();
    serde_json::from_slice(&search.render(catalog)).unwrap()
}

fn ids(answer: &Value) -> Vec<u64> {
    answer["items"].as_array().unwrap().iter().map(|item| item["id"].as_u64().unwrap()).collect()
}

const KEYSET: &str = "searchCriteria[filter_groups][0][filters][0][field]=entity_id\
    &searchCriteria[filter_groups][0][filters][0][value]=40\
    &searchCriteria[filter_groups][0][filters][0][condition_type]=gt\
    &searchCriteria[filter_groups][1][filters][0][field]=entity_id\
    &searchCriteria[filter_groups][1][filters][0][value]=90\
    &searchCriteria[filter_groups][1][filters][0][condition_type]=lteq\
    &searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=ASC\
    &searchCriteria[pageSize]=20";

#[test]
fn keyset_fast_path_answers_like_the_general_path() {
    let catalog = Catalog::generate(5, 120);
    let fast = list(&catalog, KEYSET);
    // An extra always-true filter forces the general path.
    let slow = list(
        &catalog,
        &format!(
            "{KEYSET}&searchCriteria[filter_groups][2][filters][0][field]=sku\
             &searchCriteria[filter_groups][2][filters][0][condition_type]=notnull"
        ),
    );
    assert_eq!(ids(&fast), (41..=60).collect::<Vec<_>>());
    assert_eq!(fast["items"], slow["items"]);
    assert_eq!(fast["total_count"], 50);
    assert_eq!(slow["total_count"], 50);
}

#[test]
fn descending_entity_id_pages_from_the_top() {
    let catalog = Catalog::generate(5, 30);
    let answer = list(
        &catalog,
        "searchCriteria[sortOrders][0][field]=entity_id&searchCriteria[sortOrders][0][direction]=DESC\
         &searchCriteria[pageSize]=4&searchCriteria[currentPage]=2",
    );
    assert_eq!(ids(&answer), [26, 25, 24, 23]);
}

#[test]
fn pages_past_the_end_repeat_the_last_page() {
    let catalog = Catalog::generate(5, 10);
    let answer = list(&catalog, "searchCriteria[pageSize]=4&searchCriteria[currentPage]=99");
    assert_eq!(ids(&answer), [9, 10]);
    assert_eq!(answer["total_count"], 10);
    let first = list(&catalog, "searchCriteria[pageSize]=4&searchCriteria[currentPage]=-3");
    assert_eq!(ids(&first), [1, 2, 3, 4]);
    let everything = list(&catalog, "searchCriteria[currentPage]=2");
    assert_eq!(ids(&everything).len(), 10);
}

#[test]
fn body_is_valid_json_with_the_echo_last_but_one() {
    let catalog = Catalog::generate(5, 3);
    let search =
        Search::new(SearchCriteria::from_query(Some("searchCriteria[pageSize]=2")).unwrap());
    let body = String::from_utf8(search.unwrap().render(&catalog)).unwrap();
    assert!(body.starts_with("{\"items\":[{\"id\":1,"));
    assert!(body.ends_with(
        ",\"search_criteria\":{\"filter_groups\":[],\"page_size\":2},\"total_count\":3}"
    ));
}
