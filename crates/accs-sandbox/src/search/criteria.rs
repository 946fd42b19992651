//! `searchCriteria[...]` from a list request's query string, as Magento reads it.

use axum::http::StatusCode;
use serde_json::{Map, Value, json};

use super::query_tree::QueryNode;
use crate::responses::ApiError;

/// The largest page size the list endpoint serves.
pub(crate) const MAX_PAGE_SIZE: i64 = 300;

/// A parsed search: filter groups AND-ed, the filters of a group OR-ed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SearchCriteria {
    pub(crate) filter_groups: Vec<Vec<Filter>>,
    pub(crate) sort_orders: Vec<SortOrder>,
    pub(crate) page_size: Option<i64>,
    pub(crate) current_page: Option<i64>,
}

/// One `field condition value` filter; `condition` is the name as sent (`eq` when none).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    pub(crate) field: String,
    pub(crate) value: Option<String>,
    pub(crate) condition: String,
}

/// One sort order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SortOrder {
    pub(crate) field: String,
    pub(crate) descending: bool,
}

impl SearchCriteria {
    /// Reads the criteria from a raw query string; a list without any `searchCriteria`
    /// parameter is refused, as are page sizes over [`MAX_PAGE_SIZE`].
    // FIXME: the `fields=items[sku,name],total_count` parameter is ignored; answers always
    // carry whole products.
    pub(crate) fn from_query(raw_query: Option<&str>) -> Result<Self, ApiError> {
        let root = raw_query
            .and_then(|raw| QueryNode::parse(raw, "searchCriteria"))
            .ok_or_else(|| ApiError::required("searchCriteria"))?;
        let mut criteria = Self::default();
        if let Some(groups) = root.child(&["filter_groups", "filterGroups"]) {
            for (_, group) in groups.entries() {
                let filters = group.child(&["filters"]).map_or(&[][..], QueryNode::entries);
                let parsed: Result<Vec<_>, _> =
                    filters.iter().map(|(_, filter)| parse_filter(filter)).collect();
                criteria.filter_groups.push(parsed?);
            }
        }
        if let Some(orders) = root.child(&["sort_orders", "sortOrders"]) {
            for (_, order) in orders.entries() {
                criteria.sort_orders.push(parse_sort_order(order)?);
            }
        }
        criteria.page_size = integer(root.child(&["page_size", "pageSize"]))?;
        criteria.current_page = integer(root.child(&["current_page", "currentPage"]))?;
        if criteria.page_size.is_some_and(|size| size > MAX_PAGE_SIZE) {
            return Err(ApiError::with_parameters(
                StatusCode::BAD_REQUEST,
                "Maximum SearchCriteria pageSize is %max",
                json!({ "max": MAX_PAGE_SIZE }),
            ));
        }
        Ok(criteria)
    }

    /// The `search_criteria` object a list answer echoes.
    pub(crate) fn echo(&self) -> Value {
        let groups: Vec<Value> = self
            .filter_groups
            .iter()
            .map(|filters| {
                let filters: Vec<Value> = filters.iter().map(Filter::echo).collect();
                json!({ "filters": filters })
            })
            .collect();
        let mut echo = Map::new();
        echo.insert("filter_groups".to_owned(), Value::Array(groups));
        if !self.sort_orders.is_empty() {
            let orders = self.sort_orders.iter().map(|order| {
                let direction = if order.descending { "DESC" } else { "ASC" };
                json!({ "field": order.field, "direction": direction })
            });
            echo.insert("sort_orders".to_owned(), Value::Array(orders.collect()));
        }
        if let Some(size) = self.page_size {
            echo.insert("page_size".to_owned(), size.into());
        }
        if let Some(page) = self.current_page {
            echo.insert("current_page".to_owned(), page.into());
        }
        Value::Object(echo)
    }
}

impl Filter {
    fn echo(&self) -> Value {
        let mut echo = Map::new();
        echo.insert("field".to_owned(), Value::String(self.field.clone()));
        if let Some(value) = &self.value {
            echo.insert("value".to_owned(), Value::String(value.clone()));
        }
        echo.insert("condition_type".to_owned(), Value::String(self.condition.clone()));
        Value::Object(echo)
    }
}

fn parse_filter(node: &QueryNode) -> Result<Filter, ApiError> {
    let field = text(node.child(&["field"]))?.ok_or_else(|| ApiError::required("field"))?;
    let value = text(node.child(&["value"]))?;
    let condition = text(node.child(&["condition_type", "conditionType"]))?
        .filter(|condition| !condition.is_empty())
        .unwrap_or_else(|| "eq".to_owned());
    Ok(Filter { field, value, condition })
}

fn parse_sort_order(node: &QueryNode) -> Result<SortOrder, ApiError> {
    let field = text(node.child(&["field"]))?.ok_or_else(|| ApiError::required("field"))?;
    let direction = text(node.child(&["direction"]))?.unwrap_or_default();
    let descending = match direction.to_ascii_uppercase().as_str() {
        "" | "ASC" => false,
        "DESC" => true,
        _ => {
            return Err(ApiError::with_parameters(
                StatusCode::BAD_REQUEST,
                "Sort order direction \"%1\" is not supported. Use \"%2\" or \"%3\".",
                json!([direction, "ASC", "DESC"]),
            ));
        }
    };
    Ok(SortOrder { field, descending })
}

/// A leaf's text; an array where text was expected is a type error.
fn text(node: Option<&QueryNode>) -> Result<Option<String>, ApiError> {
    match node {
        None => Ok(None),
        Some(QueryNode::Leaf(text)) => Ok(Some(text.clone())),
        Some(QueryNode::Branch(_)) => Err(ApiError::invalid_type("array", "string")),
    }
}

fn integer(node: Option<&QueryNode>) -> Result<Option<i64>, ApiError> {
    let Some(raw) = text(node)? else {
        return Ok(None);
    };
    raw.trim().parse::<i64>().map(Some).map_err(|_| ApiError::invalid_type(&raw, "int"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<SearchCriteria, ApiError> {
        SearchCriteria::from_query(Some(query))
    }

    #[test]
    fn snake_and_camel_case_read_the_same() {
        let snake = "searchCriteria[filter_groups][0][filters][0][field]=sku\
            &searchCriteria[filter_groups][0][filters][0][value]=A\
            &searchCriteria[filter_groups][0][filters][0][condition_type]=like\
            &searchCriteria[sort_orders][0][field]=name&searchCriteria[sort_orders][0][direction]=desc\
            &searchCriteria[page_size]=5&searchCriteria[current_page]=2";
        let camel = snake
            .replace("filter_groups", "filterGroups")
            .replace("condition_type", "conditionType")
            .replace("sort_orders", "sortOrders")
            .replace("page_size", "pageSize")
            .replace("current_page", "currentPage");
        let expected = SearchCriteria {
            filter_groups: vec![vec![Filter {
                field: "sku".to_owned(),
                value: Some("A".to_owned()),
                condition: "like".to_owned(),
            }]],
            sort_orders: vec![SortOrder { field: "name".to_owned(), descending: true }],
            page_size: Some(5),
            current_page: Some(2),
        };
        assert_eq!(parse(snake).unwrap(), expected);
        assert_eq!(parse(&camel).unwrap(), expected);
    }

    #[test]
    fn missing_criteria_and_oversized_pages_are_refused() {
        let missing = SearchCriteria::from_query(None).unwrap_err();
        assert_eq!(missing.body["parameters"]["fieldName"], "searchCriteria");
        let too_big = parse("searchCriteria[pageSize]=301").unwrap_err();
        assert_eq!(too_big.body["parameters"]["max"], 300);
        assert!(parse("searchCriteria[pageSize]=300").is_ok());
        assert!(parse("searchCriteria[pageSize]=ten").is_err());
    }

    #[test]
    fn echo_leaves_out_what_was_not_sent() {
        let echo = parse("searchCriteria[currentPage]=1").unwrap().echo();
        assert_eq!(echo, json!({ "filter_groups": [], "current_page": 1 }));
    }
}
