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
    fn item_lists() {
        assert_eq!(items("scope", &["a", "b"], Some(2), true), Ok(()));
        assert_eq!(
            items("scope", &["a", "b", "c"], Some(2), false),
            Err("`scope` may have at most 2 items, not 3".into())
        );
        assert_eq!(items("scope", &["a", "b", "a"], None, true), Err("the items of `scope` must be unique".into()));
    }
}
