//! PHP's reading of bracketed query keys: `a[b][0][c]=v` becomes nested arrays.

use crate::php_url::query_pairs;

/// One level of a PHP query array: a value, or keys in the order they first appeared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryNode {
    Leaf(String),
    Branch(Vec<(String, QueryNode)>),
}

impl QueryNode {
    /// The node under `name` in the query string `raw`, if any key starts with it.
    pub(crate) fn parse(raw: &str, name: &str) -> Option<QueryNode> {
        let mut root = QueryNode::Branch(Vec::new());
        for (key, value) in query_pairs(raw) {
            let path = split_key(&key);
            if path.first().map(String::as_str) == Some(name) {
                root.insert(&path, value);
            }
        }
        match root {
            QueryNode::Branch(mut entries) if !entries.is_empty() => Some(entries.remove(0).1),
            _ => None,
        }
    }

    /// The children of a branch; a leaf has none.
    pub(crate) fn entries(&self) -> &[(String, QueryNode)] {
        match self {
            QueryNode::Branch(entries) => entries,
            QueryNode::Leaf(_) => &[],
        }
    }

    /// The first child under any of `keys` (Magento accepts snake_case and camelCase).
    pub(crate) fn child(&self, keys: &[&str]) -> Option<&QueryNode> {
        self.entries().iter().find(|(key, _)| keys.contains(&key.as_str())).map(|(_, node)| node)
    }

    /// Sets `value` at `path`, replacing what was there, as PHP does for repeated keys.
    fn insert(&mut self, path: &[String], value: String) {
        let Some((head, rest)) = path.split_first() else {
            *self = QueryNode::Leaf(value);
            return;
        };
        if let QueryNode::Leaf(_) = self {
            *self = QueryNode::Branch(Vec::new());
        }
        let QueryNode::Branch(entries) = self else { return };
        // `a[]=x` appends under the next integer key.
        let key = if head.is_empty() { next_index(entries).to_string() } else { head.clone() };
        let position = match entries.iter().position(|(existing, _)| *existing == key) {
            Some(position) => position,
            None => {
                entries.push((key, QueryNode::Branch(Vec::new())));
                entries.len() - 1
            }
        };
        entries[position].1.insert(rest, value);
    }
}

fn next_index(entries: &[(String, QueryNode)]) -> u64 {
    entries
        .iter()
        .filter_map(|(key, _)| key.parse::<u64>().ok())
        .max()
        .map_or(0, |max| max.saturating_add(1))
}

/// `a[b][c]` as `["a", "b", "c"]`; a key whose brackets do not close is taken whole.
fn split_key(key: &str) -> Vec<String> {
    let Some(open) = key.find('[') else {
        return vec![key.to_owned()];
    };
    let mut path = vec![key[..open].to_owned()];
    let mut rest = &key[open..];
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            break;
        };
        path.push(inner[..close].to_owned());
        rest = &inner[close + 1..];
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_build_branches_in_order() {
        let raw = "searchCriteria%5BpageSize%5D=2&searchCriteria[sortOrders][0][field]=sku\
                   &other=1&searchCriteria[sortOrders][0][direction]=DESC";
        let root = QueryNode::parse(raw, "searchCriteria").unwrap();
        assert_eq!(root.child(&["pageSize"]), Some(&QueryNode::Leaf("2".to_owned())));
        let sort = &root.child(&["sortOrders"]).unwrap().entries()[0].1;
        assert_eq!(sort.child(&["direction"]), Some(&QueryNode::Leaf("DESC".to_owned())));
        assert_eq!(sort.entries().len(), 2);
    }

    #[test]
    fn absent_name_gives_none_and_bare_name_gives_a_leaf() {
        assert_eq!(QueryNode::parse("fields=items", "searchCriteria"), None);
        assert_eq!(
            QueryNode::parse("searchCriteria", "searchCriteria"),
            Some(QueryNode::Leaf(String::new()))
        );
    }

    #[test]
    fn empty_brackets_append() {
        let root = QueryNode::parse("a[]=x&a[]=y", "a").unwrap();
        let keys: Vec<_> = root.entries().iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["0", "1"]);
    }
}
