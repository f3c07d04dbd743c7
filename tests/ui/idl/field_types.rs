// Every key of `field_types` that names no field, or one that cannot take a type, is an
// error at that key; a type with another wire type than the IDL's is an error at the type,
// and a constant cannot set a field that has a type of its own.
thrift_core::thrift!(
    "../../../../tests/ui/idl/field_types.thrift",
    field_types = {
        "Pointe.x" = u32,
        "Point.z" = u32,
        "x" = u32,
        "other.Point.x" = u32,
        "Point.y" = u32,
        "Point.label" = i64,
        "Point.label" = i64,
        "Point.x" = i32,
    },
);

fn main() {}
