struct NotAnError {
  1: string why,
}

service Chat {
  void send(1: string text) throws (1: NotAnError err),
}
