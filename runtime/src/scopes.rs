//! Which token scopes may call an action.
//!
//! Every action documents the scopes of which a token needs one. A granted
//! scope covers a required one when they are equal, when the granted scope
//! is broader (`all.Application` covers `all.Application.read` and
//! `all.Application.bounded`; `only.User` covers `only.User.read`), or when
//! it is a resource wildcard (`applicationApiTokens.*` covers
//! `applicationApiTokens.get`).

/// Whether a token with `granted` scopes may call an action that needs one
/// of `required`.
pub fn allows<S: AsRef<str>>(granted: &[S], required: &[&str]) -> bool {
    granted.iter().any(|g| required.iter().any(|r| covers(g.as_ref(), r)))
}

/// Whether one granted scope covers one required scope.
pub fn covers(granted: &str, required: &str) -> bool {
    if granted == required {
        return true;
    }
    if let Some(prefix) = granted.strip_suffix('*') {
        return prefix.ends_with('.') && required.starts_with(prefix);
    }
    required.strip_prefix(granted).is_some_and(|rest| rest.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GET: &[&str] = &[
        "all.Application",
        "all.Application.bounded",
        "all.Application.read",
        "all.Organization",
        "all.User",
        "applicationApiTokens.*",
        "applicationApiTokens.get",
    ];
    const POST: &[&str] =
        &["all.Application", "all.Organization", "all.User", "applicationApiTokens.*", "applicationApiTokens.post"];

    fn check(granted: &[&str], required: &[&str], expected: bool) {
        assert_eq!(allows(granted, required), expected, "{granted:?} calling an action that needs one of {required:?}");
    }

    #[test]
    fn matching() {
        check(&["all.Application"], GET, true);
        check(&["all.Application.read"], GET, true);
        check(&["all.Application.read"], POST, false);
        check(&["all.Application.bounded"], POST, false);
        check(&["applicationApiTokens.*"], POST, true);
        check(&["applicationApiTokens.get"], POST, false);
        check(&["applicationApiTokens.get"], GET, true);
        check(&["devices.*"], GET, false);
        check(&["only.User"], &["only.User.read"], true);
        check(&["only.User.read"], &["only.User"], false);
        check(&["all.App"], &["all.Application"], false);
        check(&["all.User"], &["all.User.bounded", "userApiTokens.get"], true);
        check(&[], GET, false);
    }
}
