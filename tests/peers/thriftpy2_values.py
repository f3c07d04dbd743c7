"""Wire cross-check peer: encodes and decodes tests/idl/values.thrift values with thriftpy2.

  python3 thriftpy2_values.py encode   prints one JSON object per line: case, protocol, hex
  python3 thriftpy2_values.py decode   reads such lines on stdin, decodes each with thriftpy2,
                                       and prints "ok CASE PROTOCOL" or "mismatch ..." lines

The Rust side (tests/wire_thriftpy2.rs) builds the same values and compares bytes both ways.
"""
import json
import os
import sys

import thriftpy2
import value_cases
from thriftpy2.protocol import (TBinaryProtocolFactory, TCompactProtocolFactory,
                                TCyBinaryProtocolFactory)
from thriftpy2.thrift import TMessageType
from thriftpy2.transport import TMemoryBuffer

HERE = os.path.dirname(os.path.abspath(__file__))
values = thriftpy2.load(os.path.join(HERE, "..", "idl", "values.thrift"), module_name="values_thrift")

PROTOCOLS = {
    "binary": TBinaryProtocolFactory(),
    "binary-cython": TCyBinaryProtocolFactory(),
    "compact": TCompactProtocolFactory(),
}


def cases():
    return value_cases.cases(
        values.AllTypes, values.Inner, values.Color,
        text="h\u00e9llo \u2713 \U0001F600",
        doubles=[0.0, -0.0, 1.0, 3.141592653589793, float("inf")],
    )


def encode(obj, protocol):
    buf = TMemoryBuffer()
    obj.write(PROTOCOLS[protocol].get_protocol(buf))
    return buf.getvalue()


def message_header(protocol, name, kind, seq):
    buf = TMemoryBuffer()
    proto = PROTOCOLS[protocol].get_protocol(buf)
    proto.write_message_begin(name, kind, seq)
    proto.write_message_end()
    if hasattr(proto, "write_flush"):
        proto.write_flush()
    return buf.getvalue()


MESSAGES = {
    "call_ping_1": ("ping", TMessageType.CALL, 1),
    "reply_history_300": ("history", TMessageType.REPLY, 300),
    "exception_x_max": ("x", TMessageType.EXCEPTION, 2147483647),
    "oneway_ping_0": ("ping", TMessageType.ONEWAY, 0),
}


def main():
    mode = sys.argv[1]
    if mode == "encode":
        for case, obj in cases().items():
            for protocol in PROTOCOLS:
                print(json.dumps({"case": case, "protocol": protocol, "hex": encode(obj, protocol).hex()}))
        for case, (name, kind, seq) in MESSAGES.items():
            for protocol in ("binary", "compact"):
                print(json.dumps({"case": "message:" + case, "protocol": protocol,
                                  "hex": message_header(protocol, name, kind, seq).hex()}))
    elif mode == "decode":
        expected = cases()
        for line in sys.stdin:
            item = json.loads(line)
            obj = expected[item["case"]]
            buf = TMemoryBuffer(bytes.fromhex(item["hex"]))
            decoded = type(obj)()
            decoded.read(PROTOCOLS[item["protocol"]].get_protocol(buf))
            leftover = len(buf.read(1 << 20))
            # thriftpy2 decodes sets as lists, so compare canonical re-encodings, not objects.
            if encode(decoded, item["protocol"]) == encode(obj, item["protocol"]) and leftover == 0:
                print("ok", item["case"], item["protocol"])
            else:
                print("mismatch", item["case"], item["protocol"], repr(decoded), "leftover", leftover)
    else:
        sys.exit("usage: thriftpy2_values.py encode|decode")


if __name__ == "__main__":
    main()
