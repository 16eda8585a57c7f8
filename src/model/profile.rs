//! `profile.yaml`: population, households, area, wards, an about text and other facts.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, yaml};
use crate::text::Text;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    census_year: Option<u32>,
    population: Option<Spanned<Population>>,
    households: Option<u64>,
    area_km2: Option<Spanned<f64>>,
    #[serde(default)]
    wards: Vec<Spanned<Ward>>,
    about: Option<Text>,
    #[serde(default)]
    facts: Vec<Fact>,
    source: Option<Text>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    pub total: Option<u64>,
    pub female: Option<u64>,
    pub male: Option<u64>,
    pub other: Option<u64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    pub number: u32,
    pub name: Option<Text>,
    pub population: Option<u64>,
    pub households: Option<u64>,
    pub office: Option<Text>,
    pub phone: Option<Text>,
    pub chair: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub label: Text,
    pub value: Text,
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub census_year: Option<u32>,
    pub population: Population,
    pub households: Option<u64>,
    pub area_km2: Option<f64>,
    /// Sorted by ward number.
    pub wards: Vec<Ward>,
    /// Markdown.
    pub about: Option<Text>,
    pub facts: Vec<Fact>,
    pub source: Option<Text>,
}

impl Profile {
    /// People per square kilometre, when both figures are known.
    pub fn density(&self) -> Option<f64> {
        match (self.population.total, self.area_km2) {
            (Some(p), Some(a)) if a > 0.0 => Some(p as f64 / a),
            _ => None,
        }
    }
}

/// The sections of profile.yaml, for a key written at the top level by mistake.
const SECTIONS: &[yaml::Section] = &[yaml::Section {
    key: "population",
    keys: &["total", "female", "male", "other"],
}];

pub fn resolve(file: &SourceFile, diags: &mut Diagnostics) -> Option<Profile> {
    let raw: RawProfile = match yaml::parse_with_sections(&file.text, &file.shown, 0, SECTIONS) {
        Ok(raw) => raw,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let located = |loc: &serde_saphyr::Location, message: String| {
        Diagnostic::error(&file.shown, message).at_source(
            &file.text,
            (loc.line() as usize).max(1),
            (loc.column() as usize).max(1),
            1,
        )
    };
    let mut ok = true;
    let population = raw.population.as_ref().map(|p| p.value).unwrap_or_default();
    if let Some(p) = &raw.population
        && let (Some(total), Some(f), Some(m)) = (p.value.total, p.value.female, p.value.male)
    {
        let parts = f
            .checked_add(m)
            .and_then(|s| s.checked_add(p.value.other.unwrap_or(0)));
        if parts != Some(total) {
            let parts =
                parts.map_or_else(|| "more than can be counted".to_string(), |n| n.to_string());
            let mut d = located(
                &p.referenced,
                format!("population total {total} is not female + male ({parts})"),
            );
            d.severity = crate::diagnostics::Severity::Warning;
            diags.push(d.hint("check the census figures; the total is shown as written"));
        }
    }
    if let Some(area) = &raw.area_km2
        && !(area.value.is_finite() && area.value > 0.0)
    {
        diags.push(
            located(
                &area.referenced,
                format!("area_km2 {} is not a positive area", area.value),
            )
            .hint("write the area in square kilometres, e.g. 261.75"),
        );
        ok = false;
    }
    let mut wards: Vec<Ward> = Vec::new();
    for ward in &raw.wards {
        if wards.iter().any(|w| w.number == ward.value.number) {
            diags.push(
                located(
                    &ward.referenced,
                    format!("ward {} is listed twice", ward.value.number),
                )
                .hint("list each ward once"),
            );
            ok = false;
            continue;
        }
        wards.push(ward.value.clone());
    }
    wards.sort_by_key(|w| w.number);
    ok.then_some(Profile {
        census_year: raw.census_year,
        population,
        households: raw.households,
        area_km2: raw.area_km2.map(|a| a.value),
        wards,
        about: raw.about,
        facts: raw.facts,
        source: raw.source,
    })
}
