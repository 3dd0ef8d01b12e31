//! Field decoders that accept every shape AWS sends for a field (the crate docs' "Tolerance"
//! rule), used through `#[serde(deserialize_with = "…")]` so the public field types stay plain
//! (`u64`, `bool`, `Map<'a, &'a str>`).
//!
//! Each one asks for `deserialize_any` and takes what comes: the decoders are self-describing,
//! and so is `serde_json`, so the same types also work there.

use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::Map;

/// A number a field holds, sent as a JSON number or as a string of one.
pub(crate) trait Num: Sized {
    /// The integer, if it fits.
    fn from_i128(v: i128) -> Option<Self>;
    /// The float, if it fits (integers only when it has no fraction).
    fn from_f64(v: f64) -> Option<Self>;
}

macro_rules! int_num {
    ($($t:ty)*) => {$(
        impl Num for $t {
            fn from_i128(v: i128) -> Option<Self> {
                Self::try_from(v).ok()
            }
            #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
            fn from_f64(v: f64) -> Option<Self> {
                // `as` saturates; the round trip rejects fractions and out-of-range values.
                let i = v as i128;
                if i as f64 == v { Self::from_i128(i) } else { None }
            }
        }
    )*};
}
int_num!(i16 i32 i64 u8 u16 u32 u64);

impl Num for f64 {
    #[allow(clippy::cast_precision_loss)]
    fn from_i128(v: i128) -> Option<Self> {
        Some(v as Self)
    }
    fn from_f64(v: f64) -> Option<Self> {
        Some(v)
    }
}

struct NumVisitor<T>(PhantomData<T>);

impl<'de, T: Num> Visitor<'de> for NumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, a string holding one, or null")
    }

    // `null` counts as absent (crate docs, "Tolerance"): the field's default, zero.
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        T::from_i128(0).ok_or_else(|| E::invalid_type(de::Unexpected::Unit, &self))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::from_i128(i128::from(v))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::from_i128(i128::from(v))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        T::from_f64(v).ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        let t = v.trim();
        let n = match t.parse::<i128>() {
            Ok(i) => T::from_i128(i),
            Err(_) => t.parse::<f64>().ok().and_then(T::from_f64),
        };
        n.ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A number, or a string holding one (`"42"`, `"1.5"`).
pub(crate) fn num<'de, D: Deserializer<'de>, T: Num>(d: D) -> Result<T, D::Error> {
    d.deserialize_any(NumVisitor(PhantomData))
}

/// [`num`], or `null`.
pub(crate) fn opt_num<'de, D: Deserializer<'de>, T: Num>(d: D) -> Result<Option<T>, D::Error> {
    struct V<T>(PhantomData<T>);
    impl<'de, T: Num> Visitor<'de> for V<T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number, a string holding one, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            num(d).map(Some)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            NumVisitor(PhantomData).visit_u64(v).map(Some)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            NumVisitor(PhantomData).visit_i64(v).map(Some)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            NumVisitor(PhantomData).visit_f64(v).map(Some)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            // An empty string stands for no number.
            if v.trim().is_empty() {
                return Ok(None);
            }
            NumVisitor(PhantomData).visit_str(v).map(Some)
        }
    }
    d.deserialize_any(V(PhantomData))
}

/// A boolean, sent as `true`/`false`, as the strings `"true"`/`"false"` (any case), or `null`
/// (false).
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = bool;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean, \"true\" or \"false\", or null")
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
            Ok(v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_none<E: de::Error>(self) -> Result<bool, E> {
            Ok(false)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
            if v.eq_ignore_ascii_case("true") {
                Ok(true)
            } else if v.eq_ignore_ascii_case("false") || v.is_empty() {
                Ok(false)
            } else {
                Err(E::invalid_value(de::Unexpected::Str(v), &self))
            }
        }
    }
    d.deserialize_any(V)
}

/// One map value: a string, a list of strings, or `null`.
enum Strs<'a> {
    Null,
    One(&'a str),
    Many(Vec<&'a str>),
}

impl<'de: 'a, 'a> Deserialize<'de> for Strs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Strs<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a list of strings, or null")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Strs::Null)
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Strs::One(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(s) = a.next_element::<Option<&'de str>>()? {
                    items.extend(s);
                }
                Ok(Strs::Many(items))
            }
        }
        d.deserialize_any(V(PhantomData))
    }
}

/// Reads a JSON object of [`Strs`] into a map, `fold` turning each value into the map's.
fn strs_map<'de: 'a, 'a, D, T>(
    d: D,
    fold: fn(Strs<'a>) -> Option<T>,
) -> Result<Map<'a, T>, D::Error>
where
    D: Deserializer<'de>,
{
    struct V<'a, T>(fn(Strs<'a>) -> Option<T>);
    impl<'de: 'a, 'a, T> Visitor<'de> for V<'a, T> {
        type Value = Map<'a, T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of strings or of lists of strings, or null")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Map::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let mut map = Map::new();
            while let Some((k, v)) = a.next_entry::<&'de str, Strs<'de>>()? {
                if let Some(v) = (self.0)(v) {
                    map.push(k, v);
                }
            }
            Ok(map)
        }
    }
    d.deserialize_any(V(fold))
}

/// A name → string map (headers, query parameters) whose values may also come as lists (the
/// last element is kept, as API Gateway does when it folds multi-value headers into
/// `headers`) or `null` (the entry is dropped); the whole map may be `null` (empty).
pub(crate) fn strs<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Map<'a, &'a str>, D::Error> {
    strs_map(d, |v| match v {
        Strs::Null => None,
        Strs::One(s) => Some(s),
        Strs::Many(list) => list.last().copied(),
    })
}

/// [`strs`], or `null` as `None`.
pub(crate) fn opt_strs<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Map<'a, &'a str>>, D::Error> {
    Ok(Option::<Strings<'a>>::deserialize(d)?.map(|s| s.0))
}

/// A name → strings map (multi-value headers) whose values may also come as one string (a
/// one-element list) or `null` (empty list); the whole map may be `null` (empty).
pub(crate) fn multi<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Map<'a, Vec<&'a str>>, D::Error> {
    strs_map(d, |v| {
        Some(match v {
            Strs::Null => Vec::new(),
            Strs::One(s) => alloc::vec![s],
            Strs::Many(list) => list,
        })
    })
}

/// [`multi`], or `null` as `None`.
pub(crate) fn opt_multi<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Map<'a, Vec<&'a str>>>, D::Error> {
    Ok(Option::<Lists<'a>>::deserialize(d)?.map(|s| s.0))
}

/// [`strs`] as a type, for `Option`.
struct Strings<'a>(Map<'a, &'a str>);

impl<'de: 'a, 'a> Deserialize<'de> for Strings<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        strs(d).map(Self)
    }
}

/// [`multi`] as a type, for `Option`.
struct Lists<'a>(Map<'a, Vec<&'a str>>);

impl<'de: 'a, 'a> Deserialize<'de> for Lists<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        multi(d).map(Self)
    }
}

/// A value, or its default when `null`.
pub(crate) fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list of objects, or one object standing for a list of one (IAM's `Statement`).
pub(crate) fn objects<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or a list of objects")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::new();
            while let Some(item) = a.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
        fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(a)).map(|t| alloc::vec![t])
        }
    }
    d.deserialize_any(V(PhantomData))
}
