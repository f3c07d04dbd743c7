# apache: accepts
# A hash comment.
// A line comment.
/* A block
   comment. */
/**/
/***/
struct Commented { // trailing
  1: i32 a # trailing hash
  /* inline */ 2: i32 b
}
