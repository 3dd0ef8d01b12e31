//! Object keys. JSON keys are strings; like serde_json, integer (and char, bool) keys are
//! written quoted and read back from the quoted text, so `BTreeMap<u32, _>` round-trips.

use core::fmt;

use serde::de::{self, Visitor};
use serde::ser::{self, Impossible, Serialize};

use super::de_error::Error;
use super::error::EncodeError;
use super::ser::Serializer;

/// An object key: a string, which integer-keyed maps may read as a number (as serde_json).
pub(super) struct Key<'de> {
    pub(super) key: &'de str,
}

impl Key<'_> {
    fn invalid(&self, exp: &dyn de::Expected) -> Error {
        de::Error::invalid_type(de::Unexpected::Str(self.key), exp)
    }
}

/// Integer keys: `{"1": ..}` into a `BTreeMap<u32, _>`.
macro_rules! integer_keys {
    ($($method:ident $ty:ident $visit:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.key.parse::<$ty>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => Err(self.invalid(&visitor)),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.key)
    }

    integer_keys! {
        deserialize_i8 i8 visit_i8 deserialize_i16 i16 visit_i16
        deserialize_i32 i32 visit_i32 deserialize_i64 i64 visit_i64
        deserialize_i128 i128 visit_i128 deserialize_u8 u8 visit_u8
        deserialize_u16 u16 visit_u16 deserialize_u32 u32 visit_u32
        deserialize_u64 u64 visit_u64 deserialize_u128 u128 visit_u128
        deserialize_bool bool visit_bool
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_bytes(self.key.as_bytes())
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_bytes(self.key.as_bytes())
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
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
        visitor.visit_enum(de::value::BorrowedStrDeserializer::<Error>::new(self.key))
    }

    serde::forward_to_deserialize_any! {
        f32 f64 char str string unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// Object keys: strings as they are; integers, chars and booleans quoted (as serde_json).
pub(super) struct KeySerializer<'s, 'b> {
    pub(super) ser: &'s mut Serializer<'b>,
}

impl KeySerializer<'_, '_> {
    fn quoted(self, value: impl fmt::Display) -> Result<(), EncodeError> {
        self.ser.display(&value)
    }
}

impl ser::Serializer for KeySerializer<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Impossible<(), EncodeError>;
    type SerializeTuple = Impossible<(), EncodeError>;
    type SerializeTupleStruct = Impossible<(), EncodeError>;
    type SerializeTupleVariant = Impossible<(), EncodeError>;
    type SerializeMap = Impossible<(), EncodeError>;
    type SerializeStruct = Impossible<(), EncodeError>;
    type SerializeStructVariant = Impossible<(), EncodeError>;

    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.ser.string(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        self.quoted(v)
    }
    fn serialize_f32(self, _v: f32) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_f64(self, _v: f64) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        Err(EncodeError::KeyMustBeAString)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        self.ser.display(value)
    }
}
