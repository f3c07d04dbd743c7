//! The JSON protocol (Apache's `TJSONProtocol`): every value as JSON text, readable by any
//! Thrift library that speaks it.
//!
//! - A struct is an object keyed by field id, each value wrapped with its type name:
//!   `{"1":{"i32":5},"2":{"str":"hi"}}`.
//! - Lists and sets are arrays led by the element type and the count:
//!   `["i32",3,1,2,3]`.
//! - A map is an array of the key type, the value type, the count and an object:
//!   `["str","i64",1,{"a":1}]`. Keys are always JSON strings, so numeric keys are quoted.
//! - A message is `[1,"name",type,seq,{...}]`.
//!
//! The output matches Apache's C++ library byte for byte, and its Python one where they
//! agree: bools as `1`/`0`, doubles with 17 significant digits (`%.17g`, as both libraries
//! print them), `NaN` and the infinities as quoted strings, control characters escaped as
//! C++ escapes them, `binary` as padded base64 (Python, Go and JavaScript pad; C++ and Java
//! do not, and every reader accepts both). Reading accepts what any of them writes, and JSON
//! whitespace between tokens.
//!
//! Text is unescaped and base64 decoded as it is read, so nothing decoded shares the input:
//! `from_bytes` copies strings and binaries here, where the binary protocols share them.

mod reader;
mod scan;
mod writer;

pub use reader::JsonInputProtocol;
pub use writer::JsonOutputProtocol;

use super::TType;

/// The only message version the protocol has.
const VERSION: i64 = 1;

/// Where the next value goes: what separates it from the one before, and whether a number
/// must be quoted there (object keys are always strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// A value standing alone: a message body, or a top-level value.
    Root,
    /// An array: `,` between elements.
    Array { first: bool },
    /// An object: `:` after each key, `,` after each value.
    Object { first: bool, key: bool },
}

impl Context {
    const ARRAY: Context = Context::Array { first: true };
    const OBJECT: Context = Context::Object {
        first: true,
        key: true,
    };

    /// The separator that comes before the next value, if any, and moves past it.
    #[inline]
    fn advance(&mut self) -> Option<u8> {
        match self {
            Context::Root => None,
            Context::Array { first } => {
                if std::mem::take(first) {
                    None
                } else {
                    Some(b',')
                }
            }
            Context::Object { first, key } => {
                if std::mem::take(first) {
                    *key = true;
                    None
                } else {
                    // `key` says what the previous value was: after a key comes `:`.
                    let separator = if *key { b':' } else { b',' };
                    *key = !*key;
                    Some(separator)
                }
            }
        }
    }

    /// Whether the value just advanced to is an object key, where numbers are quoted.
    #[inline]
    fn is_key(&self) -> bool {
        matches!(self, Context::Object { key: true, .. })
    }
}

/// The open arrays and objects, innermost in `current`. Bounded by the depth limit: each
/// struct, list, set or map opens at most two.
#[derive(Debug)]
struct Contexts {
    current: Context,
    outer: Vec<Context>,
}

impl Contexts {
    fn new() -> Self {
        Contexts {
            current: Context::Root,
            outer: Vec::new(),
        }
    }

    #[inline]
    fn push(&mut self, context: Context) {
        self.outer
            .push(std::mem::replace(&mut self.current, context));
    }

    #[inline]
    fn pop(&mut self) {
        self.current = self.outer.pop().unwrap_or(Context::Root);
    }
}

/// The name a field header or container header gives `ttype`.
fn type_name(ttype: TType) -> &'static [u8] {
    match ttype {
        TType::Bool => b"tf",
        TType::I8 => b"i8",
        TType::I16 => b"i16",
        TType::I32 => b"i32",
        TType::I64 => b"i64",
        TType::Double => b"dbl",
        TType::String => b"str",
        TType::Struct => b"rec",
        TType::Map => b"map",
        TType::Set => b"set",
        TType::List => b"lst",
        TType::Uuid => b"uid",
        // Never written: no value has these types.
        TType::Stop | TType::Void => b"",
    }
}

/// The type a header names; `None` for names that mean nothing.
fn type_of_name(name: &[u8]) -> Option<TType> {
    Some(match name {
        b"tf" => TType::Bool,
        b"i8" => TType::I8,
        b"i16" => TType::I16,
        b"i32" => TType::I32,
        b"i64" => TType::I64,
        b"dbl" => TType::Double,
        b"str" => TType::String,
        b"rec" => TType::Struct,
        b"map" => TType::Map,
        b"set" => TType::Set,
        b"lst" => TType::List,
        b"uid" => TType::Uuid,
        _ => return None,
    })
}

/// How a byte below 0x30 is written inside a JSON string: as itself (`1`), with a
/// backslash and this letter, or as `\u00xx` (`0`). Every byte from 0x30 up is written as
/// itself except the backslash.
const ESCAPES: [u8; 0x30] = {
    let mut table = [1u8; 0x30];
    let mut i = 0;
    while i < 0x20 {
        table[i] = 0;
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table
};

/// Whether `byte` goes into a JSON string unchanged.
#[inline]
fn is_plain(byte: u8) -> bool {
    if byte >= 0x30 {
        byte != b'\\'
    } else {
        ESCAPES[byte as usize] == 1
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of each base64 character; 0xff for anything else.
const BASE64_VALUES: [u8; 256] = {
    let mut table = [0xffu8; 256];
    let mut i = 0;
    while i < 64 {
        table[BASE64[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Base64 of up to three bytes, padded with `=` to four characters.
#[inline]
fn base64_group(bytes: &[u8]) -> [u8; 4] {
    let b = |i: usize| bytes.get(i).copied().unwrap_or(0) as u32;
    let n = b(0) << 16 | b(1) << 8 | b(2);
    let mut group = [b'='; 4];
    for (i, slot) in group.iter_mut().enumerate().take(bytes.len() + 1) {
        *slot = BASE64[(n >> (18 - 6 * i) & 0x3f) as usize];
    }
    group
}

/// Decodes base64 text, padded or not; `None` if it is not base64.
fn base64_decode(text: &[u8]) -> Option<Vec<u8>> {
    let unpadded = match text {
        [rest @ .., b'=', b'='] | [rest @ .., b'='] => rest,
        _ => text,
    };
    // A lone trailing character carries fewer than 8 bits: not a byte. Padding, where there
    // is any, completes the last group of four.
    let (tail, padding) = (unpadded.len() % 4, text.len() - unpadded.len());
    let whole = match padding {
        0 => tail != 1,
        _ => tail + padding == 4,
    };
    if !whole {
        return None;
    }
    let mut out = Vec::with_capacity(unpadded.len() / 4 * 3 + 2);
    for chunk in unpadded.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            let value = BASE64_VALUES[c as usize];
            if value == 0xff {
                return None;
            }
            n |= u32::from(value) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

/// Room for any number this protocol writes: 20 characters for an `i64`, at most 24 for a
/// double.
type NumberBuf = [u8; 32];

/// Formats an integer in decimal into `buf`, returning the digits.
fn format_integer(value: i64, buf: &mut NumberBuf) -> &[u8] {
    let mut n = value.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    &buf[at..]
}

/// Formats a finite double as C's `%.17g` does (and so C++'s and Python's `TJSONProtocol`):
/// 17 significant digits, trailing zeros dropped, exponent form below 1e-4 and from 1e17.
fn format_double(value: f64, buf: &mut NumberBuf) -> &[u8] {
    use std::io::Write;

    // `{:.16e}` rounds to 17 significant digits: `-d.dddddddddddddddde-x`.
    let mut scientific = [0u8; 32];
    let len = {
        let mut cursor = &mut scientific[..];
        write!(cursor, "{value:.16e}").expect("a double fits in 32 bytes");
        32 - cursor.len()
    };
    let text = &scientific[..len];
    let (negative, text) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    let e = text.iter().position(|&c| c == b'e').unwrap_or(text.len());
    let exponent: i32 = std::str::from_utf8(&text[e + 1..])
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(0);
    // The 17 digits, without the point.
    let mut digits = [0u8; 17];
    digits[0] = text[0];
    digits[1..].copy_from_slice(&text[2..e]);
    let significant = digits.iter().rposition(|&d| d != b'0').map_or(1, |i| i + 1);
    let digits = &digits[..significant];

    let mut n = 0;
    let mut push = |bytes: &[u8]| {
        buf[n..n + bytes.len()].copy_from_slice(bytes);
        n += bytes.len();
    };
    if negative {
        push(b"-");
    }
    if !(-4..17).contains(&exponent) {
        push(&digits[..1]);
        if digits.len() > 1 {
            push(b".");
            push(&digits[1..]);
        }
        push(if exponent < 0 { b"e-" } else { b"e+" });
        let magnitude = exponent.unsigned_abs();
        if magnitude < 10 {
            push(b"0");
        }
        let mut number = NumberBuf::default();
        push(format_integer(magnitude.into(), &mut number));
    } else if exponent < 0 {
        push(b"0.");
        for _ in 0..(-exponent - 1) {
            push(b"0");
        }
        push(digits);
    } else {
        let whole = exponent as usize + 1;
        if digits.len() <= whole {
            push(digits);
            for _ in digits.len()..whole {
                push(b"0");
            }
        } else {
            push(&digits[..whole]);
            push(b".");
            push(&digits[whole..]);
        }
    }
    &buf[..n]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn double(value: f64) -> String {
        String::from_utf8(format_double(value, &mut NumberBuf::default()).to_vec()).unwrap()
    }

    #[test]
    fn doubles_print_as_percent_17g() {
        // Each expectation is what C's printf("%.17g") prints.
        let cases = [
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (0.1, "0.10000000000000001"),
            (std::f64::consts::PI, "3.1415926535897931"),
            (1e16, "10000000000000000"),
            (1e17, "1e+17"),
            (123456789012345680.0, "1.2345678901234568e+17"),
            (1e-4, "0.0001"),
            (1e-5, "1.0000000000000001e-05"),
            (-1.5e300, "-1.5000000000000001e+300"),
            (5e-324, "4.9406564584124654e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.25, "0.25"),
            (1234.5, "1234.5"),
        ];
        for (value, want) in cases {
            assert_eq!(double(value), want, "{value:e}");
        }
    }

    #[test]
    fn integers_print_in_decimal() {
        for value in [0, 7, -7, 1234567890, i64::MIN, i64::MAX] {
            let mut buf = NumberBuf::default();
            assert_eq!(
                format_integer(value, &mut buf),
                value.to_string().as_bytes()
            );
        }
    }

    #[test]
    fn base64_round_trips_with_and_without_padding() {
        for len in 0..=10 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 250) as u8).collect();
            let text: Vec<u8> = bytes.chunks(3).flat_map(base64_group).collect();
            assert_eq!(text.len() % 4, 0);
            assert_eq!(base64_decode(&text).as_deref(), Some(&bytes[..]), "{len}");
            let unpadded: Vec<u8> = text.iter().copied().filter(|&c| c != b'=').collect();
            assert_eq!(
                base64_decode(&unpadded).as_deref(),
                Some(&bytes[..]),
                "{len}"
            );
        }
        assert_eq!(base64_group(b"\xff\xfe"), *b"//4=");
        assert_eq!(base64_decode(b"A"), None);
        assert_eq!(base64_decode(b"AAA*"), None);
        assert_eq!(base64_decode(b"AA=A"), None);
        assert_eq!(base64_decode(b"AAA="), Some(vec![0, 0]));
    }

    #[test]
    fn type_names_round_trip() {
        for ttype in [
            TType::Bool,
            TType::I8,
            TType::I16,
            TType::I32,
            TType::I64,
            TType::Double,
            TType::String,
            TType::Struct,
            TType::Map,
            TType::Set,
            TType::List,
            TType::Uuid,
        ] {
            assert_eq!(type_of_name(type_name(ttype)), Some(ttype));
        }
        assert_eq!(type_of_name(b"xyz"), None);
    }

    #[test]
    fn objects_alternate_keys_and_values() {
        let mut object = Context::OBJECT;
        let seen: Vec<_> = (0..5)
            .map(|_| {
                let separator = object.advance();
                (separator, object.is_key())
            })
            .collect();
        assert_eq!(
            seen,
            [
                (None, true),
                (Some(b':'), false),
                (Some(b','), true),
                (Some(b':'), false),
                (Some(b','), true),
            ]
        );
        let mut array = Context::ARRAY;
        assert_eq!([array.advance(), array.advance()], [None, Some(b',')]);
        assert!(!array.is_key());
    }
}
