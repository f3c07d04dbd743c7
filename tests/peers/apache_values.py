"""Wire cross-check peer: encodes and decodes tests/idl/values.thrift values with Apache's
`thrift` Python package (code from `thrift --gen py`), in its binary, compact and JSON
protocols.

  python3 apache_values.py encode   prints one JSON object per line: case, protocol, hex
  python3 apache_values.py decode   reads such lines on stdin, decodes each, and prints
                                    "ok CASE PROTOCOL" or "mismatch ..." lines

The Rust side (tests/wire_apache.rs) builds the same values and compares bytes both ways.
Messages are the case "message:NAME": a header around an empty struct.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
IDL = os.path.join(HERE, "..", "idl", "values.thrift")

out = tempfile.mkdtemp(prefix="values-py-")
subprocess.run(["thrift", "--gen", "py", "-out", out, IDL], check=True, stdout=subprocess.DEVNULL)
sys.path.insert(0, out)

from thrift.protocol import TBinaryProtocol, TCompactProtocol, TJSONProtocol  # noqa: E402
from thrift.Thrift import TMessageType  # noqa: E402
from thrift.transport import TTransport  # noqa: E402
from values import ttypes  # noqa: E402

import value_cases  # noqa: E402

PROTOCOLS = {
    "binary": TBinaryProtocol.TBinaryProtocolFactory(),
    "compact": TCompactProtocol.TCompactProtocolFactory(),
    "json": TJSONProtocol.TJSONProtocolFactory(),
}


def cases(protocol):
    doubles = [0.0, -0.0, 1.0, 3.141592653589793, 0.1, 1e-5, 1e17]
    if protocol != "json":
        # Apache's Python TJSONProtocol writes infinity as a bare `inf`, which is not JSON
        # (and which it cannot read back); the binary formats carry it.
        doubles.append(float("inf"))
    shared = value_cases.cases(
        ttypes.AllTypes, ttypes.Inner, ttypes.Color,
        text="h\u00e9llo \u2713 \U0001F600 \"quoted\" back\\slash /slash\ttab\nline",
        doubles=doubles,
    )
    shared["blob_sizes"] = ttypes.AllTypes(
        blob=b"a", long_list=["", "\u00e9"], empty_map={"": "\u2713"})
    return shared


MESSAGES = {
    "call_ping_1": ("ping", TMessageType.CALL, 1),
    "reply_history_300": ("history", TMessageType.REPLY, 300),
    "exception_x_max": ("x", TMessageType.EXCEPTION, 2147483647),
    "oneway_ping_0": ("ping", TMessageType.ONEWAY, 0),
}


def encode(obj, protocol):
    buf = TTransport.TMemoryBuffer()
    obj.write(PROTOCOLS[protocol].getProtocol(buf))
    return buf.getvalue()


def message(protocol, name, kind, seq):
    buf = TTransport.TMemoryBuffer()
    proto = PROTOCOLS[protocol].getProtocol(buf)
    proto.writeMessageBegin(name, kind, seq)
    ttypes.AllTypes().write(proto)
    proto.writeMessageEnd()
    return buf.getvalue()


def main():
    mode = sys.argv[1]
    if mode == "encode":
        for protocol in PROTOCOLS:
            for case, obj in cases(protocol).items():
                print(json.dumps({"case": case, "protocol": protocol,
                                  "hex": encode(obj, protocol).hex()}))
            for case, (name, kind, seq) in MESSAGES.items():
                print(json.dumps({"case": "message:" + case, "protocol": protocol,
                                  "hex": message(protocol, name, kind, seq).hex()}))
    elif mode == "decode":
        for line in sys.stdin:
            item = json.loads(line)
            protocol = item["protocol"]
            obj = cases(protocol)[item["case"]]
            buf = TTransport.TMemoryBuffer(bytes.fromhex(item["hex"]))
            decoded = type(obj)()
            decoded.read(PROTOCOLS[protocol].getProtocol(buf))
            leftover = len(buf.read(1 << 20))
            if decoded == obj and leftover == 0:
                print("ok", item["case"], protocol)
            else:
                print("mismatch", item["case"], protocol, repr(decoded), "leftover", leftover)
    else:
        sys.exit("usage: apache_values.py encode|decode")


if __name__ == "__main__":
    main()
