//! View types shared by the page kinds: what templates see. All values are finished text.

use crate::text::Shown;
use serde::Serialize;

/// One table cell. `lang` marks text in another language than the page. Fields that are
/// absent (or `num` when false) are left out of what templates see: most cells are plain
/// text, and a smaller value is quicker to build and to look up, cell after cell.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Cell {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Right-aligned figure.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub num: bool,
    /// Machine-readable form (ISO date) for a `<time>` element.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub datetime: Option<String>,
    /// Second line in smaller type (e.g. an AD date, a sum in words).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A percentage drawn as a progress bar before the text (the text says the figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<u8>,
    /// A status class drawing a shape beside the word (`met`, `risk`, `missed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            ..Cell::default()
        }
    }

    pub fn shown(s: Shown) -> Cell {
        Cell {
            text: s.text,
            lang: s.lang,
            ..Cell::default()
        }
    }

    pub fn opt(s: Option<Shown>) -> Cell {
        s.map_or_else(|| Cell::text(""), Cell::shown)
    }

    pub fn num(s: impl Into<String>) -> Cell {
        Cell {
            text: s.into(),
            num: true,
            ..Cell::default()
        }
    }

    pub fn link(mut self, href: impl Into<String>) -> Cell {
        self.href = Some(href.into());
        self
    }

    pub fn note(mut self, note: Option<String>) -> Cell {
        self.note = note;
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ColumnHead {
    pub label: String,
    pub num: bool,
}

/// A data table with a caption, column headers and optional totals.
/// The first cell of each row is its row header.
#[derive(Debug, Clone, Serialize)]
pub struct DataTable {
    pub id: String,
    pub caption: String,
    pub columns: Vec<ColumnHead>,
    pub rows: Vec<Vec<Cell>>,
    pub foot: Vec<Vec<Cell>>,
}

impl DataTable {
    pub fn new(id: &str, caption: impl Into<String>, columns: &[(String, bool)]) -> Self {
        DataTable {
            id: id.to_string(),
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|(label, num)| ColumnHead {
                    label: label.clone(),
                    num: *num,
                })
                .collect(),
            rows: Vec::new(),
            foot: Vec::new(),
        }
    }
}

/// A label and a finished value, for definition lists ("Population: 2,04,788").
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub note: Option<String>,
}

/// A link with its label, for menus and lists.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: Shown,
    pub href: String,
    pub current: bool,
}

/// A way to reach the council: label, value and an optional `tel:`/`mailto:` link.
#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub label: String,
    pub value: Shown,
    pub href: Option<String>,
}

/// A titled block of facts and an optional checklist (a service, a ward office).
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub heading: Shown,
    pub facts: Vec<Channel>,
    pub checklist_label: String,
    pub checklist: Vec<Shown>,
}

/// The view of the generic `dataset.html` template, used by most dataset pages.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Generic {
    pub heading: Shown,
    pub intro: Vec<String>,
    pub links_label: String,
    pub links: Vec<Link>,
    pub figures: Vec<Figure>,
    pub notes: Vec<String>,
    pub chart: Option<String>,
    pub sections: Vec<Section>,
    pub tables: Vec<DataTable>,
}
