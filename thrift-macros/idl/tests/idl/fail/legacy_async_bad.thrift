# expect-errors: 1
# apache: rejects
# `async` is accepted like `oneway`, including its rule against `throws`.
exception E { 1: string m }
service S {
  async void f() throws (1: E e)
}
