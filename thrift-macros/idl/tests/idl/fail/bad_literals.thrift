# expect-errors: 3
# apache: rejects
const string BAD_ESCAPE = "a\qb"
const string ALSO_BAD = 'c\x'
const string UNTERMINATED = "no end
const i32 NEXT = 1
