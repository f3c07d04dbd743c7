namespace rs chat
namespace py chat
exception InvalidMessage { 1: string reason }
struct Message { 1: required i64 id, 2: required string text, 3: optional list<string> tags }
service ChatService {
  string send_message(1: string message) throws (1: InvalidMessage err),
  list<Message> history(1: i32 limit),
  oneway void ping(),
}
