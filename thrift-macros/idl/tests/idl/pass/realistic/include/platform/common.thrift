/**
 * Types shared by every service of the shop platform.
 */
namespace * shop.common
namespace rs shop_common
namespace java com.example.shop.common

typedef string Id
typedef i64 Timestamp
typedef i64 Cents
typedef map<string, string> Labels

/** ISO 4217 currencies the platform settles in. */
enum Currency {
  EUR = 978,
  USD = 840,
  GBP = 826,
  JPY = 392,
  CHF = 756,
}

enum SortOrder {
  ASCENDING = 1,
  DESCENDING = 2,
}

const i32 DEFAULT_PAGE_SIZE = 50
const i32 MAX_PAGE_SIZE = 1000
const Currency DEFAULT_CURRENCY = Currency.EUR
const list<Currency> SUPPORTED_CURRENCIES = [Currency.EUR, Currency.USD, Currency.GBP]

/** An amount of money in the smallest unit of its currency. */
struct Money {
  1: required Cents amount
  2: required Currency currency = Currency.EUR
}

/** Which slice of a result set to return. */
struct Page {
  1: optional string cursor
  2: i32 size = DEFAULT_PAGE_SIZE
  3: SortOrder order = SortOrder.ASCENDING
}

struct PageInfo {
  1: optional string next_cursor
  2: i64 total
}

struct Audit {
  1: required Timestamp created_at
  2: required Id created_by
  3: optional Timestamp updated_at
  4: optional Id updated_by
  5: Labels labels = {}
}

struct Address {
  1: required string line1
  2: optional string line2
  3: required string city
  4: optional string region
  5: required string postal_code
  6: required string country_code (min_len = "2", max_len = "2")
}

/** Raised when an entity does not exist (or is not visible to the caller). */
exception NotFound {
  1: required string kind
  2: required Id id
}

exception InvalidArgument {
  1: required string field
  2: required string reason
  3: optional list<string> allowed_values
}

exception PermissionDenied {
  1: required string action
  2: optional string resource
}

exception Unavailable {
  1: string message
  2: i32 retry_after_seconds = 5
}

/** Liveness and metadata, implemented by every service. */
service Health {
  /** Returns "pong". */
  string ping()
  map<string, string> build_info()
  oneway void report_heartbeat(1: Id instance, 2: Timestamp at)
}
