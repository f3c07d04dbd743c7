# apache: accepts
# The XSD options are still accepted (and ignored) by Apache.
struct Doc xsd_all {
  1: i32 a xsd_optional
  2: i32 b xsd_nillable
  3: i32 c xsd_optional xsd_nillable
  4: Attrs d xsd_attrs { 1: string lang }
}
struct Attrs { 1: i32 x }
union U xsd_all { 1: i32 a }
