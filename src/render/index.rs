//! The top-level `index.html` listing every council built, by country and province.

use super::locale::autonym;
use super::{CompiledTheme, Output, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{Council, Site};
use crate::text::{Shown, Text};
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// What the site index needs of a council, kept after the council itself is dropped.
#[derive(Debug, Clone)]
pub struct CouncilSummary {
    pub slug: String,
    pub name: Text,
    pub kind: Option<Text>,
    pub default_lang: String,
    pub languages: Vec<String>,
    pub country: String,
    pub province: Option<Text>,
    pub district: Option<Text>,
}

impl CouncilSummary {
    pub fn of(council: &Council) -> Self {
        Self::from_site(&council.slug, &council.site)
    }

    pub fn from_site(slug: &str, site: &Site) -> Self {
        CouncilSummary {
            slug: slug.to_string(),
            name: site.name.clone(),
            kind: site.kind.clone(),
            default_lang: site.default_lang().to_string(),
            languages: site.languages.clone(),
            country: site.country.clone(),
            province: site.province.clone(),
            district: site.district.clone(),
        }
    }
}

#[derive(Serialize)]
struct IndexView {
    heading: String,
    count: String,
    countries: Vec<CountryGroup>,
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
    councils: Vec<Entry>,
}

#[derive(Serialize)]
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

fn country_key(code: &str) -> String {
    format!("country_{code}")
}

impl Renderer {
    /// The site index and its stylesheet, in English with each council's own name beside it.
    pub fn render_index(&self, councils: &[CouncilSummary]) -> Result<Vec<Output>, Diagnostic> {
        render_index(self.theme(None), councils)
    }
}

pub fn render_index(
    theme: &CompiledTheme,
    councils: &[CouncilSummary],
) -> Result<Vec<Output>, Diagnostic> {
    let strings = theme.files.strings("en");
    let t = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
    let count_text = |n: usize| t("councils_count").replace("{count}", &n.to_string());
    let mut by_country: BTreeMap<String, BTreeMap<String, Vec<&CouncilSummary>>> = BTreeMap::new();
    for c in councils {
        let province = c
            .province
            .as_ref()
            .map(|p| p.key("en").to_string())
            .unwrap_or_default();
        by_country
            .entry(c.country.clone())
            .or_default()
            .entry(province)
            .or_default()
            .push(c);
    }
    let mut countries = Vec::new();
    for (code, provinces) in by_country {
        let name = strings
            .get(&country_key(&code))
            .cloned()
            .unwrap_or_else(|| {
                if code.is_empty() {
                    t("other_country")
                } else {
                    code.clone()
                }
            });
        let total: usize = provinces.values().map(Vec::len).sum();
        let mut groups = Vec::new();
        for list in provinces.into_values() {
            let name = list
                .first()
                .and_then(|c| c.province.as_ref())
                .map(|p| p.get("en", "en"));
            let mut entries: Vec<Entry> = list
                .iter()
                .map(|c| {
                    let own = c.name.get(&c.default_lang, &c.default_lang);
                    let english = c.name.get("en", &c.default_lang);
                    let detail_parts: Vec<String> = [c.kind.as_ref(), c.district.as_ref()]
                        .into_iter()
                        .flatten()
                        .map(|x| x.get("en", &c.default_lang).text)
                        .collect();
                    Entry {
                        href: format!("{}/index.html", c.slug),
                        name: Shown {
                            lang: (c.default_lang != "en").then(|| c.default_lang.clone()),
                            text: own.text.clone(),
                        },
                        english: (english.lang.is_none() && english.text != own.text)
                            .then_some(english.text),
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
                })
                .collect();
            entries.sort_by(|a, b| {
                let ka = a.english.as_deref().unwrap_or(&a.name.text).to_lowercase();
                let kb = b.english.as_deref().unwrap_or(&b.name.text).to_lowercase();
                ka.cmp(&kb)
            });
            groups.push(ProvinceGroup {
                name,
                councils: entries,
            });
        }
        countries.push(CountryGroup {
            id: format!("c-{}", code.to_lowercase()),
            count: count_text(total),
            name,
            provinces: groups,
        });
    }
    let heading = t("all_councils");
    let view = IndexView {
        heading: heading.clone(),
        count: count_text(councils.len()),
        countries,
    };
    let layout = IndexLayout {
        lang: "en",
        dir: "ltr",
        title: heading,
        css: theme.css_name.clone(),
    };
    let mut context = Context::new();
    context.insert("page", &view);
    context.insert("layout", &layout);
    context.insert("t", strings);
    let html = theme
        .tera
        .render("index.html", &context)
        .map_err(|e| super::template_error(&theme.files.name, "index.html", &e))?;
    Ok(vec![
        Output {
            path: "index.html".to_string(),
            bytes: crate::write::finish_html(html).into_bytes(),
        },
        Output {
            path: theme.css_name.clone(),
            bytes: theme.files.css.clone().into_bytes(),
        },
    ])
}
