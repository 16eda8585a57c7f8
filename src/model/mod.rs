//! Stage 2, validate and model: turn one council's files into a checked, typed model.
//!
//! One module per kind of file. Each checks its input and reports every problem with its
//! location; the model holds only values that passed, so rendering never meets bad data.

pub mod budget;
pub mod datasets;
pub mod decisions;
pub mod documents;
pub mod files;
pub mod grievances;
pub mod pages;
pub mod profile;
pub mod projects;
pub mod services;
pub mod site;
pub mod tax_rates;

use crate::diagnostics::Diagnostics;
use crate::load::CouncilFiles;

pub use budget::Budget;
pub use decisions::Decisions;
pub use pages::Page;
pub use profile::Profile;
pub use site::Site;
pub use tax_rates::TaxRates;

/// One council, resolved and validated.
#[derive(Debug, Clone)]
pub struct Council {
    pub slug: String,
    pub site: Site,
    pub profile: Option<Profile>,
    pub budget: Option<Budget>,
    pub tax_rates: Option<TaxRates>,
    pub decisions: Option<Decisions>,
    pub pages: Vec<Page>,
    pub services: Option<services::Services>,
    pub grievances: Option<grievances::Grievances>,
    pub projects: Option<projects::Projects>,
    pub documents: Option<documents::Documents>,
    pub datasets: Vec<datasets::Dataset>,
    /// Last modification date (Gregorian, `YYYY-MM-DD`) of each dataset's file, by the
    /// dataset's download name (`budget`, `datasets-schools`).
    pub updated: std::collections::BTreeMap<String, String>,
    /// Files in `media/` (logos, images used by pages), published as they are.
    pub media: Vec<String>,
    /// Where the council's folder is, to copy the files it links to.
    pub dir: std::path::PathBuf,
    pub shown_dir: std::path::PathBuf,
}

impl Council {
    /// Every file inside the council folder that the portal links to, sorted, once each.
    pub fn linked_files(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .decisions
            .iter()
            .flat_map(|d| d.items.iter())
            .filter_map(|d| d.document.as_ref())
            .chain(
                self.documents
                    .iter()
                    .flat_map(|d| d.items.iter().map(|x| &x.target)),
            )
            .filter_map(|t| match t {
                files::Target::File { path, .. } => Some(path.clone()),
                files::Target::Url(_) => None,
            })
            .collect();
        out.extend(self.media.iter().cloned());
        out.sort();
        out.dedup();
        out
    }
}

/// Resolves every file of a council. Returns `None` when `site.yaml` itself is unusable;
/// problems in other files are reported and those files left out, so that every problem of
/// the council is found in one run.
pub fn resolve(files: &CouncilFiles, diags: &mut Diagnostics) -> Option<Council> {
    let site_file = files.site.as_ref()?;
    let resolved = site::resolve(site_file, diags);
    let profile = files
        .profile
        .as_ref()
        .and_then(|f| profile::resolve(f, diags));
    // With a broken site.yaml the other files are still checked, so one run reports every
    // problem; the council itself is not built.
    let site_ok = resolved.is_some();
    let site = resolved.unwrap_or_else(|| site::lenient(site_file));
    let lang = site.default_lang().to_string();
    let budget = files
        .table("budget.csv")
        .and_then(|t| budget::resolve(t, &lang, diags));
    let tax_rates = files
        .table("tax-rates.csv")
        .and_then(|t| tax_rates::resolve(t, &lang, diags));
    let decisions = match files.table("decisions.csv") {
        Some(t) => decisions::resolve(
            t,
            &files.decision_texts,
            &files.dir.dir,
            site.calendar,
            site.fiscal_year_start,
            diags,
        ),
        None => {
            for file in &files.decision_texts {
                diags.push(
                    crate::diagnostics::Diagnostic::warning(
                        &file.shown,
                        "there is no decisions.csv to list this decision",
                    )
                    .hint("add decisions.csv with a row whose ref matches this file"),
                );
            }
            None
        }
    };
    let pages = pages::resolve(&files.pages, &site.languages, diags);
    let services = files
        .table("services.csv")
        .and_then(|t| services::resolve(t, &site.languages, diags));
    let grievances = files
        .table("grievances.csv")
        .and_then(|t| grievances::resolve(t, &lang, diags));
    let projects = files
        .table("projects.csv")
        .and_then(|t| projects::resolve(t, site.calendar, diags));
    let documents = files
        .table("documents.csv")
        .and_then(|t| documents::resolve(t, &files.dir.dir, site.calendar, diags));
    let datasets = files
        .datasets
        .iter()
        .filter_map(|(name, table, meta)| {
            datasets::resolve(name, table, meta.as_ref(), site.calendar, diags)
        })
        .collect();
    if !site_ok {
        return None;
    }
    Some(Council {
        slug: files.dir.slug.clone(),
        site,
        profile,
        budget,
        tax_rates,
        decisions,
        pages,
        services,
        grievances,
        projects,
        documents,
        datasets,
        updated: updated_dates(files),
        media: media_files(files, diags),
        dir: files.dir.dir.clone(),
        shown_dir: files.dir.shown.clone(),
    })
}

/// When each data file was last changed, from the file system.
fn updated_dates(files: &CouncilFiles) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for (name, _) in &files.tables {
        if let Some(date) = crate::fs::modified_date(&files.dir.dir.join(name)) {
            out.insert(name.trim_end_matches(".csv").to_string(), date);
        }
    }
    for (name, _, _) in &files.datasets {
        if let Some(date) =
            crate::fs::modified_date(&files.dir.dir.join(format!("datasets/{name}.csv")))
        {
            out.insert(format!("datasets-{name}"), date);
        }
    }
    out
}

/// Every regular file in `media/` (links are not followed), as `media/<path>`. Files over
/// the size limit are reported and left out.
fn media_files(files: &CouncilFiles, diags: &mut Diagnostics) -> Vec<String> {
    let dir = files.dir.dir.join("media");
    crate::fs::files_below(&dir)
        .into_iter()
        .filter_map(|rel| {
            let name = format!("media/{}", rel.to_string_lossy().replace('\\', "/"));
            if name.split('/').any(|part| part.starts_with('.')) {
                return None;
            }
            match files::check_link(&name, &files.dir.dir) {
                Ok(_) => Some(name),
                Err((message, hint)) => {
                    diags.push(
                        crate::diagnostics::Diagnostic::error(files.dir.shown.join(&name), message)
                            .hint(hint),
                    );
                    None
                }
            }
        })
        .collect()
}
