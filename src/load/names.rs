//! Names at the top of a council folder that are nearly a name of the content format:
//! `Budget.csv`, `budget.CSV`, `budget.csv.txt` (Notepad), `site.yml`, `decision.csv`, or
//! a workbook such as `Budget.xlsx` saved in place of the CSV file.
//!
//! Such a file is not read, so the part of the portal it holds would silently disappear:
//! it is an error, unless the exact name is there as well (then it is an old copy).

use crate::diagnostics::Diagnostic;
use std::path::Path;

/// How a name misses a known one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Miss {
    /// Differs in capital letters, by a typo, or by an ending added or changed
    /// (`budget.csv.txt`, `site.yml`).
    Renamed,
    /// A spreadsheet workbook named after a CSV file (`Budget.xlsx`).
    Workbook,
}

const WORKBOOKS: [&str; 5] = ["xlsx", "xls", "xlsm", "xlsb", "ods"];
/// Endings that a text editor or a file manager may put on a CSV or YAML file.
const TEXT_ENDINGS: [&str; 5] = ["txt", "csv", "yaml", "yml", "text"];

/// The known name that `name` nearly is, and how; `None` for a name unrelated to all of them.
pub fn near_miss<'a>(name: &str, known: &[&'a str]) -> Option<(&'a str, Miss)> {
    let lower = normalise(name);
    let (stem, ending) = match lower.rsplit_once('.') {
        Some((stem, ending)) if !stem.is_empty() => (stem, Some(ending)),
        _ => (lower.as_str(), None),
    };
    if let Some(ending) = ending
        && WORKBOOKS.contains(&ending)
    {
        let stem = stem.strip_suffix(".csv").unwrap_or(stem);
        return known
            .iter()
            .filter_map(|k| Some((*k, k.strip_suffix(".csv")?)))
            .find(|(_, k)| normalise(k) == stem || typo(stem, &normalise(k)))
            .map(|(k, _)| (k, Miss::Workbook));
    }
    let exact = known.iter().find(|k| {
        let k = normalise(k);
        // `Budget.csv`, `budget.csv.txt`, `site.yml`, `site.yaml.yaml`.
        lower == k
            || lower
                .strip_prefix(k.as_str())
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|rest| TEXT_ENDINGS.contains(&rest))
            || ending.is_some_and(|e| TEXT_ENDINGS.contains(&e))
                && k.rsplit_once('.').is_some_and(|(s, _)| s == stem)
    });
    if let Some(k) = exact {
        return Some((k, Miss::Renamed));
    }
    // A typo in the name with the ending right (`decision.csv`, `Page/`): compared without
    // the ending, so that `budget.pdf` is not taken for `budget.csv`.
    known
        .iter()
        .filter(|k| {
            let k = normalise(k);
            match (k.rsplit_once('.'), ending) {
                (Some((k_stem, k_ending)), Some(ending)) => {
                    k_ending == ending && typo(stem, k_stem)
                }
                (None, None) => typo(stem, &k),
                _ => false,
            }
        })
        .copied()
        .next()
        .map(|k| (k, Miss::Renamed))
}

/// The diagnostic for `name` (shown as `shown`), which nearly is `known`. `exists` says
/// whether a file of the exact name is there too: then this one is only a leftover copy.
pub fn diagnostic(shown: &Path, name: &str, known: &str, miss: Miss, exists: bool) -> Diagnostic {
    if exists {
        return Diagnostic::warning(shown, "is not a file Khula knows").hint(format!(
            "did you mean {known}? {known} is read and this file is not published; delete it or \
             move it out of the council folder if it is an old copy"
        ));
    }
    match miss {
        Miss::Workbook => {
            let stem = known.strip_suffix(".csv").unwrap_or(known);
            let ending = name
                .rsplit_once('.')
                .map_or("xlsx", |(_, e)| e)
                .to_lowercase();
            Diagnostic::error(
                shown,
                format!("is not read: did you mean {stem}.{ending}?"),
            )
            .hint(format!(
                "rename {name} to {stem}.{ending}; Khula reads a workbook named as the CSV file \
                 it stands for, in small letters{}",
                hidden_ending(name)
            ))
        }
        Miss::Renamed => Diagnostic::error(shown, format!("is not read: did you mean {known}?"))
            .hint(format!(
                "rename {name} to {known}; Khula reads only the exact name, in small letters{}",
                hidden_ending(name)
            )),
    }
}

/// The error for `name`, read in place of a missing `site.yaml` so that the council's
/// other files are still checked.
pub fn misnamed_site(shown: &Path, name: &str) -> Diagnostic {
    Diagnostic::error(shown, "should be named site.yaml").hint(format!(
        "rename {name} to site.yaml; until then the council's files are checked with it, but \
         the council is not built{}",
        hidden_ending(name)
    ))
}

fn hidden_ending(name: &str) -> &'static str {
    if name.to_lowercase().ends_with(".txt") {
        "; Windows hides the .txt ending unless View > File name extensions is on in File \
         Explorer"
    } else {
        ""
    }
}

/// Lowercase, with spaces and `_` as `-`: `Tax Rates.csv` and `tax_rates.csv` are
/// `tax-rates.csv`.
fn normalise(name: &str) -> String {
    crate::diagnostics::fold_name(name, '-')
}

/// One typo per five letters, at least one: `budgets` is budget, `media` is not `meta`.
fn typo(word: &str, known: &str) -> bool {
    let distance = crate::diagnostics::edit_distance(word, known);
    distance <= (known.chars().count() / 5).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: [&str; 6] = [
        "site.yaml",
        "budget.csv",
        "tax-rates.csv",
        "decisions.csv",
        "pages",
        "media",
    ];

    fn miss(name: &str) -> Option<(&'static str, Miss)> {
        near_miss(name, &KNOWN)
    }

    #[test]
    fn near_misses_are_found() {
        use Miss::*;
        for (name, known, how) in [
            ("Budget.csv", "budget.csv", Renamed),
            ("budget.CSV", "budget.csv", Renamed),
            ("budget.csv.txt", "budget.csv", Renamed),
            ("budget.txt", "budget.csv", Renamed),
            ("budgets.csv", "budget.csv", Renamed),
            ("Tax Rates.csv", "tax-rates.csv", Renamed),
            ("tax_rates.csv", "tax-rates.csv", Renamed),
            ("decision.csv", "decisions.csv", Renamed),
            ("site.yaml.txt", "site.yaml", Renamed),
            ("Site.yaml", "site.yaml", Renamed),
            ("site.yml", "site.yaml", Renamed),
            ("site.yaml.yaml", "site.yaml", Renamed),
            ("Pages", "pages", Renamed),
            ("page", "pages", Renamed),
            ("Budget.xlsx", "budget.csv", Workbook),
            ("budget.csv.xlsx", "budget.csv", Workbook),
            ("Decisions.xls", "decisions.csv", Workbook),
        ] {
            assert_eq!(miss(name), Some((known, how)), "{name}");
        }
    }

    #[test]
    fn unrelated_names_are_not_near_misses() {
        for name in [
            "notes.txt",
            "budget.pdf",
            "budget-2079.csv",
            "budget",
            "meta",
            "images",
            "site.xlsx",
            "report.xlsx",
            "photo.jpg",
        ] {
            assert_eq!(miss(name), None, "{name}");
        }
    }
}
