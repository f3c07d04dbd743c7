// Fields that `tests/field_types.rs` gives types of its own with `field_types`.
include "shared.thrift"

enum Color {
  RED = 0,
  GREEN = 1,
  BLUE = 2,
}

struct Palette {
  1: required list<Color> colors,
  2: optional list<string> names,
  3: i32 plain,
  4: list<Color> untouched,
}

union Choice {
  1: list<Color> colors,
  2: string name,
}

/** Holds palettes in a set, which needs an order that a `field_types` type may not have. */
struct Gallery {
  1: Palette main,
  2: set<Palette> others,
  3: shared.User owner,
}

/** Shows its one string in `Display`, unless that field has a type of its own. */
exception Refused {
  1: string reason,
}
