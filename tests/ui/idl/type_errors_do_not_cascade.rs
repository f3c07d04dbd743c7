// The IDL error is reported once; `Message` still exists (without the broken field), so
// code using it does not add errors of its own.
thrift_core::thrift!("../../../../tests/ui/idl/unknown_type.thrift");

fn main() {
    let message = Message {
        id: Some(1),
    };
    let _ = thrift_core::binary::to_vec(&message);
}
