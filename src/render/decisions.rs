//! Decisions: one page per fiscal year (`decisions.html` is the latest), newest first, and a
//! page for each decision whose full text exists.

use super::Emitter;
use super::export::{Context, ExportTable, FieldType, date_cells, date_fields, text_cells};
use super::markdown;
use super::views::Cell;
use crate::calendar::FiscalYear;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::model::decisions::{Decision, Decisions};
use crate::model::files::Target;
use crate::text::Shown;
use serde::Serialize;

#[derive(Serialize)]
struct YearLink {
    label: String,
    count: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Row {
    date: Cell,
    reference: String,
    title: Shown,
    href: Option<String>,
    body: Option<Shown>,
    summary: Option<Shown>,
    status: Option<Shown>,
    document: Option<String>,
}

/// The `href` of a decision's document from a page at `path`.
fn document_href(emit: &Emitter, path: &str, d: &Decision) -> Option<String> {
    match d.document.as_ref()? {
        Target::Url(url) => Some(url.clone()),
        Target::File { path: file, .. } => Some(format!("{}{file}", emit.root(path))),
    }
}

#[derive(Serialize)]
struct ListView {
    heading: String,
    years: Vec<YearLink>,
    count: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct DecisionView {
    heading: Shown,
    facts: Vec<(String, Shown)>,
    date: Cell,
    html: String,
    lang: Option<String>,
    back: String,
}

fn year_path(first: Option<FiscalYear>, fy: FiscalYear) -> String {
    if first == Some(fy) {
        "decisions.html".to_string()
    } else {
        format!("decisions-{}.html", fy.slug())
    }
}

fn date_cell(emit: &Emitter, d: &Decision) -> Cell {
    let loc = emit.locale;
    Cell {
        text: loc.date(d.date),
        datetime: loc.iso(d.date),
        note: loc.date_ad(d.date),
        ..Cell::default()
    }
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let Some(decisions) = &emit.council.decisions else {
        return Ok(());
    };
    render_lists(emit, decisions)?;
    let first = decisions.by_fiscal_year().first().map(|(fy, _)| *fy);
    for (i, d) in decisions.items.iter().enumerate() {
        if let (Some(page), Some(text)) = (&d.page, &d.full_text) {
            let rooted = emit.prepared.decision_texts.get(i).and_then(Option::as_ref);
            render_one(emit, d, page, text, rooted, first)?;
        }
    }
    Ok(())
}

fn render_lists(emit: &mut Emitter, decisions: &Decisions) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let groups = decisions.by_fiscal_year();
    let first = groups.first().map(|(fy, _)| *fy);
    let years: Vec<(FiscalYear, String, usize)> = groups
        .iter()
        .map(|(fy, items)| (*fy, year_path(first, *fy), items.len()))
        .collect();
    if groups.is_empty() {
        let view = ListView {
            heading: loc.t("decisions"),
            years: Vec::new(),
            count: loc.tn("decision_count", 0),
            rows: Vec::new(),
        };
        let heading = view.heading.clone();
        return emit.page("decisions.html", "decisions.html", &heading, &view);
    }
    for (fy, items) in &groups {
        let path = year_path(first, *fy);
        let fy_label = loc.fiscal_year(*fy);
        let rows = items
            .iter()
            .filter_map(|&i| decisions.items.get(i))
            .map(|d| Row {
                date: date_cell(emit, d),
                reference: d
                    .reference
                    .as_deref()
                    .map(|r| loc.digits(r))
                    .unwrap_or_default(),
                title: loc.text(&d.title),
                href: d.page.as_ref().map(|p| format!("decisions/{p}.html")),
                body: loc.opt_text(d.body.as_ref()),
                summary: loc.opt_text(d.summary.as_ref()),
                status: loc.opt_text(d.status.as_ref()),
                document: document_href(emit, &path, d),
            })
            .collect();
        let view = ListView {
            heading: loc.tf("decisions_in", &[("year", &fy_label)]),
            years: years
                .iter()
                .map(|(y, href, n)| YearLink {
                    label: loc.fiscal_year(*y),
                    count: loc.int(*n as u64),
                    current: *href == path,
                    href: href.clone(),
                })
                .collect(),
            count: loc.tn("decision_count", items.len() as u64),
            rows,
        };
        let heading = view.heading.clone();
        emit.page(&path, "decisions.html", &heading, &view)?;
    }
    Ok(())
}

/// The page of one decision with its full text: `rooted` is the text already rendered for
/// every language (see [`super::Prepared`]), `first` the newest fiscal year, whose list is
/// `decisions.html`.
fn render_one(
    emit: &mut Emitter,
    d: &Decision,
    page: &str,
    text: &str,
    rooted: Option<&markdown::Rooted>,
    first: Option<FiscalYear>,
) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    let path = format!("decisions/{page}.html");
    let root = emit.root(&path);
    let mut facts = Vec::new();
    if let Some(r) = &d.reference {
        facts.push((
            loc.t("reference"),
            Shown {
                text: loc.digits(r),
                lang: None,
            },
        ));
    }
    if let Some(b) = loc.opt_text(d.body.as_ref()) {
        facts.push((loc.t("decided_by"), b));
    }
    if let Some(s) = loc.opt_text(d.status.as_ref()) {
        facts.push((loc.t("status"), s));
    }
    let title = loc.text(&d.title);
    // Full texts are written in the council's first language.
    let lang = (loc.lang != loc.default_lang).then(|| loc.default_lang.to_string());
    if lang.is_some() {
        loc.mark_fallback();
    }
    let view = DecisionView {
        heading: title.clone(),
        facts,
        date: date_cell(emit, d),
        html: match rooted {
            Some(rooted) => rooted.at(&root),
            None => markdown::to_html(text, &root),
        },
        lang,
        back: emit.href(&path, &year_path(first, d.fiscal_year)),
    };
    emit.page(&path, "decision.html", &title.text, &view)
}

/// The download: one row per decision, its document as a link or a file's path.
pub(super) fn export(council: &Council, cx: &Context) -> Vec<ExportTable> {
    let Some(d) = &council.decisions else {
        return Vec::new();
    };
    let (langs, cal) = (cx.langs, cx.cal);
    let mut t = cx.table("decisions", "Decisions", "decisions", "decisions.html");
    date_fields(&mut t, "date", cal);
    t.field("ref", FieldType::String);
    t.text_fields("title", langs);
    t.text_fields("body", langs);
    t.text_fields("summary", langs);
    t.text_fields("status", langs);
    t.field("document", FieldType::String);
    for x in &d.items {
        let mut row = Vec::new();
        date_cells(&mut row, cal, Some(x.date));
        row.push(x.reference.clone());
        text_cells(&mut row, Some(&x.title), langs);
        text_cells(&mut row, x.body.as_ref(), langs);
        text_cells(&mut row, x.summary.as_ref(), langs);
        text_cells(&mut row, x.status.as_ref(), langs);
        row.push(x.document.as_ref().map(|t| match t {
            Target::Url(u) => u.clone(),
            Target::File { path, .. } => path.clone(),
        }));
        t.rows.push(row);
    }
    t.period = d
        .items
        .last()
        .zip(d.items.first())
        .map(|(a, b)| (a.date.to_string(), b.date.to_string()));
    vec![t]
}
