//! `khula new`: start a council folder, from a documented template or from a copy of an
//! existing council without its data rows.
//!
//! The folder is made under a hidden name in the content folder (which the pipeline skips)
//! and renamed into place only when every file is written, so a failure leaves nothing.

use crate::build::Failure;
use crate::fs;
use crate::load::{is_valid_slug, suggest_slug};
use std::path::{Path, PathBuf};

mod sheets;
mod workbook;

#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub slug: String,
    /// Copy this council's files instead of the template.
    pub from: Option<String>,
    /// The council's name; by default made from the slug.
    pub name: Option<String>,
    /// Country code for the template's defaults; NP when not given.
    pub country: Option<String>,
    /// Write `council.xlsx`, a sheet per dataset, instead of the CSV files.
    pub workbook: bool,
}

/// What `new` made.
#[derive(Debug)]
pub struct Created {
    pub dir: PathBuf,
    /// Files written, relative to the new folder, sorted.
    pub files: Vec<String>,
    /// Files of the `--from` council that were not copied, with the reason.
    pub skipped: Vec<String>,
}

/// The defaults a country brings to a new council's `site.yaml`.
struct Country {
    code: &'static str,
    languages: [&'static str; 2],
    currency: &'static str,
    calendar: &'static str,
    fiscal_year_start: &'static str,
    fiscal_year_note: &'static str,
}

const COUNTRIES: [Country; 5] = [
    Country {
        code: "NP",
        languages: ["ne", "en"],
        currency: "NPR",
        calendar: "bikram-sambat",
        fiscal_year_start: "04-01",
        fiscal_year_note: "04-01 is Shrawan 1; fiscal years are written 2081/82",
    },
    Country {
        code: "BD",
        languages: ["bn", "en"],
        currency: "BDT",
        calendar: "gregorian",
        fiscal_year_start: "07-01",
        fiscal_year_note: "07-01 is 1 July; fiscal years are written 2024-25",
    },
    Country {
        code: "PK",
        languages: ["ur", "en"],
        currency: "PKR",
        calendar: "gregorian",
        fiscal_year_start: "07-01",
        fiscal_year_note: "07-01 is 1 July; fiscal years are written 2024-25",
    },
    Country {
        code: "IN",
        languages: ["hi", "en"],
        currency: "INR",
        calendar: "gregorian",
        fiscal_year_start: "04-01",
        fiscal_year_note: "04-01 is 1 April; fiscal years are written 2024-25",
    },
    Country {
        code: "BT",
        languages: ["dz", "en"],
        currency: "BTN",
        calendar: "gregorian",
        fiscal_year_start: "07-01",
        fiscal_year_note: "07-01 is 1 July; fiscal years are written 2024-25",
    },
];

/// Folders of a council that hold its own records; `--from` does not copy them.
const DATA_FOLDERS: [&str; 3] = ["decisions", "documents", "media"];

/// Creates `content/<slug>/`.
pub fn run(opts: &Options) -> Result<Created, Failure> {
    let slug = opts.slug.trim();
    if !is_valid_slug(slug) {
        return Err(Failure::Usage(format!(
            "\"{slug}\" cannot be a council folder name: use lowercase ASCII letters, digits \
and -, at most 64 of them, e.g. khula new {}",
            suggest_slug(slug)
        )));
    }
    if let Some(why) = crate::load::reserved(slug) {
        return Err(Failure::Usage(format!(
            "\"{slug}\" cannot be a council folder name: {why}; choose another, e.g. khula new \
{slug}-council"
        )));
    }
    let dir = opts.content.join(slug);
    if fs::exists(&dir) {
        return Err(Failure::Usage(format!(
            "{} already exists; choose another name, or remove that folder first",
            dir.display()
        )));
    }
    let name = match &opts.name {
        Some(n) if n.trim().is_empty() => {
            return Err(Failure::Usage(
                "--name is empty; write the council's name, e.g. --name \"Bhimdatta Municipality\""
                    .into(),
            ));
        }
        Some(n) => n.split_whitespace().collect::<Vec<_>>().join(" "),
        None => name_from_slug(slug),
    };
    let files = match &opts.from {
        Some(from) => copy_of(&opts.content, from, &name)?,
        None => {
            let code = opts.country.as_deref().unwrap_or("NP").trim();
            let country = COUNTRIES
                .iter()
                .find(|c| c.code.eq_ignore_ascii_case(code))
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "khula new knows the defaults of NP, BD, PK, IN and BT, not \"{code}\"; \
pick the closest and change country, languages and calendar in site.yaml afterwards"
                    ))
                })?;
            (template(country, &name, opts.workbook)?, Vec::new())
        }
    };
    let (files, skipped) = files;
    write_folder(&opts.content, slug, &files)?;
    let mut names: Vec<String> = files.into_iter().map(|(n, _)| n).collect();
    names.sort();
    Ok(Created {
        dir,
        files: names,
        skipped,
    })
}

/// `bhimdatta` -> `Bhimdatta`, `sreepur-gazipur` -> `Sreepur Gazipur`.
fn name_from_slug(slug: &str) -> String {
    slug.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML double-quoted string.
fn yaml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the files under a hidden staging name, then renames the folder into place.
fn write_folder(content: &Path, slug: &str, files: &[(String, Vec<u8>)]) -> Result<(), Failure> {
    let staging = content.join(format!(".{slug}.khula-new"));
    let target = content.join(slug);
    let io = |path: &Path, e: std::io::Error| Failure::Io(format!("{}: {e}", path.display()));
    fs::remove_dir_all_if_exists(&staging).map_err(|e| io(&staging, e))?;
    let written = files
        .iter()
        .try_for_each(|(name, bytes)| {
            let path = staging.join(name);
            fs::write_file(&path, bytes).map_err(|e| io(&path, e))
        })
        .and_then(|()| fs::rename(&staging, &target).map_err(|e| io(&target, e)));
    if written.is_err() {
        let _ = fs::remove_dir_all_if_exists(&staging);
    }
    written
}

const BOM: &str = "\u{feff}";

/// The files of a new council from the documented template: the CSV files, or with
/// `workbook` one `council.xlsx` holding a sheet for each.
fn template(
    country: &Country,
    name: &str,
    workbook: bool,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let [first, second] = country.languages;
    let site = SITE_TEMPLATE
        .replace("{name}", &yaml_string(name))
        .replace("{country}", country.code)
        .replace("{languages}", &format!("[{first}, {second}]"))
        .replace("{currency}", country.currency)
        .replace("{calendar}", country.calendar)
        .replace("{fiscal_year_start}", country.fiscal_year_start)
        .replace("{fiscal_year_note}", country.fiscal_year_note)
        .replace("{second}", second);
    let mut files = vec![
        ("site.yaml".into(), site.into_bytes()),
        ("profile.yaml".into(), PROFILE_TEMPLATE.as_bytes().to_vec()),
    ];
    if workbook {
        let bytes = workbook::council_workbook(sheets::SHEETS, second)
            .map_err(|e| Failure::Io(format!("council.xlsx could not be made: {e}")))?;
        files.push(("council.xlsx".into(), bytes));
    } else {
        for file in CSV_TEMPLATE {
            let sheet = sheets::sheet(file).expect("every template file has a sheet");
            let header = sheet.header_cells(second).join(",");
            files.push((file.to_string(), format!("{BOM}{header}\n").into_bytes()));
        }
    }
    files.push(("pages/about.md".into(), ABOUT_TEMPLATE.as_bytes().to_vec()));
    Ok(files)
}

/// The CSV files a new council starts with (without `--workbook`), their header rows from
/// [`sheets::SHEETS`]; the other files of the format are added when the council has them.
const CSV_TEMPLATE: [&str; 7] = [
    "budget.csv",
    "tax-rates.csv",
    "decisions.csv",
    "services.csv",
    "grievances.csv",
    "projects.csv",
    "documents.csv",
];

/// The files of `from`, with CSV data rows removed and the name in `site.yaml` replaced.
type Files = (Vec<(String, Vec<u8>)>, Vec<String>);

fn copy_of(content: &Path, from: &str, name: &str) -> Result<Files, Failure> {
    let source = content.join(from);
    if !is_valid_slug(from) || !source.join("site.yaml").is_file() {
        let known: Vec<String> = fs::subfolders(content)
            .into_iter()
            .filter(|s| is_valid_slug(s) && content.join(s).join("site.yaml").is_file())
            .collect();
        return Err(Failure::Usage(format!(
            "there is no council {from} in {} to copy{}",
            content.display(),
            if known.is_empty() {
                String::new()
            } else {
                format!("; the councils there are {}", known.join(", "))
            }
        )));
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for rel in fs::files_below(&source) {
        let name_in = rel.to_string_lossy().replace('\\', "/");
        let hidden = name_in
            .split('/')
            .any(|part| part.starts_with('.') || part.starts_with('~') || part.ends_with('~'));
        if hidden {
            continue;
        }
        let top = name_in.split('/').next().unwrap_or("");
        if DATA_FOLDERS.contains(&top) && name_in.contains('/') {
            skipped.push(format!("{name_in} ({from}'s own record)"));
            continue;
        }
        let path = source.join(&rel);
        let shown = Path::new(from).join(&rel);
        let read_err = |d: crate::diagnostics::Diagnostic| Failure::Io(d.headline());
        let bytes = if name_in == "site.yaml" {
            let text = fs::read_text(&path, &shown).map_err(read_err)?;
            with_name(&text, name, from).into_bytes()
        } else if name_in == "profile.yaml" {
            skipped.push(format!(
                "profile.yaml ({from}'s figures; an empty profile was written instead)"
            ));
            PROFILE_TEMPLATE.as_bytes().to_vec()
        } else if name_in.ends_with(".csv") {
            let bytes = fs::read_bytes(&path, &shown).map_err(read_err)?;
            header_only(&bytes)
        } else {
            fs::read_bytes(&path, &shown).map_err(read_err)?
        };
        files.push((name_in, bytes));
    }
    Ok((files, skipped))
}

/// The first record of a CSV file (its header row), byte-order mark and line ending kept.
fn header_only(bytes: &[u8]) -> Vec<u8> {
    let mut quoted = false;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => return bytes[..=i].to_vec(),
            _ => {}
        }
    }
    let mut out = bytes.to_vec();
    if !out.is_empty() {
        out.push(b'\n');
    }
    out
}

/// `site.yaml` of another council with its name replaced, and its opening comment (which
/// describes that council) replaced by one about the copy.
fn with_name(text: &str, name: &str, from: &str) -> String {
    let mut out = format!(
        "# {name}: started from a copy of {from}'s site.yaml. Check every value below;\n\
# the keys are described in docs/content-format.md.\n"
    );
    let mut lines = text.lines().peekable();
    while lines.peek().is_some_and(|l| l.starts_with('#')) {
        lines.next();
    }
    let mut named = false;
    while let Some(line) = lines.next() {
        if line.starts_with("name:") && !named {
            named = true;
            out.push_str(&format!("name: {}\n", yaml_string(name)));
            // Drop the old value's continuation lines (a block map of translations).
            while lines
                .peek()
                .is_some_and(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
            {
                lines.next();
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !named {
        out = format!("name: {}\n{out}", yaml_string(name));
    }
    out
}

const SITE_TEMPLATE: &str = r#"# site.yaml: who the council is, which languages and calendar its portal uses, and how
# residents reach it. Each key is explained in the lines above it; lines starting with #
# are notes and are not published. A key left empty is simply not shown on the portal.
# Every key is described in docs/content-format.md.

# The council's name as residents write it. One name for every language:
#   name: "Bhimdatta Municipality"
# or one per language, in the order of `languages` below:
#   name: {ne: भीमदत्त नगरपालिका, en: Bhimdatta Municipality}
name: {name}

# What kind of council it is, e.g. {ne: नगरपालिका, en: Municipality}.
kind:

# Two-letter country code: NP, BD, PK, IN or BT. It sets the defaults for currency,
# calendar, fiscal year and digit grouping when those keys are left out.
country: {country}

# The province (division, state) and district, in the same forms as name.
province:
district:

# The portal's languages, the default first: ne Nepali, bn Bengali, ur Urdu, hi Hindi,
# dz Dzongkha, en English. In the CSV files a column such as sector:{second} holds the
# {second} text of the column sector; a missing translation shows the default language.
languages: {languages}

# The currency of every amount in the CSV files (ISO 4217 code).
currency: {currency}

# The calendar of every date and fiscal year in the files: bikram-sambat or gregorian.
calendar: {calendar}

# The first day of the fiscal year as MM-DD in that calendar ({fiscal_year_note}).
fiscal_year_start: {fiscal_year_start}

# The licence under which the data is published, as an SPDX id. CC-BY-4.0 lets anyone
# reuse the data if they name the council.
licence: CC-BY-4.0

# The address of the official portal, once there is one. Remove the # to use it:
# base_url: https://example.gov.np/

# A folder under themes/ that changes how the portal looks; the default theme otherwise:
# theme: my-theme

# One line shown under the name on the home page.
tagline:

# true while the files hold sample figures rather than the council's own: every page then
# says so.
sample: false

# How digits are grouped in long numbers: south-asian (1,23,45,678) or western
# (12,345,678). Left out, it follows the country.
# number_grouping: south-asian

# true shows the digits 0-9 instead of the language's own digits.
latin_digits: false

# How residents reach the council office. Fill in what applies; empty entries are not shown.
contact:
  address:
  phone:
  toll_free:
  email:
  office_hours:
  website:

# Where residents can make a complaint. Fill in what applies.
grievance:
  toll_free:
  sms:
  email:
  office:
  url:
  # The number of days within which the council promises to answer a complaint.
  service_level_days:
"#;

const PROFILE_TEMPLATE: &str = r#"# profile.yaml: the council area in figures. Every key may be left empty; fill in what
# you know. Write figures as plain numbers, e.g. 204788 or 261.75.

# The year of the census the figures come from.
census_year:

# The people living in the council area.
population:
  total:
  female:
  male:

households:

# The area in square kilometres.
area_km2:

# One line per ward, for example:
#   - {number: 1, population: 10000, households: 2300}
wards: []

# A few paragraphs about the area (markdown), one text or one per language:
#   about: {ne: "…", en: "…"}
about:

# Other figures for the profile page, for example:
#   - {label: {ne: साक्षरता दर, en: Literacy rate}, value: "81.5%"}
facts: []

# Where the figures come from, e.g. National Population and Housing Census 2021.
source:
"#;

const ABOUT_TEMPLATE: &str = r#"---
# The page title: one text, or one per language, e.g. {ne: हाम्रो बारेमा, en: About us}.
title: About us
---
Write here what residents should know about the council: what it does, where its offices
are, and when they are open. This page is written in markdown: a blank line starts a new
paragraph, and a line starting with `- ` is a list item.

To translate the page, copy this file to `about.<language>.md`, e.g. `about.en.md`.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_only_keeps_bom_crlf_and_quoted_newlines() {
        assert_eq!(header_only(b"a,b\r\n1,2\r\n"), b"a,b\r\n");
        assert_eq!(
            header_only("\u{feff}a,\"b\nc\"\n1,2\n".as_bytes()),
            "\u{feff}a,\"b\nc\"\n".as_bytes()
        );
        assert_eq!(header_only(b"a,b"), b"a,b\n");
    }

    #[test]
    fn name_is_replaced_with_its_translations() {
        let text = "# Old council\n# more\nname:\n  ne: पुरानो\n  en: Old\nkind: x\n";
        let out = with_name(text, "New \"Town\"", "old");
        assert!(
            out.contains("name: \"New \\\"Town\\\"\"\nkind: x\n"),
            "{out}"
        );
        assert!(
            !out.contains("Old council") && !out.contains("पुरानो"),
            "{out}"
        );
        let inline = with_name("name: {en: Old}\nkind: x\n", "New", "old");
        assert!(inline.contains("name: \"New\"\nkind: x\n"), "{inline}");
    }

    #[test]
    fn names_from_slugs() {
        assert_eq!(name_from_slug("bhimdatta"), "Bhimdatta");
        assert_eq!(name_from_slug("sreepur-gazipur-2"), "Sreepur Gazipur 2");
    }

    #[test]
    fn there_is_a_sheet_for_every_file_in_its_order() {
        let files: Vec<&str> = sheets::SHEETS.iter().map(|s| s.file).collect();
        assert_eq!(
            files,
            crate::load::CSV_FILES,
            "one sheet per file of load::CSV_FILES"
        );
        for file in CSV_TEMPLATE {
            assert!(sheets::sheet(file).is_some(), "{file}");
        }
    }

    #[test]
    fn every_sheet_offers_every_column_its_kind_reads() {
        for sheet in sheets::SHEETS {
            let file = sheet.file;
            let offered: Vec<&str> = sheet.columns.iter().map(|c| c.name).collect();
            for column in sheet.schema.columns {
                assert!(
                    offered.contains(&column.name) || sheets::written_by_downloads(column.name),
                    "{file} reads the column {} but its sheet in src/new/sheets.rs has none",
                    column.name
                );
            }
            for column in sheet.columns {
                let read = sheet.schema.columns.iter().find(|c| c.name == column.name);
                let read = read.unwrap_or_else(|| panic!("{file} has no column {}", column.name));
                assert!(
                    !column.translated || read.translatable,
                    "{file}: {} has no translations",
                    column.name
                );
                assert!(
                    !column.note.is_empty(),
                    "{file}: {} has no note",
                    column.name
                );
                assert_eq!(
                    offered.iter().filter(|n| **n == column.name).count(),
                    1,
                    "{file}: {} twice",
                    column.name
                );
            }
        }
    }

    #[test]
    fn the_words_of_every_list_are_recognised() {
        use crate::model::{hearings, laws, notices, people, projects, tenders};
        let check = |words: &[&str], known: &dyn Fn(&str) -> bool| {
            for w in words {
                assert!(known(w), "{w} is offered but not recognised");
            }
        };
        check(sheets::PROJECT_STAGES, &|w| {
            projects::Stage::of(w) != projects::Stage::Other
        });
        check(sheets::NOTICE_KINDS, &|w| {
            notices::Kind::of(w) != notices::Kind::Other
        });
        check(sheets::TENDER_METHODS, &|w| {
            tenders::Method::of(w).is_some()
        });
        check(sheets::TENDER_CATEGORIES, &|w| {
            tenders::Category::of(w).is_some()
        });
        check(sheets::TENDER_STATUSES, &|w| {
            tenders::Status::of(w).is_some()
        });
        check(sheets::LAW_TYPES, &|w| {
            laws::Type::of(w) != laws::Type::Other
        });
        check(sheets::PEOPLE_GROUPS, &|w| people::Group::of(w).is_some());
        check(sheets::PEOPLE_ROLES, &|w| people::Role::of(w).is_some());
        check(sheets::HEARING_KINDS, &|w| hearings::Kind::of(w).is_some());
        use crate::model::budget::words;
        check(sheets::BUDGET_TYPES, &|w| words::flow(Some(w)).is_some());
        check(sheets::BUDGET_NATURES, &|w| words::nature(w).is_some());
        check(sheets::BUDGET_GRANTS, &|w| words::grant_in(w).is_some());
    }
}
