# expect-errors: 2
# apache: rejects
# The XSD options have a fixed place and order: `xsd_all` only on structs
# and unions, then `xsd_optional`, `xsd_nillable`, `xsd_attrs` after a field.
exception E xsd_all { 1: i32 a }
struct S {
  1: i32 a xsd_nillable xsd_optional
}
