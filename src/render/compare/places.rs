//! A country with more councils than one table ranks well is compared province by
//! province, and a province with too many district by district: each has its own tables
//! (`in-uttar-pradesh.html`, `in-uttar-pradesh-agra-population.html`), and a province
//! compared by district has a page linking to its districts' tables. Every table's files
//! are given once ([`Names`]): a name whose files are taken gets `-2`, `-3`, ….

use super::columns::Tr;
use super::groups::{Group, Row};
use super::tables::{ROWS_PER_PAGE, file_name};
use crate::model::CouncilSummary;
use crate::render::index::tree::{MAX_FILE_STEM, slugify, text_key};
use std::collections::{BTreeMap, HashSet};

/// The most councils one comparison table ranks (50 pages of 100 in each order): a
/// country with more is compared by province. Nepal's 753 local levels and Bangladesh's
/// 4,540 unions stay one table; India's states and large states' districts are split.
pub(super) const TABLE_LIMIT: usize = 5_000;

/// A province or district a group of councils is limited to, named as `council` names it.
#[derive(Clone, Copy)]
pub(super) struct Place<'a> {
    pub(super) council: &'a CouncilSummary,
    pub(super) district: bool,
}

impl Place<'_> {
    /// The place's name in the language of `s`, falling back as council pages do.
    pub(super) fn name(&self, s: &Tr) -> String {
        let c = self.council;
        let place = if self.district {
            &c.district
        } else {
            &c.province
        };
        match place {
            Some(t) => s.w.text(t, &c.default_lang).text,
            None => s.t("other_country"),
        }
    }
}

/// A province of a country compared by place: its tables (`districts` empty), or a page
/// linking to its districts' tables.
pub(super) struct Province<'a> {
    pub(super) head: Group<'a>,
    pub(super) districts: Vec<Group<'a>>,
}

/// The file names of the comparison pages, each given once.
#[derive(Default)]
pub(super) struct Names(HashSet<String>);

impl Names {
    pub(super) fn take(&mut self, files: impl IntoIterator<Item = String>) {
        self.0.extend(files);
    }

    /// `stem`, or `stem-2`, `stem-3`, … when a file `files(stem)` names is taken; its
    /// files are then taken.
    fn claim(&mut self, stem: &str, files: impl Fn(&str) -> Vec<String>) -> String {
        let mut id = stem.to_string();
        let mut k = 2;
        while files(&id).iter().any(|f| self.0.contains(f)) {
            id = format!("{stem}-{k}");
            k += 1;
        }
        self.0.extend(files(&id));
        id
    }
}

/// The files of a table group with `rows` councils and `id`, sorted by each of `keys`.
pub(super) fn table_files(id: &str, rows: usize, keys: &[String]) -> Vec<String> {
    let pages = rows.div_ceil(ROWS_PER_PAGE).max(1);
    keys.iter()
        .flat_map(|k| (0..pages).map(move |p| file_name(id, k, p)))
        .collect()
}

/// A country's provinces, each with its tables or its districts', when it has more
/// councils than [`TABLE_LIMIT`]; `keys`: the orders of its tables.
pub(super) fn by_place<'a>(
    g: &Group<'a>,
    keys: &[String],
    names: &mut Names,
) -> Option<Vec<Province<'a>>> {
    if g.rows.len() <= TABLE_LIMIT {
        return None;
    }
    let tables = |id: &str, rows: usize| table_files(id, rows, keys);
    let mut out = Vec::new();
    for (n, (key, rows)) in buckets(&g.rows, |c| c.province.as_ref())
        .into_iter()
        .enumerate()
    {
        let place = Place {
            council: rows[0].council,
            district: false,
        };
        let stem = format!("{}-{}", g.id, suffix(&key, n));
        let size = rows.len();
        let mut head = g.within(rows, stem.clone(), place);
        if size <= TABLE_LIMIT {
            head.id = names.claim(&stem, |id| tables(id, size));
            out.push(Province {
                head,
                districts: Vec::new(),
            });
            continue;
        }
        head.id = names.claim(&stem, |id| vec![file_name(id, "", 0)]);
        let mut districts = Vec::new();
        let by_district = buckets(&head.rows, |c| c.district.as_ref());
        for (m, (key, rows)) in by_district.into_iter().enumerate() {
            let place = Place {
                council: rows[0].council,
                district: true,
            };
            let stem = format!("{}-{}", head.id, suffix(&key, m));
            let size = rows.len();
            let mut d = head.within(rows, stem.clone(), place);
            d.id = names.claim(&stem, |id| tables(id, size));
            districts.push(d);
        }
        out.push(Province { head, districts });
    }
    Some(out)
}

/// The rows by the English name of their place (provinces or districts), in order, each
/// in the order of `rows`.
fn buckets<'a>(
    rows: &[Row<'a>],
    place: impl Fn(&'a CouncilSummary) -> Option<&'a crate::text::Text>,
) -> BTreeMap<String, Vec<Row<'a>>> {
    let mut out: BTreeMap<String, Vec<Row<'a>>> = BTreeMap::new();
    for r in rows {
        out.entry(text_key(place(r.council)))
            .or_default()
            .push(r.clone());
    }
    out
}

/// The part of a file name for a place: its name as a slug, `other` for councils that
/// give none, its number when the name has no ASCII letter or digit.
fn suffix(name: &str, n: usize) -> String {
    let mut slug = slugify(name);
    slug.truncate(MAX_FILE_STEM);
    match slug.trim_end_matches('-') {
        "" if name.is_empty() => "other".into(),
        "" => format!("{}", n + 1),
        s => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_whose_files_are_taken_gets_a_number() {
        let keys = ["".to_string(), "population".to_string()];
        let mut names = Names::default();
        names.take(table_files("in-up", 250, &keys));
        assert!(names.0.contains("in-up-population-3.html"));
        // A district named "Population 3" would write over a page of the state's.
        let id = names.claim("in-up-population-3", |id| table_files(id, 10, &keys));
        assert_eq!(id, "in-up-population-3-2");
        assert_eq!(suffix("", 0), "other");
        assert_eq!(suffix("कैलाली", 4), "5");
        assert_eq!(suffix("Agra (Rural)", 0), "agra-rural");
    }
}
