//! Stage 2, validate and model: turn one council's files into a checked, typed model.
//!
//! One module per kind of file. Each checks its input and reports every problem with its
//! location; the model holds only values that passed, so rendering never meets bad data.

pub mod budget;
pub mod datasets;
pub mod dates;
pub mod decisions;
pub mod disclosure;
pub mod documents;
pub mod files;
pub mod grievances;
pub mod hearings;
pub mod images;
pub mod laws;
pub mod legacy;
pub mod meetings;
pub mod notices;
pub mod pages;
pub mod people;
pub mod profile;
pub mod projects;
pub mod refs;
pub mod services;
pub mod site;
pub mod summary;
pub mod tax_rates;
pub mod tenders;

use crate::diagnostics::Diagnostics;
use crate::load::CouncilFiles;

pub use budget::Budget;
pub use decisions::Decisions;
pub use pages::Page;
pub use profile::Profile;
pub use site::Site;
pub use summary::CouncilSummary;
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
    pub notices: Option<notices::Notices>,
    pub tenders: Option<tenders::Tenders>,
    pub laws: Option<laws::Laws>,
    pub people: Option<people::People>,
    pub hearings: Option<hearings::Hearings>,
    pub disclosure: Option<disclosure::Disclosure>,
    pub meetings: Option<meetings::Meetings>,
    pub datasets: Vec<datasets::Dataset>,
    /// The day each dataset was last updated, in the council's calendar, by the dataset's
    /// download name (`budget`, `datasets-schools`); see [`updated_dates`].
    pub updated: std::collections::BTreeMap<String, crate::calendar::Date>,
    /// Files in `media/` that pages or decision texts show or link to (those that
    /// `documents.csv` and `decisions.csv` link to are in their lists), published as they are.
    pub media: Vec<String>,
    /// The council's folder as shown in messages.
    pub shown_dir: std::path::PathBuf,
}

impl Council {
    /// Every file inside the council folder that the portal links to, sorted, once each.
    pub fn linked_files(&self) -> Vec<String> {
        let mut out: Vec<String> = table_links(self)
            .into_iter()
            .map(|(_, _, path)| path.to_string())
            .collect();
        out.extend(self.media.iter().cloned());
        out.sort();
        out.dedup();
        out
    }
}

/// Every file of the council folder that a table links to (`documents.csv`, and the
/// `document` of decisions, notices and tenders), with the table and the line linking it.
fn table_links(c: &Council) -> Vec<(&'static str, usize, &str)> {
    let documents = c
        .documents
        .iter()
        .flat_map(|d| &d.items)
        .map(|d| ("documents.csv", d.line, Some(&d.target)));
    let decisions = c
        .decisions
        .iter()
        .flat_map(|d| &d.items)
        .map(|d| ("decisions.csv", d.line, d.document.as_ref()));
    let notices = c
        .notices
        .iter()
        .flat_map(|n| &n.items)
        .map(|n| ("notices.csv", n.line, n.document.as_ref()));
    let tenders = c
        .tenders
        .iter()
        .flat_map(|t| &t.items)
        .map(|t| ("tenders.csv", t.line, t.document.as_ref()));
    let laws = c
        .laws
        .iter()
        .flat_map(|l| &l.items)
        .map(|l| ("laws.csv", l.line, l.document.as_ref()));
    let hearings = c
        .hearings
        .iter()
        .flat_map(|h| &h.items)
        .map(|h| ("hearings.csv", h.line, h.report.as_ref()));
    let meetings = c
        .meetings
        .iter()
        .flat_map(|m| &m.items)
        .map(|m| ("meetings.csv", m.line, m.minutes.as_ref()));
    documents
        .chain(decisions)
        .chain(notices)
        .chain(tenders)
        .chain(laws)
        .chain(hearings)
        .chain(meetings)
        .filter_map(|(table, line, target)| Some((table, line, target?.file()?)))
        .collect()
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
    // A site.yaml under another name (`site.yaml.txt`) was reported as an error when read.
    let site_ok = resolved.is_some() && site_file.name == "site.yaml";
    let site = resolved.unwrap_or_else(|| site::lenient(site_file));
    lost_letters(files, &site, diags);
    legacy::check(files, &site, diags);
    let mut council = Council {
        slug: files.dir.slug.clone(),
        profile,
        budget: None,
        tax_rates: None,
        decisions: None,
        pages: Vec::new(),
        services: None,
        grievances: None,
        projects: None,
        documents: None,
        notices: None,
        tenders: None,
        laws: None,
        people: None,
        hearings: None,
        disclosure: None,
        meetings: None,
        datasets: Vec::new(),
        updated: Default::default(),
        media: Vec::new(),
        shown_dir: files.dir.shown.clone(),
        site,
    };
    resolve_kinds(files, &mut council, diags);
    // The files documents.csv and decisions.csv publish: images may show them, and
    // media/ needs no other link to them.
    let links = table_links(&council);
    let listed: std::collections::BTreeSet<&str> = links.iter().map(|(_, _, p)| *p).collect();
    for file in files.pages.iter().chain(&files.decision_texts) {
        images::check(file, &files.listing, &listed, diags);
    }
    let media = linked_media(files, &council, &listed, diags);
    council.media = media;
    case_collisions(&table_links(&council), &council.media, files, diags);
    if !site_ok {
        return None;
    }
    council.updated = updated_dates(
        &council.site,
        council.decisions.as_ref(),
        council.documents.as_ref(),
        &council.datasets,
    );
    Some(council)
}

/// A warning for each table of a council writing in a script of its own whose letters look
/// lost to a legacy font (see [`crate::load::Table::lost_letters`]).
fn lost_letters(files: &CouncilFiles, site: &Site, diags: &mut Diagnostics) {
    if !site
        .languages
        .iter()
        .any(|l| crate::text::has_own_script(l))
    {
        return;
    }
    let tables = files.tables.iter().map(|(_, t)| t);
    for table in tables.chain(files.datasets.iter().map(|(_, t, _)| t)) {
        if let Some(d) = table.lost_letters() {
            diags.push(d);
        }
    }
}

/// Reads every kind of dataset of the council into its field, each file checked on its own.
fn resolve_kinds(files: &CouncilFiles, council: &mut Council, diags: &mut Diagnostics) {
    let site = &council.site;
    let lang = site.default_lang().to_string();
    let dating = dates::Dating::of(site);
    // A file with only its header row (as `khula new` writes them) has its header checked
    // and makes no page, download or menu entry: there is nothing to show.
    let table = |name| files.table(name);
    council.budget =
        table("budget.csv").and_then(|t| with_rows(t, budget::resolve(t, &lang, &dating, diags)));
    council.tax_rates = table("tax-rates.csv")
        .and_then(|t| with_rows(t, tax_rates::resolve(t, &lang, &dating, diags)));
    council.decisions = match table("decisions.csv") {
        Some(t) => with_rows(
            t,
            decisions::resolve(t, &files.decision_texts, &files.listing, &dating, diags),
        ),
        None => {
            unlisted_decision_texts(files, diags);
            None
        }
    };
    council.pages = pages::resolve(&files.pages, &site.languages, diags);
    council.services = table("services.csv")
        .and_then(|t| with_rows(t, services::resolve(t, &site.languages, diags)));
    council.grievances = table("grievances.csv")
        .and_then(|t| with_rows(t, grievances::resolve(t, &lang, &dating, diags)));
    council.projects =
        table("projects.csv").and_then(|t| with_rows(t, projects::resolve(t, &dating, diags)));
    council.documents = table("documents.csv")
        .and_then(|t| with_rows(t, documents::resolve(t, &files.listing, &dating, diags)));
    council.notices = table("notices.csv")
        .and_then(|t| with_rows(t, notices::resolve(t, &files.listing, &dating, diags)));
    council.tenders = table("tenders.csv")
        .and_then(|t| with_rows(t, tenders::resolve(t, &files.listing, &dating, diags)));
    council.laws = table("laws.csv")
        .and_then(|t| with_rows(t, laws::resolve(t, &files.listing, &dating, diags)));
    let law_texts = council
        .laws
        .iter()
        .flat_map(|l| &l.items)
        .filter_map(|l| Some((l.line, format!("law {}", l.reference), l.text.as_ref()?)));
    laws::check_texts(
        law_texts,
        &council.pages,
        &files.dir.shown.join("laws.csv"),
        diags,
    );
    let notice_texts = council
        .notices
        .iter()
        .flat_map(|n| &n.items)
        .filter_map(|n| Some((n.line, "the notice".to_string(), n.text.as_ref()?)));
    laws::check_texts(
        notice_texts,
        &council.pages,
        &files.dir.shown.join("notices.csv"),
        diags,
    );
    council.people =
        table("people.csv").and_then(|t| with_rows(t, people::resolve(t, &dating, diags)));
    council.hearings = table("hearings.csv")
        .and_then(|t| with_rows(t, hearings::resolve(t, &files.listing, &dating, diags)));
    council.disclosure =
        table("disclosure.csv").and_then(|t| with_rows(t, disclosure::resolve(t, &dating, diags)));
    council.meetings = table("meetings.csv")
        .and_then(|t| with_rows(t, meetings::resolve(t, &files.listing, &dating, diags)));
    unknown_projects(files, council, diags);
    council.datasets = files
        .datasets
        .iter()
        .filter_map(|(name, table, meta)| {
            with_rows(
                table,
                datasets::resolve(name, table, meta.as_ref(), site.calendar, diags),
            )
        })
        .collect();
}

/// The model of a table that has rows; `None` for one with only its header row.
fn with_rows<T>(table: &crate::load::Table, model: Option<T>) -> Option<T> {
    model.filter(|_| !table.is_empty())
}

/// A warning on each tender whose `project` names no project of `projects.csv`: the
/// tender's page could not link it.
fn unknown_projects(files: &CouncilFiles, council: &Council, diags: &mut Diagnostics) {
    let lang = council.site.default_lang();
    let known: std::collections::BTreeSet<&str> = council
        .projects
        .iter()
        .flat_map(|p| &p.items)
        .map(|p| p.name.key(lang).trim())
        .collect();
    for t in council.tenders.iter().flat_map(|t| &t.items) {
        let Some(project) = &t.project else { continue };
        let name = project.key(lang).trim();
        if !known.contains(name) {
            diags.push(
                crate::diagnostics::Diagnostic::warning(
                    files.dir.shown.join("tenders.csv"),
                    format!("project \"{name}\" is not a project of projects.csv"),
                )
                .at(t.line, 1)
                .hint("write the project's name exactly as in the project column of projects.csv, or leave the cell empty"),
            );
        }
    }
}

/// A warning on each decision text when there is no decisions.csv to list it.
fn unlisted_decision_texts(files: &CouncilFiles, diags: &mut Diagnostics) {
    for file in &files.decision_texts {
        diags.push(
            crate::diagnostics::Diagnostic::warning(
                &file.shown,
                "there is no decisions.csv to list this decision",
            )
            .hint("add decisions.csv with a row whose ref matches this file"),
        );
    }
}

/// The files of `media/` that the council's pages and decision texts show or link to.
fn linked_media(
    files: &CouncilFiles,
    council: &Council,
    listed: &std::collections::BTreeSet<&str>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let texts = council
        .decisions
        .iter()
        .flat_map(|d: &Decisions| d.items.iter().filter_map(|x| x.full_text.as_deref()));
    let markdown: Vec<&str> = council
        .pages
        .iter()
        .flat_map(|p: &Page| p.bodies.values().map(String::as_str))
        .chain(texts)
        .collect();
    media_files(files, &markdown, listed, diags)
}

/// The day each dataset was last updated, in the council's calendar, by its download name
/// (`budget`, `datasets-schools`); only from the content, never from the files' times. It is
/// `updated:` in site.yaml (fixed files) or in `datasets/<name>.yaml`; failing that, the
/// newest date of `decisions.csv` or `documents.csv`. The other files' rows are fiscal
/// years, months or planned days, not days the data changed: without `updated:` they show
/// no date.
fn updated_dates(
    site: &Site,
    decisions: Option<&Decisions>,
    documents: Option<&documents::Documents>,
    datasets: &[datasets::Dataset],
) -> std::collections::BTreeMap<String, crate::calendar::Date> {
    let mut out = std::collections::BTreeMap::new();
    if let Some(date) = decisions.and_then(|d| d.items.iter().map(|x| x.date).max()) {
        out.insert("decisions".to_string(), date);
    }
    if let Some(date) = documents.and_then(|d| d.items.iter().filter_map(|x| x.date).max()) {
        out.insert("documents".to_string(), date);
    }
    for (name, date) in &site.updated {
        out.insert(name.clone(), *date);
    }
    for ds in datasets {
        if let Some(date) = ds.updated {
            out.insert(format!("datasets-{}", ds.name), date);
        }
    }
    out
}

/// The files of `media/` that something links to, checked (see [`files::check_file`]): a
/// markdown page or decision text that shows or links it (`![map](/media/map.png)`), and
/// the files `documents.csv` and `decisions.csv` link to are published through their own
/// lists. Any other file in `media/` is not published, and a warning says so.
fn media_files(
    files: &CouncilFiles,
    markdown: &[&str],
    listed: &std::collections::BTreeSet<&str>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    let present: Vec<&str> = files.listing.plain_files_in("media").collect();
    if present.is_empty() {
        return Vec::new();
    }
    let mut shown: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for text in markdown {
        shown.extend(media_references(text));
    }
    let mut out = Vec::new();
    for name in present {
        if listed.contains(name) {
            continue;
        }
        if !shown.contains(name) {
            diags.push(
                crate::diagnostics::Diagnostic::warning(
                    files.dir.shown.join(name),
                    "is not published: no page, documents.csv or decisions.csv links to it",
                )
                .hint("link to it (e.g. ![map](/media/map.png) in a page), or remove it"),
            );
            continue;
        }
        match files::normalise(name).and_then(|path| files::check_file(&path, &files.listing)) {
            Ok(files::Target::File { path, .. }) => out.push(path),
            Ok(files::Target::Url(_)) => {}
            Err((message, hint)) => diags.push(
                crate::diagnostics::Diagnostic::error(files.dir.shown.join(name), message)
                    .hint(hint),
            ),
        }
    }
    out
}

/// The `media/…` paths a markdown text points at, in links, images or HTML attributes,
/// with `%XX` escapes decoded and normalised as links are (see [`files::normalise`]).
fn media_references(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices("media/") {
        // The path starts the address: after `(`, `<`, a quote or `=`, maybe with `/` or `./`.
        let mut start = i;
        while start > 0 && matches!(bytes[start - 1], b'/' | b'.') {
            start -= 1;
        }
        if start > 0 && !matches!(bytes[start - 1], b'(' | b'<' | b'"' | b'\'' | b'=' | b' ') {
            continue;
        }
        let end = text[i..]
            .find(|c: char| {
                c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>' | '#' | '?')
            })
            .map_or(text.len(), |n| i + n);
        let raw = &text[i..end];
        let decoded = crate::text::percent_decode(raw).unwrap_or_else(|| raw.to_string());
        if let Ok(path) = files::normalise(&decoded) {
            out.push(path);
        }
    }
    out
}

/// Two published files whose paths differ only in capital letters are one file on a FAT
/// or exFAT USB stick, and on Windows and macOS: an error at the second link.
fn case_collisions(
    links: &[(&str, usize, &str)],
    media: &[String],
    files: &CouncilFiles,
    diags: &mut Diagnostics,
) {
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut clash = |path: &str, at: crate::diagnostics::Diagnostic| {
        let folded = path.to_lowercase();
        match seen.get(&folded) {
            Some(first) if first != path => diags.push(at.hint(format!(
                "{first} is also published, and on a USB stick or Windows the two are one \
                     file; rename one of them"
            ))),
            Some(_) => {}
            None => {
                seen.insert(folded, path.to_string());
            }
        }
    };
    let message =
        |path: &str| format!("{path} differs from another published file only in capital letters");
    for (table, line, path) in links {
        let at = crate::diagnostics::Diagnostic::error(files.dir.shown.join(table), message(path))
            .at(*line, 1);
        clash(path, at);
    }
    for path in media {
        let at = crate::diagnostics::Diagnostic::error(files.dir.shown.join(path), message(path));
        clash(path, at);
    }
}
