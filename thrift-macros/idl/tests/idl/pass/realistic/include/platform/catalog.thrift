/**
 * The product catalog.
 */
include "common.thrift"

namespace * shop.catalog
namespace rs shop_catalog

typedef common.Id ProductId
typedef common.Id CategoryId
typedef string Sku

enum ProductState {
  DRAFT,
  ACTIVE,
  DISCONTINUED,
  ARCHIVED = 10,
}

enum MediaKind {
  IMAGE = 1,
  VIDEO = 2,
  DOCUMENT = 3,
}

const ProductState INITIAL_STATE = ProductState.DRAFT
const set<string> RESERVED_SKUS = ["0000", "TEST", "DUMMY"]
const map<MediaKind, i32> MAX_MEDIA = {
  MediaKind.IMAGE: 20,
  MediaKind.VIDEO: 3,
  MediaKind.DOCUMENT: 10,
}

struct Media {
  1: required MediaKind kind
  2: required string url
  3: optional string alt_text
  4: optional i32 width
  5: optional i32 height
}

struct Variant {
  1: required Sku sku
  2: required common.Money price
  3: optional common.Money compare_at_price
  4: map<string, string> options = {}
  5: i32 stock = 0
  6: bool track_inventory = true
}

struct Product {
  1: required ProductId id
  2: required string title
  3: optional string description
  4: required ProductState state = ProductState.DRAFT
  5: list<Variant> variants = []
  6: list<Media> media = []
  7: set<CategoryId> categories = []
  8: required common.Audit audit
  9: common.Labels labels = {}
  10: optional binary thumbnail
}

struct Category {
  1: required CategoryId id
  2: required string name
  3: optional CategoryId parent
  4: list<Category> children = []
  5: i32 position = 0
}

union ProductFilter {
  1: string text
  2: CategoryId category
  3: ProductState state
  4: list<ProductFilter> all_of
  5: list<ProductFilter> any_of
}

struct ProductList {
  1: required list<Product> products
  2: required common.PageInfo page
}

exception SkuConflict {
  1: required Sku sku
  2: required ProductId existing_product
}

/** Read and write access to products and categories. */
service Catalog extends common.Health {
  Product get_product(1: ProductId id)
    throws (1: common.NotFound not_found, 2: common.PermissionDenied denied)

  ProductList list_products(1: ProductFilter filter, 2: common.Page page)
    throws (1: common.InvalidArgument invalid)

  Product create_product(1: Product product)
    throws (1: common.InvalidArgument invalid, 2: SkuConflict conflict, 3: common.PermissionDenied denied)

  Product update_product(1: Product product, 2: list<string> field_mask)
    throws (1: common.NotFound not_found, 2: common.InvalidArgument invalid, 3: SkuConflict conflict)

  void archive_product(1: ProductId id) throws (1: common.NotFound not_found)

  list<Category> category_tree(1: CategoryId root)

  oneway void reindex(1: list<ProductId> ids)
}
