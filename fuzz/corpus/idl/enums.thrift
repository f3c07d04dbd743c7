# apache: accepts
enum Implicit { A, B, C }
enum Explicit { X = 1, Y = 5, Z = 3 }
enum Mixed { M1 = 10, M2, M3 = -2, M4 }
enum Hex { H1 = 0x10, H2 = 0X1f, H3 = -0x1 }
enum Annotated { ONE = 1 (label = "one"), TWO (label = "two") } (rust.name = "Ann")
enum Empty {}
enum Limits { LOW = -2147483648, HIGH = 2147483647 }
enum SameNumbers { FIRST = 1, ALIAS = 1 }
