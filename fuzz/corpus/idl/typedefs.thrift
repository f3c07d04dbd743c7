# apache: accepts
typedef i64 Timestamp
typedef Timestamp CreatedAt
typedef CreatedAt UpdatedAt
typedef string (note = "annotated base type") Text
typedef list<Later> Laters
typedef map<string, set<Timestamp>> Index
struct Later {
  1: UpdatedAt at = 5
  2: Laters children
  3: Index index
}
const UpdatedAt EPOCH = 0
