//! Decodes one footer ITERATIONS times, for instruction counts under callgrind
//! (`callgrind.sh` runs it for each decoder and footer):
//!
//! `cargo run --release --example count -- DECODER FOOTER ITERATIONS`
//!
//! DECODER is `ours`, `ours_str`, `ours_lean`, `parquet` or `apache`, FOOTER `narrow`, `wide` or
//! `nested`. A run with 0 iterations does all the rest (loading the footer), so the
//! difference between two runs over their difference in iterations is the cost of one
//! decode, freeing its result included. `count decoders` prints the decoders this build
//! has; `count check` checks every decoder on every footer.

use std::hint::black_box;
use std::process::exit;

use thrift_parquet_bench::{checked_footers, load_footers, pin_malloc, Decoder};

fn main() {
    pin_malloc();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("decoders") => {
            let names: Vec<_> = Decoder::available().iter().map(|d| d.name()).collect();
            println!("{}", names.join(" "));
            return;
        }
        Some("check") => {
            for footer in checked_footers() {
                println!(
                    "{}: {} bytes, every decoder agrees",
                    footer.name,
                    footer.bytes.len()
                );
            }
            return;
        }
        _ => {}
    }
    let [decoder, footer, iterations] = &args[..] else {
        eprintln!("usage: count DECODER FOOTER ITERATIONS | count decoders | count check");
        exit(2);
    };
    let Some(decoder) = Decoder::parse(decoder) else {
        eprintln!("unknown or unavailable decoder {decoder:?}");
        exit(2);
    };
    let Ok(iterations) = iterations.parse::<u64>() else {
        eprintln!("ITERATIONS must be a number, not {iterations:?}");
        exit(2);
    };
    let footers = load_footers().unwrap_or_else(|e| {
        eprintln!("{e}");
        exit(2);
    });
    let Some(footer) = footers.iter().find(|f| f.name == *footer) else {
        eprintln!("unknown footer {footer:?}");
        exit(2);
    };
    for _ in 0..iterations {
        decoder.decode(black_box(&footer.bytes));
    }
}
