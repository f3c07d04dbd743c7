# apache: accepts
exception NotFound { 1: string what }
exception Invalid { 1: string reason, 2: i32 code = 400 }
typedef NotFound Missing
service Store {
  string get(1: string key) throws (1: NotFound not_found, 2: Invalid invalid)
  void put(1: string key, 2: string value) throws (1: Missing missing)
}
