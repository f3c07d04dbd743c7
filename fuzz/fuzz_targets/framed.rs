#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    thrift_fuzz::targets::framed(data);
});
