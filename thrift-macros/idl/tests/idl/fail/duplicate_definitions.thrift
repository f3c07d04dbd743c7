# expect-errors: 5
# apache: rejects
struct Thing { 1: i32 a }
exception Thing { 1: string m }
typedef i32 Thing
service Thing {}
const i32 K = 1
const string K = "k"
union Other { 1: i32 a }
service Other {}
