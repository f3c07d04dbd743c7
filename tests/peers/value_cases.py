"""The values of tests/idl/values.thrift that the wire cross-checks exchange, built with
whichever library's generated classes are passed in (thriftpy2's or Apache's), so both
peers spell each case once."""


def cases(AllTypes, Inner, Color, text, doubles):
    """The cases every peer shares; `text` and `doubles` vary with what a peer can carry."""
    return {
        "all_types": AllTypes(
            flag_true=True,
            flag_false=False,
            b=-128,
            small=-12345,
            medium=2147483647,
            big=-9223372036854775808,
            real=-1.5e300,
            text=text,
            blob=bytes(range(256)),
            inner=Inner(a=-1, b=""),
            ints=[0, 1, -1, 63, -64, 64, 300, -2147483648],
            int_set={1, 2, 3},
            # Maps in key order: the Rust side keeps maps sorted, so re-encoding matches.
            counts={"big": 1 << 40, "minus": -1, "one": 1},
            bools=[True, False, True],
            long_list=["item%d" % i for i in range(20)],
            nested={-7: [], 7: [Inner(a=1, b="x"), Inner(a=2, b="y")]},
            color=Color.BLUE,
            doubles=doubles,
            far_field=32767,
            empty_map={},
            empty_list=[],
            matrix=[[1, 2], [], [3]],
            late_flag=True,
        ),
        "sparse": AllTypes(medium=5, late_flag=False),
        "empty": AllTypes(),
        "inner": Inner(a=0, b="x" * 300),
    }
