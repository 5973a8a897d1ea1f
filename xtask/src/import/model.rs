//! The spec as the importer writes it: the keys of spec/README.md, in the
//! order a maintainer reads them, and their YAML.

use serde_json::Value;

use super::yaml::Yaml;

/// A param, a property or an array's items (spec/README.md "Params,
/// properties and items").
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Field {
    pub(crate) name: Option<String>,
    pub(crate) location: Option<String>,
    pub(crate) ty: Option<String>,
    pub(crate) reference: Option<String>,
    pub(crate) one_of: Option<Vec<Field>>,
    /// Allowed values, of the field's type.
    pub(crate) values: Option<Vec<Value>>,
    pub(crate) items: Option<Box<Field>>,
    pub(crate) map_values: Option<Box<Field>>,
    pub(crate) required: bool,
    /// The value may be JSON `null` (`null` in a type list, a `{type: null}`
    /// alternative).
    pub(crate) nullable: bool,
    pub(crate) default: Option<Value>,
    pub(crate) pattern: Option<String>,
    /// The pattern every key of a map matches (`patternProperties`).
    pub(crate) key_pattern: Option<String>,
    pub(crate) format: Option<String>,
    pub(crate) min_length: Option<u64>,
    pub(crate) max_length: Option<u64>,
    pub(crate) max_items: Option<u64>,
    pub(crate) min_items: Option<u64>,
    pub(crate) unique_items: bool,
    /// Bounds of a number, as the data writes them.
    pub(crate) minimum: Option<Value>,
    pub(crate) maximum: Option<Value>,
    pub(crate) min_properties: Option<u64>,
    pub(crate) max_properties: Option<u64>,
    pub(crate) deprecated: bool,
    pub(crate) description: Option<String>,
    pub(crate) example: Option<Value>,
}

impl Field {
    pub(crate) fn of_type(ty: &str) -> Field {
        Field { ty: Some(ty.to_owned()), ..Field::default() }
    }

    pub(crate) fn reference(name: &str) -> Field {
        Field { reference: Some(name.to_owned()), ..Field::default() }
    }

    pub(crate) fn to_yaml(&self) -> Yaml {
        let mut m = Vec::new();
        let mut put = |k: &str, v: Yaml| m.push((k.to_owned(), v));
        if let Some(v) = &self.name {
            put("name", Yaml::str(v));
        }
        if let Some(v) = &self.location {
            put("in", Yaml::str(v));
        }
        if let Some(v) = &self.ty {
            put("type", Yaml::str(v));
        }
        if let Some(v) = &self.reference {
            put("ref", Yaml::str(v));
        }
        if let Some(v) = &self.one_of {
            put("one_of", Yaml::Seq(v.iter().map(Field::to_yaml).collect()));
        }
        if let Some(v) = &self.values {
            put("enum", Yaml::Seq(v.iter().map(Yaml::from_json).collect()));
        }
        if let Some(v) = &self.items {
            put("items", v.to_yaml());
        }
        if let Some(v) = &self.map_values {
            put("values", v.to_yaml());
        }
        if self.required {
            put("required", Yaml::Bool(true));
        }
        if self.nullable {
            put("nullable", Yaml::Bool(true));
        }
        if let Some(v) = &self.default {
            put("default", Yaml::from_json(v));
        }
        if let Some(v) = &self.pattern {
            put("pattern", Yaml::str(v));
        }
        if let Some(v) = &self.key_pattern {
            put("key_pattern", Yaml::str(v));
        }
        if let Some(v) = &self.format {
            put("format", Yaml::str(v));
        }
        if let Some(v) = self.min_length {
            put("min_length", Yaml::Number(v.to_string()));
        }
        if let Some(v) = self.max_length {
            put("max_length", Yaml::Number(v.to_string()));
        }
        if let Some(v) = self.min_items {
            put("min_items", Yaml::Number(v.to_string()));
        }
        if let Some(v) = self.max_items {
            put("max_items", Yaml::Number(v.to_string()));
        }
        if self.unique_items {
            put("unique_items", Yaml::Bool(true));
        }
        if let Some(v) = &self.minimum {
            put("minimum", Yaml::from_json(v));
        }
        if let Some(v) = &self.maximum {
            put("maximum", Yaml::from_json(v));
        }
        if let Some(v) = self.min_properties {
            put("min_properties", Yaml::Number(v.to_string()));
        }
        if let Some(v) = self.max_properties {
            put("max_properties", Yaml::Number(v.to_string()));
        }
        if self.deprecated {
            put("deprecated", Yaml::Bool(true));
        }
        if let Some(v) = &self.description {
            put("description", Yaml::str(v));
        }
        if let Some(v) = &self.example {
            put("example", Yaml::from_json(v));
        }
        Yaml::Map(m)
    }
}

/// What a schema file declares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Body {
    /// Its properties, and the map of its other keys (`additional`).
    Object(Vec<(String, Field)>, Option<Field>),
    /// An enum: the type of its values, and the values.
    Enum(String, Vec<Value>),
    Array(Field),
    /// A map: its values, and the pattern of its keys.
    Map(Field, Option<String>),
    OneOf(Vec<Field>),
    /// A shape a schema file cannot have (a plain string, a number, any
    /// value): written as `type: <word>`, which the generator rejects, so
    /// that the gap shows in its diagnostics too.
    Other(Field),
}

/// One schema file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schema {
    pub(crate) name: String,
    pub(crate) rust_name: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) body: Body,
    /// An object with no keys but its properties (`additionalProperties:
    /// false`).
    pub(crate) closed: bool,
    pub(crate) example: Option<Value>,
}

impl Schema {
    pub(crate) fn to_yaml(&self) -> Yaml {
        let mut m = vec![("schema".to_owned(), Yaml::str(&self.name))];
        if let Some(v) = &self.rust_name {
            m.push(("rust_name".into(), Yaml::str(v)));
        }
        if let Some(v) = &self.description {
            m.push(("description".into(), Yaml::str(v)));
        }
        match &self.body {
            Body::Object(properties, additional) => {
                m.push(("type".into(), Yaml::str("object")));
                if self.closed {
                    m.push(("closed".into(), Yaml::Bool(true)));
                }
                let props = properties.iter().map(|(k, f)| (k.clone(), f.to_yaml())).collect();
                m.push(("properties".into(), Yaml::Map(props)));
                // A map without its `type`: `additional` is always one.
                if let Some(Yaml::Map(entries)) = additional.as_ref().map(Field::to_yaml) {
                    m.push((
                        "additional".into(),
                        Yaml::Map(entries.into_iter().filter(|(k, _)| k != "type").collect()),
                    ));
                }
            }
            Body::Enum(ty, values) => {
                m.push(("type".into(), Yaml::str(ty)));
                m.push(("enum".into(), Yaml::Seq(values.iter().map(Yaml::from_json).collect())));
            }
            Body::Array(items) => {
                m.push(("type".into(), Yaml::str("array")));
                m.push(("items".into(), items.to_yaml()));
            }
            Body::Map(values, key_pattern) => {
                m.push(("type".into(), Yaml::str("map")));
                if let Some(p) = key_pattern {
                    m.push(("key_pattern".into(), Yaml::str(p)));
                }
                m.push(("values".into(), values.to_yaml()));
            }
            Body::OneOf(alternatives) => {
                m.push(("one_of".into(), Yaml::Seq(alternatives.iter().map(Field::to_yaml).collect())));
            }
            Body::Other(field) => {
                if let Yaml::Map(entries) = field.to_yaml() {
                    m.extend(entries.into_iter().filter(|(k, _)| k != "description"));
                }
            }
        }
        if let Some(v) = &self.example {
            m.push(("example".into(), Yaml::from_json(v)));
        }
        Yaml::Map(m)
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Response {
    pub(crate) code: u16,
    pub(crate) schema: Option<String>,
    pub(crate) description: Option<String>,
}

impl Response {
    fn to_yaml(&self) -> Yaml {
        let mut m = vec![("code".to_owned(), Yaml::Number(self.code.to_string()))];
        if let Some(v) = &self.schema {
            m.push(("schema".into(), Yaml::str(v)));
        }
        if let Some(v) = &self.description {
            m.push(("description".into(), Yaml::str(v)));
        }
        Yaml::Map(m)
    }
}

/// One action of a resource.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Action {
    pub(crate) name: String,
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) auth: bool,
    pub(crate) scopes: Vec<String>,
    /// The API refuses OAuth tokens for the action (`denyOauthTokens`).
    pub(crate) deny_oauth_tokens: bool,
    /// A user whose email is not verified may call it (`allowUnverified`).
    pub(crate) allow_unverified: bool,
    pub(crate) params: Vec<Field>,
    pub(crate) success: Vec<Response>,
    pub(crate) errors: Vec<Response>,
    /// The events, when the response is a stream of server-sent events.
    pub(crate) stream: Option<EventStream>,
}

/// What a `stream: sse` action's events carry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EventStream {
    pub(crate) name: Option<String>,
    pub(crate) schema: Option<String>,
    pub(crate) description: Option<String>,
}

impl Action {
    fn to_yaml(&self) -> Yaml {
        let mut m = Vec::new();
        if let Some(v) = &self.summary {
            m.push(("summary".to_owned(), Yaml::str(v)));
        }
        if let Some(v) = &self.description {
            m.push(("description".into(), Yaml::str(v)));
        }
        m.push(("method".into(), Yaml::str(&self.method)));
        m.push(("path".into(), Yaml::str(&self.path)));
        if !self.auth {
            m.push(("auth".into(), Yaml::Bool(false)));
        }
        if !self.scopes.is_empty() {
            m.push(("scopes".into(), Yaml::Seq(self.scopes.iter().map(Yaml::str).collect())));
        }
        if self.deny_oauth_tokens {
            m.push(("deny_oauth_tokens".into(), Yaml::Bool(true)));
        }
        if self.allow_unverified {
            m.push(("allow_unverified".into(), Yaml::Bool(true)));
        }
        if let Some(stream) = &self.stream {
            m.push(("stream".into(), Yaml::str("sse")));
            let mut event = Vec::new();
            for (key, value) in
                [("name", &stream.name), ("schema", &stream.schema), ("description", &stream.description)]
            {
                if let Some(v) = value {
                    event.push((key.to_owned(), Yaml::str(v)));
                }
            }
            if !event.is_empty() {
                m.push(("event".into(), Yaml::Map(event)));
            }
        }
        if !self.params.is_empty() {
            m.push(("params".into(), Yaml::Seq(self.params.iter().map(Field::to_yaml).collect())));
        }
        let mut responses = Vec::new();
        if !self.success.is_empty() {
            responses.push(("success".to_owned(), Yaml::Seq(self.success.iter().map(Response::to_yaml).collect())));
        }
        if !self.errors.is_empty() {
            responses.push(("errors".to_owned(), Yaml::Seq(self.errors.iter().map(Response::to_yaml).collect())));
        }
        m.push(("responses".into(), Yaml::Map(responses)));
        Yaml::Map(m)
    }
}

/// One resource file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resource {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) actions: Vec<Action>,
}

impl Resource {
    pub(crate) fn to_yaml(&self) -> Yaml {
        let mut m = vec![("resource".to_owned(), Yaml::str(&self.name))];
        if let Some(v) = &self.description {
            m.push(("description".into(), Yaml::str(v)));
        }
        let actions = self.actions.iter().map(|a| (a.name.clone(), a.to_yaml())).collect();
        m.push(("actions".into(), Yaml::Map(actions)));
        Yaml::Map(m)
    }
}
