# expect-errors: 2
# apache: rejects
exception E { 1: string m }
service S {
  oneway void fire() throws (1: E e)
  oneway i32 both() throws (1: E e)
}
