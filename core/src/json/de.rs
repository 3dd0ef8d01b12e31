//! The serde half of the deserializer: maps JSON tokens onto the serde data model.
//!
//! Typed requests that do not match the next token fall back to the untyped path (`value`),
//! so the visitor itself reports the mismatch (`expected u8, found a string`) with serde's
//! wording. Only `deserialize_any` and the float requests parse floats.

use serde::de::{self, DeserializeSeed, Visitor};

use super::de_error::Error;
use super::error::{DecodeError, DecodeErrorKind as Kind};
use super::key::Key;
use super::read::Number;

/// Decodes one JSON value from `buf`, borrowing strings from it.
///
/// Strings with escapes are unescaped in place, so `buf` is modified (only inside string
/// spans). Nesting is bounded by [`MAX_DEPTH`](super::MAX_DEPTH); ignored values are skipped
/// without recursion. Anything but whitespace after the value is an error.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Event<'a> {
///     #[serde(rename = "firstName")]
///     first_name: &'a str,
/// }
/// let mut body = *br#"{"firstName": "Zo\u00eb", "ignored": [1, {"x": null}]}"#;
/// let event: Event<'_> = lambkin_core::json::from_slice(&mut body).unwrap();
/// assert_eq!(event.first_name, "Zoë");
/// ```
pub fn from_slice<'a, T: de::Deserialize<'a>>(buf: &'a mut [u8]) -> Result<T, DecodeError> {
    let mut de = Deserializer::new(buf);
    let value = T::deserialize(&mut de).map_err(|e| e.or_at(de.pos()).into_inner())?;
    de.end().map_err(Error::into_inner)?;
    Ok(value)
}

/// The decoder state: the unread input, its offset in the original buffer, and the nesting.
pub(super) struct Deserializer<'a> {
    /// Checked input: UTF-8 with no backslash (see `string.rs`).
    pub(super) text: &'a str,
    /// The input after `text`, unchecked; when `text` is used up, it starts at a string with
    /// an escape, at a byte that is not UTF-8, or is empty.
    pub(super) rest: &'a mut [u8],
    /// `text` was cut before a byte that is not UTF-8: the decoder stops there, with an
    /// error (`rest` is then empty).
    pub(super) bad: bool,
    /// The buffer's length (up to a byte that is not UTF-8, when `bad`), for `pos()`.
    pub(super) len: usize,
    pub(super) depth: usize,
}

impl<'de> Deserializer<'de> {
    /// The next value, whatever its type, handed to the visitor, which reports a mismatch in
    /// serde's words. Without `FLOATS`, a number that is no 64-bit integer is refused as a float
    /// without being parsed: only `deserialize_any` and the float requests decode floats, so a
    /// binary whose types have no float field links no float code (hello: 43 KB less).
    fn value<const FLOATS: bool, V: Visitor<'de>>(
        &mut self,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let value: Result<V::Value, Error> = match self.peek_token() {
            None => return Err(self.err(Kind::Eof)),
            Some(b'n') => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            Some(b't') => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            Some(b'f') => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            Some(b'"') => {
                let s = self.parse_str()?;
                visitor.visit_borrowed_str(s)
            }
            Some(b'-' | b'0'..=b'9') => {
                let number = if FLOATS {
                    Ok(self.parse_number()?)
                } else {
                    self.parse_integer()?
                };
                match number {
                    Ok(Number::U(v)) => visitor.visit_u64(v),
                    Ok(Number::I(v)) => visitor.visit_i64(v),
                    Ok(Number::F(v)) => visitor.visit_f64(v),
                    Err(_) => Err(de::Error::invalid_type(
                        de::Unexpected::Other("floating point"),
                        &visitor,
                    )),
                }
            }
            Some(b'[') => return self.visit_array(visitor),
            Some(b'{') => return self.visit_object(visitor),
            Some(_) => return Err(self.syntax("expected a JSON value")),
        };
        value.map_err(|e| e.or_at(self.pos()))
    }

    /// 128-bit integers: parsed from the number's text, since they exceed `Number`.
    fn visit_128<V: Visitor<'de>>(&mut self, visitor: V, signed: bool) -> Result<V::Value, Error> {
        if !matches!(self.peek_token(), Some(b'-' | b'0'..=b'9')) {
            return self.value::<false, V>(visitor);
        }
        let start = self.pos();
        let (text, integer) = self.number_span()?;
        // Built only on failure: with an allocator the error is boxed.
        let out_of_range = || Error::new(Kind::NumberOutOfRange, start);
        if !integer {
            let v = text.parse::<f64>().map_err(|_| out_of_range())?;
            return visitor.visit_f64(v);
        }
        if signed || text.starts_with('-') {
            visitor.visit_i128(text.parse().map_err(|_| out_of_range())?)
        } else {
            visitor.visit_u128(text.parse().map_err(|_| out_of_range())?)
        }
    }

    /// `[` was consumed: visit the elements, then require `]`.
    fn visit_array<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        self.punct('[');
        let value = visitor
            .visit_seq(Seq {
                de: &mut *self,
                first: true,
            })
            .map_err(|e| e.or_at(self.pos()))?;
        match self.peek_token() {
            Some(b']') => {
                self.punct(']');
                self.leave();
                Ok(value)
            }
            Some(b',') => Err(Error::with_message(
                Kind::InvalidLength,
                self.pos(),
                super::error::Message::new(&"more array elements than expected"),
            )),
            _ => Err(self.syntax("expected `,` or `]`")),
        }
    }

    /// `{` was consumed: visit the entries, then require `}`.
    fn visit_object<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        self.enter()?;
        self.punct('{');
        let value = visitor
            .visit_map(Map {
                de: &mut *self,
                first: true,
            })
            .map_err(|e| e.or_at(self.pos()))?;
        self.close_object(value)
    }

    fn close_object<T>(&mut self, value: T) -> Result<T, Error> {
        match self.peek_token() {
            Some(b'}') => {
                self.punct('}');
                self.leave();
                Ok(value)
            }
            Some(b',') => Err(Error::with_message(
                Kind::InvalidLength,
                self.pos(),
                super::error::Message::new(&"more object entries than expected"),
            )),
            _ => Err(self.syntax("expected `,` or `}`")),
        }
    }
}

/// Requests that take the next value as it is, decoding no floats (see `value`).
macro_rules! integers_only {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.value::<false, V>(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.value::<true, V>(visitor)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_128(visitor, true)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.visit_128(visitor, false)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek_token() == Some(b'"') {
            let s = self.parse_str()?;
            visitor
                .visit_borrowed_bytes(s.as_bytes())
                .map_err(|e: Error| e.or_at(self.pos()))
        } else {
            self.value::<false, V>(visitor)
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek_token() == Some(b'n') {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.peek_token() {
            Some(b'"') => {
                let s = self.parse_str()?;
                let unit = de::value::BorrowedStrDeserializer::<Error>::new(s);
                visitor.visit_enum(unit).map_err(|e| e.or_at(self.pos()))
            }
            Some(b'{') => {
                self.enter()?;
                self.punct('{');
                let value = visitor
                    .visit_enum(Enum { de: &mut *self })
                    .map_err(|e| e.or_at(self.pos()))?;
                self.close_object(value)
            }
            _ => self.value::<false, V>(visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value::<false, V>(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value::<false, V>(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.value::<false, V>(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Objects only, as serde's own JSON example and serde-json-core decode structs: the
        // positional (array) form serde_json also takes put a second decoder per struct in
        // every binary (27 KiB of lambkin-http's), for a shape AWS never sends.
        match self.peek_token() {
            Some(b'{') => self.visit_object(visitor),
            _ => match self.value::<false, _>(NotAnObject(&visitor)) {
                Ok(never) => match never {},
                Err(e) => Err(e),
            },
        }
    }

    integers_only! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_char
        deserialize_str deserialize_string deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier
    }

    serde::forward_to_deserialize_any! { f32 f64 }
}

/// Elements of an array.
struct Seq<'d, 'de> {
    de: &'d mut Deserializer<'de>,
    first: bool,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.de.peek_token() {
            Some(b']') => return Ok(None),
            Some(b',') if !self.first => self.de.punct(','),
            _ if self.first => {}
            _ => return Err(self.de.syntax("expected `,` or `]`")),
        };
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// Entries of an object.
struct Map<'d, 'de> {
    de: &'d mut Deserializer<'de>,
    first: bool,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.de.peek_token() {
            Some(b'}') => return Ok(None),
            Some(b',') if !self.first => self.de.punct(','),
            _ if self.first => {}
            _ => return Err(self.de.syntax("expected `,` or `}`")),
        };
        self.first = false;
        if self.de.peek_token() != Some(b'"') {
            return Err(self.de.syntax("expected a string key"));
        }
        let key = self.de.parse_str()?;
        let key = seed
            .deserialize(Key { key })
            .map_err(|e| e.or_at(self.de.pos()))?;
        self.de.colon()?;
        Ok(Some(key))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }
}

/// `{"Variant": value}`.
struct Enum<'d, 'de> {
    de: &'d mut Deserializer<'de>,
}

impl<'d, 'de> de::EnumAccess<'de> for Enum<'d, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        if self.de.peek_token() != Some(b'"') {
            return Err(self.de.syntax("expected a string key"));
        }
        let key = self.de.parse_str()?;
        let variant = seed
            .deserialize(Key { key })
            .map_err(|e| e.or_at(self.de.pos()))?;
        self.de.colon()?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for Enum<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        de::Deserialize::deserialize(&mut *self.de)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(&mut *self.de, visitor)
    }
}

/// Stands in for a struct's visitor on anything but an object: serde's errors, worded with
/// the struct's own `expecting`, from one decoder shared by every struct.
struct NotAnObject<'e>(&'e dyn de::Expected);

impl Visitor<'_> for NotAnObject<'_> {
    type Value = core::convert::Infallible;

    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt(f)
    }
}
