# expect-errors: 4
# apache: rejects
enum Color { RED, GREEN }
enum Color { BLUE }
struct Shade { 1: i32 x }
enum Shade { DARK }
enum Fruit { APPLE, PEAR, APPLE, PEAR }
