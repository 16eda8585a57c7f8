use clap::Parser;
use std::process::ExitCode;

/// mimalloc: building a portal makes and drops millions of small strings and template
/// values; glibc's allocator spent about a seventh of all instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match khula::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                khula::cli::EXIT_USAGE
            } else {
                khula::cli::EXIT_OK
            });
        }
    };
    ExitCode::from(cli.run())
}
