//! Free pages from `pages/<name>.md`.

use super::Emitter;
use super::home::HomeLink;
use super::markdown;
use super::page::NavItem;
use crate::diagnostics::Diagnostic;
use crate::model::Council;
use crate::text::Shown;
use serde::Serialize;

#[derive(Serialize)]
struct PageView {
    heading: Shown,
    html: String,
    lang: Option<String>,
}

/// The menu entries of the free pages that ask for one.
pub(super) fn menu(council: &Council) -> Vec<NavItem> {
    council
        .pages
        .iter()
        .filter(|p| p.menu)
        .map(|page| NavItem::titled(format!("pages/{}.html", page.name), page.title.clone()))
        .collect()
}

pub(super) fn render(emit: &mut Emitter) -> Result<(), Diagnostic> {
    let loc = emit.locale;
    for page in &emit.council.pages {
        let path = format!("pages/{}.html", page.name);
        let root = emit.root(&path);
        let (body, body_lang) = page.body(loc.lang, loc.default_lang);
        if body_lang.is_some() {
            loc.mark_fallback();
        }
        let heading = loc.text(&page.title);
        let view = PageView {
            heading: heading.clone(),
            html: markdown::to_html(body, &root),
            lang: body_lang,
        };
        emit.page(&path, "page.html", &heading.text, &view)?;
    }
    Ok(())
}

/// The home page's links, one per free page.
pub(super) fn home(emit: &Emitter) -> Vec<HomeLink> {
    emit.council
        .pages
        .iter()
        .map(|p| HomeLink {
            label: emit.locale.text(&p.title),
            href: format!("pages/{}.html", p.name),
            figure: None,
        })
        .collect()
}
