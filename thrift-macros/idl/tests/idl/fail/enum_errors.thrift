# expect-errors: 6
# apache: rejects
enum TooBig { A = 2147483648, B = -2147483649 }
enum Overflow { MAX = 2147483647, NEXT }
enum Dup { X, Y, X }
enum Dotted { a.b }
enum NotAnInt { V = "one" }
