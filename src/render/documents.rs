//! The documents library: every paper with its title, date, kind and size, copied into the
//! portal; big files are flagged for readers on mobile data.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::home::HomeLink;
use super::views::{Cell, DataTable, Generic};
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::files::Target;
use crate::text::Shown;

/// Files larger than this are flagged as heavy on mobile data.
const LARGE: u64 = 1024 * 1024;

/// "PDF, 4.2 MB" in the reader's digits.
pub(super) fn describe_file(loc: &crate::render::locale::Locale, path: &str, bytes: u64) -> String {
    let ext = path.rsplit('.').next().unwrap_or("").to_uppercase();
    let size = if bytes >= 1024 * 1024 {
        format!("{} MB", loc.decimal(bytes as f64 / 1_048_576.0, 1))
    } else {
        format!("{} KB", loc.int(bytes.div_ceil(1024)))
    };
    let mut out = if ext.is_empty() || ext.len() > 5 {
        size
    } else {
        format!("{ext}, {size}")
    };
    if bytes > LARGE {
        out.push_str(" — ");
        out.push_str(&loc.t("large_file"));
    }
    out
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let Some(docs) = &emit.council.documents else {
        return Ok(());
    };
    let path = "documents.html";
    let root = emit.root(path);
    let mut table = DataTable::new(
        "documents",
        loc.t("documents"),
        &[
            (loc.t("title"), false),
            (loc.t("date"), false),
            (loc.t("kind"), false),
            (loc.t("size"), false),
        ],
    );
    for d in &docs.items {
        let title = loc.text(&d.title);
        let (href, size) = match &d.target {
            Target::File { path, bytes } => {
                (format!("{root}{path}"), describe_file(loc, path, *bytes))
            }
            Target::Url(url) => (url.clone(), String::new()),
        };
        table.rows.push(vec![
            Cell {
                text: title.text,
                lang: title.lang,
                href: Some(href),
                note: loc.opt_text(d.description.as_ref()).map(|s| s.text),
                ..Cell::default()
            },
            d.date.map_or_else(
                || Cell::text(""),
                |date| Cell {
                    text: loc.date(date),
                    datetime: loc.iso(date),
                    ..Cell::default()
                },
            ),
            Cell::opt(loc.opt_text(d.kind.as_ref())),
            Cell::text(size),
        ]);
    }
    let heading = loc.t("documents");
    let view = Generic {
        heading: Shown {
            text: heading.clone(),
            lang: None,
        },
        tables: vec![table],
        ..Generic::default()
    };
    emit.page(path, "dataset.html", &heading, &view)
}

/// The download: one row per document, a file's size in bytes.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(d) = &council.documents else {
        return Vec::new();
    };
    let (langs, cal) = (cx.langs, cx.cal);
    let mut t = cx.table("documents", "Documents", "documents", "documents.html");
    t.field("file", FieldType::String);
    t.text_fields("title", langs);
    date_fields(&mut t, "date", cal);
    t.text_fields("kind", langs);
    t.text_fields("description", langs);
    t.field("bytes", FieldType::Integer);
    for x in &d.items {
        let (file, bytes) = match &x.target {
            Target::Url(u) => (u.clone(), None),
            Target::File { path, bytes } => (path.clone(), Some(bytes.to_string())),
        };
        let mut row = vec![Some(file)];
        text_cells(&mut row, Some(&x.title), langs);
        date_cells(&mut row, cal, x.date);
        text_cells(&mut row, x.kind.as_ref(), langs);
        text_cells(&mut row, x.description.as_ref(), langs);
        row.push(bytes);
        t.rows.push(row);
    }
    vec![t]
}

/// The home page's link, with how many documents there are.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    let Some(d) = &emit.council.documents else {
        return Vec::new();
    };
    let count = emit.locale.int(d.items.len() as u64);
    vec![HomeLink::keyed(
        emit,
        "documents",
        "documents.html",
        Some(count),
    )]
}
