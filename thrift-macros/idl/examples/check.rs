//! Checks an IDL file the way the `thrift!` macro will, printing every
//! diagnostic: `cargo run -p thrift-idl --example check -- file.thrift [-I dir]...`
//! Set `DUMP=1` to also print the resolved model.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut options = thrift_idl::LoadOptions::default();
    while let Some(arg) = args.next() {
        match (arg.as_str(), root.is_none()) {
            ("-I", _) => options.include_dirs.extend(args.next().map(PathBuf::from)),
            (_, true) => root = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("unexpected argument `{arg}`");
                return ExitCode::from(2);
            }
        }
    }
    let Some(root) = root else {
        eprintln!("usage: check FILE.thrift [-I DIR]...");
        return ExitCode::from(2);
    };
    let loaded = thrift_idl::load(&root, &options);
    print!("{}", loaded.render_diagnostics());
    if std::env::var_os("DUMP").is_some() {
        println!("{:#?}", loaded.model);
    }
    if loaded.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
