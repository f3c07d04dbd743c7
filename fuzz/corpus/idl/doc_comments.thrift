# apache: accepts
/**
 * A documented struct.
 *
 * Second paragraph.
 */
struct Documented {
  /** The id. */
  1: i32 id
  // A plain comment between doc and field does not drop the doc.
  /** The name. */
  // plain
  2: string name
}

/** Colors. */
enum Color {
  /** Red. */
  RED
}

/** A service. */
service Svc {
  /** Does it. */
  void run()
}

/** A constant. */
const i32 ANSWER = 42

/** An alias. */
typedef i64 Timestamp
