# apache: accepts
struct Node {
  1: required i32 value
  2: optional Node & next
  3: Node & other
  4: list<Node> & many
}
