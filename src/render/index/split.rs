//! Lists too long for one page, split into pages of at most [`LIST_LIMIT`] councils: by
//! country, province, district, initial letter, then into numbered parts, each level only
//! where the list is still too long and its councils fall into more than one group. A
//! split list's own page then links to its parts, with counts, and each part has a file
//! of its own named after the list's and the part's (`in-uttar-pradesh-agra.html`,
//! `s-in-uttar-pradesh.html`, `in-uttar-pradesh-agra-s-2.html`).
//!
//! Every file name is given once ([`Names`]): a name already taken gets `-2`, `-3`, …, in
//! an order that depends only on the councils, so the same councils get the same names.

use super::english;
use super::initials::{Initial, Script};
use super::tree::{MAX_FILE_STEM, slugify, text_key};
use crate::model::CouncilSummary;
use std::collections::{BTreeMap, HashSet};

/// The most councils a list page shows; a longer list is split. At about 100 bytes of
/// gzipped HTML per council, a full page stays near 30 KB gzipped on a 2G connection, and
/// the lists of a site of a few hundred councils (a country like Nepal) are not split.
pub(super) const LIST_LIMIT: usize = 300;

/// How a list is split at one level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Level {
    Country,
    Province,
    District,
    /// The initial of the English name.
    Initial,
    /// Runs of [`LIST_LIMIT`] councils in name order.
    Number,
}

/// What a part of a split list is named after, shown in each language.
#[derive(Clone, Debug)]
pub(super) enum Label<'a> {
    /// A country, by code.
    Country(&'a str),
    /// The province of this council.
    Province(&'a CouncilSummary),
    /// The district of this council.
    District(&'a CouncilSummary),
    /// An initial letter; empty for names that begin with none.
    Letter(String),
    /// The number of a part, from 1.
    Number(usize),
}

/// The file names of the lists, each given once.
#[derive(Default)]
pub(super) struct Names(HashSet<String>);

impl Names {
    /// Takes `file` as it is; false when it was taken already.
    pub(super) fn take(&mut self, file: &str) -> bool {
        self.0.insert(file.to_string())
    }

    /// `stem.html`, or `stem-2.html`, `stem-3.html`, … when that is taken.
    pub(super) fn claim(&mut self, stem: &str) -> String {
        let mut name = format!("{stem}.html");
        let mut k = 2;
        while !self.0.insert(name.clone()) {
            name = format!("{stem}-{k}.html");
            k += 1;
        }
        name
    }
}

/// One page of a split list.
#[derive(Debug)]
pub(super) struct Part<'a> {
    pub(super) file: String,
    /// The labels of the parts from the list's own page down to this one (empty for the
    /// list's own page).
    pub(super) labels: Vec<Label<'a>>,
    /// The files of the pages above it, from the list's own page down.
    pub(super) up: Vec<String>,
    pub(super) body: Body<'a>,
}

#[derive(Debug)]
pub(super) enum Body<'a> {
    /// The councils themselves, in name order.
    Councils(Vec<&'a CouncilSummary>),
    /// Links to the parts below: label, file and how many councils each lists.
    Links(Vec<(Label<'a>, String, usize)>),
}

/// The pages of `list` (in name order), whose own page is `file`: that page alone when
/// the list is short, else split by `levels` in turn.
pub(super) fn split<'a>(
    list: Vec<&'a CouncilSummary>,
    file: &str,
    levels: &[Level],
    names: &mut Names,
) -> Vec<Part<'a>> {
    let mut out = Vec::new();
    let top = Part {
        file: file.to_string(),
        labels: Vec::new(),
        up: Vec::new(),
        body: Body::Councils(Vec::new()),
    };
    split_into(list, top, levels, names, &mut out);
    out
}

/// Fills `page` with `list` (or links to its parts) and pushes it and its parts to `out`.
fn split_into<'a>(
    list: Vec<&'a CouncilSummary>,
    mut page: Part<'a>,
    levels: &[Level],
    names: &mut Names,
    out: &mut Vec<Part<'a>>,
) {
    let Some((&level, rest)) = levels.split_first() else {
        page.body = Body::Councils(list);
        out.push(page);
        return;
    };
    if list.len() <= LIST_LIMIT {
        page.body = Body::Councils(list);
        out.push(page);
        return;
    }
    let groups = group(list, level);
    if groups.len() == 1 {
        let (_, _, list) = groups.into_iter().next().expect("one group");
        return split_into(list, page, rest, names, out);
    }
    let stem = page.file.trim_end_matches(".html").to_string();
    let mut below = Vec::new();
    let mut links = Vec::new();
    for (label, suffix, list) in groups {
        let file = names.claim(&format!("{stem}-{suffix}"));
        links.push((label.clone(), file.clone(), list.len()));
        let mut labels = page.labels.clone();
        labels.push(label);
        let mut up = page.up.clone();
        up.push(page.file.clone());
        let part = Part {
            file,
            labels,
            up,
            body: Body::Links(Vec::new()),
        };
        below.push((list, part));
    }
    page.body = Body::Links(links);
    out.push(page);
    for (list, part) in below {
        split_into(list, part, rest, names, out);
    }
}

/// The councils of `list` grouped at `level`, in order, each group with its label and the
/// part of its file name.
fn group<'a>(
    list: Vec<&'a CouncilSummary>,
    level: Level,
) -> Vec<(Label<'a>, String, Vec<&'a CouncilSummary>)> {
    if level == Level::Number {
        return list
            .chunks(LIST_LIMIT)
            .enumerate()
            .map(|(n, chunk)| (Label::Number(n + 1), (n + 1).to_string(), chunk.to_vec()))
            .collect();
    }
    let mut groups: BTreeMap<GroupKey, Vec<&CouncilSummary>> = BTreeMap::new();
    for c in list {
        groups.entry(key(c, level)).or_default().push(c);
    }
    if level == Level::Initial {
        return letter_runs(groups);
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(n, (key, list))| {
            let c = list[0];
            let (label, suffix) = match level {
                Level::Country => (Label::Country(&c.country), place_suffix(&key.name, n)),
                Level::Province => (Label::Province(c), place_suffix(&key.name, n)),
                Level::District => (Label::District(c), place_suffix(&key.name, n)),
                _ => (Label::Letter(key.name.clone()), letter_suffix(&key.name)),
            };
            (label, suffix, list)
        })
        .collect()
}

/// Councils by initial, neighbouring initials together while they fit on one page: "B",
/// or "B–H" (file `b-h`).
fn letter_runs<'a>(
    groups: BTreeMap<GroupKey, Vec<&'a CouncilSummary>>,
) -> Vec<(Label<'a>, String, Vec<&'a CouncilSummary>)> {
    let mut runs: Vec<(String, String, Vec<&CouncilSummary>)> = Vec::new();
    for (key, list) in groups {
        match runs.last_mut() {
            Some(run) if run.2.len() + list.len() <= LIST_LIMIT && !key.name.is_empty() => {
                run.1 = key.name;
                run.2.extend(list);
            }
            _ => runs.push((key.name.clone(), key.name, list)),
        }
    }
    runs.into_iter()
        .map(|(first, last, list)| {
            if first == last {
                (Label::Letter(first.clone()), letter_suffix(&first), list)
            } else {
                let label = Label::Letter(format!("{first}–{last}"));
                let suffix = format!("{}-{}", letter_suffix(&first), letter_suffix(&last));
                (label, suffix, list)
            }
        })
        .collect()
}

/// The key a council is grouped by at a level: a place's English name (or country code),
/// or an initial with its place in the alphabet.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    order: u32,
    name: String,
}

fn key(c: &CouncilSummary, level: Level) -> GroupKey {
    let name = match level {
        Level::Country => c.country.clone(),
        Level::Province => text_key(c.province.as_ref()),
        Level::District => text_key(c.district.as_ref()),
        Level::Initial | Level::Number => {
            return match Initial::of(&english(c), Script::Latin) {
                Some(i) => GroupKey {
                    order: i.order,
                    name: i.letter,
                },
                // Names that begin with no Latin letter come last.
                None => GroupKey {
                    order: u32::MAX,
                    name: String::new(),
                },
            };
        }
    };
    GroupKey { order: 0, name }
}

/// The part of a file name for a place: its name as a slug, `other` for councils that
/// give none, its number when the name has no ASCII letter or digit.
fn place_suffix(name: &str, n: usize) -> String {
    let mut slug = slugify(name);
    slug.truncate(MAX_FILE_STEM);
    let slug = slug.trim_end_matches('-');
    match slug {
        "" if name.is_empty() => "other".into(),
        "" => format!("{}", n + 1),
        s => s.to_string(),
    }
}

/// The part of a file name for an initial: the letter, lowercase, or its code point.
fn letter_suffix(letter: &str) -> String {
    match letter.chars().next() {
        None => "other".into(),
        Some(c) if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
        Some(c) => format!("u{:04x}", c as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn council(slug: &str, name: &str, province: &str, district: &str) -> CouncilSummary {
        CouncilSummary {
            slug: slug.into(),
            name: Text::plain(name),
            kind: None,
            default_lang: "en".into(),
            languages: vec!["en".into()],
            country: "IN".into(),
            province: Some(Text::plain(province)),
            district: Some(Text::plain(district)),
            figures: Default::default(),
            base_url: None,
        }
    }

    #[test]
    fn short_lists_stay_whole_and_names_are_given_once() {
        let cs: Vec<CouncilSummary> = (0..5)
            .map(|n| council(&format!("c{n}"), "Agra", "Uttar Pradesh", "Agra"))
            .collect();
        let mut names = Names::default();
        assert!(names.take("up.html"));
        let parts = split(
            cs.iter().collect(),
            "up.html",
            &[Level::District],
            &mut names,
        );
        assert_eq!(parts.len(), 1);
        assert!(matches!(&parts[0].body, Body::Councils(l) if l.len() == 5));
        assert_eq!(names.claim("up"), "up-2.html");
        assert_eq!(names.claim("up"), "up-3.html");
    }

    #[test]
    fn long_lists_split_by_district_then_initial_then_number() {
        let mut cs = Vec::new();
        for n in 0..(2 * LIST_LIMIT + 10) {
            cs.push(council(
                &format!("a{n:04}"),
                &format!("Aa {n:04}"),
                "UP",
                "Agra",
            ));
        }
        for n in 0..20 {
            cs.push(council(
                &format!("b{n:04}"),
                &format!("Ba {n:04}"),
                "UP",
                "Agra",
            ));
            cs.push(council(
                &format!("c{n:04}"),
                &format!("Ca {n:04}"),
                "UP",
                "Agra",
            ));
            cs.push(council(
                &format!("k{n:04}"),
                &format!("Ka {n:04}"),
                "UP",
                "Kanpur",
            ));
        }
        let mut names = Names::default();
        names.take("in-up.html");
        let levels = [Level::District, Level::Initial, Level::Number];
        let parts = split(cs.iter().collect(), "in-up.html", &levels, &mut names);
        let files: Vec<&str> = parts.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "in-up.html",
                "in-up-agra.html",
                "in-up-agra-a.html",
                "in-up-agra-a-1.html",
                "in-up-agra-a-2.html",
                "in-up-agra-a-3.html",
                "in-up-agra-b-c.html",
                "in-up-kanpur.html"
            ]
        );
        let counts = |p: &Part| match &p.body {
            Body::Councils(l) => vec![l.len()],
            Body::Links(l) => l.iter().map(|x| x.2).collect(),
        };
        assert_eq!(counts(&parts[0]), [2 * LIST_LIMIT + 50, 20]);
        assert_eq!(counts(&parts[1]), [2 * LIST_LIMIT + 10, 40]);
        assert_eq!(counts(&parts[2]), [LIST_LIMIT, LIST_LIMIT, 10]);
        assert_eq!(counts(&parts[4]), [LIST_LIMIT]);
        assert_eq!(
            parts[4].up,
            ["in-up.html", "in-up-agra.html", "in-up-agra-a.html"]
        );
        assert!(matches!(&parts[6].labels[1], Label::Letter(l) if l == "B–C"));
    }
}
