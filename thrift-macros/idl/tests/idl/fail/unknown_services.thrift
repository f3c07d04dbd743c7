# expect-errors: 5
# apache: rejects
struct NotAService {}
service A extends Missing {}
service B extends Later {}
service Later {}
service C extends NotAService {}
service D extends D {}
service E extends other.Base {}
