// The parent service of rpc.thrift's Store, in its own file: `extends` across includes.
exception Unavailable {
  1: string why,
}

service BaseService {
  /** The server's name. */
  string name(),
  i32 add(1: i32 a, 2: i32 b),
}
