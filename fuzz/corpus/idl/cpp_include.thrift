# apache: accepts
cpp_include "<unordered_map>"
cpp_include 'my/header.h'
struct S {
  1: map cpp_type "std::unordered_map<int32_t, int32_t>" <i32, i32> m
  2: list<i32> cpp_type "std::deque<int32_t>" l
  3: set cpp_type "std::unordered_set<int32_t>" <i32> s
}
