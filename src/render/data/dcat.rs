//! `catalog.jsonld`: the council's datasets as a DCAT-AP 3 catalogue in JSON-LD, for
//! national portals that harvest it (CKAN with ckanext-dcat). Every node the DCAT-AP 3
//! shapes constrain by class is typed in the document itself, so the catalogue conforms
//! without a harvester fetching the vocabularies.

use super::Published;
use super::vocab;
use crate::calendar::FiscalYear;
use crate::calendar::{Calendar, Date};
use crate::model::Council;
use crate::render::address::Addresses;
use crate::text::Text;
use serde_json::{Value as Json, json};

/// The names of the catalogue's nodes: below the council's canonical address (see
/// [`Addresses`]), else below its URN.
pub(super) trait Names {
    fn catalogue(&self) -> String;
    fn publisher(&self) -> String;
    fn dataset(&self, name: &str, page: &str) -> String;
}

impl Names for Addresses {
    fn catalogue(&self) -> String {
        match self.canonical() {
            Some(base) => format!("{base}catalog.jsonld"),
            None => self.urn().to_string(),
        }
    }

    fn publisher(&self) -> String {
        match self.canonical() {
            Some(base) => format!("{base}#publisher"),
            None => format!("{}:publisher", self.urn()),
        }
    }

    fn dataset(&self, name: &str, page: &str) -> String {
        match self.canonical() {
            Some(base) => format!("{base}{page}#dataset"),
            None => format!("{}:{name}", self.urn()),
        }
    }
}

fn date(d: Date) -> Json {
    json!({"@value": d.to_string(), "@type": "xsd:date"})
}

fn typed(iri: String, class: &str) -> Json {
    json!({"@id": iri, "@type": class})
}

/// The first and last Gregorian day a dataset covers, from the model (the period the Data
/// page shows is as written, in the council's calendar).
///
/// A fiscal year runs from the council's `fiscal_year_start` to the day before the next
/// one, in the council's calendar: in Nepal 1 Shrawan to the last day of Ashadh (Bikram
/// Sambat, converted), in Bangladesh, Pakistan and Bhutan 1 July to 30 June, in India
/// 1 April to 31 March (see `calendar::fiscal_year`).
pub(super) fn temporal(council: &Council, name: &str) -> Option<(Date, Date)> {
    let site = &council.site;
    let cal = site.calendar;
    let (start, end) = match name {
        "budget" => {
            let years = &council.budget.as_ref()?.years;
            let first = years.iter().map(|y| y.fiscal_year).min()?;
            let last = years.iter().map(|y| y.fiscal_year).max()?;
            (
                FiscalYear::start(first, cal, site.fiscal_year_start)?,
                FiscalYear::end(last, cal, site.fiscal_year_start)?,
            )
        }
        "decisions" => {
            let items = &council.decisions.as_ref()?.items;
            (
                items.iter().map(|d| d.date).min()?,
                items.iter().map(|d| d.date).max()?,
            )
        }
        "grievances" => {
            let months = &council.grievances.as_ref()?.months;
            let first = months.iter().map(|(p, _)| (p.year, p.month)).min()?;
            let last = months.iter().map(|(p, _)| (p.year, p.month)).max()?;
            (
                month_day(cal, first, 1)?,
                month_day(cal, last, cal.days_in_month(last.0, last.1)?)?,
            )
        }
        _ => return None,
    };
    Some((cal.to_gregorian(start)?, cal.to_gregorian(end)?))
}

fn month_day(cal: Calendar, (year, month): (i32, u8), day: u8) -> Option<Date> {
    let d = Date { year, month, day };
    cal.is_valid(d).then_some(d)
}

/// The values of `t` in each of the council's languages that has one, tagged.
fn lit(council: &Council, t: &Text) -> Json {
    let site = &council.site;
    let default = site.default_lang();
    let values: Vec<Json> = site
        .languages
        .iter()
        .filter_map(|lang| {
            let shown = t.get(lang, default);
            (!shown.is_fallback() && !shown.text.is_empty())
                .then(|| json!({"@value": shown.text, "@language": lang}))
        })
        .collect();
    Json::Array(values)
}

fn english(council: &Council, t: &Text) -> String {
    t.get("en", council.site.default_lang()).text
}

/// The council as publisher: a local authority, with its name in every language.
fn publisher(council: &Council, at: &Addresses) -> Json {
    json!({
        "@id": at.publisher(),
        "@type": "foaf:Agent",
        "foaf:name": lit(council, &council.site.name),
        "dct:type": {
            "@id": "http://purl.org/adms/publishertype/LocalAuthority",
            "@type": "skos:Concept",
            "skos:prefLabel": {"@value": "Local Authority", "@language": "en"},
            "skos:inScheme": {"@id": "http://purl.org/adms/publishertype/1.0"},
        },
    })
}

/// The council's office as contact point, with its email and phone when given.
fn contact(council: &Council) -> Json {
    let site = &council.site;
    let default = site.default_lang();
    let mut kind = json!({
        "@type": "vcard:Kind",
        "vcard:fn": english(council, &site.name),
    });
    if let Some(email) = &site.contact.email {
        let email = email.get("en", default).text;
        kind["vcard:hasEmail"] = json!({"@id": format!("mailto:{}", email.trim())});
    }
    if let Some(phone) = &site.contact.phone {
        let phone: String = phone
            .get("en", default)
            .text
            .chars()
            .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '-'))
            .collect();
        if !phone.is_empty() {
            kind["vcard:hasTelephone"] = json!({"@id": format!("tel:{phone}")});
        }
    }
    kind
}

fn licence(spdx: &str) -> Json {
    let l = vocab::licence(spdx);
    json!({
        "@id": l.iri,
        "@type": "dct:LicenseDocument",
        "dct:title": l.title,
        "dct:identifier": spdx,
        "rdfs:seeAlso": {"@id": l.spdx},
    })
}

fn spatial(council: &Council) -> Vec<Json> {
    vocab::country(&council.site.country)
        .map(|iri| typed(iri, "dct:Location"))
        .into_iter()
        .collect()
}

/// What a dataset holds, in the council's languages, beyond its title: its description when
/// the council wrote one, else [`summary`] in English.
fn description(council: &Council, p: &Published) -> Json {
    match &p.table.description {
        Some(d) => lit(council, d),
        None => json!([{"@value": summary(council, p), "@language": "en"}]),
    }
}

/// What a dataset holds in one text: the council's own description of it (in its first
/// language), else a sentence in English of its title, council, rows and columns.
pub(super) fn summary(council: &Council, p: &Published) -> String {
    if let Some(d) = &p.table.description {
        return d.key(council.site.default_lang()).to_string();
    }
    let columns: Vec<&str> = p.table.fields.iter().map(|f| f.name.as_str()).collect();
    format!(
        "{} of {}, as open data in CSV and JSON: {} rows, with the columns {}.",
        english(council, &p.table.title),
        english(council, &council.site.name),
        p.table.rows.len(),
        columns.join(", "),
    )
}

fn distribution(council: &Council, p: &Published, d: &super::Download, at: &Addresses) -> Json {
    let format = vocab::format(&d.label);
    let mut title = p.table.title.clone();
    for lang in &council.site.languages {
        let shown = p.table.title.get(lang, council.site.default_lang());
        if !shown.is_fallback() {
            title.set(lang, &format!("{} ({})", shown.text, d.label));
        }
    }
    json!({
        "@id": at.name(&d.path),
        "@type": "dcat:Distribution",
        "dct:title": lit(council, &title),
        "dcat:accessURL": typed(at.link(&d.path), "rdfs:Resource"),
        "dcat:downloadURL": typed(at.link(&d.path), "rdfs:Resource"),
        "dcat:mediaType": typed(format.media_type, "dct:MediaType"),
        "dct:format": typed(format.file_type, "dct:MediaTypeOrExtent"),
        "dcat:byteSize": {"@value": d.bytes.to_string(), "@type": "xsd:nonNegativeInteger"},
        "dct:license": licence(p.table.licence.as_deref().unwrap_or(&council.site.licence)),
    })
}

fn dataset(council: &Council, p: &Published, at: &Addresses) -> Json {
    let name = &p.table.name;
    let themes: Vec<Json> = vocab::themes(name)
        .iter()
        .map(|(code, label)| {
            json!({
                "@id": format!("{}/{code}", vocab::DATA_THEME),
                "@type": "skos:Concept",
                "skos:prefLabel": {"@value": label, "@language": "en"},
                "skos:inScheme": {"@id": vocab::DATA_THEME},
            })
        })
        .collect();
    let mut ds = json!({
        "@id": at.dataset(name, &p.table.page),
        "@type": "dcat:Dataset",
        "dct:identifier": format!("{}/{name}", council.slug),
        "dct:title": lit(council, &p.table.title),
        "dct:description": description(council, p),
        "dcat:keyword": [name, council.slug],
        "dct:publisher": {"@id": at.publisher()},
        "dcat:contactPoint": contact(council),
        "dct:spatial": spatial(council),
        "dcat:theme": themes,
        "dct:language": languages(council),
        "dcat:landingPage": typed(at.link(&p.table.page), "foaf:Document"),
        "dcat:distribution": p.downloads.iter()
            .map(|d| distribution(council, p, d, at))
            .collect::<Vec<_>>(),
    });
    if let Some(day) = modified(council, name) {
        ds["dct:modified"] = date(day);
    }
    if let Some((start, end)) = temporal(council, name) {
        ds["dct:temporal"] = json!({
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": date(start),
            "dcat:endDate": date(end),
        });
    }
    ds
}

/// The day a dataset was last updated (`updated` in `site.yaml`), Gregorian.
fn modified(council: &Council, name: &str) -> Option<Date> {
    let day = council.updated.get(name)?;
    council.site.calendar.to_gregorian(*day)
}

fn languages(council: &Council) -> Vec<Json> {
    council
        .site
        .languages
        .iter()
        .filter_map(|l| vocab::language(l))
        .map(|iri| typed(iri, "dct:LinguisticSystem"))
        .collect()
}

fn context() -> Json {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    })
}

/// The catalogue of a council's published datasets; `mirror` is the mirror's address on a
/// `--base-url` build.
pub fn catalogue(council: &Council, published: &[Published], mirror: Option<&str>) -> Json {
    let at = Addresses::new(council, mirror);
    let site = &council.site;
    let datasets: Vec<Json> = published.iter().map(|p| dataset(council, p, &at)).collect();
    let summary = format!(
        "Open data published by {}: {} datasets ({}), each as CSV and JSON.",
        english(council, &site.name),
        published.len(),
        published
            .iter()
            .map(|p| english(council, &p.table.title))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mut doc = json!({
        "@context": context(),
        "@id": at.catalogue(),
        "@type": "dcat:Catalog",
        "dct:title": lit(council, &site.name),
        "dct:description": [{"@value": summary, "@language": "en"}],
        "dct:publisher": publisher(council, &at),
        "dct:license": licence(&site.licence),
        "dct:language": languages(council),
        "dct:spatial": spatial(council),
        "foaf:homepage": typed(at.link("index.html"), "foaf:Document"),
        "dcat:dataset": datasets,
    });
    if let Some(day) = published
        .iter()
        .filter_map(|p| modified(council, &p.table.name))
        .max()
    {
        doc["dct:modified"] = date(day);
    }
    doc
}
