# apache: accepts
namespace * everything
namespace rs thrift_demo
namespace py demo.py
namespace java org.example.demo
namespace netstd Example.Demo (a.b = "c")
namespace py.twisted demo.twisted
struct Empty {}
