//! The pages of the lists too long for one page (see [`split`](super::split)): a
//! province's list by district, an initial's list by country, province and district, each
//! part with the way back up to the list's own page.

use super::initials::{Initial, Letters, initials_nav};
use super::lang::Words;
use super::split::{Body, LIST_LIMIT, Label, Level, Names, Part, split};
use super::tree::Province;
use super::{
    Crumb, IndexPage, IndexView, PageKey, SubLink, Version, country_name, province_heading,
    province_name,
};
use crate::model::CouncilSummary;
use crate::text::Shown;

/// Between the parts of a heading: "Uttar Pradesh, India — Agra — S".
const SEPARATOR: &str = " — ";

/// The lists that are split, by province and by initial in the order of their pages.
pub(super) struct Lists<'a> {
    /// Each province's pages when its list is split.
    pub(super) provinces: Vec<Option<Vec<Part<'a>>>>,
    /// Each initial's pages when its list is split.
    pub(super) letters: Vec<Option<Vec<Part<'a>>>>,
}

impl<'a> Lists<'a> {
    /// Splits the lists longer than [`LIST_LIMIT`]: a province's by district, then by
    /// initial; an initial's by country, province and district; both into numbered parts
    /// last. The names of the unsplit lists are taken first, so they never change.
    pub(super) fn plan(provinces: &[Province<'a>], letters: &Letters<'a>) -> Lists<'a> {
        let mut names = Names::default();
        names.take("index.html");
        for p in provinces {
            names.take(&p.file);
        }
        for i in letters.keys() {
            names.take(&i.file());
        }
        let by_place = [Level::District, Level::Initial, Level::Number];
        let provinces = provinces
            .iter()
            .map(|p| {
                (p.count() > LIST_LIMIT).then(|| {
                    let list = p.districts.iter().flat_map(|(_, l)| l.iter().copied());
                    split(list.collect(), &p.file, &by_place, &mut names)
                })
            })
            .collect();
        let by_name = [
            Level::Country,
            Level::Province,
            Level::District,
            Level::Number,
        ];
        let letters = letters
            .iter()
            .map(|(i, list)| {
                (list.len() > LIST_LIMIT)
                    .then(|| split(list.clone(), &i.file(), &by_name, &mut names))
            })
            .collect();
        Lists { provinces, letters }
    }

    /// Where the index links each district of province `n` (in the order of its
    /// districts) when the province's list is split: the district's own page, or the
    /// province's when it is not split by district. `None`: the province's page lists
    /// them all.
    pub(super) fn district_files(&self, n: usize) -> Option<Vec<String>> {
        let parts = self.provinces.get(n)?.as_ref()?;
        let top = &parts[0];
        match &top.body {
            Body::Links(links) if links.iter().all(|l| matches!(l.0, Label::District(_))) => {
                Some(links.iter().map(|l| l.1.clone()).collect())
            }
            _ => Some(vec![top.file.clone(); 1]),
        }
    }

    /// The pages of a province's split list.
    pub(super) fn province_pages(
        &self,
        v: &Version,
        p: &Province,
        parts: &[Part],
        letters: &Letters,
    ) -> Vec<IndexPage> {
        let (heading, parts_of_heading) = province_heading(&v.w, p);
        let list = SplitList {
            heading: whole(heading, parts_of_heading),
            label: province_name(&v.w, p),
            initial: None,
        };
        parts
            .iter()
            .map(|part| part_page(v, &list, part, letters))
            .collect()
    }

    /// The pages of an initial's split list.
    pub(super) fn initial_pages(
        &self,
        v: &Version,
        initial: &Initial,
        parts: &[Part],
        letters: &Letters,
    ) -> Vec<IndexPage> {
        let heading =
            v.w.tf("index_initial_title", &[("initial", &initial.letter)]);
        let list = SplitList {
            heading: vec![plain(heading)],
            label: plain(initial.letter.clone()),
            initial: Some(initial),
        };
        parts
            .iter()
            .map(|part| part_page(v, &list, part, letters))
            .collect()
    }
}

/// A split list as its pages show it.
struct SplitList<'i> {
    /// The heading of the list's own page, in parts.
    heading: Vec<Shown>,
    /// Its name on the way back from a part.
    label: Shown,
    /// The initial of an initial's list (its entries then name their places).
    initial: Option<&'i Initial>,
}

fn plain(text: impl Into<String>) -> Shown {
    Shown {
        text: text.into(),
        lang: None,
    }
}

/// A heading in parts: `parts` when it has them, else the heading as one part.
fn whole(heading: String, parts: Vec<Shown>) -> Vec<Shown> {
    if parts.is_empty() {
        vec![plain(heading)]
    } else {
        parts
    }
}

/// A part's label in the language of `w`.
fn label(w: &Words, l: &Label) -> Shown {
    let other = || plain(w.t("other_country"));
    let place = |c: &CouncilSummary, t: Option<&crate::text::Text>| {
        t.map_or_else(other, |t| w.text(t, &c.default_lang))
    };
    match l {
        Label::Country(code) => plain(country_name(w.strings, code)),
        Label::Province(c) => place(c, c.province.as_ref()),
        Label::District(c) => place(c, c.district.as_ref()),
        Label::Letter(s) if s.is_empty() => other(),
        Label::Letter(s) => plain(s.clone()),
        Label::Number(n) => plain(w.number(*n)),
    }
}

/// One page of a split list: the councils of a part, or links to the parts below it.
fn part_page(v: &Version, list: &SplitList, part: &Part, letters: &Letters) -> IndexPage {
    let w = &v.w;
    let key = PageKey::List(part.file.clone());
    let root = key.root(v.lang());
    let labels: Vec<Shown> = part.labels.iter().map(|l| label(w, l)).collect();
    let mut heading_parts = list.heading.clone();
    for l in &labels {
        heading_parts.push(plain(SEPARATOR));
        heading_parts.push(l.clone());
    }
    let heading: String = heading_parts.iter().map(|p| p.text.as_str()).collect();
    let trail = part
        .up
        .iter()
        .enumerate()
        .map(|(i, file)| Crumb {
            label: if i == 0 {
                list.label.clone()
            } else {
                labels[i - 1].clone()
            },
            href: file.clone(),
        })
        .collect();
    let (kind, total, councils, links) = match &part.body {
        Body::Councils(cs) => {
            let with_place = list.initial.is_some();
            let entries = cs.iter().map(|c| v.entry(c, root, with_place)).collect();
            ("initial", cs.len(), entries, Vec::new())
        }
        Body::Links(ls) => {
            let links = ls
                .iter()
                .map(|(l, file, n)| SubLink {
                    name: label(w, l),
                    href: file.clone(),
                    count: w.count(*n),
                })
                .collect();
            ("links", ls.iter().map(|l| l.2).sum(), Vec::new(), links)
        }
    };
    let count = w.count(total);
    let description = match list.initial {
        Some(_) => {
            let what: Vec<&str> = std::iter::once(list.label.text.as_str())
                .chain(labels.iter().map(|l| l.text.as_str()))
                .collect();
            w.tf(
                "index_initial_description",
                &[("councils", &count), ("initial", &what.join(SEPARATOR))],
            )
        }
        None => w.tf(
            "index_province_description",
            &[("councils", &count), ("place", &heading)],
        ),
    };
    let marked = heading_parts.iter().any(Shown::is_fallback);
    IndexPage {
        title: heading.clone(),
        description,
        view: IndexView {
            kind,
            heading,
            heading_parts: if marked { heading_parts } else { Vec::new() },
            count,
            back: Some(v.back()),
            trail,
            compare: v.compare(&key),
            initials: initials_nav(letters, &v.lists(&key), list.initial),
            councils,
            links,
            ..IndexView::default()
        },
        key,
    }
}
