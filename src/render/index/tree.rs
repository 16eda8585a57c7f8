//! Councils by country, province and district, each province with the file its list is
//! written to, and the ids of the groups on a page.

use super::english;
use super::lang::Words;
use crate::model::CouncilSummary;
use crate::text::{Shown, Text};
use std::collections::BTreeMap;

/// The longest place part of a list's file name.
pub(crate) const MAX_FILE_STEM: usize = 60;

/// A lowercase ASCII slug of `s` (letters and digits, `-` between words).
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

pub(crate) fn text_key(t: Option<&Text>) -> String {
    t.map(|t| t.key("en").to_string()).unwrap_or_default()
}

pub(super) type Tree<'a> =
    BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<&'a CouncilSummary>>>>;

/// A province of the tree with the file its list is written to.
pub(super) struct Province<'a> {
    pub(super) country: String,
    pub(super) file: String,
    /// The council whose names of the province are shown.
    first: Option<&'a CouncilSummary>,
    /// Each district's English name (its anchor) and councils, in name order.
    pub(super) districts: Vec<(Option<String>, Vec<&'a CouncilSummary>)>,
}

impl Province<'_> {
    pub(super) fn count(&self) -> usize {
        self.districts.iter().map(|(_, l)| l.len()).sum()
    }

    /// The province's name in the language of `w`; `None` when its councils give none.
    pub(super) fn name(&self, w: &Words) -> Option<Shown> {
        let c = self.first?;
        c.province.as_ref().map(|p| w.text(p, &c.default_lang))
    }
}

/// The name of the district of `list` (its councils) in the language of `w`.
pub(super) fn district_name(list: &[&CouncilSummary], w: &Words) -> Option<Shown> {
    let c = list.first()?;
    c.district.as_ref().map(|d| w.text(d, &c.default_lang))
}

pub(super) fn sort_councils(list: &mut [&CouncilSummary]) {
    list.sort_by_cached_key(|c| (english(c).to_lowercase(), c.slug.clone()));
}

pub(super) fn provinces(councils: &[CouncilSummary]) -> Vec<Province<'_>> {
    let mut tree: Tree = BTreeMap::new();
    for c in councils {
        tree.entry(c.country.clone())
            .or_default()
            .entry(text_key(c.province.as_ref()))
            .or_default()
            .entry(text_key(c.district.as_ref()))
            .or_default()
            .push(c);
    }
    let mut out = Vec::new();
    for (country, provinces) in tree {
        let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
        for (n, (key, districts)) in provinces.into_iter().enumerate() {
            let prefix = if country.is_empty() {
                "other".to_string()
            } else {
                country.to_lowercase()
            };
            // A province name of any length makes a file name that fits every disk.
            let mut slug = slugify(&key);
            slug.truncate(MAX_FILE_STEM);
            let slug = slug.trim_end_matches('-');
            let mut base = match slug {
                s if s.is_empty() && key.is_empty() => format!("{prefix}-other"),
                "" => format!("{prefix}-{}", n + 1),
                s => format!("{prefix}-{s}"),
            };
            let mut k = 2;
            while used.contains(&base) {
                base = format!("{prefix}-{slug}-{k}");
                k += 1;
            }
            used.insert(base.clone());
            let first = districts.values().flatten().next().copied();
            let districts = districts
                .into_values()
                .map(|mut list| {
                    sort_councils(&mut list);
                    let name = list[0]
                        .district
                        .as_ref()
                        .map(|d| d.get("en", &list[0].default_lang).text);
                    (name, list)
                })
                .collect();
            out.push(Province {
                country: country.clone(),
                file: format!("{base}.html"),
                first,
                districts,
            });
        }
    }
    out
}

pub(super) fn district_id(name: Option<&str>, n: usize) -> String {
    match name.map(slugify).filter(|s| !s.is_empty()) {
        Some(s) => format!("d-{s}"),
        None => format!("d-{}", n + 1),
    }
}

pub(super) fn country_id(code: &str) -> String {
    if code.is_empty() {
        "c-other".into()
    } else {
        format!("c-{}", code.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Sudurpashchim Province"), "sudurpashchim-province");
        assert_eq!(slugify("  Koshi (1) "), "koshi-1");
        assert_eq!(slugify("सुदूरपश्चिम"), "");
    }
}
