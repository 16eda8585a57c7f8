//! The columns of the comparison tables: how each reads a council's figure and shows it.

use super::groups::{Group, Row};
use crate::numbers::NumberFormat;
use crate::render::index::lang::{self, Words};

/// Reads a column's figure from a row; `None` when the council does not report it.
pub(super) type ValueFn<'g> = dyn Fn(&Row) -> Option<f64> + Sync + 'g;

/// A column of a comparison table: how to read its figure and how to show it.
pub(super) struct Column<'g> {
    pub(super) key: String,
    pub(super) label: String,
    pub(super) num: bool,
    pub(super) value: Box<ValueFn<'g>>,
    pub(super) show: Box<dyn Fn(&Row) -> String + Sync + 'g>,
    /// The language of a cell shown in another language than the page's (a place the
    /// council names only in its own); `None` for figures.
    pub(super) lang: Option<Box<LangFn<'g>>>,
}

/// The language a column shows a row's cell in, when it is not the page's.
pub(super) type LangFn<'g> = dyn Fn(&Row) -> Option<String> + Sync + 'g;

/// The words, plural forms and digits of one language of the comparison.
pub(super) struct Tr<'s> {
    pub(super) w: Words<'s>,
}

impl Tr<'_> {
    pub(super) fn t(&self, key: &str) -> String {
        self.w.t(key)
    }

    /// The form of `key` for `count` things in the language (CLDR plural rules).
    pub(super) fn tn(&self, key: &str, count: usize, args: &[(&str, &str)]) -> String {
        self.w.plural(key, count, args)
    }

    /// A currency named in words (`currency_<CODE>`), or its code.
    pub(super) fn currency(&self, code: &str) -> String {
        self.w
            .strings
            .get(&format!("currency_{code}"))
            .cloned()
            .unwrap_or_else(|| code.to_string())
    }

    pub(super) fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.w.tf(key, args)
    }

    /// How the group's figures are written in the language: its digits, the country's
    /// grouping.
    pub(super) fn format(&self, g: &Group) -> NumberFormat {
        self.w.format(g.grouping)
    }

    /// A figure or range kept as one left-to-right unit on a right-to-left page.
    pub(super) fn isolated(&self, s: String) -> String {
        self.w.isolated(s)
    }

    /// A fiscal year or other plain label in the language's digits, isolated.
    pub(super) fn label(&self, s: &str) -> String {
        self.isolated(self.w.format(crate::numbers::Grouping::Western).digits(s))
    }
}

pub(super) const DASH: &str = "—";

/// A row's province and district in `lang`, each falling back as council pages do.
fn place(lang: &str, r: &Row) -> Vec<crate::text::Shown> {
    [r.council.province.as_ref(), r.council.district.as_ref()]
        .into_iter()
        .flatten()
        .map(|t| lang::text(lang, t, &r.council.default_lang))
        .collect()
}

/// The column of a council's province and district, in the language of `s`.
fn place_column<'g>(s: &'g Tr) -> Column<'g> {
    let lang = s.w.lang;
    Column {
        key: String::new(),
        label: s.t("compare_place"),
        num: false,
        value: Box::new(|_| None),
        show: Box::new(move |r: &Row| {
            place(lang, r)
                .into_iter()
                .map(|p| p.text)
                .collect::<Vec<_>>()
                .join(" · ")
        }),
        lang: Some(Box::new(move |r: &Row| {
            // Marked only when every part is in the same other language.
            let parts = place(lang, r);
            let first = parts.first()?.lang.clone()?;
            parts
                .iter()
                .all(|p| p.lang.as_deref() == Some(first.as_str()))
                .then_some(first)
        })),
    }
}

pub(super) fn main_columns<'g>(g: &'g Group, s: &'g Tr) -> Vec<Column<'g>> {
    let f = s.format(g);
    let lang = s.w.lang;
    let pct = move |v: Option<f64>| {
        v.map_or_else(
            || DASH.to_string(),
            |v| lang::isolated(lang, f.percent(v, 1)),
        )
    };
    let of = s.t("compare_projects_value");
    vec![
        place_column(s),
        Column {
            key: "population".into(),
            label: s.t("compare_population"),
            num: true,
            lang: None,
            value: Box::new(|r: &Row| r.population.map(|p| p as f64)),
            show: Box::new(move |r: &Row| {
                r.population.map_or_else(
                    || DASH.to_string(),
                    |p| f.integer(i64::try_from(p).unwrap_or(i64::MAX)),
                )
            }),
        },
        Column {
            key: "per-person".into(),
            label: s.tf(
                "compare_per_person",
                &[("currency", &s.currency(&g.currency))],
            ),
            num: true,
            lang: None,
            value: Box::new(|r: &Row| r.per_person),
            show: Box::new(move |r: &Row| {
                r.per_person.map_or_else(
                    || DASH.to_string(),
                    |v| lang::isolated(lang, f.decimal(v, 0)),
                )
            }),
        },
        Column {
            key: "execution".into(),
            label: s.t("compare_execution"),
            num: true,
            lang: None,
            value: Box::new(|r: &Row| r.execution),
            show: Box::new(move |r: &Row| pct(r.execution)),
        },
        Column {
            key: "complaints".into(),
            label: s.t("compare_sla"),
            num: true,
            lang: None,
            value: Box::new(|r: &Row| r.sla),
            show: Box::new(move |r: &Row| pct(r.sla)),
        },
        Column {
            key: "projects".into(),
            label: s.t("compare_projects"),
            num: true,
            lang: None,
            value: Box::new(|r: &Row| r.projects_completed()),
            show: Box::new(move |r: &Row| {
                r.projects.map_or_else(
                    || DASH.to_string(),
                    |p| {
                        of.replace("{completed}", &f.integer(p.completed as i64))
                            .replace("{total}", &f.integer(p.total as i64))
                    },
                )
            }),
        },
    ]
}

pub(super) fn sector_columns<'g>(g: &'g Group, s: &'g Tr) -> Vec<Column<'g>> {
    let f = s.format(g);
    let lang = s.w.lang;
    g.sectors
        .iter()
        .enumerate()
        .map(|(i, (key, label))| {
            let k1 = key.clone();
            let k2 = key.clone();
            Column {
                key: format!("s{}", i + 1),
                label: label.clone(),
                num: true,
                lang: None,
                value: Box::new(move |r: &Row| r.sector_shares.get(&k1).copied()),
                show: Box::new(move |r: &Row| {
                    r.sector_shares.get(&k2).map_or_else(
                        || DASH.to_string(),
                        |v| lang::isolated(lang, f.percent(*v, 1)),
                    )
                }),
            }
        })
        .collect()
}
