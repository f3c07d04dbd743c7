//! `thrift!(..., string_type = "Str")`: `string` fields become `thrift_core::Str`, which keeps
//! short strings inline and shares long ones with a `Bytes` input instead of copying; the
//! bytes on the wire are unchanged.

#![deny(warnings)]

use bytes::Bytes;
use thrift_core::{binary, compact, Str};

mod owned {
    thrift_core::thrift!("tests/idl/values.thrift");
}

mod shared {
    thrift_core::thrift!("tests/idl/values.thrift", string_type = "Str");
}

fn owned_value() -> owned::AllTypes {
    owned::AllTypes {
        text: Some("h\u{e9}llo, a string too long to be stored inline".into()),
        counts: Some([("one".to_string(), 1)].into()),
        long_list: Some(vec!["a".into(), "b".into()]),
        inner: Some(owned::Inner {
            a: Some(1),
            b: Some("inner".into()),
        }),
        ..Default::default()
    }
}

fn shared_value() -> shared::AllTypes {
    shared::AllTypes {
        text: Some(Str::from_static(
            "h\u{e9}llo, a string too long to be stored inline",
        )),
        counts: Some([(Str::from("one"), 1)].into()),
        long_list: Some(vec![Str::from("a"), Str::from("b")]),
        inner: Some(shared::Inner {
            a: Some(1),
            b: Some("inner".into()),
        }),
        ..Default::default()
    }
}

#[test]
fn same_bytes_as_owned_strings() {
    assert_eq!(
        binary::to_vec(&owned_value()),
        binary::to_vec(&shared_value())
    );
    assert_eq!(
        compact::to_vec(&owned_value()),
        compact::to_vec(&shared_value())
    );
}

#[test]
fn decoding_from_bytes_shares_the_input() {
    let bytes = Bytes::from(compact::to_vec(&shared_value()));
    // Moved in or borrowed, the input is shared the same way.
    let by_value: shared::AllTypes = compact::from_bytes(bytes.clone()).unwrap();
    let by_ref: shared::AllTypes = compact::from_bytes(&bytes).unwrap();
    for decoded in [by_value, by_ref] {
        assert_eq!(decoded, shared_value());
        let text = decoded.text.unwrap();
        let range = bytes.as_ptr_range();
        assert!(
            range.contains(&text.as_ptr()),
            "the long string points into the input buffer"
        );
        let inner = decoded.inner.unwrap().b.unwrap();
        assert!(
            !range.contains(&inner.as_ptr()),
            "the short string is inline"
        );
        // Map lookups by `&str` work.
        assert_eq!(decoded.counts.unwrap().get("one"), Some(&1));
    }
    // Nothing decoded from `&bytes` outlives it, so the buffer is unique again.
    assert!(bytes.is_unique());
}

#[test]
fn invalid_utf8_is_still_an_error() {
    let mut bytes = binary::to_vec(&shared::Inner {
        a: None,
        b: Some("ab".into()),
    });
    let at = bytes.len() - 3;
    bytes[at] = 0xff;
    let err = binary::from_bytes::<shared::Inner>(Bytes::from(bytes)).unwrap_err();
    assert!(err.to_string().contains("not valid UTF-8"), "{err}");
    assert!(
        err.to_string().contains("field `b` (id 2) of `Inner`"),
        "{err}"
    );
}

#[test]
fn the_buffered_transport_shares_what_arrived_whole() {
    use thrift_core::transport::BufferedTransport;
    let long = |c: char| Str::from(c.to_string().repeat(40));
    let value = shared::AllTypes {
        long_list: Some(vec![long('a'), long('b')]),
        ..Default::default()
    };
    let wire = compact::to_vec(&value);
    let mut transport = BufferedTransport::new(std::io::Cursor::new(wire));
    let decoded: shared::AllTypes = thrift_core::encode::read_all::<thrift_core::Compact, _, _>(
        &mut transport,
        thrift_core::Limits::DEFAULT,
    )
    .unwrap();
    assert_eq!(decoded, value);
    // Slices of one receive buffer: the second string starts right after the first and its
    // one-byte length prefix. Two copies would each have an allocation of their own.
    let list = decoded.long_list.unwrap();
    assert_eq!(list[0].as_ptr().wrapping_add(40 + 1), list[1].as_ptr());
}
