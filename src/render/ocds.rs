//! `ocds.json`: the council's tenders as an Open Contracting Data Standard 1.1 release
//! package, one release per tender with its award and contract, for contracting portals
//! and civic tools that read OCDS.
//!
//! Each tender's `ocid` is the council's registered prefix (`ocid_prefix` in `site.yaml`)
//! followed by the tender's ref; without a prefix, `khula-<country>-<slug>-<ref>`, unique
//! but not registered. Days become date-times at the council's local midnight (deadlines
//! at the end of the day), with the country's offset from UTC.

use super::Output;
use super::address::Addresses;
use super::data::vocab;
use crate::calendar::Date;
use crate::model::Council;
use crate::model::tenders::{Status, Tender};
use crate::numbers::Amount;
use serde_json::{Value as Json, json};

/// Where the package lives in the council folder.
pub const PATH: &str = "ocds.json";

/// The country's offset from UTC, for date-times.
fn offset(country: &str) -> &'static str {
    match country {
        "NP" => "+05:45",
        "IN" | "LK" => "+05:30",
        "BD" | "BT" => "+06:00",
        "PK" | "MV" => "+05:00",
        "AF" => "+04:30",
        _ => "Z",
    }
}

/// Writes the date-times of one council.
struct Clock<'a> {
    council: &'a Council,
    offset: &'static str,
}

impl Clock<'_> {
    fn at(&self, d: Date, time: &str) -> Option<String> {
        let g = self.council.site.calendar.to_gregorian(d)?;
        Some(format!("{g}T{time}{}", self.offset))
    }

    fn start(&self, d: Date) -> Option<String> {
        self.at(d, "00:00:00")
    }

    fn end(&self, d: Date) -> Option<String> {
        self.at(d, "23:59:59")
    }
}

fn value(a: Option<Amount>, currency: &str) -> Option<Json> {
    let plain = a?.plain();
    let amount = match plain.parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => json!(plain.parse::<f64>().ok()?),
    };
    Some(json!({"amount": amount, "currency": currency}))
}

/// The prefix of the council's ocids.
fn ocid_prefix(council: &Council) -> String {
    match &council.site.ocid_prefix {
        Some(p) => p.clone(),
        None => format!(
            "khula-{}-{}",
            council.site.country.to_ascii_lowercase(),
            council.slug
        ),
    }
}

/// Sets `key` of `object` when there is a value.
fn put(object: &mut Json, key: &str, value: Option<Json>) {
    if let Some(v) = value {
        object[key] = v;
    }
}

fn release(council: &Council, clock: &Clock, at: &Addresses, t: &Tender) -> Json {
    let site = &council.site;
    let lang = site.default_lang();
    let currency = site.currency.as_str();
    let name = site.name.key(lang).to_string();
    let ocid = format!("{}-{}", ocid_prefix(council), t.reference.trim());
    let latest = [
        Some(t.published),
        t.award.as_ref().and_then(|a| a.date),
        t.contract.as_ref().and_then(|c| c.signed),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(t.published);
    let mut tags = vec![if t.status == Status::Cancelled {
        "tenderCancellation"
    } else {
        "tender"
    }];
    let mut parties =
        vec![json!({"id": "buyer", "name": name, "roles": ["buyer", "procuringEntity"]})];
    let mut tender = json!({
        "id": t.reference.trim(),
        "title": t.title.key(lang),
        "status": t.status.code(),
        "procuringEntity": {"id": "buyer", "name": name},
        "tenderPeriod": {"startDate": clock.start(t.published), "endDate": clock.end(t.deadline)},
    });
    put(
        &mut tender,
        "procurementMethod",
        t.method.map(|m| json!(m.code())),
    );
    put(
        &mut tender,
        "procurementMethodDetails",
        t.method_text.as_ref().map(|m| json!(m.key(lang))),
    );
    put(
        &mut tender,
        "mainProcurementCategory",
        t.category.map(|c| json!(c.code())),
    );
    put(&mut tender, "value", value(t.value, currency));
    // A document is listed where its address is absolute: OCDS wants a URL.
    if let Some(doc) = &t.document {
        let url = match doc {
            crate::model::files::Target::Url(u) => Some(u.clone()),
            crate::model::files::Target::File { path, .. } => {
                at.copy().map(|base| format!("{base}{path}"))
            }
        };
        if let Some(url) = url {
            tender["documents"] =
                json!([{"id": "notice", "documentType": "tenderNotice", "url": url}]);
        }
    }
    let mut release = json!({
        "ocid": ocid,
        "id": format!("{ocid}-{latest}"),
        "date": clock.start(latest),
        "language": lang,
        "initiationType": "tender",
        "buyer": {"id": "buyer", "name": name},
        "tender": tender,
    });
    if let Some(a) = &t.award {
        tags.push("award");
        let supplier = json!({"id": "supplier", "name": a.supplier.key(lang)});
        parties
            .push(json!({"id": "supplier", "name": a.supplier.key(lang), "roles": ["supplier"]}));
        let mut award = json!({
            "id": format!("{}-award", t.reference.trim()),
            "status": "active",
            "suppliers": [supplier],
        });
        put(
            &mut award,
            "date",
            a.date.and_then(|d| clock.start(d)).map(Json::from),
        );
        put(&mut award, "value", value(a.value, currency));
        release["awards"] = json!([award]);
        if let Some(c) = &t.contract {
            tags.push("contract");
            let mut contract = json!({
                "id": format!("{}-contract", t.reference.trim()),
                "awardID": format!("{}-award", t.reference.trim()),
                "status": "active",
            });
            put(&mut contract, "value", value(c.value, currency));
            put(
                &mut contract,
                "dateSigned",
                c.signed.and_then(|d| clock.start(d)).map(Json::from),
            );
            if let Some(end) = c.end.and_then(|d| clock.end(d)) {
                contract["period"] = json!({"endDate": end});
            }
            release["contracts"] = json!([contract]);
        }
    }
    release["tag"] = json!(tags);
    release["parties"] = json!(parties);
    release
}

/// The release package of `council`'s tenders, or `None` without `tenders.csv`; `mirror`
/// is the mirror's address on a `--base-url` build.
pub fn package(council: &Council, mirror: Option<&str>) -> Option<Output> {
    // OCDS wants one release or more: a tenders.csv with no rows makes no package.
    let tenders = council.tenders.as_ref().filter(|t| !t.items.is_empty())?;
    let site = &council.site;
    let at = Addresses::new(council, mirror);
    let clock = Clock {
        council,
        offset: offset(&site.country),
    };
    let releases: Vec<Json> = tenders
        .items
        .iter()
        .map(|t| release(council, &clock, &at, t))
        .collect();
    let published = releases
        .iter()
        .filter_map(|r| r["date"].as_str())
        .max()
        .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), str::to_string);
    let mut publisher = json!({"name": site.name.get("en", site.default_lang()).text});
    put(&mut publisher, "uri", at.canonical().map(Json::from));
    let package = json!({
        "uri": at.name(PATH),
        "version": "1.1",
        "publishedDate": published,
        "publisher": publisher,
        "license": vocab::licence(&site.licence).spdx,
        "releases": releases,
    });
    Some(Output {
        path: PATH.into(),
        bytes: serde_json::to_vec_pretty(&package).unwrap_or_default(),
    })
}
