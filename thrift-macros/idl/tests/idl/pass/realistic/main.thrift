# apache: accepts
# A realistic platform: several includes (one found through an include
# directory, which itself includes more), typedef chains across files,
# constants built from other files' enums, and a service hierarchy that
# crosses files: Health -> Catalog -> Shop -> Admin.
include "platform/common.thrift"
include "platform/catalog.thrift"
include "platform/orders.thrift"

namespace * shop.api
namespace rs shop_api
namespace py shop.api
namespace java com.example.shop.api

typedef orders.OrderId OrderRef
typedef common.Timestamp EventTime

/** Events published for every order state change. */
enum EventKind {
  ORDER_CREATED = 1,
  ORDER_PAID,
  ORDER_SHIPPED,
  ORDER_CANCELLED,
  PRODUCT_CHANGED = 100,
  STOCK_LOW,
}

const i32 API_VERSION = 3
const string API_NAME = "shop"
const list<EventKind> ORDER_EVENTS = [
  EventKind.ORDER_CREATED,
  EventKind.ORDER_PAID,
  EventKind.ORDER_SHIPPED,
  EventKind.ORDER_CANCELLED,
]
const map<string, i32> LIMITS = {
  "page_size": common.DEFAULT_PAGE_SIZE,
  "max_page_size": common.MAX_PAGE_SIZE,
  "max_lines": orders.MAX_LINES_PER_ORDER,
}
const common.Money FREE_SHIPPING_THRESHOLD = { "amount": 5000, "currency": common.Currency.EUR }
const common.Page FIRST_PAGE = { "size": 20, "order": common.SortOrder.DESCENDING }

struct Event {
  1: required EventKind kind
  2: required EventTime at
  3: optional OrderRef order
  4: optional catalog.ProductId product
  5: map<string, string> attributes = {}
}

struct Checkout {
  1: required orders.Cart cart
  2: required common.Address billing_address
  3: optional common.Address shipping_address
  4: required orders.PaymentMethod method = orders.PaymentMethod.CARD
  5: optional string coupon
}

struct OrderQuery {
  1: optional orders.CustomerId customer
  2: optional set<orders.OrderState> states
  3: optional EventTime since
  4: optional EventTime until
  5: common.Page page = { "size": 20 }
}

struct OrderList {
  1: required list<orders.Order> orders
  2: required common.PageInfo page
}

struct Stats {
  1: i64 orders_today
  2: common.Money revenue_today
  3: map<orders.OrderState, i64> by_state
  4: list<catalog.ProductId> top_products
}

union Subscription {
  1: EventKind single
  2: set<EventKind> many
  3: bool everything
}

exception CouponInvalid {
  1: required string coupon
  2: optional string reason
}

/** The storefront API: the catalog plus carts, checkout and orders. */
service Shop extends catalog.Catalog {
  /** Creates an empty cart, optionally for a known customer. */
  orders.Cart create_cart(1: orders.CustomerId customer)

  orders.Cart add_line(1: common.Id cart, 2: orders.OrderLine line)
    throws (1: common.NotFound not_found, 2: orders.OutOfStock out_of_stock)

  orders.Cart remove_line(1: common.Id cart, 2: catalog.Sku sku)
    throws (1: common.NotFound not_found)

  /** Turns a cart into an order and charges it. */
  orders.Order checkout(1: Checkout checkout)
    throws (
      1: common.InvalidArgument invalid,
      2: orders.OutOfStock out_of_stock,
      3: orders.PaymentDeclined declined,
      4: CouponInvalid coupon,
    )

  orders.Order get_order(1: OrderRef id)
    throws (1: common.NotFound not_found, 2: common.PermissionDenied denied)

  OrderList list_orders(1: OrderQuery query)
    throws (1: common.InvalidArgument invalid)

  orders.Order cancel_order(1: OrderRef id, 2: string reason)
    throws (1: common.NotFound not_found, 2: orders.InvalidTransition invalid)

  oneway void subscribe(1: string endpoint, 2: Subscription subscription)
}

/** Back-office operations; everything a storefront can do, and more. */
service Admin extends Shop {
  orders.Order transition(1: OrderRef id, 2: orders.OrderState to_state, 3: string note = "")
    throws (
      1: common.NotFound not_found,
      2: orders.InvalidTransition invalid,
      3: common.PermissionDenied denied,
    )

  orders.Order add_shipment(1: OrderRef id, 2: orders.Shipment shipment)
    throws (1: common.NotFound not_found, 2: orders.InvalidTransition invalid)

  orders.Order refund(1: OrderRef id, 2: common.Money amount)
    throws (1: common.NotFound not_found, 2: orders.PaymentDeclined declined)

  Stats stats(1: EventTime since) throws (1: common.Unavailable unavailable)

  list<Event> replay(1: EventTime since, 2: i32 limit = 1000)
    throws (1: common.InvalidArgument invalid, 2: common.Unavailable unavailable)

  void set_stock(1: catalog.Sku sku, 2: i32 stock)
    throws (1: common.NotFound not_found)

  oneway void rebuild_search_index()
}
