// Apache accepts this with a warning, and so do we: it is a compile warning, not an error.
service Chat {
  oneway i32 ping(),
}
