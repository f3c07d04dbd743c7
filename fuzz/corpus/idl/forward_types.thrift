# apache: accepts
# Types (unlike constants) may be used before they are defined.
struct First { 1: Second second, 2: Third third }
struct Second { 1: First first }
typedef list<First> Firsts
enum Third { X }
