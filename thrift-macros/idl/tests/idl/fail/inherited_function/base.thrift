service Base {
  void ping()
}
