//! The default theme, embedded in the binary, and per-file overrides from `themes/<name>/`.
//!
//! A theme folder may hold any of `templates/<file>.html`, `style.css` and
//! `i18n/<lang>.yaml`; what it does not hold comes from the default theme.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fs;
use std::collections::BTreeMap;
use std::path::Path;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// Interface strings of one language, by key.
pub type Strings = BTreeMap<String, String>;

/// Template files of the default theme.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "menu.html",
    "table.html",
    "home.html",
    "profile.html",
    "budget.html",
    "tax_rates.html",
    "decisions.html",
    "decision.html",
    "page.html",
    "dataset.html",
    "index.html",
    "compare.html",
    "compare_row.html",
);

pub const CSS: &str = include_str!("../../themes/default/style.css");

/// Interface strings shipped with the default theme.
pub const I18N: &[(&str, &str)] = &[
    ("en", include_str!("../../themes/default/i18n/en.yaml")),
    ("ne", include_str!("../../themes/default/i18n/ne.yaml")),
    ("bn", include_str!("../../themes/default/i18n/bn.yaml")),
    ("ur", include_str!("../../themes/default/i18n/ur.yaml")),
    ("hi", include_str!("../../themes/default/i18n/hi.yaml")),
    ("dz", include_str!("../../themes/default/i18n/dz.yaml")),
];

/// A theme's files after overrides are applied.
#[derive(Debug, Clone)]
pub struct ThemeFiles {
    pub name: String,
    pub templates: Vec<(String, String)>,
    pub css: String,
    /// Strings by language, each complete (English fills any gap).
    pub strings: BTreeMap<String, Strings>,
}

impl ThemeFiles {
    pub fn strings(&self, lang: &str) -> &Strings {
        self.strings
            .get(lang)
            .or_else(|| self.strings.get("en"))
            .unwrap_or_else(|| empty_strings())
    }
}

fn empty_strings() -> &'static Strings {
    static EMPTY: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Strings::new)
}

fn parse_strings(source: &str, shown: &Path) -> Result<Strings, Diagnostic> {
    crate::load::yaml::parse::<BTreeMap<String, String>>(source, shown, 0)
}

/// The default theme with `themes/<name>/` laid over it (when `name` is given).
pub fn load(themes_dir: &Path, name: Option<&str>, diags: &mut Diagnostics) -> ThemeFiles {
    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, s)| ((*n).to_string(), (*s).to_string()))
        .collect();
    let mut css = CSS.to_string();
    let mut strings: BTreeMap<String, Strings> = BTreeMap::new();
    for (lang, source) in I18N {
        match parse_strings(source, Path::new(lang)) {
            Ok(s) => {
                strings.insert((*lang).to_string(), s);
            }
            Err(d) => diags.push(d),
        }
    }
    if let Some(name) = name.filter(|n| *n != "default") {
        let dir = themes_dir.join(name);
        if !fs::is_dir(&dir) {
            diags.push(
                Diagnostic::error(&dir, format!("theme {name} does not exist")).hint(
                    "create the folder, or remove theme: from site.yaml to use the default theme",
                ),
            );
        } else {
            overlay(&dir, &mut templates, &mut css, &mut strings, diags);
        }
    }
    let english = strings.get("en").cloned().unwrap_or_default();
    for table in strings.values_mut() {
        for (key, value) in &english {
            table.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    ThemeFiles {
        name: name.unwrap_or("default").to_string(),
        templates,
        css,
        strings,
    }
}

/// A warning for a theme's stylesheet that draws a narrow table's labels from each cell's
/// `data-label` alone (`content:attr(data-label)`, as the default stylesheet did): cells
/// no longer carry it, so its tables would show figures without their headings.
fn old_cell_labels(css: &str, path: &Path) -> Option<Diagnostic> {
    let at = css.match_indices("attr(").find(|(i, _)| {
        let before = css[..*i].trim_end();
        before.ends_with(':') && css[*i + 5..].trim_start().starts_with("data-label")
    })?;
    let (line, column) = crate::diagnostics::line_column(css, at.0);
    Some(
        Diagnostic::warning(
            path,
            "the stylesheet labels table cells from data-label, which cells up to the \
             sixteenth no longer carry: on narrow screens and in print their figures would \
             show without their column's heading",
        )
        .at_source(css, line, column, "attr(data-label)".len())
        .hint(
            "write content:var(--l,attr(data-label)) and copy the .table td:nth-child(N) \
             rules that set --l from themes/default/style.css (docs/content-format.md, Themes)",
        ),
    )
}

fn overlay(
    dir: &Path,
    templates: &mut Vec<(String, String)>,
    css: &mut String,
    strings: &mut BTreeMap<String, Strings>,
    diags: &mut Diagnostics,
) {
    for rel in fs::files_below(dir) {
        let path = dir.join(&rel);
        let rel_name = rel.to_string_lossy().replace('\\', "/");
        let text = match fs::read_text(&path, &path) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if let Some(file) = rel_name.strip_prefix("templates/") {
            match templates.iter_mut().find(|(n, _)| n == file) {
                Some(slot) => slot.1 = text,
                None => templates.push((file.to_string(), text)),
            }
        } else if rel_name == "style.css" {
            if let Some(d) = old_cell_labels(&text, &path) {
                diags.push(d);
            }
            *css = text;
        } else if let Some(lang) = rel_name
            .strip_prefix("i18n/")
            .and_then(|f| f.strip_suffix(".yaml"))
        {
            match parse_strings(&text, &path) {
                Ok(s) => strings.entry(lang.to_string()).or_default().extend(s),
                Err(d) => diags.push(d),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stylesheet_labelling_cells_from_data_label_alone_is_warned_of() {
        let path = std::path::Path::new("themes/mine/style.css");
        let old = ".x{}\n.table td::before{content: attr( data-label);float:left}";
        let d = old_cell_labels(old, path).expect("a warning");
        assert!(!d.is_error());
        assert!(d.headline().contains("data-label"));
        assert_eq!((d.line, d.column), (2, 28));
        // The default stylesheet, and a copy of it, label cells from the table's --l.
        assert!(old_cell_labels(CSS, path).is_none());
        assert!(CSS.contains("content:var(--l,attr(data-label))"));
    }

    #[test]
    fn every_shipped_language_has_every_english_key() {
        let en = parse_strings(I18N[0].1, Path::new("en")).unwrap();
        for (lang, source) in I18N {
            let table = parse_strings(source, Path::new(lang)).unwrap();
            let missing: Vec<&String> = en.keys().filter(|k| !table.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<&String> = table.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
            for (key, value) in &table {
                assert!(!value.trim().is_empty(), "{lang}.{key} is empty");
                let want: Vec<&str> = placeholders(&en[key]);
                assert_eq!(
                    placeholders(value),
                    want,
                    "{lang}.{key} placeholders differ"
                );
            }
        }
    }

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n))
            .collect();
        out.sort_unstable();
        out
    }
}
