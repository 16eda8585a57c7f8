use clap::Parser;
use std::process::ExitCode;

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
