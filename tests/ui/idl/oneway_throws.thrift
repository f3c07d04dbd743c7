exception Oops {
  1: string why,
}

service Chat {
  oneway void ping() throws (1: Oops oops),
}
