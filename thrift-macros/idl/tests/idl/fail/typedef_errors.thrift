# expect-errors: 4
# apache: rejects
typedef Ping Pong
typedef Pong Ping
typedef Missing Alias
typedef i32 Has.Dot
typedef Self Self
