//! The command line: `khula build`, `check`, `serve`, `new` and `fix`.

use crate::build::{self, Failure, Report};
use crate::diagnostics::visible;
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
Start with `khula new <slug>` (or copy an existing council folder in content/) and edit its \
files. Then run `khula check` to find mistakes and `khula build` to make the website.\n\n\
The key rules of the content format:\n  \
- one folder per council, named in lowercase letters, digits and - (its slug);\n  \
- site.yaml is required, with name and languages (e.g. languages: [ne, en]); country \
(NP, BD, PK, IN or BT) sets the calendar, fiscal year and currency;\n  \
- CSV files are saved as \"CSV UTF-8 (Comma delimited)\", with the column names on the first line;\n  \
- dates are YYYY-MM-DD and fiscal years 2081/82 or 2024-25, in the council's calendar \
(calendar: in site.yaml, or its country's default);\n  \
- in YAML, indent with spaces, write numbers without commas, and quote text containing `: ` or #.\n\n\
The full format, every column and every message, is described in docs/content-format.md \
of the Khula source (the docs folder of its repository).",
    after_help = "Examples:\n  khula check                   check every council in content/\n  \
khula build                   build every council into sites/\n  \
khula build --out public      build into the folder public/\n  \
khula build --base-url https://ngo.example.org/mirrors/\n                                build a mirror published at that address\n\n\
The content format is described in docs/content-format.md of the Khula source (the docs \
folder of its repository)."
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
    /// Preview the portals in a browser, rebuilding them as files are saved.
    ///
    /// Builds into a temporary folder (never sites/), serves it on this computer only, and
    /// reloads open pages after each rebuild. Stop with Ctrl-C.
    Serve(ServeArgs),
    /// Start a new council folder from a documented template, or from a copy of another
    /// council without its data rows.
    New(NewArgs),
    /// Convert text typed in a legacy font (Preeti, Bijoy/SutonnyMJ) to Unicode in place.
    ///
    /// Rewrites the CSV cells, YAML strings and markdown text that `khula check` reports as
    /// typed in a legacy font, or as having vowel signs split by a converter. Each file is
    /// first copied to <content>/.khula-backup/<slug>/; running it again changes nothing.
    Fix(FixArgs),
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  khula fix --legacy-fonts                      every council in content/\n  \
khula fix --legacy-fonts --site dharan        only content/dharan/"
)]
pub struct FixArgs {
    /// Convert legacy-font text and join split vowel signs (the one fix there is so far).
    #[arg(long, required = true)]
    pub legacy_fonts: bool,
    /// Folder with one sub-folder per council.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Fix only this council (repeat for more).
    #[arg(long = "site", value_name = "SLUG")]
    pub sites: Vec<String>,
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
    /// Address where these portals are published as a mirror of the councils' own, e.g.
    /// https://ngo.example.org/mirrors/ (http or https, ending in /). Each council's pages
    /// then name its official address as canonical and say they are a mirror.
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Write into an existing folder that Khula did not make. Files in it at the paths
    /// Khula writes are replaced, and council folders no longer in the content removed.
    #[arg(long)]
    pub claim_out: bool,
    /// Let a build that finds no council folder remove every published portal.
    #[arg(long)]
    pub unpublish_all: bool,
    /// Build only shard K of N (e.g. 2/8): the councils whose slug falls in it, with their
    /// records, and no site pages. Run each shard on its own machine, gather the outputs
    /// into one folder, then run `khula build --site-pages` there (docs/deploy.md).
    #[arg(long, value_name = "K/N", value_parser = crate::build::Shard::parse, conflicts_with_all = ["sites", "site_pages"])]
    pub shard: Option<crate::build::Shard>,
    /// Make only the site pages (the index, its lists and the comparison) of the councils
    /// already in --out, from their build records; no council's content is read. The step
    /// after gathering the outputs of `khula build --shard K/N`.
    #[arg(long, conflicts_with_all = ["sites", "unpublish_all"])]
    pub site_pages: bool,
}

/// Checks a mirror address: `http://` or `https://`, a host, ending in `/`, no spaces,
/// query or fragment.
fn parse_base_url(s: &str) -> Result<String, String> {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
        .ok_or_else(|| format!("\"{s}\" does not start with https:// or http://"))?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err(format!("\"{s}\" has no host name after the scheme"));
    }
    if s.chars()
        .any(|c| c.is_whitespace() || matches!(c, '?' | '#' | '"' | '<' | '>'))
    {
        return Err(format!(
            "\"{s}\" may not contain spaces, quotes, angle brackets, ? or #"
        ));
    }
    if !s.ends_with('/') {
        return Err(format!(
            "\"{s}\" must end with /, e.g. {s}/ (councils are published below it)"
        ));
    }
    Ok(s.to_string())
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub common: Common,
    /// Check only this council (repeat for more).
    #[arg(long = "site", value_name = "SLUG")]
    pub sites: Vec<String>,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  khula serve                   preview every council in content/\n  \
khula serve --open            and open it in the browser\n  \
khula serve --port 8000       on http://127.0.0.1:8000/"
)]
pub struct ServeArgs {
    #[command(flatten)]
    pub common: Common,
    /// Folder to build the preview into [default: a new folder in the system's temporary
    /// folder, removed when serve stops].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Address to listen on. Only this computer can reach the default; 0.0.0.0 lets other
    /// computers on the network see the preview.
    #[arg(long, value_name = "ADDR", default_value_t = crate::serve::LOOPBACK)]
    pub bind: std::net::IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  khula new bhimdatta --name \"Bhimdatta Municipality\"\n  \
khula new sreepur-2 --country BD\n  \
khula new bhimdatta --from dhangadhi   copy dhangadhi's files without their data rows\n  \
khula new bhimdatta --workbook   council.xlsx with a sheet per dataset, in place of the CSV files"
)]
pub struct NewArgs {
    /// Folder name of the new council: lowercase letters, digits and -, e.g. bhimdatta.
    pub slug: String,
    /// Folder with one sub-folder per council.
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub content: PathBuf,
    /// Start from a copy of this council's files, with the rows of its CSV files removed.
    /// Cannot be used with --country.
    #[arg(long, value_name = "SLUG")]
    pub from: Option<String>,
    /// The council's name [default: made from the slug].
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Country whose languages, calendar and fiscal year the template uses: NP, BD, PK, IN
    /// or BT [default: NP]. Cannot be used with --from: a copy keeps the other council's
    /// country, languages and calendar (change them in its site.yaml).
    #[arg(long, value_name = "CODE", conflicts_with = "from")]
    pub country: Option<String>,
    /// Write council.xlsx, a sheet per dataset to fill in (header locked, a note on each
    /// column, drop-down lists), instead of the CSV files. Cannot be used with --from.
    #[arg(long, conflicts_with = "from")]
    pub workbook: bool,
}

impl Cli {
    /// Runs the command, printing problems to standard error. Returns the exit code.
    pub fn run(self) -> u8 {
        match self.command {
            Command::Build(args) => run_pipeline(
                &args.common,
                build::Options {
                    content: args.common.content.clone(),
                    out: Some(args.out),
                    themes: args.common.themes.clone(),
                    sites: args.sites,
                    claim_out: args.claim_out,
                    unpublish_all: args.unpublish_all,
                    base_url: args.base_url,
                    progress: false,
                    shard: args.shard,
                    site_pages: args.site_pages,
                },
            ),
            Command::Check(args) => run_pipeline(
                &args.common,
                build::Options {
                    content: args.common.content.clone(),
                    out: None,
                    themes: args.common.themes.clone(),
                    sites: args.sites,
                    claim_out: false,
                    unpublish_all: false,
                    base_url: None,
                    progress: false,
                    shard: None,
                    site_pages: false,
                },
            ),
            Command::Serve(args) => run_serve(args),
            Command::New(args) => run_new(args),
            Command::Fix(args) => run_fix(args),
        }
    }
}

fn run_pipeline(common: &Common, mut opts: build::Options) -> u8 {
    let building = opts.out.is_some();
    opts.progress = !common.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let made = |councils: usize| {
        let councils = plural(councils, "council");
        match (opts.site_pages, opts.shard) {
            (true, _) => format!("made the site pages of {councils}"),
            (false, Some(shard)) => format!("built shard {shard}, {councils}"),
            (false, None) => format!("built {councils}"),
        }
    };
    match build::run(&opts, None) {
        Ok(report) => {
            print_report(&report, building, common.quiet, &made);
            if report.has_errors() {
                EXIT_CONTENT
            } else {
                EXIT_OK
            }
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", visible(&message));
            EXIT_USAGE
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {}", visible(&message));
            eprintln!("The previous output was kept; fix the problem above and build again.");
            EXIT_CONTENT
        }
        Err(Failure::Partial { message, published }) => {
            eprintln!("error: {}", visible(&message));
            eprintln!(
                "Publishing stopped after {}: each council folder is either wholly new or \
                 wholly as it was. Fix the problem above and build again to finish.",
                plural(published, "folder")
            );
            EXIT_CONTENT
        }
    }
}

/// Prints the diagnostics and the summary line; `made` says what was built of how many
/// councils ("built 3 councils").
fn print_report(report: &Report, building: bool, quiet: bool, made: &dyn Fn(usize) -> String) {
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for d in &report.diagnostics {
        let _ = write!(err, "{d}");
    }
    let (errors, warnings) = (report.errors, report.warnings);
    if errors > 0 {
        let _ = writeln!(
            err,
            "{} found; {}",
            plural(errors, "error"),
            match (building, errors) {
                (true, _) => "nothing was written, the previous output is unchanged",
                (false, 1) => "fix it and check again",
                (false, _) => "fix them and check again",
            }
        );
        return;
    }
    if quiet {
        return;
    }
    if report.unchanged_warnings > 0 {
        let _ = writeln!(
            err,
            "{} of councils unchanged since their last build not repeated; `khula check` \
             shows every warning",
            plural(report.unchanged_warnings, "warning")
        );
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
                "{}: {}, portals of {:.1} MB in all; {} written, {} removed, in {:.2} s{warned}",
                made(report.councils),
                plural(report.pages, "page"),
                p.bytes as f64 / 1_048_576.0,
                plural(p.written, "file"),
                p.removed,
                report.seconds
            );
        }
        None => {
            let _ = writeln!(
                err,
                "checked {}, no errors, in {:.2} s{warned}",
                plural(report.councils, "council"),
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

fn run_serve(args: ServeArgs) -> u8 {
    let opts = crate::serve::Options {
        content: args.common.content,
        themes: args.common.themes,
        out: args.out,
        bind: args.bind,
        port: args.port,
        open: args.open,
        quiet: args.common.quiet,
    };
    match crate::serve::run(&opts) {
        Ok(()) => EXIT_OK,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", visible(&message));
            EXIT_USAGE
        }
        Err(Failure::Io(message) | Failure::Partial { message, .. }) => {
            eprintln!("error: {}", visible(&message));
            EXIT_CONTENT
        }
    }
}

fn run_new(args: NewArgs) -> u8 {
    let opts = crate::new::Options {
        content: args.content,
        slug: args.slug,
        from: args.from,
        name: args.name,
        country: args.country,
        workbook: args.workbook,
    };
    match crate::new::run(&opts) {
        Ok(created) => {
            let dir = created.dir.display();
            println!(
                "Created {dir}/ with {}:",
                plural(created.files.len(), "file")
            );
            for file in &created.files {
                println!("  {}", visible(file));
            }
            if !created.skipped.is_empty() {
                println!("Not copied:");
                for file in &created.skipped {
                    println!("  {}", visible(file));
                }
            }
            println!(
                "Next: fill in {dir}/site.yaml, add rows to {}, then run `khula check`.",
                if created.files.iter().any(|f| f == "council.xlsx") {
                    "the sheets of council.xlsx (keep the header rows as they are)"
                } else {
                    "the CSV files (or replace them with your own exports, saved as \"CSV UTF-8\")"
                }
            );
            EXIT_OK
        }
        Err(Failure::Usage(message)) => {
            eprintln!("error: {}", visible(&message));
            EXIT_USAGE
        }
        Err(Failure::Io(message) | Failure::Partial { message, .. }) => {
            eprintln!("error: {}", visible(&message));
            eprintln!("Nothing was created.");
            EXIT_CONTENT
        }
    }
}

fn run_fix(args: FixArgs) -> u8 {
    let outcome = match crate::fix::run(&args.content, &args.content, &args.sites) {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("error: {}", visible(&message));
            return EXIT_USAGE;
        }
    };
    for change in &outcome.changes {
        println!(
            "{}:{}: {} → {}",
            visible(&change.path.display().to_string()),
            change.line,
            visible(&change.before),
            visible(&change.after)
        );
    }
    for problem in &outcome.problems {
        eprintln!("error: {}", visible(problem));
    }
    if outcome.changes.is_empty() {
        println!("Nothing to fix.");
    } else {
        println!(
            "Fixed {} in {}; the files as they were are in {}.",
            plural(outcome.changes.len(), "value"),
            plural(outcome.files, "file"),
            args.content.join(crate::fix::BACKUP).display()
        );
    }
    if outcome.problems.is_empty() {
        EXIT_OK
    } else {
        EXIT_CONTENT
    }
}
