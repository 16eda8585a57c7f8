//! `pages/<name>.md`: free pages, with optional translations in `pages/<name>.<lang>.md`.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, is_valid_slug, markdown, suggest_slug, yaml};
use crate::text::{Text, is_language_code};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: Option<Text>,
    #[serde(default)]
    order: i32,
    #[serde(default)]
    menu: bool,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub name: String,
    pub title: Text,
    pub order: i32,
    /// Shown in the main navigation as well as on the home page.
    pub menu: bool,
    /// Markdown by language; the key "" is the untranslated file.
    pub bodies: BTreeMap<String, String>,
    /// The first file seen for this page, for messages.
    shown: std::path::PathBuf,
}

impl Page {
    /// The body for `lang`, falling back to the untranslated file, then the default language.
    pub fn body(&self, lang: &str, default_lang: &str) -> (&str, Option<String>) {
        if let Some(b) = self.bodies.get(lang) {
            return (b, None);
        }
        if let Some(b) = self.bodies.get("") {
            return (b, (lang != default_lang).then(|| default_lang.to_string()));
        }
        if let Some(b) = self.bodies.get(default_lang) {
            return (b, Some(default_lang.to_string()));
        }
        match self.bodies.iter().next() {
            Some((l, b)) => (b, Some(l.clone())),
            None => ("", None),
        }
    }
}

pub fn resolve(files: &[SourceFile], languages: &[String], diags: &mut Diagnostics) -> Vec<Page> {
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    for file in files {
        let stem = file
            .name
            .trim_start_matches("pages/")
            .trim_end_matches(".md");
        let (name, lang) = match stem.rsplit_once('.') {
            Some((n, l)) if languages.iter().any(|x| x == l) => (n, l),
            Some((n, l)) if is_language_code(l) => {
                diags.push(
                    Diagnostic::warning(
                        &file.shown,
                        format!("language {l} is not in the council's languages"),
                    )
                    .hint(format!(
                        "add {l} to languages in site.yaml, or rename the file to {n}.md"
                    )),
                );
                continue;
            }
            _ => (stem, ""),
        };
        if !is_valid_slug(name) {
            diags.push(
                Diagnostic::error(&file.shown, format!("\"{name}\" is not a valid page name"))
                    .hint(format!(
                        "rename the file to {}.md (lowercase letters, digits and -, at most 64 of them)",
                        suggest_slug(name)
                    )),
            );
            continue;
        }
        let Some(fm) = markdown::split(&file.text) else {
            diags.push(
                Diagnostic::error(
                    &file.shown,
                    "the front matter opened by --- on line 1 is never closed",
                )
                .at_source(&file.text, 1, 1, 3)
                .hint("end the front matter with a line of three dashes (---) before the text"),
            );
            continue;
        };
        let front: FrontMatter = if fm.yaml.trim().is_empty() {
            FrontMatter {
                title: None,
                order: 0,
                menu: false,
            }
        } else {
            match yaml::parse(fm.yaml, &file.shown, fm.yaml_line_offset) {
                Ok(f) => f,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            }
        };
        let page = pages.entry(name.to_string()).or_insert_with(|| Page {
            name: name.to_string(),
            title: Text::default(),
            order: 0,
            menu: false,
            bodies: BTreeMap::new(),
            shown: file.shown.clone(),
        });
        if let Some(title) = front.title {
            if lang.is_empty() {
                let translations: Vec<(String, String)> = page
                    .title
                    .languages()
                    .map(|l| (l.to_string(), page.title.get(l, l).text))
                    .collect();
                page.title = title;
                for (l, t) in translations {
                    if page.title.languages().all(|x| x != l) {
                        page.title.set(&l, &t);
                    }
                }
            } else {
                let shown = title.get(lang, lang).text;
                page.title.set(lang, &shown);
            }
        }
        if lang.is_empty() {
            page.order = front.order;
            page.menu = front.menu;
        }
        page.bodies.insert(lang.to_string(), fm.body.to_string());
    }
    let mut out: Vec<Page> = pages.into_values().collect();
    for page in &out {
        if page.title.is_empty() {
            diags.push(
                Diagnostic::error(&page.shown, "has no title")
                    .hint("start the file with front matter: ---, title: …, ---"),
            );
        }
    }
    out.retain(|p| !p.title.is_empty());
    out.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.name.cmp(&b.name)));
    out
}
