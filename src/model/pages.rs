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
        let Some((name, lang)) = page_name(file, languages, diags) else {
            continue;
        };
        let Some((front, body)) = front_matter(file, diags) else {
            continue;
        };
        let page = pages.entry(name.to_string()).or_insert_with(|| Page {
            name: name.to_string(),
            title: Text::default(),
            order: 0,
            menu: false,
            bodies: BTreeMap::new(),
            shown: file.shown.clone(),
        });
        page.add(lang, front, body);
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

/// The page a file is for and its language ("" for the default file, `about.md`); `None`
/// when the file name was reported.
fn page_name<'a>(
    file: &'a SourceFile,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Option<(&'a str, &'a str)> {
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
            return None;
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
        return None;
    }
    Some((name, lang))
}

/// The front matter of a page file and the text after it; `None` when either was reported.
fn front_matter<'a>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<(FrontMatter, &'a str)> {
    let fm = markdown::split_or_report(file, diags)?;
    if fm.yaml.trim().is_empty() {
        let empty = FrontMatter {
            title: None,
            order: 0,
            menu: false,
        };
        return Some((empty, fm.body));
    }
    match yaml::parse(fm.yaml, &file.shown, fm.yaml_line_offset) {
        Ok(front) => Some((front, fm.body)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

impl Page {
    /// Adds one language's file: its body, its title (the default file's title map keeps
    /// the translations given so far), and from the default file the order and menu.
    fn add(&mut self, lang: &str, front: FrontMatter, body: &str) {
        if let Some(title) = front.title {
            if lang.is_empty() {
                let translations: Vec<(String, String)> = self
                    .title
                    .languages()
                    .map(|l| (l.to_string(), self.title.get(l, l).text))
                    .collect();
                self.title = title;
                for (l, t) in translations {
                    if self.title.languages().all(|x| x != l) {
                        self.title.set(&l, &t);
                    }
                }
            } else {
                let shown = title.get(lang, lang).text;
                self.title.set(lang, &shown);
            }
        }
        if lang.is_empty() {
            self.order = front.order;
            self.menu = front.menu;
        }
        self.bodies.insert(lang.to_string(), body.to_string());
    }
}
