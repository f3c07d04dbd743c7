# apache: rejects
# differs: `uuid` was added to Apache after 0.17 (Debian's); upstream accepts it.
struct Ids {
  1: uuid id
  2: list<uuid> more
  3: uuid fixed = "00112233-4455-6677-8899-aabbccddeeff"
  4: uuid braced = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
}
const uuid NIL = "00000000-0000-0000-0000-000000000000"
