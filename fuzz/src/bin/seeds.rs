//! Writes the seed corpus of every fuzz target into `fuzz/corpus/TARGET/`:
//! `cargo run --manifest-path fuzz/Cargo.toml --bin seeds`.

use std::path::Path;

use thrift_core::client::Client;
use thrift_core::encode::to_vec;
use thrift_core::transport::MemoryTransport;
use thrift_core::value::Value;
use thrift_core::{
    Binary, Compact, Json, MessageType, OutputProtocol, Protocol, ProtocolKind, TType,
};
use thrift_fuzz::everything::{self, Everything};
use thrift_fuzz::rpc;

fn write(target: &str, name: &str, data: &[u8]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    std::fs::create_dir_all(&dir).expect("corpus directory");
    std::fs::write(dir.join(name), data).expect("seed file");
}

fn sample() -> Everything {
    let mut value = Everything::default();
    value.primitives = Some(everything::Primitives {
        flag: Some(true),
        h: Some("text".into()),
        j: Some(everything::ID),
        ..Default::default()
    });
    value.shape = Some(everything::Shape::Group(vec![everything::Shape::Circle(1.5)]));
    value.tree = Some(everything::Tree {
        value: 1,
        children: Some(vec![everything::Tree::default()]),
        ..Default::default()
    });
    value.shapes = Some([("a".to_string(), everything::Shape::Label("x".into()))].into());
    value
}

fn frame(message: &[u8]) -> Vec<u8> {
    let mut out = (message.len() as u32).to_be_bytes().to_vec();
    out.extend(message);
    out
}

/// The request bytes a client writes for a few calls.
fn requests(protocol: ProtocolKind) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut push = |write: &dyn Fn(&mut Client<MemoryTransport>)| {
        let mut client = Client::new(MemoryTransport::new(Vec::new()), protocol);
        write(&mut client);
        out.push(client.into_transport().take_written());
    };
    push(&|c| c.call_oneway("echo", &rpc::store::EchoArgs { text: "hi".into(), times: 2 }).unwrap());
    push(&|c| c.call_oneway("get", &rpc::store::GetArgs { id: 7 }).unwrap());
    push(&|c| c.call_oneway("add", &rpc::rpc_base::base_service::AddArgs { a: 1, b: 2 }).unwrap());
    push(&|c| c.call_oneway("crash", &rpc::store::CrashArgs { how: "x".into() }).unwrap());
    push(&|c| c.call_oneway("forget", &rpc::store::ForgetArgs { id: 1 }).unwrap());
    push(&|c| c.call_oneway("nope", &rpc::store::AllArgs {}).unwrap());
    out
}

fn header<P: Protocol>(kind: MessageType) -> Vec<u8> {
    let mut out = Vec::new();
    P::writer(&mut out, thrift_core::Limits::DEFAULT)
        .write_message_begin("send_message", kind, 42)
        .unwrap();
    out
}

fn main() {
    let values = [Everything::default(), sample()];
    for (i, value) in values.iter().enumerate() {
        let binary = to_vec::<Binary, _>(value);
        let compact = to_vec::<Compact, _>(value);
        let json = to_vec::<Json, _>(value);
        write("decode_binary", &format!("everything-{i}"), &binary);
        write("decode_compact", &format!("everything-{i}"), &compact);
        write("decode_json", &format!("everything-{i}"), &json);
        write("skip", &format!("binary-{i}"), &binary);
        write("skip", &format!("compact-{i}"), &compact);
        write("skip", &format!("json-{i}"), &json);
        write("framed", &format!("binary-{i}"), &[frame(&binary), frame(&binary)].concat());
    }
    let nested = Value::Struct(vec![(1, Value::List(TType::Map, vec![Value::Map(TType::I8, TType::Set, vec![])]))]);
    write("skip", "nested", &to_vec::<Binary, _>(&nested));
    for (name, kind) in [("call", MessageType::Call), ("reply", MessageType::Reply), ("oneway", MessageType::Oneway)] {
        write("message_headers", &format!("binary-{name}"), &header::<Binary>(kind));
        write("message_headers", &format!("compact-{name}"), &header::<Compact>(kind));
        write("message_headers", &format!("json-{name}"), &header::<Json>(kind));
    }
    let mut old_style = vec![0, 0, 0, 4];
    old_style.extend(b"ping\x01\x00\x00\x00\x01");
    write("message_headers", "binary-old-style", &old_style);
    for protocol in [ProtocolKind::Binary, ProtocolKind::Compact, ProtocolKind::Json] {
        let requests = requests(protocol);
        let framed: Vec<u8> = requests.iter().flat_map(|r| frame(r)).collect();
        write("server_request", &format!("{protocol:?}-buffered"), &requests.concat());
        write("server_request", &format!("{protocol:?}-framed"), &framed);
    }
    let idl_dirs = ["../tests/idl", "../tests/idl/common", "../thrift-macros/idl/tests/idl/pass"];
    for dir in idl_dirs {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "thrift") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                write("idl", &name, &std::fs::read(&path).unwrap());
            }
        }
    }
}
