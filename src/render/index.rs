//! The top-level `index.html` listing every council built, by country, province and
//! district with counts, and the lists under `councils/`: one page per province and one per
//! initial letter in each script the names are written in (A–Z from the English names,
//! Devanagari, Bengali, Arabic and Tibetan from the councils' own names). Every list is a
//! plain page, so finding a council needs no script.

mod initials;
mod tree;

use super::locale::{Strings, autonym};
use super::{CompiledTheme, Output, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use crate::text::Shown;
use initials::{Initial, Letters, initials_nav, letters};
use rayon::prelude::*;
use serde::Serialize;
use tree::{Province, country_id, district_id, provinces};

/// The folder of the province and initial-letter lists in the output.
pub const FOLDER: &str = "councils";

/// Up to this many councils are listed on the index itself; beyond, it links to the lists.
const INLINE_LIMIT: usize = 60;

/// The council's name in English, or in its own language when it has no English name.
pub(crate) fn english(c: &CouncilSummary) -> String {
    c.name.get("en", &c.default_lang).text
}

pub(crate) fn country_name(strings: &Strings, code: &str) -> String {
    strings
        .get(&format!("country_{code}"))
        .cloned()
        .unwrap_or_else(|| {
            if code.is_empty() {
                strings
                    .get("other_country")
                    .cloned()
                    .unwrap_or_else(|| "Other".into())
            } else {
                code.to_string()
            }
        })
}

// ---------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------

#[derive(Serialize, Default)]
struct IndexView {
    /// "home", "province" or "initial".
    kind: &'static str,
    heading: String,
    count: String,
    back: Option<String>,
    compare: Option<String>,
    initials: Vec<ScriptNav>,
    countries: Vec<CountryGroup>,
    districts: Vec<DistrictGroup>,
    councils: Vec<Entry>,
}

#[derive(Serialize)]
struct ScriptNav {
    label: &'static str,
    lang: &'static str,
    dir: &'static str,
    letters: Vec<Letter>,
}

#[derive(Serialize)]
struct Letter {
    letter: String,
    href: String,
    count: usize,
    current: bool,
}

#[derive(Serialize)]
struct CountryGroup {
    name: String,
    id: String,
    count: String,
    provinces: Vec<ProvinceGroup>,
}

#[derive(Serialize)]
struct ProvinceGroup {
    name: Option<Shown>,
    href: String,
    count: String,
    districts: Vec<DistrictGroup>,
}

#[derive(Serialize)]
struct DistrictGroup {
    name: Option<String>,
    id: String,
    href: String,
    count: String,
    councils: Vec<Entry>,
}

#[derive(Serialize, Clone)]
struct Entry {
    href: String,
    name: Shown,
    english: Option<String>,
    detail: Option<Shown>,
    languages: String,
}

#[derive(Serialize)]
struct IndexLayout {
    lang: &'static str,
    dir: &'static str,
    title: String,
    css: String,
}

fn entry(c: &CouncilSummary, root: &str, with_place: bool) -> Entry {
    let own = c.name.get(&c.default_lang, &c.default_lang);
    let english = c.name.get("en", &c.default_lang);
    let mut detail_parts: Vec<String> = [c.kind.as_ref(), c.district.as_ref()]
        .into_iter()
        .flatten()
        .map(|x| x.get("en", &c.default_lang).text)
        .collect();
    if with_place {
        detail_parts.extend(
            c.province
                .as_ref()
                .map(|p| p.get("en", &c.default_lang).text),
        );
    }
    Entry {
        href: format!("{root}{}/index.html", c.slug),
        name: Shown {
            lang: (c.default_lang != "en").then(|| c.default_lang.clone()),
            text: own.text.clone(),
        },
        english: (english.lang.is_none() && english.text != own.text).then_some(english.text),
        detail: (!detail_parts.is_empty()).then(|| Shown {
            text: detail_parts.join(", "),
            lang: None,
        }),
        languages: c
            .languages
            .iter()
            .map(|l| autonym(l).to_string())
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

impl Renderer {
    /// The site index, its lists and its stylesheet, in English with each council's own
    /// name beside it; on a mirror also the site's sitemaps and `robots.txt`.
    pub fn render_index(&self, councils: &[CouncilSummary]) -> Result<Vec<Output>, Diagnostic> {
        let mut outputs = render_index(self.theme(None), councils)?;
        if let Some(mirror) = &self.options.base_url {
            let slugs: Vec<&str> = councils.iter().map(|c| c.slug.as_str()).collect();
            let maps = super::feeds::site_maps(mirror, &slugs, &outputs);
            outputs.extend(maps);
        }
        Ok(outputs)
    }
}

/// The English interface strings of the lists.
struct Words<'s>(&'s Strings);

impl Words<'_> {
    fn t(&self, key: &str) -> String {
        self.0.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// "1 council", "12 councils": English plural forms, as the lists are in English.
    fn count(&self, n: usize) -> String {
        let rules = super::locale::plural_rules("en");
        let key = super::locale::plural_key(self.0, rules.as_ref(), "councils_count", n as u64);
        self.t(&key).replace("{count}", &n.to_string())
    }
}

/// One page of the lists before it is rendered.
struct IndexPage {
    path: String,
    /// The way from the page to the output root: "" or "../".
    root: &'static str,
    title: String,
    view: IndexView,
}

/// The link from a page to the comparison.
fn compare_link(root: &str) -> Option<String> {
    Some(format!("{root}{}/index.html", super::compare::FOLDER))
}

/// The site index, one list per province and one per initial letter, and the stylesheet.
pub fn render_index(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
) -> Result<Vec<Output>, Diagnostic> {
    let strings = theme.files.strings("en");
    let w = Words(strings);
    let provinces = provinces(councils);
    let letters = letters(councils);
    let mut pages = vec![home_page(&w, councils, &provinces, &letters)];
    pages.extend(provinces.iter().map(|p| province_page(&w, p, &letters)));
    pages.extend(
        letters
            .iter()
            .map(|(initial, list)| initial_page(&w, initial, list, &letters)),
    );
    let strings_value = tera::Value::from_serializable(strings);
    let mut outputs = pages
        .into_par_iter()
        .map(|page| {
            let layout = IndexLayout {
                lang: "en",
                dir: "ltr",
                title: page.title,
                css: format!("{}{}", page.root, theme.css_name),
            };
            theme.render_site_page("index.html", page.path, &page.view, &layout, &strings_value)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    outputs.push(Output {
        path: theme.css_name.clone(),
        bytes: theme.files.css.clone().into_bytes(),
    });
    Ok(outputs)
}

/// The index: countries, provinces and districts with counts, and the councils themselves
/// when there are few.
fn home_page(
    w: &Words,
    councils: &[CouncilSummary],
    provinces: &[Province],
    letters: &Letters,
) -> IndexPage {
    let heading = w.t("all_councils");
    IndexPage {
        path: "index.html".into(),
        root: "",
        title: heading.clone(),
        view: IndexView {
            kind: "home",
            heading,
            count: w.count(councils.len()),
            compare: compare_link(""),
            initials: initials_nav(letters, "", None),
            countries: countries(w, provinces, councils.len() <= INLINE_LIMIT),
            ..IndexView::default()
        },
    }
}

/// The countries of the index with their provinces and districts; `inline`: with each
/// district's councils.
fn countries(w: &Words, provinces: &[Province], inline: bool) -> Vec<CountryGroup> {
    let mut countries: Vec<CountryGroup> = Vec::new();
    for p in provinces {
        if countries
            .last()
            .is_none_or(|c| c.id != country_id(&p.country))
        {
            countries.push(CountryGroup {
                name: country_name(w.0, &p.country),
                id: country_id(&p.country),
                count: w.count(
                    provinces
                        .iter()
                        .filter(|q| q.country == p.country)
                        .map(Province::count)
                        .sum(),
                ),
                provinces: Vec::new(),
            });
        }
        let href = format!("{FOLDER}/{}", p.file);
        let districts = p
            .districts
            .iter()
            .enumerate()
            .map(|(n, (name, list))| {
                let id = district_id(name.as_deref(), n);
                DistrictGroup {
                    name: name.clone(),
                    href: format!("{href}#{id}"),
                    id,
                    count: w.count(list.len()),
                    councils: if inline {
                        list.iter().map(|c| entry(c, "", false)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        if let Some(country) = countries.last_mut() {
            country.provinces.push(ProvinceGroup {
                name: p.name.clone(),
                count: w.count(p.count()),
                href,
                districts,
            });
        }
    }
    countries
}

/// A province's list, by district.
fn province_page(w: &Words, p: &Province, letters: &Letters) -> IndexPage {
    let province = p
        .name
        .as_ref()
        .map_or_else(|| w.t("other_country"), |n| n.text.clone());
    let heading = format!("{province}, {}", country_name(w.0, &p.country));
    let districts = p
        .districts
        .iter()
        .enumerate()
        .map(|(n, (name, list))| DistrictGroup {
            name: name.clone(),
            id: district_id(name.as_deref(), n),
            href: String::new(),
            count: w.count(list.len()),
            councils: list.iter().map(|c| entry(c, "../", false)).collect(),
        })
        .collect();
    IndexPage {
        path: format!("{FOLDER}/{}", p.file),
        root: "../",
        title: heading.clone(),
        view: IndexView {
            kind: "province",
            heading,
            count: w.count(p.count()),
            back: Some("../index.html".into()),
            compare: compare_link("../"),
            initials: initials_nav(letters, "../", None),
            districts,
            ..IndexView::default()
        },
    }
}

/// The list of the councils under one initial letter.
fn initial_page(
    w: &Words,
    initial: &Initial,
    list: &[&CouncilSummary],
    letters: &Letters,
) -> IndexPage {
    let heading = w
        .t("index_initial_title")
        .replace("{initial}", &initial.letter);
    IndexPage {
        path: format!("{FOLDER}/{}", initial.file()),
        root: "../",
        title: heading.clone(),
        view: IndexView {
            kind: "initial",
            heading,
            count: w.count(list.len()),
            back: Some("../index.html".into()),
            compare: compare_link("../"),
            initials: initials_nav(letters, "../", Some(initial)),
            councils: list.iter().map(|c| entry(c, "../", true)).collect(),
            ..IndexView::default()
        },
    }
}
