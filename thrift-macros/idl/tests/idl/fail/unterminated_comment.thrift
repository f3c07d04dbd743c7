# expect-errors: 1
# apache: rejects (it loops forever on this input)
struct S { 1: i32 a }
/* this comment never ends
struct T { 1: i32 b }
