//! Every name the generated code declares or relies on itself, by the scope
//! it lives in: the one table that both validation (which renames or
//! rejects a spec name that would take one of them) and the emitters (which
//! declare them) read.
//!
//! A name from the spec that lands on one of these would shadow or
//! duplicate an item of the generated code, which then does not compile,
//! or compiles to something else (a field setter called `clone` would be
//! what `self.clone()` calls). The emitters that declare one of these
//! names use the constant from here, so a name cannot be added to the
//! generated code without being added to the table.

/// Where a name chosen from the spec lives, which decides what it must not
/// be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// A resource's module in the generated root, which is also the name
    /// of the client's accessor method for it (`client.widgets()`).
    ResourceModule,
    /// A resource's handle type: the root module declares these types
    /// itself.
    ResourceHandle,
    /// A type in a resource module or the types module: schema types,
    /// handles, request builders, param enums and one-ofs, response enums.
    /// Generated code names the prelude's types unqualified there.
    ModuleType,
    /// A method of a resource handle: an action.
    HandleMethod,
    /// A field and setter of a request builder: a param.
    BuilderMember,
    /// A field and setter of a schema struct: a property.
    StructMember,
    /// A variant of an enum of allowed values.
    EnumVariant,
}

/// Every scope, for tests that go through the table.
pub const SCOPES: [Scope; 7] = [
    Scope::ResourceModule,
    Scope::ResourceHandle,
    Scope::ModuleType,
    Scope::HandleMethod,
    Scope::BuilderMember,
    Scope::StructMember,
    Scope::EnumVariant,
];

/// The module of schema types.
pub const TYPES_MODULE: &str = "types";
/// The module of typed mock rules (behind the client's mocks feature).
pub const MOCK_MODULE: &str = "mock";
/// The types module's test module that round-trips every documented
/// example.
pub const EXAMPLES_MODULE: &str = "examples_round_trip";
/// The root module's struct of the global params and call options.
pub const COMMON_PARAMS: &str = "CommonParams";
/// The root module's macro of the members every builder has.
pub const MEMBERS_MACRO: &str = "request_members";
/// A constructor: of a resource handle, and of a schema struct.
pub const NEW: &str = "new";
/// The method of request types and one-ofs that checks documented limits.
pub const VALIDATE: &str = "validate";
/// A request builder's field with the client.
pub const CLIENT_FIELD: &str = "client_";
/// A request builder's field with the [`COMMON_PARAMS`].
pub const COMMON_FIELD: &str = "common_";

/// A request builder's method that sends it.
pub const SEND: &str = "send";
/// [`SEND`] without async (a shared member, behind the blocking feature).
pub const SEND_BLOCKING: &str = "send_blocking";
/// A request builder's method that sends it and keeps the response's
/// status and headers with the value (a shared member, as [`SEND`]).
pub const SEND_WITH_RESPONSE: &str = "send_with_response";
/// A request builder's private method that fills the request from its
/// params, which the shared sending members call. Its `_` keeps it apart
/// from setters (no converted param name ends in `_` but a keyword's).
pub const REQUEST_FN: &str = "request_";
/// A request builder's private constant: how the action decodes its
/// response (the runtime's `Decode`).
pub const DECODE_CONST: &str = "DECODE_";
/// The method of `IntoFuture`, which every request builder but an event
/// stream's implements (a shared member): a setter so named would be what
/// `builder.into_future()` calls.
pub const INTO_FUTURE: &str = "into_future";
/// The builder's (shared) member that overrides the timeout of one call,
/// and the client's method that reads its timeout.
pub const TIMEOUT: &str = "timeout";
/// The builder's (shared) member that overrides the timeout of each
/// attempt of one call, and the client's method that reads its own.
pub const ATTEMPT_TIMEOUT: &str = "attempt_timeout";
/// The builder's (shared) member that overrides the retry policy.
pub const RETRY: &str = "retry";
/// A list action's builder method that streams the pages.
pub const PAGES: &str = "pages";
/// A list action's builder method that streams the items.
pub const ITEMS: &str = "items";
/// A list action's builder method that limits the pages fetched.
pub const PAGE_LIMIT: &str = "page_limit";
/// [`PAGES`] without async.
pub const PAGES_BLOCKING: &str = "pages_blocking";
/// [`ITEMS`] without async.
pub const ITEMS_BLOCKING: &str = "items_blocking";
/// The stream of a `stream: sse` action's request builder.
pub const EVENTS: &str = "events";
/// The idle timeout setter of a `stream: sse` action's request builder.
pub const IDLE_TIMEOUT: &str = "idle_timeout";

/// Types the generated root declares: the client, its builder, the error
/// aliases, the response and raw request types, and the shared params.
pub const ROOT_TYPES: &[&str] =
    &["Client", "ClientBuilder", "Error", "ApiError", "ErrorBody", "Response", "RawRequest", COMMON_PARAMS];

/// Crate names generated code reaches by path (`std::time::Duration`,
/// `serde::Serialize`): a module named so at the root would shadow them.
pub const CRATES: &[&str] = &["std", "core", "alloc", "serde"];

/// The generated `Client`'s method that starts a call the spec does not
/// describe.
pub const RAW: &str = "raw";

/// Methods of the generated `Client` besides the resource accessors.
pub const CLIENT_METHODS: &[&str] =
    &["builder", "base_url", TIMEOUT, ATTEMPT_TIMEOUT, "max_response_body", "allows", RAW];

/// Methods every generated type has through its derives (`Clone`,
/// `Debug`): a method named so would shadow them, and generated code calls
/// `clone` on builders.
pub const TRAIT_METHODS: &[&str] = &["clone", "clone_from", "fmt", "to_owned"];

/// Methods of `std` traits that clippy (`should_implement_trait`) expects
/// to be that trait's when a type declares them with the shape a setter
/// (`fn add(self, value) -> Self`) or an action with one argument (`fn
/// cmp(&self, id) -> Cmp`) has.
pub const OPERATOR_METHODS: &[&str] =
    &["add", "sub", "mul", "div", "rem", "shl", "shr", "bitand", "bitor", "bitxor", "cmp"];

/// What every request builder declares: its own methods (`send`, paging),
/// the shared members of the [`MEMBERS_MACRO`], and its own fields.
pub const BUILDER_MEMBERS: &[&str] = &[
    SEND,
    SEND_BLOCKING,
    SEND_WITH_RESPONSE,
    REQUEST_FN,
    DECODE_CONST,
    INTO_FUTURE,
    TIMEOUT,
    ATTEMPT_TIMEOUT,
    RETRY,
    PAGES,
    ITEMS,
    PAGE_LIMIT,
    PAGES_BLOCKING,
    ITEMS_BLOCKING,
    EVENTS,
    IDLE_TIMEOUT,
    CLIENT_FIELD,
    COMMON_FIELD,
];

/// The variant of an open enum that keeps a value the spec does not list.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// Variants of the prelude's `Option` and `Result`: an enum variant named
/// so would shadow them wherever the enum's variants are imported.
pub const PRELUDE_VARIANTS: &[&str] = &["None", "Some", "Ok", "Err"];

/// The field (and its setter) of an object schema's `additional` entry:
/// the keys other than its properties, flattened into a map.
pub const ADDITIONAL: &str = "additional";

/// What every schema struct declares besides its fields' setters.
pub const STRUCT_MEMBERS: &[&str] = &[NEW, VALIDATE, ADDITIONAL];

/// Names in the Rust prelude (2015 to 2024): generated code names these
/// types, traits and variants unqualified, so a generated type named so
/// would shadow them.
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Hash",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// The lists a name of `scope` must not be in.
pub fn lists(scope: Scope) -> &'static [&'static [&'static str]] {
    match scope {
        Scope::ResourceModule => &[&[TYPES_MODULE, MEMBERS_MACRO, MOCK_MODULE], CRATES, CLIENT_METHODS, TRAIT_METHODS],
        Scope::ResourceHandle => &[ROOT_TYPES, PRELUDE],
        Scope::ModuleType => &[PRELUDE, &[EXAMPLES_MODULE]],
        Scope::HandleMethod => &[&[NEW], TRAIT_METHODS, OPERATOR_METHODS],
        Scope::BuilderMember => &[BUILDER_MEMBERS, TRAIT_METHODS, OPERATOR_METHODS],
        Scope::StructMember => &[STRUCT_MEMBERS, TRAIT_METHODS, OPERATOR_METHODS],
        Scope::EnumVariant => &[&[UNKNOWN_VARIANT], PRELUDE_VARIANTS],
    }
}

/// Whether the generated code declares or relies on `name` in `scope`.
pub fn is_reserved(scope: Scope, name: &str) -> bool {
    lists(scope).iter().any(|list| list.contains(&name))
}

/// Every reserved name of `scope`.
pub fn reserved(scope: Scope) -> impl Iterator<Item = &'static str> {
    lists(scope).iter().flat_map(|list| list.iter().copied())
}

/// Why `name` is reserved in `scope`, as the end of a sentence naming it
/// (`the Rust module `std`, which ...`), or `None` when it is not.
pub fn why(scope: Scope, name: &str) -> Option<&'static str> {
    let reason = |list: &[&str]| -> &'static str {
        if list == ROOT_TYPES {
            "which the client declares itself"
        } else if list == PRELUDE {
            "which would shadow the prelude's, which generated code uses"
        } else if list == CRATES {
            "which would shadow the crate generated code reaches by that name"
        } else if list == CLIENT_METHODS {
            "which the client has as a method itself"
        } else if list == TRAIT_METHODS {
            "which would shadow the method every generated type derives"
        } else if list == PRELUDE_VARIANTS {
            "which would shadow the prelude's variant"
        } else if list == OPERATOR_METHODS {
            "which clippy takes for a std trait's method"
        } else if list.contains(&TYPES_MODULE) && name == TYPES_MODULE {
            "which holds the schema types"
        } else if list.contains(&MOCK_MODULE) && name == MOCK_MODULE {
            "which holds the typed mock rules"
        } else if list.contains(&MEMBERS_MACRO) {
            "which the client declares itself"
        } else {
            "which the generated code declares itself"
        }
    };
    lists(scope).iter().find(|list| list.contains(&name)).map(|list| reason(list))
}
