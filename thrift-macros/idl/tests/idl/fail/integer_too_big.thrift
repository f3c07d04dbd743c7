# expect-errors: 2
# apache: rejects
const i64 BIG = 9223372036854775808
const i64 HEX = 0x8000000000000000
