/**
 * Carts, orders and payments.
 */
include "common.thrift"
include "catalog.thrift"

namespace * shop.orders
namespace rs shop_orders

typedef common.Id OrderId
typedef common.Id CustomerId

enum OrderState {
  PENDING = 0,
  PAID = 1,
  PACKED = 2,
  SHIPPED = 3,
  DELIVERED = 4,
  CANCELLED = -1,
  REFUNDED = -2,
}

enum PaymentMethod {
  CARD,
  BANK_TRANSFER,
  INVOICE,
  WALLET,
}

const map<OrderState, list<OrderState>> TRANSITIONS = {
  OrderState.PENDING: [OrderState.PAID, OrderState.CANCELLED],
  OrderState.PAID: [OrderState.PACKED, OrderState.REFUNDED],
  OrderState.PACKED: [OrderState.SHIPPED],
  OrderState.SHIPPED: [OrderState.DELIVERED],
  OrderState.DELIVERED: [OrderState.REFUNDED],
}

const i32 MAX_LINES_PER_ORDER = 250
const double VAT_RATE = 0.19

struct OrderLine {
  1: required catalog.Sku sku
  2: required i32 quantity = 1
  3: required common.Money unit_price
  4: optional common.Money discount
  5: optional string note
}

struct Payment {
  1: required PaymentMethod method
  2: required common.Money amount
  3: optional string reference
  4: optional common.Timestamp captured_at
}

struct Shipment {
  1: required string carrier
  2: required string tracking_number
  3: required common.Address destination
  4: optional common.Timestamp shipped_at
  5: optional common.Timestamp delivered_at
}

struct Order {
  1: required OrderId id
  2: required CustomerId customer
  3: required OrderState state = OrderState.PENDING
  4: required list<OrderLine> lines
  5: required common.Money total
  6: optional Payment payment
  7: list<Shipment> shipments = []
  8: required common.Address billing_address
  9: optional common.Address shipping_address
  10: required common.Audit audit
  11: common.Labels labels = {}
}

struct Cart {
  1: required common.Id id
  2: optional CustomerId customer
  3: list<OrderLine> lines = []
  4: common.Currency currency = common.Currency.EUR
}

exception InvalidTransition {
  1: required OrderState from_state
  2: required OrderState to_state
}

exception PaymentDeclined {
  1: required string reason
  2: optional string provider_code
}

exception OutOfStock {
  1: required list<catalog.Sku> skus
}
