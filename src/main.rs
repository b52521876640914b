//! `palisade`: the command-line front end of the Palisade engine.

mod cli;
mod train;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
