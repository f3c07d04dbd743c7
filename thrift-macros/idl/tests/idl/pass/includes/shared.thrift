enum Color { RED, GREEN, BLUE }
const i32 LIMIT = 100
struct Thing { 1: string name }
exception Failure { 1: string why }
service Base { void ping() }
