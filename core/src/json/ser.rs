//! Compact JSON serializer into a caller buffer, reporting the exact size needed when the
//! buffer is too small.
//!
//! Not serde-json-core: its serializer reports `BufferFull` without a size, panics on `char`
//! (`unreachable!()`), and rejects non-string map keys that serde_json accepts.

use core::fmt::{self, Write as _};

use serde::ser::{self, Serialize};

use super::error::EncodeError;
use super::escape::{EscapeWriter, Out};
use super::key::KeySerializer;

/// Encodes `value` as compact JSON into `buf`; returns the number of bytes written.
///
/// When `buf` is too small the encoder keeps counting and returns
/// [`EncodeError::BufferFull`] with the exact size of the whole document. Bytes of `buf` past
/// the returned length may be overwritten (strings are escaped a word at a time). Non-finite floats
/// become `null`, integer map keys are quoted, as in serde_json. `collect_str` streams
/// `Display` output through the escaper, so this needs no allocation:
///
/// ```
/// struct Greeting<'a>(&'a str);
/// impl serde::Serialize for Greeting<'_> {
///     fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
///         s.collect_str(&format_args!("Hello, {}!", self.0))
///     }
/// }
/// let mut buf = [0u8; 32];
/// let n = lambkin_core::json::to_slice(&Greeting("\"you\""), &mut buf).unwrap();
/// assert_eq!(&buf[..n], br#""Hello, \"you\"!""#);
/// ```
pub fn to_slice<T: Serialize + ?Sized>(value: &T, buf: &mut [u8]) -> Result<usize, EncodeError> {
    let mut ser = Serializer { out: Out::new(buf) };
    value.serialize(&mut ser)?;
    ser.out.finish()
}

pub(super) struct Serializer<'b> {
    out: Out<'b>,
}

fn compound<'s, 'b>(
    ser: &'s mut Serializer<'b>,
    open: &'static [u8],
    close: &'static [u8],
) -> Compound<'s, 'b> {
    ser.out.push(open);
    Compound {
        ser,
        first: true,
        close,
    }
}

impl Serializer<'_> {
    pub(super) fn string(&mut self, s: &str) {
        self.out.push(b"\"");
        EscapeWriter(&mut self.out).push(s);
        self.out.push(b"\"");
    }

    pub(super) fn display(
        &mut self,
        value: &(impl fmt::Display + ?Sized),
    ) -> Result<(), EncodeError> {
        self.out.push(b"\"");
        // The writer never fails, so an error can only come from the Display impl.
        write!(EscapeWriter(&mut self.out), "{value}").map_err(|_| EncodeError::DisplayFailed)?;
        self.out.push(b"\"");
        Ok(())
    }

    fn float(&mut self, v: impl fmt::Debug, finite: bool) {
        if finite {
            // `{:?}` is the shortest round-trip form and switches to exponent notation for
            // very large or small values (`1e300`, `1e-7`); all valid JSON.
            let _ = write!(self.out, "{v:?}");
        } else {
            self.out.push(b"null");
        }
    }

    fn variant_open(&mut self, variant: &str) {
        self.out.push(b"{");
        self.string(variant);
        self.out.push(b":");
    }
}

impl<'s, 'b> ser::Serializer for &'s mut Serializer<'b> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Compound<'s, 'b>;
    type SerializeTuple = Compound<'s, 'b>;
    type SerializeTupleStruct = Compound<'s, 'b>;
    type SerializeTupleVariant = Compound<'s, 'b>;
    type SerializeMap = Compound<'s, 'b>;
    type SerializeStruct = Compound<'s, 'b>;
    type SerializeStructVariant = Compound<'s, 'b>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.out.push(if v { b"true" } else { b"false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), EncodeError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), EncodeError> {
        self.out.push_i64(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        let _ = write!(self.out, "{v}");
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), EncodeError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), EncodeError> {
        self.out.push_u64(v, false);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        let _ = write!(self.out, "{v}");
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), EncodeError> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), EncodeError> {
        self.float(v, v.is_finite());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.string(v);
        Ok(())
    }
    /// As serde_json: an array of numbers.
    fn serialize_bytes(self, v: &[u8]) -> Result<(), EncodeError> {
        use ser::SerializeSeq as _;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        v.iter().try_for_each(|b| seq.serialize_element(b))?;
        seq.end()
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        self.out.push(b"null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), EncodeError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), EncodeError> {
        self.string(variant);
        Ok(())
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
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.variant_open(variant);
        value.serialize(&mut *self)?;
        self.out.push(b"}");
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'s, 'b>, EncodeError> {
        Ok(compound(self, b"[", b"]"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'s, 'b>, EncodeError> {
        Ok(compound(self, b"[", b"]"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>, EncodeError> {
        Ok(compound(self, b"[", b"]"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>, EncodeError> {
        self.variant_open(variant);
        Ok(compound(self, b"[", b"]}"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'s, 'b>, EncodeError> {
        Ok(compound(self, b"{", b"}"))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>, EncodeError> {
        Ok(compound(self, b"{", b"}"))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'s, 'b>, EncodeError> {
        self.variant_open(variant);
        Ok(compound(self, b"{", b"}}"))
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        self.display(value)
    }
}

/// An open array or object (`close` also ends an enclosing variant object).
pub(super) struct Compound<'s, 'b> {
    ser: &'s mut Serializer<'b>,
    first: bool,
    close: &'static [u8],
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if !self.first {
            self.ser.out.push(b",");
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.comma();
        value.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), EncodeError> {
        self.comma();
        self.ser.string(key);
        self.ser.out.push(b":");
        value.serialize(&mut *self.ser)
    }

    fn close(self) -> Result<(), EncodeError> {
        self.ser.out.push(self.close);
        Ok(())
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        self.element(value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        self.comma();
        key.serialize(KeySerializer {
            ser: &mut *self.ser,
        })?;
        self.ser.out.push(b":");
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_, '_> {
    type Ok = ();
    type Error = EncodeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), EncodeError> {
        self.close()
    }
}
