//! The keys of a response object that its schema does not declare.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

thread_local! {
    /// The API's secret field names while the client decodes a response on
    /// this thread (empty otherwise).
    static SECRET_FIELDS: Cell<&'static [&'static str]> = const { Cell::new(&[]) };
}

/// Runs `decode` with the API's secret field names known to the
/// [`OtherKeys`] it decodes, so that their `Debug` redacts those keys.
pub(crate) fn with_secret_fields<T>(secret_fields: &'static [&'static str], decode: impl FnOnce() -> T) -> T {
    /// Puts the outer names back when dropped, so that a decoder that
    /// panics leaves the thread as it found it.
    struct Restore(&'static [&'static str]);
    impl Drop for Restore {
        fn drop(&mut self) {
            SECRET_FIELDS.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(SECRET_FIELDS.with(|c| c.replace(secret_fields)));
    decode()
}

/// The catch-all of a response struct: every key its schema does not
/// declare, with its value as it came, so that decoding a response never
/// drops a key and encoding writes it back (it is a flattened field, beside
/// the declared ones). Reads and writes as the map it derefs to.
///
/// `Debug` shows the keys with their values, except the values of keys
/// that the API documents as secrets (anywhere inside), which it shows as
/// `<redacted>`, as error messages do: a server that sends a credential
/// under a key the schema does not declare does not leak it into logs. The
/// values themselves are kept as they came.
#[derive(Clone, Default)]
pub struct OtherKeys {
    keys: BTreeMap<String, Value>,
    secret_fields: &'static [&'static str],
}

impl OtherKeys {
    /// No keys.
    pub fn new() -> Self {
        OtherKeys::default()
    }

    /// The map of keys and values.
    pub fn into_inner(self) -> BTreeMap<String, Value> {
        self.keys
    }
}

impl Deref for OtherKeys {
    type Target = BTreeMap<String, Value>;

    fn deref(&self) -> &Self::Target {
        &self.keys
    }
}

impl DerefMut for OtherKeys {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.keys
    }
}

impl From<BTreeMap<String, Value>> for OtherKeys {
    fn from(keys: BTreeMap<String, Value>) -> Self {
        OtherKeys { keys, secret_fields: &[] }
    }
}

impl FromIterator<(String, Value)> for OtherKeys {
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        OtherKeys::from(iter.into_iter().collect::<BTreeMap<_, _>>())
    }
}

/// Equal when the keys and values are (how they were decoded does not
/// matter).
impl PartialEq for OtherKeys {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys
    }
}

impl PartialEq<BTreeMap<String, Value>> for OtherKeys {
    fn eq(&self, other: &BTreeMap<String, Value>) -> bool {
        &self.keys == other
    }
}

impl fmt::Debug for OtherKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secret_fields.is_empty() {
            return self.keys.fmt(f);
        }
        let mut shown = Value::Object(self.keys.clone().into_iter().collect());
        crate::request::redact(&mut shown, self.secret_fields);
        match shown {
            Value::Object(map) => f.debug_map().entries(map.iter()).finish(),
            other => other.fmt(f),
        }
    }
}

impl Serialize for OtherKeys {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.keys.serialize(serializer)
    }
}

impl OtherKeys {
    /// Keys a decoding collected, with the secret fields of the decoding
    /// under way (what `Debug` redacts).
    pub(crate) fn decoded(keys: BTreeMap<String, Value>) -> Self {
        OtherKeys { keys, secret_fields: SECRET_FIELDS.with(Cell::get) }
    }
}

/// Decodes the keys (as a flattened field, those no declared field took),
/// counting them for the one-of fit (`one_of::fit`).
impl<'de> Deserialize<'de> for OtherKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::one_of::other_keys(deserializer).map(OtherKeys::decoded)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Body {
        message: Option<String>,
        #[serde(flatten)]
        additional: OtherKeys,
    }

    #[test]
    fn keys_are_kept_and_secrets_redacted_only_from_debug() {
        let text = r#"{"message":"m","token":"s3cret","items":[{"token":"s3cret","a":1}]}"#;
        let body: Body = with_secret_fields(&["token"], || serde_json::from_str(text).unwrap());
        assert_eq!(body.additional.get("token"), Some(&json!("s3cret")));
        let shown = format!("{body:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains(r#""token": String("<redacted>")"#) && shown.contains("items"), "{shown}");
        assert_eq!(serde_json::to_value(&body).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        // Outside a client's decoding, nothing is known to be secret.
        let plain: Body = serde_json::from_str(text).unwrap();
        assert!(format!("{plain:?}").contains("s3cret"));
        assert_eq!(plain, body);
        let mut built = OtherKeys::new();
        built.insert("x".into(), json!(1));
        assert_eq!(built, BTreeMap::from([("x".to_owned(), json!(1))]));
    }

    #[test]
    fn a_decoder_that_panics_leaves_the_names_as_they_were() {
        let outer = with_secret_fields(&["outer"], || {
            let caught = std::panic::catch_unwind(|| with_secret_fields(&["inner"], || panic!("decoder")));
            assert!(caught.is_err());
            SECRET_FIELDS.with(Cell::get)
        });
        assert_eq!(outer, ["outer"]);
        assert!(SECRET_FIELDS.with(Cell::get).is_empty());
    }
}
