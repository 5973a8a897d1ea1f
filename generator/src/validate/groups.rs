//! `groups:` of `api.yaml`: the resources in named groups, each a cargo
//! feature of the client crate. Checked here: every group name is a cargo
//! feature name the client crate can declare, every listed resource exists,
//! and every resource is in exactly one group.

use std::collections::BTreeMap;

use super::{Reporter, at, nearest};
use crate::ir::{Group, Resource};
use crate::spec::ApiFile;

/// Feature names a group cannot take: cargo's own `default`, and the
/// client crate's feature of all groups. (The other features a client
/// crate declares are named in `Options`; `generate` checks those.)
const RESERVED: [&str; 2] = ["default", "full"];

/// Whether `name` is a group name: lowercase ASCII letters and digits in
/// words joined by single `-`, starting with a letter (a cargo feature name
/// that reads the same in `Cargo.toml`, `cfg` and docs).
fn valid_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The groups of the spec, with each resource's `group` set; empty when
/// the spec declares none.
pub(crate) fn lower_groups(
    file: &str,
    api: &ApiFile,
    resources: &mut [Resource],
    report: &mut Reporter<'_>,
) -> Vec<Group> {
    let Some(spec) = &api.groups else { return Vec::new() };
    let index: BTreeMap<&str, usize> = resources.iter().enumerate().map(|(i, r)| (r.name.as_str(), i)).collect();
    let mut group_of: Vec<Option<usize>> = vec![None; resources.len()];
    let mut groups = Vec::new();
    if spec.value.0.is_empty() {
        report.error(file, at(spec), "`groups` lists no group", "remove `groups`, or put every resource in one");
    }
    for (name, members) in &spec.value.0 {
        if !valid_name(&name.value) {
            report.error(
                file,
                at(name),
                format!("`{}` is not a group name", name.value),
                "a group is a cargo feature: lowercase letters and digits, words joined by `-` (`orgs-instances`)",
            );
        } else if RESERVED.contains(&name.value.as_str()) {
            report.error(
                file,
                at(name),
                format!("the group name `{}` is a feature the client crate declares itself", name.value),
                "choose another name",
            );
        }
        if members.is_empty() {
            report.error(file, at(name), format!("the group `{}` has no resources", name.value), "");
        }
        let g = groups.len();
        let mut resources = Vec::new();
        for member in members {
            let Some(&r) = index.get(member.value.as_str()) else {
                let hint = nearest(&member.value, index.keys().copied())
                    .map(|n| format!("did you mean `{n}`?"))
                    .unwrap_or_else(|| "list the resources by their `resource:` names".to_owned());
                report.error(file, at(member), format!("unknown resource `{}`", member.value), &hint);
                continue;
            };
            match group_of[r] {
                Some(other) => {
                    let other = groups.get(other).map_or(name.value.as_str(), |o: &Group| o.name.as_str());
                    report.error(
                        file,
                        at(member),
                        format!("the resource `{}` is already in the group `{other}`", member.value),
                        "each resource is in exactly one group",
                    );
                }
                None => {
                    group_of[r] = Some(g);
                    resources.push(r);
                }
            }
        }
        resources.sort_unstable();
        groups.push(Group { name: name.value.clone(), resources });
    }
    let missing: Vec<&str> =
        resources.iter().zip(&group_of).filter(|(_, g)| g.is_none()).map(|(r, _)| r.name.as_str()).collect();
    if !missing.is_empty() {
        report.error(
            file,
            at(spec),
            format!("every resource must be in a group; not in any: {}", quoted(&missing)),
            "add each to the group whose feature should turn it on",
        );
    }
    for (resource, group) in resources.iter_mut().zip(group_of) {
        resource.group = group;
    }
    groups
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
