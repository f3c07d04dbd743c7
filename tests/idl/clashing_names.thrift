// User types named like the per-function types thrift! generates in a service's module
// (`<Function>Args`, `<Function>Result`, `<Function>Error`): Apache Hive's metastore IDL has
// six such structs. Each must stay distinct from the generated one.
namespace rs clash

struct PingArgs { 1: i32 value }
struct PingResult { 1: i32 echoed }
exception PingError { 1: string message }
struct AddResult { 1: i32 sum }

service Clash {
  PingResult ping(1: PingArgs args) throws (1: PingError error),
  i32 add(1: i32 a, 2: i32 b),
  AddResult add_result(1: i32 a, 2: i32 b),
}
