//! Where a council's published files live on the web, for everything that names them with
//! an absolute address: canonical and `hreflang` links in pages, the sitemap, the feeds'
//! links and ids, schema.org markup and the DCAT catalogue.
//!
//! Two addresses may be known. The council's official portal (`base_url` in `site.yaml`)
//! is canonical for every copy. A mirror build (`--base-url`) publishes the council below
//! the mirror's address by slug. Names (canonical links, identifiers) use the official
//! address, else the mirror's; links to files use the copy being built, the mirror's
//! address first. With neither, names are URNs minted from the country and the slug
//! (`urn:khula:np:dhangadhi`), stable from build to build, and links stay relative.

use crate::model::Council;

pub(crate) struct Addresses {
    /// The council's official portal, ending in `/`.
    official: Option<String>,
    /// The council on the mirror being built, ending in `/`.
    mirrored: Option<String>,
    /// The council's URN, for names when no address is known.
    urn: String,
}

impl Addresses {
    /// The addresses of `council`; `mirror` is the mirror's address on a `--base-url` build.
    pub fn new(council: &Council, mirror: Option<&str>) -> Addresses {
        Addresses {
            official: council.site.base_url.clone(),
            mirrored: mirror.map(|m| format!("{m}{}/", council.slug)),
            urn: urn(&council.site.country, &council.slug),
        }
    }

    /// The address that names the council's files: the official portal, else the mirror.
    pub fn canonical(&self) -> Option<&str> {
        self.official.as_deref().or(self.mirrored.as_deref())
    }

    /// The address of the copy being built: the mirror, else the official portal.
    pub fn copy(&self) -> Option<&str> {
        self.mirrored.as_deref().or(self.official.as_deref())
    }

    /// The official portal, when this build is a mirror of it.
    pub fn mirror_of(&self) -> Option<&str> {
        self.official.as_deref().filter(|_| self.mirrored.is_some())
    }

    /// `urn:khula:<country>:<slug>`.
    pub fn urn(&self) -> &str {
        &self.urn
    }

    /// A link to the file at `path` (inside the council folder) in the copy being built:
    /// absolute when its address is known, else `path` itself.
    pub fn link(&self, path: &str) -> String {
        match self.copy() {
            Some(base) => format!("{base}{path}"),
            None => path.to_string(),
        }
    }

    /// The canonical address of the page at `path` (inside the council folder), an
    /// `index.html` named by its folder.
    pub fn canonical_page(&self, path: &str) -> Option<String> {
        self.canonical().map(|base| page_url(base, path))
    }

    /// A name for the thing at `path` that holds across copies and builds: its canonical
    /// address, else the council's URN followed by `:` and `path`.
    pub fn name(&self, path: &str) -> String {
        match self.canonical() {
            Some(base) => format!("{base}{path}"),
            None => format!("{}:{path}", self.urn),
        }
    }
}

/// The address of the page at `path` below `base`: `…/index.html` is named by its folder.
pub(crate) fn page_url(base: &str, path: &str) -> String {
    let path = if path == "index.html" || path.ends_with("/index.html") {
        path.trim_end_matches("index.html")
    } else {
        path
    };
    format!("{base}{path}")
}

/// `urn:khula:<country>:<slug>`, the country in lower case (`urn:khula:<slug>` without one).
fn urn(country: &str, slug: &str) -> String {
    let country = country.trim().to_ascii_lowercase();
    if country.is_empty() {
        format!("urn:khula:{slug}")
    } else {
        format!("urn:khula:{country}:{slug}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_pages_are_named_by_their_folder() {
        assert_eq!(page_url("https://a.np/", "index.html"), "https://a.np/");
        assert_eq!(
            page_url("https://a.np/", "en/index.html"),
            "https://a.np/en/"
        );
        assert_eq!(
            page_url("https://a.np/", "budget.html"),
            "https://a.np/budget.html"
        );
        assert_eq!(
            page_url("https://a.np/", "wards/windex.html"),
            "https://a.np/wards/windex.html"
        );
    }

    #[test]
    fn urns_name_the_country_in_lower_case() {
        assert_eq!(urn(" NP", "dhangadhi"), "urn:khula:np:dhangadhi");
        assert_eq!(urn("", "dhangadhi"), "urn:khula:dhangadhi");
    }
}
