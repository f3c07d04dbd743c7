#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    thrift_fuzz::targets::decode::<
        thrift_core::Json,
        thrift_fuzz::everything::Everything,
        thrift_fuzz::everything_str::Everything,
    >(data);
});
