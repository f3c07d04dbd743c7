# apache: accepts
# `async` is the old spelling of `oneway`; Apache accepts it with a warning.
service Events {
  async void fire(1: string event)
}
