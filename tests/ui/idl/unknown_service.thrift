service Chat extends Base {
  void ping(),
}
