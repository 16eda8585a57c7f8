//! The controlled vocabularies a DCAT-AP 3 catalogue points at: the EU Publications Office
//! authority tables (languages, countries, file types, data themes), IANA media types, and
//! the licence addresses CKAN's licence register knows.

/// The EU languages authority: `http://publications.europa.eu/resource/authority/language/`.
const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
/// The EU countries authority.
const COUNTRY: &str = "http://publications.europa.eu/resource/authority/country/";
/// The EU file-type authority.
const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
/// The EU data-theme vocabulary (the DCAT-AP themes).
pub const DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme";
/// The IANA media-type registry, one IRI per type.
const IANA: &str = "https://www.iana.org/assignments/media-types/";

/// ISO 639-1 codes of the portal's languages and their codes in the EU languages authority.
const LANGUAGES: &[(&str, &str)] = &[
    ("ar", "ARA"),
    ("bn", "BEN"),
    ("dz", "DZO"),
    ("en", "ENG"),
    ("hi", "HIN"),
    ("ne", "NEP"),
    ("si", "SIN"),
    ("ta", "TAM"),
    ("ur", "URD"),
];

/// ISO 3166-1 alpha-2 codes and their codes in the EU countries authority.
const COUNTRIES: &[(&str, &str)] = &[
    ("AF", "AFG"),
    ("BD", "BGD"),
    ("BT", "BTN"),
    ("IN", "IND"),
    ("LK", "LKA"),
    ("MV", "MDV"),
    ("NP", "NPL"),
    ("PK", "PAK"),
];

/// The EU languages authority IRI of an ISO 639-1 code, `None` for a language not listed.
pub fn language(code: &str) -> Option<String> {
    LANGUAGES
        .iter()
        .find(|(iso, _)| iso.eq_ignore_ascii_case(code))
        .map(|(_, eu)| format!("{LANGUAGE}{eu}"))
}

/// The EU countries authority IRI of an ISO 3166-1 alpha-2 code, `None` when not listed.
pub fn country(iso2: &str) -> Option<String> {
    COUNTRIES
        .iter()
        .find(|(iso, _)| iso.eq_ignore_ascii_case(iso2.trim()))
        .map(|(_, eu)| format!("{COUNTRY}{eu}"))
}

/// A download's format: its IANA media type and its EU file type, from its label.
pub struct Format {
    /// The media type itself, `text/csv`.
    pub media: &'static str,
    /// The media type as an IANA IRI.
    pub media_type: String,
    pub file_type: String,
}

pub fn format(label: &str) -> Format {
    let (media, file) = match label {
        "CSV" => ("text/csv", "CSV"),
        _ => ("application/json", "JSON"),
    };
    Format {
        media,
        media_type: format!("{IANA}{media}"),
        file_type: format!("{FILE_TYPE}{file}"),
    }
}

/// The themes used, with their English labels in the EU data-theme vocabulary.
const GOVE: (&str, &str) = ("GOVE", "Government and public sector");
const ECON: (&str, &str) = ("ECON", "Economy and finance");
const SOCI: (&str, &str) = ("SOCI", "Population and society");

/// The data themes of a dataset (code, English label), by its file stem. Budgets and tax
/// rates are government and economy, services government and society; everything else a
/// council publishes is about its government.
pub fn themes(dataset: &str) -> &'static [(&'static str, &'static str)] {
    match dataset {
        "budget" | "tax-rates" => &[GOVE, ECON],
        "services" => &[GOVE, SOCI],
        _ => &[GOVE],
    }
}

/// A licence as a catalogue names it: the address and title CKAN's licence register gives
/// it, so a harvester recognises it, and the SPDX page of the exact licence.
pub struct Licence {
    pub iri: String,
    pub title: String,
    pub spdx: String,
}

/// The licences of CKAN's default register (`ckan/model/license.py`), matched by SPDX id
/// prefix. ckanext-dcat looks a distribution's `dct:license` up by this address, then by
/// this title.
const CKAN_LICENCES: &[(&str, &str, &str)] = &[
    (
        "CC-BY-SA-",
        "http://www.opendefinition.org/licenses/cc-by-sa",
        "Creative Commons Attribution Share-Alike",
    ),
    (
        "CC-BY-NC-",
        "http://creativecommons.org/licenses/by-nc/2.0/",
        "Creative Commons Non-Commercial (Any)",
    ),
    (
        "CC-BY-",
        "http://www.opendefinition.org/licenses/cc-by",
        "Creative Commons Attribution",
    ),
    (
        "CC0-",
        "http://www.opendefinition.org/licenses/cc-zero",
        "Creative Commons CCZero",
    ),
    (
        "ODC-By-",
        "http://www.opendefinition.org/licenses/odc-by",
        "Open Data Commons Attribution License",
    ),
    (
        "ODbL-",
        "http://www.opendefinition.org/licenses/odc-odbl",
        "Open Data Commons Open Database License (ODbL)",
    ),
    (
        "PDDL-",
        "http://www.opendefinition.org/licenses/odc-pddl",
        "Open Data Commons Public Domain Dedication and License (PDDL)",
    ),
    (
        "OGL-UK-",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "UK Open Government Licence (OGL)",
    ),
    (
        "GFDL-",
        "http://www.opendefinition.org/licenses/gfdl",
        "GNU Free Documentation License",
    ),
];

/// The licence of an SPDX id: CKAN's address and title when its register has the licence,
/// else the SPDX page titled by the id.
pub fn licence(spdx: &str) -> Licence {
    let page = format!("https://spdx.org/licenses/{spdx}");
    let known = CKAN_LICENCES.iter().find(|(prefix, _, _)| {
        spdx.to_ascii_lowercase()
            .starts_with(&prefix.to_ascii_lowercase())
    });
    match known {
        Some((_, iri, title)) => Licence {
            iri: (*iri).to_string(),
            title: (*title).to_string(),
            spdx: page,
        },
        None => Licence {
            iri: page.clone(),
            title: spdx.to_string(),
            spdx: page,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_the_eu_authorities() {
        assert_eq!(
            language("ne").unwrap(),
            "http://publications.europa.eu/resource/authority/language/NEP"
        );
        assert_eq!(language("dz").unwrap(), format!("{LANGUAGE}DZO"));
        assert_eq!(language("xx"), None);
        assert_eq!(country("np").unwrap(), format!("{COUNTRY}NPL"));
        assert_eq!(country("BD").unwrap(), format!("{COUNTRY}BGD"));
    }

    #[test]
    fn licences_use_the_addresses_ckan_knows() {
        assert_eq!(
            licence("CC-BY-4.0").iri,
            "http://www.opendefinition.org/licenses/cc-by"
        );
        assert_eq!(
            licence("CC-BY-SA-4.0").title,
            "Creative Commons Attribution Share-Alike"
        );
        assert_eq!(
            licence("CC0-1.0").iri,
            "http://www.opendefinition.org/licenses/cc-zero"
        );
        let other = licence("MIT");
        assert_eq!(other.iri, "https://spdx.org/licenses/MIT");
        assert_eq!(other.title, "MIT");
    }
}
