# apache: accepts
exception Oops { 1: string message }
service Base {
  void ping()
}
service Middle extends Base {
  i32 add(1: i32 a, 2: i32 b = 2)
  oneway void fire(1: string event)
}
/** The top of the hierarchy. */
service Top extends Middle {
  /** Lists things. */
  list<string> list_things(1: i32 limit) throws (1: Oops oops) (deprecated = "use v2")
  map<string, i32> stats()
  void optional_arg(1: optional i32 ignored)
} (rust.trait = "TopApi")
