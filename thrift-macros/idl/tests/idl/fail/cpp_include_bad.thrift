# expect-errors: 2
# apache: rejects
cpp_include <vector>
struct S {}
cpp_include "late.h"
