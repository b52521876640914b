//! `palisade`: the command-line front end of the Palisade engine.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
