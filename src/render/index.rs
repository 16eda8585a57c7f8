//! The top-level `index.html` listing every council built, by country, province and
//! district with counts, and the lists under `councils/`: one page per province and one per
//! initial letter in each script the names are written in (A–Z from the English names,
//! Devanagari, Bengali, Arabic and Tibetan from the councils' own names). Every list is a
//! plain page, so finding a council needs no script.
//!
//! Each is made in English and in every other language a listed council uses (see
//! [`lang`] for where each version is written), with a switch between the versions.

mod initials;
pub(crate) mod lang;
mod parts;
mod split;
pub(crate) mod tree;

use super::locale::{Strings, autonym};
use super::{CompiledTheme, Output, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use crate::text::Shown;
use initials::{Initial, Letters, initials_nav, letters};
use lang::{LangLink, Words, folder};
use parts::Lists;
use rayon::prelude::*;
use serde::Serialize;
use tree::{Province, country_id, district_id, district_name, provinces};

/// The folder of the province and initial-letter lists in the output.
pub const FOLDER: &str = "councils";

/// Up to this many councils are listed on the index itself; beyond, it links to the lists.
const INLINE_LIMIT: usize = 60;

/// Up to this many districts of a country are listed on the index under its provinces;
/// beyond, the index lists the country's provinces and each province's page its districts.
const HOME_DISTRICT_LIMIT: usize = 200;

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
    /// The heading in parts when a part is in another language than the page's.
    heading_parts: Vec<Shown>,
    count: String,
    back: Option<String>,
    /// The pages above a part of a split list, after the index.
    trail: Vec<Crumb>,
    compare: Option<String>,
    initials: Vec<ScriptNav>,
    countries: Vec<CountryGroup>,
    districts: Vec<DistrictGroup>,
    councils: Vec<Entry>,
    /// The parts of a split list.
    links: Vec<SubLink>,
}

#[derive(Serialize)]
struct Crumb {
    label: Shown,
    href: String,
}

#[derive(Serialize)]
struct SubLink {
    name: Shown,
    href: String,
    count: String,
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
    name: Option<Shown>,
    id: String,
    href: String,
    count: String,
    councils: Vec<Entry>,
}

#[derive(Serialize, Clone)]
struct Entry {
    href: String,
    /// The council's name in its own language.
    name: Shown,
    /// Its name in the page's language, or in English, when that differs.
    also: Option<Shown>,
    /// Its kind, district and (on the initial lists) province.
    detail: Vec<Shown>,
    languages: String,
}

#[derive(Serialize)]
struct IndexLayout<'a> {
    lang: &'a str,
    dir: &'static str,
    title: String,
    description: String,
    css: String,
    /// The page in every language, for the switch and `<link rel="alternate">`.
    languages: Vec<LangLink>,
}

/// One language's version of the lists.
struct Version<'a> {
    w: Words<'a>,
}

/// Which page of the lists, the same in every language.
#[derive(Clone)]
enum PageKey {
    Home,
    /// A list under `councils/`, by file name.
    List(String),
}

impl PageKey {
    /// Where the page is written in `lang`.
    fn path(&self, lang: &str) -> String {
        match self {
            PageKey::Home if lang == lang::FIRST => "index.html".into(),
            PageKey::Home => format!("{FOLDER}/{lang}/index.html"),
            PageKey::List(file) => format!("{FOLDER}/{}{file}", folder(lang)),
        }
    }

    /// The way from the page in `lang` to the output root.
    fn root(&self, lang: &str) -> &'static str {
        match self {
            _ if lang != lang::FIRST => "../../",
            PageKey::Home => "",
            PageKey::List(_) => "../",
        }
    }
}

impl Version<'_> {
    fn lang(&self) -> &str {
        self.w.lang
    }

    /// The way from a page of this version to its lists.
    fn lists(&self, key: &PageKey) -> String {
        format!("{}{FOLDER}/{}", key.root(self.lang()), folder(self.lang()))
    }

    /// The way from a list of this version back to its index.
    fn back(&self) -> String {
        PageKey::List(String::new()).root(self.lang()).to_string()
            + &PageKey::Home.path(self.lang())
    }

    /// The link from a page of this version to the comparison in its language.
    fn compare(&self, key: &PageKey) -> Option<String> {
        Some(format!(
            "{}{}/{}index.html",
            key.root(self.lang()),
            super::compare::FOLDER,
            folder(self.lang())
        ))
    }

    fn entry(&self, c: &CouncilSummary, root: &str, with_place: bool) -> Entry {
        let place = if with_place {
            c.province.as_ref()
        } else {
            None
        };
        Entry {
            href: lang::council_href(c, self.lang(), root),
            name: lang::own_name(c, self.lang()),
            also: lang::other_name(c, self.lang()),
            detail: [c.kind.as_ref(), c.district.as_ref(), place]
                .into_iter()
                .flatten()
                .map(|t| self.w.text(t, &c.default_lang))
                .collect(),
            languages: c
                .languages
                .iter()
                .map(|l| autonym(l).to_string())
                .collect::<Vec<_>>()
                .join(" · "),
        }
    }
}

impl Renderer {
    /// The site index, its lists and its stylesheet, in English and in the councils'
    /// languages, each council's own name beside; on a mirror also the site's sitemaps
    /// and `robots.txt`.
    pub fn render_index(&self, councils: &[CouncilSummary]) -> Result<Vec<Output>, Diagnostic> {
        let ((), made) = super::compare::collected(|sink| self.render_index_into(councils, sink))?;
        Ok(made)
    }

    /// [`Renderer::render_index`], handing the files to `sink` a language at a time.
    pub fn render_index_into(
        &self,
        councils: &[CouncilSummary],
        sink: &super::compare::Sink,
    ) -> Result<(), Diagnostic> {
        let mut pages = Vec::new();
        let note = |files: Vec<Output>| {
            if self.options.base_url.is_some() {
                pages.extend(
                    files
                        .iter()
                        .filter(|o| o.path.ends_with(".html"))
                        .map(|o| o.path.clone()),
                );
            }
            sink(files);
        };
        render_index(self.theme(None), councils, note)?;
        if let Some(mirror) = &self.options.base_url {
            let slugs: Vec<&str> = councils.iter().map(|c| c.slug.as_str()).collect();
            let compare = lang::languages(&self.theme(None).files, councils)
                .into_iter()
                .map(|l| format!("{}/{}index.html", super::compare::FOLDER, folder(&l)));
            pages.extend(compare);
            sink(super::feeds::site_maps(mirror, &slugs, &pages));
        }
        Ok(())
    }
}

/// One page of the lists before it is rendered.
struct IndexPage {
    key: PageKey,
    title: String,
    description: String,
    view: IndexView,
}

/// The site index, one list per province and one per initial letter, in every language
/// of the lists, and the stylesheet.
pub fn render_index(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
    mut sink: impl FnMut(Vec<Output>),
) -> Result<(), Diagnostic> {
    let langs = lang::languages(&theme.files, councils);
    let provinces = provinces(councils);
    let letters = letters(councils);
    let lists = Lists::plan(&provinces, &letters);
    // One language at a time: only its pages' views are held at once.
    for l in &langs {
        let v = Version {
            w: Words::new(&theme.files, l),
        };
        let mut pages = vec![home_page(&v, councils, &provinces, &letters, &lists)];
        for (p, parts) in provinces.iter().zip(&lists.provinces) {
            match parts {
                Some(parts) => pages.extend(lists.province_pages(&v, p, parts, &letters)),
                None => pages.push(province_page(&v, p, &letters)),
            }
        }
        for ((initial, list), parts) in letters.iter().zip(&lists.letters) {
            match parts {
                Some(parts) => pages.extend(lists.initial_pages(&v, initial, parts, &letters)),
                None => pages.push(initial_page(&v, initial, list, &letters)),
            }
        }
        sink(render_pages(theme, &langs, l, pages)?);
    }
    sink(vec![Output {
        path: theme.css_name.clone(),
        bytes: theme.css.clone().into_bytes(),
    }]);
    Ok(())
}

/// The pages of one language of the lists, rendered; `langs`: every language they are
/// made in.
fn render_pages(
    theme: &CompiledTheme,
    langs: &[String],
    lang: &str,
    pages: Vec<IndexPage>,
) -> Result<Vec<Output>, Diagnostic> {
    let strings = tera::Value::from_serializable(theme.files.strings(lang));
    pages
        .into_par_iter()
        .map(|page| {
            let root = page.key.root(lang);
            let layout = IndexLayout {
                lang,
                dir: lang::dir(lang),
                title: page.title,
                description: page.description,
                css: format!("{root}{}", theme.css_name),
                languages: lang::switch(langs, lang, |l| format!("{root}{}", page.key.path(l))),
            };
            let path = page.key.path(lang);
            theme.render_site_page("index.html", path, &page.view, &layout, &strings)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// The index: countries, provinces and districts with counts, and the councils themselves
/// when there are few.
fn home_page(
    v: &Version,
    councils: &[CouncilSummary],
    provinces: &[Province],
    letters: &Letters,
    lists: &Lists,
) -> IndexPage {
    let w = &v.w;
    let key = PageKey::Home;
    let heading = w.t("all_councils");
    let count = w.count(councils.len());
    let countries = countries(v, provinces, lists, councils.len() <= INLINE_LIMIT);
    let description = match countries.as_slice() {
        [one] if one.id != country_id("") => w.tf(
            "index_description_country",
            &[("councils", &count), ("country", &one.name)],
        ),
        _ => w.tf("index_description", &[("councils", &count)]),
    };
    IndexPage {
        title: heading.clone(),
        description,
        view: IndexView {
            kind: "home",
            heading,
            count,
            compare: v.compare(&key),
            initials: initials_nav(letters, &v.lists(&key), None),
            countries,
            ..IndexView::default()
        },
        key,
    }
}

/// The countries of the index with their provinces and districts (a country of many
/// districts with its provinces only); `inline`: with each district's councils.
fn countries(v: &Version, provinces: &[Province], plan: &Lists, inline: bool) -> Vec<CountryGroup> {
    let w = &v.w;
    let lists = v.lists(&PageKey::Home);
    let root = PageKey::Home.root(v.lang());
    let mut countries: Vec<CountryGroup> = Vec::new();
    for (n, p) in provinces.iter().enumerate() {
        let with_districts = provinces
            .iter()
            .filter(|q| q.country == p.country)
            .map(|q| q.districts.len())
            .sum::<usize>()
            <= HOME_DISTRICT_LIMIT;
        if countries
            .last()
            .is_none_or(|c| c.id != country_id(&p.country))
        {
            countries.push(CountryGroup {
                name: country_name(w.strings, &p.country),
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
        let href = format!("{lists}{}", p.file);
        let district_files = plan.district_files(n);
        let districts = p
            .districts
            .iter()
            .enumerate()
            .filter(|_| with_districts)
            .map(|(n, (name, list))| {
                let id = district_id(name.as_deref(), n);
                let href = match district_files.as_ref() {
                    Some(files) => format!("{lists}{}", files[n]),
                    None => format!("{href}#{id}"),
                };
                DistrictGroup {
                    name: district_name(list, w),
                    href,
                    id,
                    count: w.count(list.len()),
                    councils: if inline {
                        list.iter().map(|c| v.entry(c, root, false)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
        if let Some(country) = countries.last_mut() {
            country.provinces.push(ProvinceGroup {
                name: p.name(w),
                count: w.count(p.count()),
                href,
                districts,
            });
        }
    }
    countries
}

/// A province's name in the language of `w` ("Other" when its councils give none).
fn province_name(w: &Words, p: &Province) -> Shown {
    p.name(w).unwrap_or_else(|| Shown {
        text: w.t("other_country"),
        lang: None,
    })
}

/// The heading of a province's list, and the same in parts when the province's name is
/// in another language than the page's.
fn province_heading(w: &Words, p: &Province) -> (String, Vec<Shown>) {
    let province = province_name(w, p);
    let country = country_name(w.strings, &p.country);
    let heading = w.tf(
        "index_province_title",
        &[("province", &province.text), ("country", &country)],
    );
    let heading_parts = if province.is_fallback() {
        let country = Shown {
            text: country,
            lang: None,
        };
        lang::parts(
            &w.t("index_province_title"),
            &[("province", province), ("country", country)],
        )
    } else {
        Vec::new()
    };
    (heading, heading_parts)
}

/// A province's list, by district.
fn province_page(v: &Version, p: &Province, letters: &Letters) -> IndexPage {
    let w = &v.w;
    let key = PageKey::List(p.file.clone());
    let root = key.root(v.lang());
    let (heading, heading_parts) = province_heading(w, p);
    let count = w.count(p.count());
    let districts = p
        .districts
        .iter()
        .enumerate()
        .map(|(n, (name, list))| DistrictGroup {
            name: district_name(list, w),
            id: district_id(name.as_deref(), n),
            href: String::new(),
            count: w.count(list.len()),
            councils: list.iter().map(|c| v.entry(c, root, false)).collect(),
        })
        .collect();
    IndexPage {
        title: heading.clone(),
        description: w.tf(
            "index_province_description",
            &[("councils", &count), ("place", &heading)],
        ),
        view: IndexView {
            kind: "province",
            heading,
            heading_parts,
            count,
            back: Some(v.back()),
            compare: v.compare(&key),
            initials: initials_nav(letters, &v.lists(&key), None),
            districts,
            ..IndexView::default()
        },
        key,
    }
}

/// The list of the councils under one initial letter.
fn initial_page(
    v: &Version,
    initial: &Initial,
    list: &[&CouncilSummary],
    letters: &Letters,
) -> IndexPage {
    let w = &v.w;
    let key = PageKey::List(initial.file());
    let root = key.root(v.lang());
    let heading = w.tf("index_initial_title", &[("initial", &initial.letter)]);
    let count = w.count(list.len());
    IndexPage {
        title: heading.clone(),
        description: w.tf(
            "index_initial_description",
            &[("councils", &count), ("initial", &initial.letter)],
        ),
        view: IndexView {
            kind: "initial",
            heading,
            count,
            back: Some(v.back()),
            compare: v.compare(&key),
            initials: initials_nav(letters, &v.lists(&key), Some(initial)),
            councils: list.iter().map(|c| v.entry(c, root, true)).collect(),
            ..IndexView::default()
        },
        key,
    }
}
