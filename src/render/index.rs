//! The top-level `index.html` listing every council built, by country, province and
//! district with counts, and the lists under `councils/`: one page per province and one per
//! initial letter in each script the names are written in (A–Z from the English names,
//! Devanagari, Bengali, Arabic and Tibetan from the councils' own names). Every list is a
//! plain page, so finding a council needs no script.

use super::locale::{Strings, autonym};
use super::{CompiledTheme, Output, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::CouncilSummary;
use crate::text::{Shown, Text};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

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
// Initial letters
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    Latin,
    Devanagari,
    Bengali,
    Arabic,
    Tibetan,
}

impl Script {
    fn of(c: char) -> Option<Script> {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F => Some(Script::Latin),
            0x0900..=0x097F => Some(Script::Devanagari),
            0x0980..=0x09FF => Some(Script::Bengali),
            0x0600..=0x06FF | 0x0750..=0x077F => Some(Script::Arabic),
            0x0F00..=0x0FFF => Some(Script::Tibetan),
            _ => None,
        }
    }

    /// Name of the script in itself, its language tag and direction.
    fn label(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Script::Latin => ("A–Z", "en", "ltr"),
            Script::Devanagari => ("देवनागरी", "und-Deva", "ltr"),
            Script::Bengali => ("বাংলা", "und-Beng", "ltr"),
            Script::Arabic => ("اردو", "und-Arab", "rtl"),
            Script::Tibetan => ("བོད་ཡིག", "und-Tibt", "ltr"),
        }
    }

    fn code(self) -> &'static str {
        match self {
            Script::Latin => "latn",
            Script::Devanagari => "deva",
            Script::Bengali => "beng",
            Script::Arabic => "arab",
            Script::Tibetan => "tibt",
        }
    }
}

/// Urdu alphabetical order, which Unicode code points do not follow.
const URDU_ORDER: &str = "اآبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیے";

/// The initial a name is listed under, with its position in the script's order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Initial {
    script: Script,
    order: u32,
    letter: String,
}

impl Initial {
    fn of(name: &str, want: Script) -> Option<Initial> {
        let c = name.chars().find(|c| c.is_alphabetic())?;
        let script = Script::of(c)?;
        if script != want {
            return None;
        }
        let c = match (script, c) {
            (Script::Latin, c) => c.to_uppercase().next().unwrap_or(c),
            (Script::Arabic, 'آ' | 'أ' | 'إ' | 'ٱ') => 'ا',
            (Script::Arabic, 'ك') => 'ک',
            (Script::Arabic, 'ي' | 'ى' | 'ې') => 'ی',
            (Script::Arabic, 'ه' | 'ة' | 'ۃ') => 'ہ',
            (_, c) => c,
        };
        let order = match script {
            Script::Arabic => URDU_ORDER
                .chars()
                .position(|u| u == c)
                .map_or(0x1_0000 + c as u32, |p| p as u32),
            _ => c as u32,
        };
        Some(Initial {
            script,
            order,
            letter: c.to_string(),
        })
    }

    /// File name of the initial's list: `a.html`, `deva-0927.html`.
    fn file(&self) -> String {
        match self.script {
            Script::Latin if self.letter.is_ascii() => {
                format!("{}.html", self.letter.to_ascii_lowercase())
            }
            _ => {
                let code = self.letter.chars().next().map_or(0, |c| c as u32);
                format!("{}-{code:04x}.html", self.script.code())
            }
        }
    }
}

/// The initials a council is listed under: its English name's, and its own name's when
/// that is in another script.
fn initials(c: &CouncilSummary) -> Vec<Initial> {
    let mut out = Vec::new();
    if let Some(i) = Initial::of(&english(c), Script::Latin) {
        out.push(i);
    }
    let own = c.name.get(&c.default_lang, &c.default_lang).text;
    for script in [
        Script::Devanagari,
        Script::Bengali,
        Script::Arabic,
        Script::Tibetan,
    ] {
        if let Some(i) = Initial::of(&own, script) {
            out.push(i);
        }
    }
    out
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

/// A lowercase ASCII slug of `s` (letters and digits, `-` between words).
/// The longest province part of a list's file name.
const MAX_FILE_STEM: usize = 60;

fn slugify(s: &str) -> String {
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

fn text_key(t: Option<&Text>) -> String {
    t.map(|t| t.key("en").to_string()).unwrap_or_default()
}

type Tree<'a> = BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<&'a CouncilSummary>>>>;

/// A province of the tree with the file its list is written to.
struct Province<'a> {
    country: String,
    file: String,
    name: Option<Shown>,
    districts: Vec<(Option<String>, Vec<&'a CouncilSummary>)>,
}

impl Province<'_> {
    fn count(&self) -> usize {
        self.districts.iter().map(|(_, l)| l.len()).sum()
    }
}

fn sort_councils(list: &mut [&CouncilSummary]) {
    list.sort_by_cached_key(|c| (english(c).to_lowercase(), c.slug.clone()));
}

fn provinces(councils: &[CouncilSummary]) -> Vec<Province<'_>> {
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
            let name = first
                .and_then(|c| c.province.as_ref().map(|p| (p, &c.default_lang)))
                .map(|(p, lang)| p.get("en", lang));
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
                name,
                districts,
            });
        }
    }
    out
}

fn district_id(name: Option<&str>, n: usize) -> String {
    match name.map(slugify).filter(|s| !s.is_empty()) {
        Some(s) => format!("d-{s}"),
        None => format!("d-{}", n + 1),
    }
}

impl Renderer {
    /// The site index, its lists and its stylesheet, in English with each council's own
    /// name beside it.
    pub fn render_index(&self, councils: &[CouncilSummary]) -> Result<Vec<Output>, Diagnostic> {
        render_index(self.theme(None), councils)
    }
}

/// Every council's initials, grouped by script then letter, in alphabetical order.
fn letters(councils: &[CouncilSummary]) -> BTreeMap<Initial, Vec<&CouncilSummary>> {
    let mut out: BTreeMap<Initial, Vec<&CouncilSummary>> = BTreeMap::new();
    for c in councils {
        for i in initials(c) {
            out.entry(i).or_default().push(c);
        }
    }
    for list in out.values_mut() {
        sort_councils(list);
    }
    out
}

fn initials_nav(
    letters: &BTreeMap<Initial, Vec<&CouncilSummary>>,
    root: &str,
    current: Option<&Initial>,
) -> Vec<ScriptNav> {
    let mut out: Vec<ScriptNav> = Vec::new();
    for (initial, list) in letters {
        if out
            .last()
            .is_none_or(|s| s.label != initial.script.label().0)
        {
            let (label, lang, dir) = initial.script.label();
            out.push(ScriptNav {
                label,
                lang,
                dir,
                letters: Vec::new(),
            });
        }
        if let Some(nav) = out.last_mut() {
            nav.letters.push(Letter {
                letter: initial.letter.clone(),
                href: format!("{root}{FOLDER}/{}", initial.file()),
                count: list.len(),
                current: current == Some(initial),
            });
        }
    }
    out
}

pub fn render_index(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
) -> Result<Vec<Output>, Diagnostic> {
    let strings = theme.files.strings("en");
    let t = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
    let count_text = |n: usize| {
        if n == 1 {
            t("councils_count_one")
        } else {
            t("councils_count").replace("{count}", &n.to_string())
        }
    };
    let provinces = provinces(councils);
    let letters = letters(councils);
    let inline = councils.len() <= INLINE_LIMIT;
    // Pages are gathered first, then rendered in parallel.
    let mut pages: Vec<(String, &str, String, IndexView)> = Vec::new();
    let mut render = |path: String, root: &'static str, title: String, view: IndexView| {
        pages.push((path, root, title, view));
    };

    // The index: countries, provinces and districts with counts.
    let mut countries: Vec<CountryGroup> = Vec::new();
    for p in &provinces {
        if countries
            .last()
            .is_none_or(|c| c.id != country_id(&p.country))
        {
            countries.push(CountryGroup {
                name: country_name(strings, &p.country),
                id: country_id(&p.country),
                count: count_text(
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
                    count: count_text(list.len()),
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
                count: count_text(p.count()),
                href,
                districts,
            });
        }
    }
    let heading = t("all_councils");
    let compare = Some(format!("{}/index.html", super::compare::FOLDER));
    render(
        "index.html".into(),
        "",
        heading.clone(),
        IndexView {
            kind: "home",
            heading: heading.clone(),
            count: count_text(councils.len()),
            compare: compare.clone(),
            initials: initials_nav(&letters, "", None),
            countries,
            ..IndexView::default()
        },
    );

    // One page per province, by district.
    for p in &provinces {
        let province = p
            .name
            .as_ref()
            .map_or_else(|| t("other_country"), |n| n.text.clone());
        let heading = format!("{province}, {}", country_name(strings, &p.country));
        let districts = p
            .districts
            .iter()
            .enumerate()
            .map(|(n, (name, list))| DistrictGroup {
                name: name.clone(),
                id: district_id(name.as_deref(), n),
                href: String::new(),
                count: count_text(list.len()),
                councils: list.iter().map(|c| entry(c, "../", false)).collect(),
            })
            .collect();
        render(
            format!("{FOLDER}/{}", p.file),
            "../",
            heading.clone(),
            IndexView {
                kind: "province",
                heading,
                count: count_text(p.count()),
                back: Some("../index.html".into()),
                compare: Some(format!("../{}", compare.clone().unwrap_or_default())),
                initials: initials_nav(&letters, "../", None),
                districts,
                ..IndexView::default()
            },
        );
    }

    // One page per initial letter.
    for (initial, list) in &letters {
        let heading = t("index_initial_title").replace("{initial}", &initial.letter);
        render(
            format!("{FOLDER}/{}", initial.file()),
            "../",
            heading.clone(),
            IndexView {
                kind: "initial",
                heading,
                count: count_text(list.len()),
                back: Some("../index.html".into()),
                compare: Some(format!("../{}", compare.clone().unwrap_or_default())),
                initials: initials_nav(&letters, "../", Some(initial)),
                councils: list.iter().map(|c| entry(c, "../", true)).collect(),
                ..IndexView::default()
            },
        );
    }
    let strings_value = tera::Value::from_serializable(strings);
    let mut outputs = pages
        .into_par_iter()
        .map(|(path, root, title, view)| {
            let layout = IndexLayout {
                lang: "en",
                dir: "ltr",
                title,
                css: format!("{root}{}", theme.css_name),
            };
            theme.render_site_page("index.html", path, &view, &layout, &strings_value)
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

fn country_id(code: &str) -> String {
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
    fn initials_in_each_script() {
        let i = Initial::of("धनगढी", Script::Devanagari).unwrap();
        assert_eq!(
            (i.letter.as_str(), i.file()),
            ("ध", "deva-0927.html".into())
        );
        assert!(Initial::of("धनगढी", Script::Latin).is_none());
        assert_eq!(
            Initial::of("dhangadhi", Script::Latin).unwrap().file(),
            "d.html"
        );
        let alef = Initial::of("آباد", Script::Arabic).unwrap();
        assert_eq!(alef.letter, "ا");
        // Urdu order: پ comes before ٹ, although its code point is higher.
        let pe = Initial::of("پشاور", Script::Arabic).unwrap();
        let tte = Initial::of("ٹانک", Script::Arabic).unwrap();
        assert!(pe < tte);
        assert_eq!(Initial::of("শ্রীপুর", Script::Bengali).unwrap().letter, "শ");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Sudurpashchim Province"), "sudurpashchim-province");
        assert_eq!(slugify("  Koshi (1) "), "koshi-1");
        assert_eq!(slugify("सुदूरपश्चिम"), "");
    }
}
