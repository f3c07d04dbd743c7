#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    thrift_fuzz::targets::server_request(data, &thrift_fuzz::rpc::StoreProcessor::new(thrift_fuzz::rpc::Handler));
});
