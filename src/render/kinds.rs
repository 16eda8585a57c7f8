//! Every kind of dataset a portal shows, in one list. A kind is one unit: its model
//! (`model::<kind>`), its pages, downloads and their metadata (`render::<kind>`), its
//! templates, and one entry here. The order of the list is the order of the pages, of the
//! links on the home page, of the downloads (and so of the Data page, `datapackage.json`
//! and `catalog.jsonld`) and of the menu entries.

use super::export::{Context, ExportTable};
use super::home::HomeLink;
use super::page::NavItem;
use super::{
    Emitter, budget, datasets, decisions, disclosure, documents, grievances, hearings, laws,
    meetings, notices, pages, people, profile, projects, services, tax_rates, tenders,
};
use crate::diagnostics::Diagnostic;
use crate::model::Council;

/// One kind of dataset as the portal shows it.
pub(super) struct Kind {
    /// Where a council folder holds it: a file (`budget.csv`) or a folder (`pages/`).
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "names the kind in this list; tests check it")
    )]
    pub source: &'static str,
    /// Whether the council has it; its menu entry is shown only then.
    pub has: fn(&Council) -> bool,
    pub menu: Menu,
    /// Writes its pages in one language; makes none for a council without the kind.
    pub render: fn(&mut Emitter) -> Result<(), Diagnostic>,
    /// Its links on the home page, each with its key figure; none for a council without
    /// the kind.
    pub home: fn(&Emitter) -> Vec<HomeLink>,
    /// Its downloads, each a table written as CSV and JSON with a Table Schema; none for a
    /// council without the kind.
    pub export: fn(&Council, &Context) -> Vec<ExportTable>,
}

/// A kind's place in the main menu. Home comes first and Data after the sections.
pub(super) enum Menu {
    /// No entry of its own.
    None,
    /// One entry, shown when the council has the kind.
    Entry {
        /// The interface string of its label, also naming its icon.
        key: &'static str,
        /// Its page, relative to a language folder.
        page: &'static str,
        /// Other pages whose path starts with this belong to the entry (`budget-2080-81.html`).
        section: Option<&'static str>,
        place: Place,
    },
    /// Entries made from the content (free pages that ask for a place in the menu), after Data.
    Content(fn(&Council) -> Vec<NavItem>),
}

/// Where an entry sits in the main menu.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Among the sections, between Home and Data.
    Sections,
    /// After Data, at the end of the menu.
    End,
}

const fn entry(key: &'static str, page: &'static str, section: Option<&'static str>) -> Menu {
    Menu::Entry {
        key,
        page,
        section,
        place: Place::Sections,
    }
}

/// Every kind, in the order of the pages, home page links, downloads and menu entries.
pub(super) const KINDS: &[Kind] = &[
    Kind {
        source: "profile.yaml",
        has: |c| c.profile.is_some(),
        menu: entry("profile", "profile.html", None),
        render: profile::render,
        home: no_links,
        export: none,
    },
    Kind {
        source: "budget.csv",
        has: |c| c.budget.is_some(),
        menu: entry("budget", "budget.html", Some("budget")),
        render: budget::render,
        home: no_links,
        export: budget::export,
    },
    Kind {
        source: "tax-rates.csv",
        has: |c| c.tax_rates.is_some(),
        menu: entry("tax_rates", "tax-rates.html", None),
        render: tax_rates::render,
        home: no_links,
        export: tax_rates::export,
    },
    Kind {
        source: "decisions.csv",
        has: |c| c.decisions.is_some(),
        menu: entry("decisions", "decisions.html", Some("decisions")),
        render: decisions::render,
        home: no_links,
        export: decisions::export,
    },
    Kind {
        source: "services.csv",
        has: |c| c.services.is_some(),
        menu: entry("services", "services.html", Some("services")),
        render: services::render,
        home: services::home,
        export: services::export,
    },
    Kind {
        source: "grievances.csv",
        // How to complain is one tap away wherever the council says how: the page lists
        // the ways to complain even without figures.
        has: grievances::has_page,
        menu: Menu::Entry {
            key: "complaints",
            page: "complaints.html",
            section: None,
            place: Place::End,
        },
        render: grievances::render,
        home: grievances::home,
        export: grievances::export,
    },
    Kind {
        source: "projects.csv",
        has: |c| c.projects.is_some(),
        menu: entry("projects", "projects.html", None),
        render: projects::render,
        home: projects::home,
        export: projects::export,
    },
    Kind {
        source: "documents.csv",
        has: |c| c.documents.is_some(),
        menu: entry("documents", "documents.html", None),
        render: documents::render,
        home: documents::home,
        export: documents::export,
    },
    Kind {
        source: "notices.csv",
        has: |c| c.notices.is_some(),
        menu: entry("notices", "notices.html", None),
        render: notices::render,
        home: notices::home,
        export: notices::export,
    },
    Kind {
        source: "tenders.csv",
        has: |c| c.tenders.is_some(),
        menu: entry("tenders", "tenders.html", Some("tenders")),
        render: tenders::render,
        home: tenders::home,
        export: tenders::export,
    },
    Kind {
        source: "laws.csv",
        has: |c| c.laws.is_some(),
        menu: entry("laws", "laws.html", Some("laws")),
        render: laws::render,
        home: laws::home,
        export: laws::export,
    },
    Kind {
        source: "people.csv",
        has: |c| c.people.is_some(),
        menu: entry("people", "people.html", None),
        render: people::render,
        home: people::home,
        export: people::export,
    },
    Kind {
        source: "meetings.csv",
        has: |c| c.meetings.is_some(),
        menu: entry("meetings", "meetings.html", None),
        render: meetings::render,
        home: meetings::home,
        export: meetings::export,
    },
    Kind {
        source: "hearings.csv",
        has: |c| c.hearings.is_some(),
        menu: entry("hearings", "hearings.html", None),
        render: hearings::render,
        home: hearings::home,
        export: hearings::export,
    },
    Kind {
        source: "disclosure.csv",
        has: |c| c.disclosure.is_some(),
        menu: entry("disclosure", "disclosure.html", Some("disclosure")),
        render: disclosure::render,
        home: disclosure::home,
        export: disclosure::export,
    },
    Kind {
        source: "datasets/",
        has: |c| !c.datasets.is_empty(),
        menu: Menu::None,
        render: datasets::render,
        home: datasets::home,
        export: datasets::export,
    },
    Kind {
        source: "pages/",
        has: |c| !c.pages.is_empty(),
        menu: Menu::Content(pages::menu),
        render: pages::render,
        home: pages::home,
        export: none,
    },
];

impl Kind {
    /// Its entries in the main menu at `place`, for `council`.
    pub(super) fn menu_items(&self, council: &Council, place: Place) -> Vec<NavItem> {
        match self.menu {
            Menu::Entry {
                key,
                page,
                section,
                place: at,
            } if at == place && (self.has)(council) => vec![NavItem::keyed(key, page, section)],
            Menu::Content(items) if place == Place::End => items(council),
            _ => Vec::new(),
        }
    }
}

/// The home page links of a kind shown there in its own way, or not at all.
fn no_links(_: &Emitter) -> Vec<HomeLink> {
    Vec::new()
}

/// The export of a kind without downloads.
fn none(_: &Council, _: &Context) -> Vec<ExportTable> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use std::path::Path;

    /// A council of the samples in `content/`, resolved.
    fn sample(slug: &str) -> Council {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut diags = Diagnostics::new();
        let dirs = crate::load::discover(&content, &content, &mut diags).unwrap();
        let dir = dirs.iter().find(|d| d.slug == slug).unwrap();
        let files = crate::load::read_council(dir, &mut diags);
        crate::model::resolve(&files, &mut diags).unwrap()
    }

    #[test]
    fn menu_entries_and_downloads_follow_the_list() {
        let council = sample("dhangadhi");
        let paths = |place| -> Vec<String> {
            KINDS
                .iter()
                .flat_map(|k| k.menu_items(&council, place))
                .map(|item| item.path)
                .collect()
        };
        assert_eq!(
            paths(Place::Sections),
            [
                "profile.html",
                "budget.html",
                "tax-rates.html",
                "decisions.html",
                "services.html",
                "projects.html",
                "documents.html",
                "notices.html",
                "tenders.html",
                "laws.html",
                "people.html",
                "meetings.html",
                "hearings.html",
                "disclosure.html",
            ]
        );
        let end = paths(Place::End);
        assert_eq!(end[0], "complaints.html");
        assert!(end[1..].iter().all(|p| p.starts_with("pages/")), "{end:?}");
        let strings = crate::render::locale::Strings::new();
        let names: Vec<String> = super::super::export::tables(&council, &strings)
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(
            names,
            [
                "budget",
                "tax-rates",
                "decisions",
                "services",
                "grievances",
                "projects",
                "documents",
                "notices",
                "tenders",
                "laws",
                "people",
                "meetings",
                "hearings",
                "disclosure",
                "datasets-schools",
            ]
        );
    }

    #[test]
    fn every_fixed_file_of_the_content_format_is_a_kind() {
        for file in crate::load::CSV_FILES {
            assert!(
                KINDS.iter().any(|k| k.source == file),
                "{file} has no entry in KINDS"
            );
        }
    }
}
