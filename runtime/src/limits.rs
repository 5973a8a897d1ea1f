//! Checks of documented limits, called by the generated `validate` methods
//! of request types so that a value the server would reject is caught
//! before anything is sent.

/// A string's length in characters (as JSON Schema counts them) against
/// its documented bounds.
///
/// # Errors
///
/// A sentence naming the field and the bound it breaks.
pub fn length(name: &str, value: &str, min: Option<u64>, max: Option<u64>) -> Result<(), String> {
    let count = value.chars().count() as u64;
    if let Some(min) = min.filter(|min| count < *min) {
        return Err(format!("`{name}` must be at least {min} character{} long", plural(min)));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        return Err(format!("`{name}` must be at most {max} character{} long, not {count}", plural(max)));
    }
    Ok(())
}

/// A list's item count and uniqueness.
///
/// # Errors
///
/// A sentence naming the field and the limit it breaks.
pub fn items<T: PartialEq>(name: &str, value: &[T], max: Option<u64>, unique: bool) -> Result<(), String> {
    if let Some(max) = max.filter(|max| value.len() as u64 > *max) {
        return Err(format!("`{name}` may have at most {max} item{}, not {}", plural(max), value.len()));
    }
    if unique && value.iter().enumerate().any(|(i, item)| value[..i].contains(item)) {
        return Err(format!("the items of `{name}` must be unique"));
    }
    Ok(())
}

/// A number against its documented bounds (inclusive). Integers are
/// compared as `f64`, exact up to 2^53.
///
/// # Errors
///
/// A sentence naming the field and the bound it breaks.
pub fn range(name: &str, value: f64, min: Option<f64>, max: Option<f64>) -> Result<(), String> {
    if let Some(min) = min.filter(|min| value < *min) {
        return Err(format!("`{name}` must be at least {min}, not {value}"));
    }
    if let Some(max) = max.filter(|max| value > *max) {
        return Err(format!("`{name}` must be at most {max}, not {value}"));
    }
    Ok(())
}

/// A page number or page size (a `usize` param) against what the API
/// takes: an integer, so at most `i64::MAX`. Nothing wraps: a larger value
/// is refused, not sent as another number.
///
/// # Errors
///
/// A sentence naming the param.
pub fn fits_integer(name: &str, value: usize) -> Result<(), String> {
    if i64::try_from(value).is_err() {
        return Err(format!("`{name}` must be at most {}, not {value}", i64::MAX));
    }
    Ok(())
}

/// A list's documented fewest items.
///
/// # Errors
///
/// A sentence naming the field and the limit it breaks.
pub fn min_items(name: &str, len: usize, min: u64) -> Result<(), String> {
    if (len as u64) < min {
        return Err(format!("`{name}` must have at least {min} item{}, not {len}", plural(min)));
    }
    Ok(())
}

/// A map's key count against its documented bounds.
///
/// # Errors
///
/// A sentence naming the field and the limit it breaks.
pub fn properties(name: &str, len: usize, min: Option<u64>, max: Option<u64>) -> Result<(), String> {
    let count = len as u64;
    if let Some(min) = min.filter(|min| count < *min) {
        let noun = if min == 1 { "key" } else { "keys" };
        return Err(format!("`{name}` must have at least {min} {noun}, not {len}"));
    }
    if let Some(max) = max.filter(|max| count > *max) {
        let noun = if max == 1 { "key" } else { "keys" };
        return Err(format!("`{name}` may have at most {max} {noun}, not {len}"));
    }
    Ok(())
}

/// Checks every item of a list, naming the index of the first that fails:
/// `[3]: <reason>`.
///
/// # Errors
///
/// The first failing item's reason, prefixed with its index.
pub fn each<T>(items: &[T], check: impl Fn(&T) -> Result<(), String>) -> Result<(), String> {
    for (i, item) in items.iter().enumerate() {
        check(item).map_err(|reason| format!("[{i}]: {reason}"))?;
    }
    Ok(())
}

/// Checks every value of a map, naming the key of the first that fails:
/// `[key]: <reason>`.
///
/// # Errors
///
/// The first failing value's reason, prefixed with its key.
pub fn each_value<T>(
    map: &std::collections::BTreeMap<String, T>,
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<(), String> {
    for (key, value) in map {
        check(value).map_err(|reason| format!("[{key}]: {reason}"))?;
    }
    Ok(())
}

/// A nested value's reason under its field: `` `orgRoles`[3]: <reason> ``
/// for items, `` `owner`: <reason> `` for a value.
pub fn nested(field: &str, reason: String) -> String {
    if reason.starts_with('[') { format!("`{field}`{reason}") } else { format!("`{field}`: {reason}") }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(length("name", "ok", Some(1), Some(255)), Ok(()));
        assert_eq!(length("name", "", Some(1), Some(255)), Err("`name` must be at least 1 character long".into()));
        assert_eq!(length("name", "ééé", None, Some(3)), Ok(()));
        assert_eq!(
            length("name", "abcd", None, Some(3)),
            Err("`name` must be at most 3 characters long, not 4".into())
        );
    }

    #[test]
    fn nested_values_name_their_place() {
        let check = |v: &u32| if *v > 2 { Err(format!("`n` is {v}")) } else { Ok(()) };
        assert_eq!(each(&[1, 2, 3], check), Err("[2]: `n` is 3".into()));
        let map = std::collections::BTreeMap::from([("a".to_owned(), 1), ("b".to_owned(), 5)]);
        assert_eq!(each_value(&map, check), Err("[b]: `n` is 5".into()));
        assert_eq!(nested("orgRoles", "[2]: `n` is 3".into()), "`orgRoles`[2]: `n` is 3");
        assert_eq!(nested("owner", "`n` is 3".into()), "`owner`: `n` is 3");
    }

    #[test]
    fn numbers_and_counts() {
        assert_eq!(range("limit", 5.0, Some(1.0), Some(10.0)), Ok(()));
        assert_eq!(range("limit", 0.0, Some(1.0), None), Err("`limit` must be at least 1, not 0".into()));
        assert_eq!(range("ratio", 2.5, None, Some(2.0)), Err("`ratio` must be at most 2, not 2.5".into()));
        assert_eq!(fits_integer("page", i64::MAX as usize), Ok(()));
        assert_eq!(
            fits_integer("page", usize::MAX),
            Err(format!("`page` must be at most 9223372036854775807, not {}", usize::MAX))
        );
        assert_eq!(min_items("tags", 1, 1), Ok(()));
        assert_eq!(min_items("tags", 0, 2), Err("`tags` must have at least 2 items, not 0".into()));
        assert_eq!(properties("query", 1, Some(1), Some(1)), Ok(()));
        assert_eq!(properties("query", 0, Some(1), None), Err("`query` must have at least 1 key, not 0".into()));
        assert_eq!(properties("query", 3, None, Some(2)), Err("`query` may have at most 2 keys, not 3".into()));
    }

    #[test]
    fn item_lists() {
        assert_eq!(items("scope", &["a", "b"], Some(2), true), Ok(()));
        assert_eq!(
            items("scope", &["a", "b", "c"], Some(2), false),
            Err("`scope` may have at most 2 items, not 3".into())
        );
        assert_eq!(items("scope", &["a", "b", "a"], None, true), Err("the items of `scope` must be unique".into()));
    }
}
