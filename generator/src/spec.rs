//! The spec as written: the serde model of the YAML files.
//!
//! These types mirror the files one to one and check only their shape
//! (unknown keys are rejected here, with their position). What the values
//! mean, and whether they agree with each other, is checked in
//! `validate`, which turns this raw model into the [`crate::ir`].
//! Values that a later check must point at are wrapped in [`Sp`] so that the
//! check can name their line and column.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

/// A value with the position where the YAML wrote it.
pub type Sp<T> = serde_saphyr::Spanned<T>;

/// `api.yaml`: what applies to the whole API.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiFile {
    /// Human name of the API, used in documentation.
    pub name: Sp<String>,
    /// What the API is, for the crate documentation.
    pub description: Option<String>,
    /// The API version the spec describes.
    pub version: Sp<String>,
    /// Where requests go unless the caller says otherwise.
    pub base_url: Sp<String>,
    /// Headers sent with every request.
    #[serde(default)]
    pub headers: Vec<HeaderSpec>,
    /// How requests authenticate.
    pub auth: AuthSpec,
    /// The schema that error responses are decoded into.
    pub error_schema: Sp<String>,
    /// Params every action accepts.
    #[serde(default)]
    pub global_params: Vec<FieldSpec>,
    /// The resources in groups, each a cargo feature of the client crate
    /// that turns on the group's resources and the types they use; every
    /// resource in exactly one group. Without it nothing is gated.
    pub groups: Option<Sp<OrderedMap<Vec<Sp<String>>>>>,
}

/// A fixed header.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderSpec {
    /// Header name.
    pub name: Sp<String>,
    /// Header value.
    pub value: Sp<String>,
}

/// How requests authenticate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSpec {
    /// Only `bearer` (an `Authorization: Bearer <token>` header) exists today.
    pub scheme: Sp<String>,
}

/// `resources/<name>.yaml`: one resource and its actions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceFile {
    /// The resource's name as the API documents it (`applicationApiTokens`).
    pub resource: Sp<String>,
    /// What the resource is.
    pub description: Option<String>,
    /// The actions, keyed by name, in file order.
    pub actions: OrderedMap<ActionSpec>,
}

/// One action of a resource.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// One line on what the action does.
    pub summary: Option<Sp<String>>,
    /// More on what the action does.
    pub description: Option<String>,
    /// HTTP method.
    pub method: Option<Sp<String>>,
    /// Path template, with `{param}` placeholders.
    pub path: Option<Sp<String>>,
    /// Whether the action needs a token (default true).
    pub auth: Option<Sp<bool>>,
    /// Scopes of which a token needs at least one.
    pub scopes: Option<Sp<Vec<String>>>,
    /// The API refuses OAuth tokens for the action, whatever their scopes
    /// (documentation; only with a token).
    pub deny_oauth_tokens: Option<Sp<bool>>,
    /// A user whose email address is not verified may call the action,
    /// which other actions refuse (documentation; only with a token).
    pub allow_unverified: Option<Sp<bool>>,
    /// Params of the action.
    #[serde(default)]
    pub params: Vec<FieldSpec>,
    /// Documented responses.
    pub responses: Option<Sp<ResponsesSpec>>,
    /// How a list action pages, for its `pages` and `items` streams.
    pub pagination: Option<Sp<PaginationSpec>>,
    /// `sse`: the response is a stream of server-sent events
    /// (`text/event-stream`), not one body.
    pub stream: Option<Sp<String>>,
    /// What each event of a `stream: sse` action carries.
    pub event: Option<Sp<EventSpec>>,
}

/// The events of a streaming action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// The event type the server sends (its `event:` field), for
    /// documentation.
    pub name: Option<Sp<String>>,
    /// The schema each event's data (JSON) decodes into; without it the
    /// data is kept as text.
    pub schema: Option<Sp<String>>,
    /// What an event is.
    pub description: Option<String>,
}

/// How a list action pages: which query params choose the page, and which
/// response fields hold the items and their total.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationSpec {
    /// The integer query param with the page number (0 is the first page).
    pub page: Sp<String>,
    /// The integer query param with the page size.
    pub per_page: Option<Sp<String>>,
    /// The response field with the page's items (an array).
    pub items: Sp<String>,
    /// The response field with the number of items in all.
    pub total: Option<Sp<String>>,
}

/// Documented responses of an action.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponsesSpec {
    /// Responses that mean success.
    #[serde(default)]
    pub success: Vec<ResponseSpec>,
    /// Responses that mean failure.
    #[serde(default)]
    pub errors: Vec<ResponseSpec>,
}

/// One documented response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSpec {
    /// HTTP status code.
    pub code: Sp<i64>,
    /// Schema of the body.
    pub schema: Option<Sp<String>>,
    /// When the response happens.
    pub description: Option<String>,
}

/// `schemas/<name>.yaml`: one schema type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaFile {
    /// The schema's name as the API documents it (`apiToken`).
    pub schema: Sp<String>,
    /// A Rust type name to use instead of the converted schema name.
    pub rust_name: Option<Sp<String>>,
    /// What the schema is.
    pub description: Option<String>,
    /// `object` (with `properties`), `string`, `integer`, `number` or
    /// `boolean` (with `enum`), `array` (with `items`), `map` (with
    /// `values`); or leave it out and give `one_of`.
    #[serde(rename = "type")]
    pub ty: Option<Sp<String>>,
    /// The element type of an array schema.
    pub items: Option<Box<FieldSpec>>,
    /// The value type of a map schema.
    #[serde(rename = "values")]
    pub map_values: Option<Box<FieldSpec>>,
    /// A regular expression every key of a map schema matches
    /// (documentation; boxed, as it is rare, to keep the file model small).
    pub key_pattern: Option<Box<Sp<String>>>,
    /// The alternatives of a schema that is one of several shapes.
    pub one_of: Option<Sp<Vec<FieldSpec>>>,
    /// The property that tells the object alternatives of `one_of` apart,
    /// when the one found in the schemas is not the one meant.
    pub discriminator: Option<Sp<String>>,
    /// Allowed values of a string, integer, number or boolean schema, as
    /// written (see [`FieldSpec::values`]).
    #[serde(rename = "enum")]
    pub values: Option<Sp<Vec<String>>>,
    /// Properties of an object schema, in file order.
    pub properties: Option<OrderedMap<FieldSpec>>,
    /// The keys of an object schema other than its properties: a map
    /// (`key_pattern`, `values`, `description`), kept beside the fields.
    pub additional: Option<Box<FieldSpec>>,
    /// Whether an object schema has no keys but its properties (JSON
    /// Schema's `additionalProperties: false`): documentation, exported to
    /// OpenAPI, and checked against the documented examples (boxed, as
    /// `key_pattern`, to keep the file model small).
    pub closed: Option<Box<Sp<bool>>>,
    /// The documented example.
    pub example: Option<Sp<serde_json::Value>>,
}

impl SchemaFile {
    /// The value type of a map schema.
    pub fn values_spec(&self) -> Option<&FieldSpec> {
        self.map_values.as_deref()
    }
}

/// A param, a property, or the items of an array: one shape for all three,
/// so that the keys a maintainer learns mean the same everywhere. Keys that
/// only make sense in one place (`in` for params, for example) are rejected
/// elsewhere by validation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Wire name (params only; properties take the map key).
    pub name: Option<Sp<String>>,
    /// `path`, `query`, `header`, `body` or `multipart` (params only).
    #[serde(rename = "in")]
    pub location: Option<Sp<String>>,
    /// `string`, `integer`, `number`, `boolean`, `array`, `map`, `any`, or
    /// `file` (multipart params only).
    #[serde(rename = "type")]
    pub ty: Option<Sp<String>>,
    /// A schema name, instead of `type`.
    #[serde(rename = "ref")]
    pub reference: Option<Sp<String>>,
    /// Allowed values of a string, integer, number or boolean, as the YAML
    /// wrote them: read as text, so that `on` stays the string `on` in a
    /// string enum, and parsed by validation as the type says.
    #[serde(rename = "enum")]
    pub values: Option<Sp<Vec<String>>>,
    /// The element type of an array.
    pub items: Option<Box<FieldSpec>>,
    /// The value type of a map (a JSON object with arbitrary keys).
    #[serde(rename = "values")]
    pub map_values: Option<Box<FieldSpec>>,
    /// Alternatives, for a value that is one of several shapes (instead of
    /// `type` or `ref`).
    pub one_of: Option<Sp<Vec<FieldSpec>>>,
    /// The property that tells the object alternatives of `one_of` apart
    /// (found in the schemas when not given).
    pub discriminator: Option<Sp<String>>,
    /// How a structured query param travels: `brackets` (the default,
    /// `key[0]=a&key[b]=c`, as the official clients flatten) or `json` (one
    /// JSON-encoded string).
    pub encoding: Option<Sp<String>>,
    /// Whether the value must be given.
    pub required: Option<Sp<bool>>,
    /// Whether the value may be JSON `null` (properties, array items and map
    /// values; a `null` is distinct from an absent property).
    pub nullable: Option<Sp<bool>>,
    /// What the server assumes when the value is not given.
    pub default: Option<Sp<serde_json::Value>>,
    /// Whether the client sends the default when the caller gives nothing.
    pub send_default: Option<Sp<bool>>,
    /// A regular expression the value matches (documentation).
    pub pattern: Option<Sp<String>>,
    /// A regular expression every key of a map matches (documentation).
    pub key_pattern: Option<Sp<String>>,
    /// A string format such as `date-time` (documentation).
    pub format: Option<Sp<String>>,
    /// Shortest allowed string.
    pub min_length: Option<Sp<u64>>,
    /// Longest allowed string.
    pub max_length: Option<Sp<u64>>,
    /// Most allowed array items.
    pub max_items: Option<Sp<u64>>,
    /// Fewest allowed array items.
    pub min_items: Option<Sp<u64>>,
    /// Smallest allowed number (inclusive).
    pub minimum: Option<Sp<f64>>,
    /// Largest allowed number (inclusive).
    pub maximum: Option<Sp<f64>>,
    /// Fewest allowed keys of a map or object.
    pub min_properties: Option<Sp<u64>>,
    /// Most allowed keys of a map or object.
    pub max_properties: Option<Sp<u64>>,
    /// Whether the API discourages the value (it may go away).
    pub deprecated: Option<Sp<bool>>,
    /// Whether array items must differ.
    pub unique_items: Option<Sp<bool>>,
    /// Whether the value is a credential that must never be printed.
    pub secret: Option<Sp<bool>>,
    /// What the value means.
    pub description: Option<String>,
    /// A documented example value.
    pub example: Option<Sp<serde_json::Value>>,
}

/// A YAML mapping whose keys keep their positions and whose entries keep
/// file order, so that output follows the spec and a duplicate key can be
/// named where it stands.
#[derive(Debug)]
pub struct OrderedMap<V>(pub Vec<(Sp<String>, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(PhantomData<V>);

        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = OrderedMap<V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(OrderedMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}
