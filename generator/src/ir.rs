//! The validated spec: what the emitters consume.
//!
//! Everything here has been checked and resolved: Rust names are chosen and
//! free of collisions, schema references point at existing schemas, path
//! templates agree with path params, defaults fit their types. Order is the
//! spec's order (resources and schemas by file name, actions, params and
//! properties as written), which is what makes the output deterministic.

use serde_json::Value;

/// The whole API.
#[derive(Debug, Clone)]
pub struct Api {
    /// Human name of the API.
    pub name: String,
    /// What the API is.
    pub description: Option<String>,
    /// API version the spec describes.
    pub version: String,
    /// Default base URL.
    pub base_url: String,
    /// Headers sent with every request, as `(name, value)`.
    pub headers: Vec<(String, String)>,
    /// How requests authenticate.
    pub auth: AuthScheme,
    /// The schema type that error bodies decode into.
    pub error_type: TypeId,
    /// Params every action accepts, after the action's own.
    pub global_params: Vec<Param>,
    /// Resources, sorted by file name.
    pub resources: Vec<Resource>,
    /// The groups of resources (`groups:` of `api.yaml`), each a cargo
    /// feature of the client crate, in spec order; empty when the spec has
    /// none, and then nothing is gated.
    pub groups: Vec<Group>,
    /// Documented schemas, sorted by file name; their types are in
    /// [`Api::types`].
    pub schemas: Vec<Schema>,
    /// Every named type the client declares, each once.
    pub types: TypeSpace,
}

/// A group of resources: a cargo feature of the client crate that turns on
/// its resources' modules, their accessors and actions, and the types their
/// actions reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group's name, which is the feature's name (`devices`).
    pub name: String,
    /// Its resources, by index into [`Api::resources`], in index order.
    pub resources: Vec<usize>,
}

/// How requests authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`.
    Bearer,
}

/// A resource and its actions.
#[derive(Debug, Clone)]
pub struct Resource {
    /// Name as documented (`applicationApiTokens`).
    pub name: String,
    /// Rust module and accessor name (`application_api_tokens`).
    pub module: String,
    /// Rust name of the resource handle type (`ApplicationApiTokens`).
    pub handle: String,
    /// What the resource is.
    pub description: Option<String>,
    /// The actions, in file order.
    pub actions: Vec<Action>,
    /// Its group, by index into [`Api::groups`] (`None` when the spec has
    /// no groups).
    pub group: Option<usize>,
}

/// One action.
#[derive(Debug, Clone)]
pub struct Action {
    /// Name as documented (`get`).
    pub name: String,
    /// `resource.action`, as the API documents it.
    pub id: String,
    /// Rust method name on the resource handle.
    pub method_name: String,
    /// Rust name of the request builder type.
    pub builder: String,
    /// HTTP method.
    pub http_method: HttpMethod,
    /// Path template as written.
    pub path: String,
    /// The path template split into literal text and params.
    pub path_parts: Vec<PathPart>,
    /// One line on what the action does.
    pub summary: String,
    /// More on what the action does.
    pub description: Option<String>,
    /// Whether the action needs a token.
    pub auth: bool,
    /// Scopes of which a token needs at least one.
    pub scopes: Vec<String>,
    /// The API refuses OAuth tokens for the action (documentation).
    pub deny_oauth_tokens: bool,
    /// A user whose email address is not verified may call the action
    /// (documentation).
    pub allow_unverified: bool,
    /// The action's own params, in spec order (global params are on [`Api`]).
    pub params: Vec<Param>,
    /// How a success response decodes.
    pub success_type: SuccessType,
    /// Documented success responses.
    pub success: Vec<Response>,
    /// Documented error responses.
    pub errors: Vec<Response>,
    /// How the action pages, when it is a list.
    pub pagination: Option<Pagination>,
    /// The events, when the response is a stream of server-sent events.
    pub stream: Option<EventStream>,
}

/// An HTTP method a spec can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
    /// `HEAD`.
    Head,
    /// `OPTIONS`.
    Options,
}

impl HttpMethod {
    /// Every method, in the order messages list them.
    pub const ALL: [HttpMethod; 7] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
        HttpMethod::Head,
        HttpMethod::Options,
    ];

    /// The method as the spec and the wire write it (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
            HttpMethod::Options => "OPTIONS",
        }
    }

    /// The method of its name, upper case as the spec writes it.
    pub fn parse(name: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The name of the runtime's `Method` variant (`Get`).
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Patch => "Patch",
            HttpMethod::Delete => "Delete",
            HttpMethod::Head => "Head",
            HttpMethod::Options => "Options",
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Action {
    /// The param a path part names.
    pub fn path_param(&self, index: usize) -> Option<&Param> {
        self.params.get(index)
    }

    /// Whether the action sends a multipart body.
    pub fn is_multipart(&self) -> bool {
        self.params.iter().any(|p| p.location == ParamLocation::Multipart)
    }

    /// Whether `param` is a page number or page size of the action's
    /// `pagination:` (an integer the builder takes as a `usize`: it is never
    /// negative, and callers count pages and items in `usize`).
    pub fn is_count(&self, param: &Param) -> bool {
        param.ty == Ty::Integer
            && self.pagination.as_ref().is_some_and(|p| {
                p.page == param.rust_name || p.per_page.as_ref().is_some_and(|s| s.field == param.rust_name)
            })
    }
}

/// What a `stream: sse` action's events carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventStream {
    /// The event type the server sends, when documented.
    pub event: Option<String>,
    /// The schema type the data decodes into, or `None` for text.
    pub ty: Option<Ty>,
    /// The schema's documented name.
    pub schema: Option<String>,
    /// What an event is.
    pub description: Option<String>,
}

/// How a list action pages (all names are Rust names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The builder field with the page number.
    pub page: String,
    /// The builder field with the page size, when there is one.
    pub per_page: Option<PerPage>,
    /// Where a page's items are.
    pub items: PageItems,
    /// Where a page's total is, when it has one.
    pub total: Option<PageTotal>,
}

/// The page size param of a list action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPage {
    /// The builder field.
    pub field: String,
    /// The documented default, which the pager assumes when it is not set.
    pub default: Option<i64>,
}

/// The response field with a page's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItems {
    /// The Rust field.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
    /// The type of one item.
    pub ty: Ty,
}

/// The response field with the total number of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTotal {
    /// The Rust field.
    pub field: String,
    /// Whether the field is an `Option`.
    pub optional: bool,
}

/// How an action's success response decodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuccessType {
    /// No body (204, or no schema documented).
    Empty,
    /// One type, whatever the 2xx status.
    Single(Ty),
    /// A different type per status: an enum with a variant per documented
    /// status.
    ByStatus(StatusEnum),
}

/// The enum of an action whose success statuses carry different types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEnum {
    /// Its Rust name (`GetResponse`), in the action's resource module.
    pub name: String,
    /// One per documented success status, in spec order.
    pub variants: Vec<StatusVariant>,
}

/// One documented success status of a [`StatusEnum`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusVariant {
    /// The HTTP status.
    pub code: u16,
    /// The Rust variant name (`Ok`, `Created`, `Status299`).
    pub name: String,
    /// What the body decodes into, or `None` for no body.
    pub ty: Option<Ty>,
    /// Whether the value is boxed: object structs are, so that the enum is
    /// as small as its smallest variants (clippy's `large_enum_variant`).
    pub boxed: bool,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Text copied as is.
    Literal(String),
    /// The value of the action's path param at this index of
    /// [`Action::params`], percent-encoded when sent.
    Param(usize),
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status code.
    pub code: u16,
    /// Documented schema name, if any.
    pub schema: Option<String>,
    /// When the response happens.
    pub description: Option<String>,
}

/// Where a param travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// A query pair.
    Query,
    /// A request header.
    Header,
    /// The JSON request body.
    Body,
    /// One part of a `multipart/form-data` body.
    Multipart,
}

/// How a structured query value (array, object, map) travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryEncoding {
    /// Flattened into bracket keys: `key[0]=a&key[b][c]=d`.
    #[default]
    Brackets,
    /// One JSON-encoded string.
    Json,
}

impl ParamLocation {
    /// The spec's word for the location.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Body => "body",
            ParamLocation::Multipart => "multipart",
        }
    }
}

/// One param of an action (or a global param).
#[derive(Debug, Clone)]
pub struct Param {
    /// Name on the wire (`sortField`).
    pub wire_name: String,
    /// Rust name of the argument or setter (`sort_field`).
    pub rust_name: String,
    /// Where it travels.
    pub location: ParamLocation,
    /// Its type.
    pub ty: Ty,
    /// Whether the caller must give it.
    pub required: bool,
    /// What the server assumes when it is not given.
    pub default: Option<Value>,
    /// Whether the client sends the default when the caller gives nothing.
    pub send_default: bool,
    /// How a structured query value travels.
    pub encoding: QueryEncoding,
    /// What it means.
    pub description: Option<String>,
    /// Documented example.
    pub example: Option<Value>,
    /// Documented constraints.
    pub constraints: Constraints,
    /// Whether the API discourages it (documented, not an attribute: the
    /// generated code itself sets every param).
    pub deprecated: bool,
}

/// Documented limits on a value.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    /// Regular expression the value matches.
    pub pattern: Option<String>,
    /// Regular expression every key of a map matches.
    pub key_pattern: Option<String>,
    /// String format, such as `date-time`.
    pub format: Option<String>,
    /// Shortest allowed string.
    pub min_length: Option<u64>,
    /// Longest allowed string.
    pub max_length: Option<u64>,
    /// Most allowed items.
    pub max_items: Option<u64>,
    /// Fewest allowed items.
    pub min_items: Option<u64>,
    /// Smallest allowed number (inclusive).
    pub minimum: Option<f64>,
    /// Largest allowed number (inclusive).
    pub maximum: Option<f64>,
    /// Fewest allowed keys of a map or object.
    pub min_properties: Option<u64>,
    /// Most allowed keys of a map or object.
    pub max_properties: Option<u64>,
    /// Whether items must differ.
    pub unique_items: bool,
    /// The one value a boolean may have (a one-value boolean enum, which is
    /// a `bool`): documentation.
    pub only: Option<bool>,
}

/// A value's type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A string.
    String,
    /// A string that must never be printed (a credential).
    Secret,
    /// An RFC 3339 date-time (`format: date-time`): the runtime's
    /// `DateTime`, which keeps the text as sent.
    DateTime,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Any JSON value (a param or property with no declared type).
    Any,
    /// A file part of a multipart body.
    File,
    /// A list of values.
    Array(Box<Ty>),
    /// A JSON object with arbitrary keys and values of one type.
    Map(Box<Ty>),
    /// A named type that serializes through serde: an object schema, an
    /// array or map schema, or a one-of type (named or inline).
    Object(TypeId),
    /// An enum of allowed values (named or inline).
    Enum(TypeId),
    /// A value that may also be JSON `null` (the runtime's `Nullable`).
    Nullable(Box<Ty>),
}

impl Ty {
    /// The type without its nullability: `T` for `T` or `null`.
    pub fn non_null(&self) -> &Ty {
        match self {
            Ty::Nullable(inner) => inner,
            other => other,
        }
    }

    /// Whether the value may be JSON `null`.
    pub fn is_nullable(&self) -> bool {
        matches!(self, Ty::Nullable(_))
    }

    /// The named type, when the type is one (not through arrays or maps).
    pub fn named(&self) -> Option<TypeId> {
        match self {
            Ty::Object(id) | Ty::Enum(id) => Some(*id),
            _ => None,
        }
    }

    /// Every named type the type mentions, through arrays, maps and
    /// nullability.
    pub fn visit_named(&self, f: &mut impl FnMut(TypeId)) {
        match self {
            Ty::Object(id) | Ty::Enum(id) => f(*id),
            Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => inner.visit_named(f),
            _ => {}
        }
    }

    /// The type with every named type replaced by `f` of it.
    pub fn map_named(&mut self, f: &impl Fn(TypeId) -> TypeId) {
        match self {
            Ty::Object(id) | Ty::Enum(id) => *id = f(*id),
            Ty::Array(inner) | Ty::Map(inner) | Ty::Nullable(inner) => inner.map_named(f),
            _ => {}
        }
    }
}

/// A named type: an index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub u32);

impl TypeId {
    /// The index in the type table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Every named type the client declares, each once, by [`TypeId`]: object,
/// enum, alias and one-of schemas, and the enums and one-ofs declared
/// inline on properties and params, deduplicated by structure. Ordered:
/// the schemas' types in schema order, each followed by the inline types
/// first declared in it, then the inline types first declared by params,
/// in resource, action and param order.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    /// The types, by [`TypeId::index`].
    pub defs: Vec<TypeDef>,
}

impl TypeSpace {
    /// The type with this id.
    ///
    /// # Panics
    ///
    /// When the id is not of this table, which validation never produces.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.index()]
    }

    /// The type with this id, to change.
    pub fn get_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.defs[id.index()]
    }

    /// Its Rust name.
    pub fn name(&self, id: TypeId) -> &str {
        &self.get(id).rust_name
    }

    /// Every type with its id, in table order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.defs.iter().enumerate().map(|(i, def)| (TypeId(i as u32), def))
    }

    /// The enum with this id, if the type is one.
    pub fn enum_def(&self, id: TypeId) -> Option<&EnumDef> {
        match &self.get(id).kind {
            TypeKind::Enum(def) => Some(def),
            _ => None,
        }
    }

    /// Whether the type is an object struct.
    pub fn is_struct(&self, id: TypeId) -> bool {
        matches!(self.get(id).kind, TypeKind::Struct(_))
    }
}

/// One named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Its Rust name, unique in the whole client.
    pub rust_name: String,
    /// What it is.
    pub description: Option<String>,
    /// Its shape.
    pub kind: TypeKind,
    /// The documented schema it is, by index into [`Api::schemas`]; `None`
    /// for an inline type.
    pub schema: Option<usize>,
    /// What declares it: the schemas and resources whose properties or
    /// params spell it out (for an inline type, every declaration that
    /// deduplication merged into it; for a schema, the schema), sorted.
    pub owners: Vec<Owner>,
    /// Which direction its values travel and which groups reach it.
    pub usage: Usage,
}

/// Who uses a type, by reachability from the actions and the API itself
/// (`validate::usage`): it decides the serde derives of the type and the
/// features it is gated behind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Values of it are encoded: a param can carry it, or decoding a
    /// response re-encodes it to check a one-of's fit (its `Serialize`).
    pub encode: bool,
    /// Values of it are decoded: a response (success, error body or event)
    /// can carry it (its `Deserialize`).
    pub decode: bool,
    /// The API itself reaches it (the error schema, the schemas of error
    /// statuses that the `API` static lists, the global params), so it
    /// exists whatever groups are on.
    pub always: bool,
    /// The groups whose actions reach it, by index into [`Api::groups`],
    /// sorted.
    pub groups: Vec<usize>,
}

/// What declares a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Owner {
    /// A documented schema, by index into [`Api::schemas`].
    Schema(usize),
    /// A resource's params, by index into [`Api::resources`].
    Resource(usize),
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A JSON object.
    Struct(Vec<Field>),
    /// Allowed values.
    Enum(EnumDef),
    /// Another name for a type: an array or a map.
    Alias(Ty),
    /// One of several shapes.
    OneOf(OneOfDef),
}

/// A documented schema.
#[derive(Debug, Clone)]
pub struct Schema {
    /// Name as documented (`apiToken`).
    pub name: String,
    /// Its type.
    pub id: TypeId,
    /// Documented example.
    pub example: Option<Value>,
    /// The regular expression every key of a map schema matches
    /// (documentation).
    pub key_pattern: Option<String>,
    /// Whether a request body uses it (then its struct has `validate`).
    pub in_requests: bool,
    /// Whether it is an object a response can carry with no `additional`
    /// entry: its struct then keeps the keys it does not declare in a
    /// catch-all (the runtime's `OtherKeys`, flattened, named like
    /// `additional`), so that decoding a response never drops a key.
    pub catch_all: bool,
    /// Whether the object documents that it has no keys but its properties
    /// (`closed: true`; documentation, checked against examples).
    pub closed: bool,
}

/// A value that is one of several shapes. Decoding picks the alternative
/// its discriminator names, else the first that encodes back to the same
/// JSON, else keeps the raw value in the `fallback` variant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOfDef {
    /// The alternatives, in spec order.
    pub variants: Vec<OneOfVariant>,
    /// The property whose value tells the object alternatives apart, if
    /// there is one.
    pub discriminator: Option<Discriminator>,
    /// The Rust name of the variant that keeps a value no alternative takes
    /// exactly (`Other`, or `OtherValue` when an alternative is `Other`).
    pub fallback: String,
    /// The discriminator the spec names (`discriminator:`), with where it
    /// is written, checked once every schema is lowered.
    pub requested: Option<RequestedDiscriminator>,
}

/// The discriminator a spec names for a one-of (`discriminator:`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedDiscriminator {
    /// The property's wire name.
    pub property: String,
    /// The file it is written in.
    pub file: String,
    /// Where.
    pub position: Option<crate::diagnostic::Position>,
}

/// One alternative of a [`OneOfDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOfVariant {
    /// The Rust variant name.
    pub name: String,
    /// The alternative's type.
    pub ty: Ty,
}

/// A property with a distinct set of values in each object alternative of a
/// one-of (a string enum in each), found in the schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discriminator {
    /// The property's wire name.
    pub property: String,
    /// Per variant, in variant order, the values that name it (empty for
    /// alternatives that are not objects).
    pub values: Vec<Vec<String>>,
}

/// One property of an object schema.
#[derive(Debug, Clone)]
pub struct Field {
    /// Name on the wire.
    pub wire_name: String,
    /// Rust field name.
    pub rust_name: String,
    /// Its type.
    pub ty: Ty,
    /// Whether it is always present.
    pub required: bool,
    /// Whether the value is boxed, because the type contains itself.
    pub boxed: bool,
    /// What it means.
    pub description: Option<String>,
    /// Documented constraints.
    pub constraints: Constraints,
    /// What the server assumes when it is not given.
    pub default: Option<Value>,
    /// Whether the API discourages it.
    pub deprecated: bool,
    /// Whether this is the object's `additional` entry: a map of the keys
    /// other than its properties, flattened into the object (its wire name
    /// is [`Field::ADDITIONAL_WIRE`], never a key on the wire).
    pub flatten: bool,
}

impl Field {
    /// How the `additional` entry is named in docs and the surface.
    pub const ADDITIONAL_WIRE: &'static str = "(other keys)";
}

/// An enum of allowed values: strings, integers, numbers or booleans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumDef {
    /// The type of the values.
    pub kind: EnumKind,
    /// The values, in spec order (of the first declaration, when several
    /// were merged).
    pub variants: Vec<EnumVariant>,
    /// Whether values the spec does not list are kept (an `Unknown(String)`
    /// variant). True for every enum a response can carry, so that a server
    /// that grows a value does not break decoding.
    pub open: bool,
}

/// One allowed value of an [`EnumDef`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    /// The value on the wire: a string as it is, a number as JSON writes it
    /// (`1`, `0.5`), `true` or `false`.
    pub wire: String,
    /// The Rust variant name.
    pub name: String,
}

/// The type of an enum's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumKind {
    /// JSON strings.
    String,
    /// JSON whole numbers (within `i64`).
    Integer,
    /// JSON numbers.
    Number,
    /// `true` and `false`.
    Boolean,
}

impl EnumKind {
    /// The spec's type word.
    pub fn as_str(self) -> &'static str {
        match self {
            EnumKind::String => "string",
            EnumKind::Integer => "integer",
            EnumKind::Number => "number",
            EnumKind::Boolean => "boolean",
        }
    }
}

impl EnumDef {
    /// The allowed values as JSON.
    pub fn json_values(&self) -> Vec<Value> {
        self.variants.iter().map(|v| self.json_value(&v.wire)).collect()
    }

    /// One wire value as JSON.
    pub fn json_value(&self, wire: &str) -> Value {
        match self.kind {
            EnumKind::String => Value::String(wire.to_owned()),
            _ => serde_json::from_str(wire).unwrap_or_else(|_| Value::String(wire.to_owned())),
        }
    }

    /// Whether a JSON value is one of the allowed values (numbers compare
    /// by value: `1.0` is `1`).
    pub fn allows(&self, value: &Value) -> bool {
        self.variants.iter().any(|EnumVariant { wire, .. }| match (self.kind, value) {
            (EnumKind::String, Value::String(s)) => s == wire,
            (EnumKind::Integer, Value::Number(n)) => n.as_i64().is_some_and(|i| wire.parse::<i64>() == Ok(i)),
            (EnumKind::Number, Value::Number(n)) => n.as_f64().is_some_and(|x| wire.parse::<f64>() == Ok(x)),
            (EnumKind::Boolean, Value::Bool(b)) => wire == if *b { "true" } else { "false" },
            _ => false,
        })
    }
}
