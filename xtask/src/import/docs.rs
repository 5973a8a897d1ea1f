//! The scope lists of the per-resource docs (`docs/<resource>.md`).
//!
//! `apiInfo.json` gives each action only the scopes named after its resource
//! and action (`devices.*`, `devices.get`). The docs, generated from the same
//! release, list every scope that allows the action, the broad ones too
//! (`all.Application`, `all.Organization.read`, `only.User`). The client
//! refuses a call its declared scopes do not allow, so a list without the
//! broad scopes would refuse tokens the API accepts: the docs' list is the
//! one the spec records.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Scopes by resource and action, as the docs list them.
pub(crate) type DocScopes = BTreeMap<(String, String), Vec<String>>;

/// Reads every `docs/*.md` of the vendored folder.
pub(crate) fn read(dir: &Path) -> Result<DocScopes, String> {
    let mut scopes = DocScopes::new();
    for name in super::source::file_stems(dir, ".md")? {
        let path = dir.join(format!("{name}.md"));
        let text = fs::read_to_string(&path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        parse(&text, &mut scopes).map_err(|e| format!("error: {}: {e}", path.display()))?;
    }
    Ok(scopes)
}

/// Reads one document. Each action's section shows a call,
/// `client.<resource>.<action>(params)`, before its "Authentication" part,
/// whose scope list is the line after "at least one of the following
/// scopes:", written as "a, b, or c.".
pub(crate) fn parse(text: &str, scopes: &mut DocScopes) -> Result<(), String> {
    let mut current: Option<(String, String)> = None;
    let mut lines = text.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if let Some(call) = call_in(line) {
            current = Some(call);
        } else if line.trim_end().ends_with("at least one of the following scopes:") {
            let Some(action) = current.take() else {
                return Err(format!("line {}: a scope list before any action's call", number + 1));
            };
            let list = lines.next().map(|(_, l)| l).unwrap_or("");
            let parsed = parse_list(list).ok_or_else(|| format!("line {}: not a scope list: {list:?}", number + 2))?;
            if scopes.insert(action.clone(), parsed).is_some() {
                return Err(format!("line {}: a second scope list for {}.{}", number + 1, action.0, action.1));
            }
        }
    }
    Ok(())
}

/// `client.<resource>.<action>(` anywhere in a line.
fn call_in(line: &str) -> Option<(String, String)> {
    let rest = &line[line.find("client.")? + "client.".len()..];
    let (resource, rest) = rest.split_once('.')?;
    let (action, _) = rest.split_once('(')?;
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    (word(resource) && word(action)).then(|| (resource.to_owned(), action.to_owned()))
}

/// "a, b, or c." (or "a." alone) to its scopes.
fn parse_list(line: &str) -> Option<Vec<String>> {
    let body = line.trim().strip_suffix('.')?;
    let mut out = Vec::new();
    for item in body.split(", ") {
        let item = item.strip_prefix("or ").unwrap_or(item).trim();
        if item.is_empty() || item.contains(char::is_whitespace) {
            return None;
        }
        out.push(item.to_owned());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_actions_list_after_its_call() {
        let text = "## Get\n\n```javascript\n  console.log(await client.things.get(params));\n```\n\n\
                    #### Authentication\nThe client must be configured with a valid api access token to call this\n\
                    action. The token must include at least one of the following scopes:\n\
                    all.Application, all.Application.read, things.*, or things.get.\n\n\
                    ## Post\n  console.log(await client.things.post(params));\n\
                    action. The token must include at least one of the following scopes:\nthings.post.\n";
        let mut scopes = DocScopes::new();
        parse(text, &mut scopes).unwrap();
        let get = &scopes[&("things".to_owned(), "get".to_owned())];
        assert_eq!(get, &["all.Application", "all.Application.read", "things.*", "things.get"]);
        assert_eq!(scopes[&("things".to_owned(), "post".to_owned())], ["things.post"]);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let orphan = "at least one of the following scopes:\na, or b.\n";
        assert_eq!(parse(orphan, &mut DocScopes::new()).unwrap_err(), "line 1: a scope list before any action's call");
        let prose = "client.things.get(p)\nat least one of the following scopes:\nany scope you like\n";
        assert_eq!(
            parse(prose, &mut DocScopes::new()).unwrap_err(),
            "line 3: not a scope list: \"any scope you like\""
        );
    }
}
