//! Who uses each type ([`Usage`]): the directions its values travel, which
//! decide its serde derives, and the groups whose actions reach it, which
//! decide the features it is gated behind. Both are reachability over the
//! type table from the actions (and the API itself), computed once here so
//! that every emitter reads the same answer.

use std::collections::{BTreeMap, BTreeSet};

use super::schemas::{edges, reachable};
use crate::ir::{Action, Resource, Schema, SuccessType, Ty, TypeId, TypeKind, TypeSpace, Usage};

/// Fills [`crate::ir::TypeDef::usage`] of every type.
///
/// - `encode`: reachable from a param (any location: a structured query
///   value and a multipart part are encoded with serde as a body is), or
///   from an alternative of a one-of that is decoded, because decoding a
///   one-of re-encodes each candidate alternative to check that it fits
///   exactly (the runtime's `one_of::fit`).
/// - `decode`: reachable from a response an action documents (success,
///   error body, event), or from the API's error schema.
/// - both: reachable from a type that no action reaches (a documented
///   schema nothing uses, which a caller may use either way).
/// - `always`: reachable from what the API itself declares, which exists
///   whatever groups are on: the error schema, the schemas of error
///   statuses (the `API` static lists their decoders) and the global
///   params.
/// - `groups`: the groups of the resources whose actions reach it.
pub(crate) fn mark_usage(
    space: &mut TypeSpace,
    schemas: &[Schema],
    resources: &[Resource],
    global_params: &[crate::ir::Param],
    error: TypeId,
    group_count: usize,
) {
    let edges = edges(space);
    let by_name: BTreeMap<&str, TypeId> = schemas.iter().map(|s| (s.name.as_str(), s.id)).collect();
    let schema_id = |name: &str| by_name.get(name).copied();
    let mut encode_roots = BTreeSet::new();
    let mut decode_roots = BTreeSet::from([error]);
    let mut always_roots = BTreeSet::from([error]);
    let mut group_roots: Vec<BTreeSet<TypeId>> = vec![BTreeSet::new(); group_count];
    for param in global_params {
        param.ty.visit_named(&mut |id| {
            encode_roots.insert(id);
            always_roots.insert(id);
        });
    }
    for resource in resources {
        for action in &resource.actions {
            let sent = sent(action);
            let received = received(action, &schema_id);
            if let Some(group) = resource.group.and_then(|g| group_roots.get_mut(g)) {
                group.extend(sent.iter().chain(&received).copied());
            }
            encode_roots.extend(sent);
            decode_roots.extend(received);
            // The `API` static names every schema of an error status.
            always_roots.extend(action.errors.iter().filter_map(|r| schema_id(r.schema.as_deref()?)));
        }
    }
    let decoded = reachable(&decode_roots, &edges);
    // Decoding a one-of encodes its alternatives again to check each fit.
    for id in &decoded {
        if let TypeKind::OneOf(one_of) = &space.get(*id).kind {
            for variant in &one_of.variants {
                variant.ty.visit_named(&mut |target| {
                    encode_roots.insert(target);
                });
            }
        }
    }
    let mut encoded = reachable(&encode_roots, &edges);
    // A type no action reaches (a documented schema nothing uses) may
    // travel either way in the caller's hands: it and what it holds get
    // both directions, so that every type's derives hold for its fields.
    let unreached: BTreeSet<TypeId> =
        space.iter().map(|(id, _)| id).filter(|id| !encoded.contains(id) && !decoded.contains(id)).collect();
    let decoded = if unreached.is_empty() {
        decoded
    } else {
        encoded.extend(reachable(&unreached, &edges));
        decode_roots.extend(&unreached);
        reachable(&decode_roots, &edges)
    };
    let always = reachable(&always_roots, &edges);
    let mut groups: BTreeMap<TypeId, Vec<usize>> = BTreeMap::new();
    for (g, roots) in group_roots.iter().enumerate() {
        for id in reachable(roots, &edges) {
            groups.entry(id).or_default().push(g);
        }
    }
    for (i, def) in space.defs.iter_mut().enumerate() {
        let id = TypeId(i as u32);
        def.usage = Usage {
            encode: encoded.contains(&id),
            decode: decoded.contains(&id),
            always: always.contains(&id),
            groups: groups.remove(&id).unwrap_or_default(),
        };
    }
}

/// The named types an action's params carry.
fn sent(action: &Action) -> BTreeSet<TypeId> {
    let mut out = BTreeSet::new();
    for param in &action.params {
        param.ty.visit_named(&mut |id| {
            out.insert(id);
        });
    }
    out
}

/// The named types an action's responses carry: success bodies, events and
/// the schemas of its error statuses.
fn received(action: &Action, schema_id: &impl Fn(&str) -> Option<TypeId>) -> BTreeSet<TypeId> {
    let mut out = BTreeSet::new();
    let mut add = |ty: &Ty| {
        ty.visit_named(&mut |id| {
            out.insert(id);
        })
    };
    match &action.success_type {
        SuccessType::Empty => {}
        SuccessType::Single(ty) => add(ty),
        SuccessType::ByStatus(responses) => responses.variants.iter().filter_map(|v| v.ty.as_ref()).for_each(&mut add),
    }
    if let Some(ty) = action.stream.as_ref().and_then(|s| s.ty.as_ref()) {
        add(ty);
    }
    if let Some(pagination) = &action.pagination {
        add(&pagination.items.ty);
    }
    out.extend(action.errors.iter().filter_map(|r| schema_id(r.schema.as_deref()?)));
    out
}
