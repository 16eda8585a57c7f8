//! The command line: `khula build` and `khula check`.

use crate::build::{self, Failure, Report};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// Exit codes: 0 success, 1 content errors, 2 usage errors.
pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "khula",
    version,
    about = "Build open-data portals for local governments from folders of YAML and CSV files.",
    long_about = "Khula turns one folder per local government (site.yaml, profile.yaml, budget.csv, \
tax-rates.csv, decisions.csv, …) into a small, accessible website that works offline, \
on cheap phones and from a USB stick.\n\n\
Start by copying an existing council folder in content/ and editing its files. \
Then run `khula check` to find mistakes and `khula build` to make the website.",
    after_help = "Examples:\n  khula check                   check every council in content/\n  \
khula build                   build every council into sites/\n  \
khula build --out public      build into the folder public/\n\n\
The content format is described in docs/content-format.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check every council's files and build the portals into the output folder.
    ///
    /// If any file has a mistake, nothing is written and the previous website stays as it was.
    Build(BuildArgs),
    /// Check every council's files for mistakes without writing anything.
    Check(CheckArgs),
}

#[derive(Args, Debug)]
pub struct Common {
    /// Folder with one sub-folder per council.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Folder with theme overrides [default: themes/ beside the content folder].
    #[arg(long, value_name = "DIR")]
    pub themes: Option<PathBuf>,
    /// Print only problems, no summary.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    pub common: Common,
    /// Folder to write the portals into.
    #[arg(long, value_name = "DIR", default_value = "sites")]
    pub out: PathBuf,
    /// Build only this council (repeat for more); the others' pages are left as they are.
    #[arg(long = "site", value_name = "SLUG")]
    pub sites: Vec<String>,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
}

impl Cli {
    /// Runs the command, printing problems to standard error. Returns the exit code.
    pub fn run(self) -> u8 {
        match self.command {
            Command::Build(args) => run_pipeline(&args.common, Some(args.out), args.sites),
            Command::Check(args) => run_pipeline(&args.common, None, Vec::new()),
        }
    }
}

fn run_pipeline(common: &Common, out: Option<PathBuf>, sites: Vec<String>) -> u8 {
    let building = out.is_some();
    let opts = build::Options {
        content: common.content.clone(),
        out,
        themes: common.themes.clone(),
        sites,
    };
    match build::run(&opts) {
        Ok(report) => {
            print_report(&report, building, common.quiet);
            if report.has_errors() {
                EXIT_CONTENT
            } else {
                EXIT_OK
            }
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            eprintln!("The previous output was kept; fix the problem above and build again.");
            EXIT_CONTENT
        }
    }
}

fn print_report(report: &Report, building: bool, quiet: bool) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &report.diagnostics {
        let _ = write!(err, "{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 {
        let _ = writeln!(
            err,
            "{} found; {}",
            plural(errors, "error"),
            if building {
                "nothing was written, the previous output is unchanged"
            } else {
                "fix them and check again"
            }
        );
        return;
    }
    if quiet {
        return;
    }
    let warned = if warnings > 0 {
        format!(", {}", plural(warnings, "warning"))
    } else {
        String::new()
    };
    match &report.publish {
        Some(p) => {
            let _ = writeln!(
                err,
                "built {} ({} pages, {:.1} MB), {} written, {} removed, in {:.2} s{warned}",
                plural(report.councils, "council"),
                report.pages,
                p.bytes as f64 / 1_048_576.0,
                plural(p.written, "file"),
                p.removed,
                report.seconds
            );
        }
        None => {
            let _ = writeln!(
                err,
                "checked {} ({} pages), no errors, in {:.2} s{warned}",
                plural(report.councils, "council"),
                report.pages,
                report.seconds
            );
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
