//! Borrowed JSON containers: [`Map`] for objects with free-form keys and [`Value`] for free-form
//! JSON (EventBridge `detail`, CloudFormation `ResourceProperties`, AppSync `arguments`, …).
//!
//! Strings and keys borrow from the receive buffer; the spines (the list of entries of an object,
//! the elements of an array) are `Vec`s, the only allocation this crate makes while decoding.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// A JSON object with free-form keys, in document order: headers, attributes, claims.
///
/// Keys borrow from the buffer. Lookups are linear, which is faster than hashing for the
/// handful of entries events carry. Duplicate keys are all kept; [`Map::get`] returns the last
/// one, as `serde_json` would.
#[derive(Clone, PartialEq)]
pub struct Map<'a, V> {
    entries: Vec<(&'a str, V)>,
}

impl<'a, V> Map<'a, V> {
    /// An empty map; does not allocate.
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// Makes room for at least `additional` more entries.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
    }

    /// Appends an entry (no check for duplicates).
    pub fn push(&mut self, key: &'a str, value: V) {
        self.entries.push((key, value));
    }

    /// The value of `key` (exact match), the last one if repeated.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    /// The value of `key` compared ASCII case-insensitively, as HTTP header names are.
    pub fn get_ignore_case(&self, key: &str) -> Option<&V> {
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// The entries in document order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&'a str, &V)> + '_ {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<V: Eq> Eq for Map<'_, V> {}

impl<V> Default for Map<'_, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V: fmt::Debug> fmt::Debug for Map<'_, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a, V> FromIterator<(&'a str, V)> for Map<'a, V> {
    fn from_iter<I: IntoIterator<Item = (&'a str, V)>>(iter: I) -> Self {
        Self {
            entries: iter.into_iter().collect(),
        }
    }
}

impl<V: Serialize> Serialize for Map<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for Map<'a, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<'a, V>(PhantomData<(&'a (), V)>);

        impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for MapVisitor<'a, V> {
            type Value = Map<'a, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object or null")
            }

            // `null` is an empty map: AWS sends it for maps with nothing in them.
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Map::new())
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                // A `null` value counts as absent (crate docs, "Tolerance"): the entry is
                // dropped, so a map of strings or structs takes `{"k": null}`; a value type
                // that can hold `null` (a `Value`) keeps it.
                while let Some((k, v)) = access.next_entry::<&'de str, Option<V>>()? {
                    let v = match v {
                        Some(v) => v,
                        None => {
                            let null = de::value::UnitDeserializer::<NotNull>::new();
                            let Ok(v) = V::deserialize(null) else {
                                continue;
                            };
                            v
                        }
                    };
                    entries.push((k, v));
                }
                Ok(Map { entries })
            }
        }

        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

/// The error of [`Map`]'s probe that asks whether its value type takes `null`. It carries
/// nothing: the decoder's own error is boxed once there is an allocator, and the probe fails for
/// every `null` entry of a map of strings or structs, so asking with it would allocate each time.
#[derive(Debug)]
struct NotNull;

impl fmt::Display for NotNull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null is not a value of this type")
    }
}

impl de::StdError for NotNull {}

impl de::Error for NotNull {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        NotNull
    }
}

/// A JSON number, kept as the kind it was written as so it re-encodes the same.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    U64(u64),
    /// A negative integer.
    I64(i64),
    /// A number with a fraction or exponent.
    F64(f64),
}

impl Number {
    /// The number as an `f64` (integers above 2^53 lose precision).
    #[allow(clippy::cast_precision_loss)]
    pub const fn as_f64(self) -> f64 {
        match self {
            Self::U64(v) => v as f64,
            Self::I64(v) => v as f64,
            Self::F64(v) => v,
        }
    }
}

/// Free-form JSON borrowing its strings from the buffer.
///
/// Use it where AWS carries user data (`detail`, `ResourceProperties`, `arguments`); types that
/// carry one are generic over it, so a handler can name its own `Deserialize` type instead and
/// skip this tree altogether.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string, unescaped.
    String(&'a str),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object.
    Object(Map<'a, Value<'a>>),
}

impl<'a> Value<'a> {
    /// The string, if this is one.
    pub const fn as_str(&self) -> Option<&'a str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Self::Object(m) => m.get(key),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub const fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }
}

impl Serialize for Value<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(b) => serializer.serialize_bool(*b),
            Self::Number(Number::U64(v)) => serializer.serialize_u64(*v),
            Self::Number(Number::I64(v)) => serializer.serialize_i64(*v),
            Self::Number(Number::F64(v)) => serializer.serialize_f64(*v),
            Self::String(s) => serializer.serialize_str(s),
            Self::Array(a) => a.serialize(serializer),
            Self::Object(m) => m.serialize(serializer),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Value<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor(PhantomData))
    }
}

struct ValueVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for ValueVisitor<'a> {
    type Value = Value<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::U64(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Value::Number(if v < 0 {
            Number::I64(v)
        } else {
            Number::U64(v.unsigned_abs())
        }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Value::Number(Number::F64(v)))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Value::String(v))
    }

    fn visit_str<E: de::Error>(self, _v: &str) -> Result<Self::Value, E> {
        Err(E::custom(
            "a transient string where a borrowed one was needed (decode with lambkin_core::json)",
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
        while let Some(v) = access.next_element()? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = Map::new();
        while let Some((k, v)) = access.next_entry::<&'de str, Value<'a>>()? {
            map.push(k, v);
        }
        Ok(Value::Object(map))
    }
}

/// A string or a list of strings, kept as written (IAM `Action`, `Resource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOrMany<'a> {
    /// A single string.
    One(&'a str),
    /// A list.
    Many(Vec<&'a str>),
}

/// No strings: what an absent or `null` field stands for.
impl Default for OneOrMany<'_> {
    fn default() -> Self {
        Self::Many(Vec::new())
    }
}

impl<'a> OneOrMany<'a> {
    /// The strings, one or many.
    pub fn as_slice(&self) -> &[&'a str] {
        match self {
            Self::One(s) => core::slice::from_ref(s),
            Self::Many(v) => v,
        }
    }
}

impl Serialize for OneOrMany<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::One(s) => serializer.serialize_str(s),
            Self::Many(v) => v.serialize(serializer),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for OneOrMany<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = OneOrMany<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an array of strings")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(OneOrMany::One(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(s) = access.next_element()? {
                    items.push(s);
                }
                Ok(OneOrMany::Many(items))
            }
        }

        deserializer.deserialize_any(V(PhantomData))
    }
}

/// A byte array as JSON writes one: a list of numbers, each a byte written unsigned (`0..=255`)
/// or signed (`-128..=127`, as Java producers write Kafka header bytes), or a string.
///
/// The bytes are kept with the form they came in, so they encode back as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bytes<'a> {
    /// A list of numbers, every one in `0..=255`.
    Unsigned(Vec<u8>),
    /// A list of numbers with at least one below zero: each byte's two's complement is kept
    /// (`-1` is `0xff`).
    Signed(Vec<u8>),
    /// A string, as sent (some producers write text or base64 here; this does not guess).
    Text(&'a str),
}

impl Bytes<'_> {
    /// The bytes: the list's, or the string's UTF-8.
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Self::Unsigned(b) | Self::Signed(b) => b,
            Self::Text(s) => s.as_bytes(),
        }
    }
}

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self {
            Self::Unsigned(b) => b.serialize(serializer),
            Self::Signed(b) => {
                let mut seq = serializer.serialize_seq(Some(b.len()))?;
                for &byte in b {
                    seq.serialize_element(&byte.cast_signed())?;
                }
                seq.end()
            }
            Self::Text(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Bytes<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Bytes<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of bytes (-128..=255) or a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Bytes::Text(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut bytes = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
                let mut signed = false;
                while let Some(n) = access.next_element::<i16>()? {
                    let byte = match n {
                        0..=255 => u8::try_from(n).ok(),
                        -128..=-1 => {
                            signed = true;
                            i8::try_from(n).ok().map(i8::cast_unsigned)
                        }
                        _ => None,
                    };
                    let byte = byte.ok_or_else(|| {
                        de::Error::invalid_value(de::Unexpected::Signed(n.into()), &self)
                    })?;
                    bytes.push(byte);
                }
                Ok(if signed {
                    Bytes::Signed(bytes)
                } else {
                    Bytes::Unsigned(bytes)
                })
            }
        }

        deserializer.deserialize_any(V(PhantomData))
    }
}
