//! Machine-readable news and maps: per council and language an Atom feed of decisions and
//! one of datasets as they are published or updated; a sitemap of every page with its
//! language alternates, and `robots.txt` naming it, wherever the council's address is known.
//!
//! Links are absolute when the address of the copy being built is known (see
//! [`Addresses`]), else relative to the feed. Ids are the canonical addresses, else URNs of
//! the council (`urn:khula:np:dhangadhi:en/decisions/…`): the same entry keeps its id from
//! build to build and on every mirror, and two councils never share one.

use super::Output;
use super::address::{Addresses, page_url};
use super::data::{self, Published};
use super::locale::Locale;
use crate::calendar::Date;
use crate::model::Council;
use crate::text::escape_markup as escape;
use std::collections::BTreeMap;

/// Where the decisions feed of `lang` lives inside the council folder.
pub fn atom_path(languages: &[String], lang: &str) -> String {
    format!("{}feed.xml", super::lang_prefix(languages, lang))
}

/// Where the datasets feed of `lang` lives inside the council folder.
pub fn data_feed_path(languages: &[String], lang: &str) -> String {
    format!("{}data-feed.xml", super::lang_prefix(languages, lang))
}

fn timestamp(council: &Council, d: Date) -> String {
    let g = council.site.calendar.to_gregorian(d).unwrap_or(d);
    format!("{g}T00:00:00Z")
}

/// An Atom document being written: the feed of `path` (inside the council folder).
struct Feed<'a> {
    xml: String,
    at: &'a Addresses,
    /// The folder of the feed inside the council folder (`""` or `en/`), for links
    /// relative to it when no address is known.
    folder: String,
}

/// One entry of a feed.
struct Entry {
    title: String,
    /// A name for the entry inside the council folder, made an id by [`Addresses::name`].
    id: String,
    updated: String,
    /// The page the entry is about, inside the council folder.
    page: String,
    summary: Option<String>,
    /// Files the entry offers: (path inside the council folder, media type, bytes).
    enclosures: Vec<(String, &'static str, u64)>,
}

impl<'a> Feed<'a> {
    fn new(at: &'a Addresses, lang: &str, path: &str, title: &str, updated: &str) -> Feed<'a> {
        let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
        let folder = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let mut feed = Feed {
            xml: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            at,
            folder,
        };
        feed.xml.push_str(&format!(
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<updated>{updated}</updated>\n",
            escape(lang),
            escape(title),
            escape(&at.name(path)),
        ));
        let own = feed.href(path);
        feed.link("self", "application/atom+xml", &own);
        feed
    }

    /// The address of `path` (inside the council folder) as the feed links to it.
    fn href(&self, path: &str) -> String {
        match self.at.copy() {
            Some(base) => page_url(base, path),
            None => path.strip_prefix(&self.folder).unwrap_or(path).to_string(),
        }
    }

    fn link(&mut self, rel: &str, kind: &str, href: &str) {
        self.xml.push_str(&format!(
            "<link rel=\"{rel}\" type=\"{kind}\" href=\"{}\"/>\n",
            escape(href)
        ));
    }

    /// The feed's page, author and rights, after its self link.
    fn about(&mut self, page: &str, author: &str, rights: &str) {
        let href = self.href(page);
        self.link("alternate", "text/html", &href);
        self.xml.push_str(&format!(
            "<author><name>{}</name>{}</author>\n<rights>{}</rights>\n",
            escape(author),
            self.at
                .canonical()
                .map(|u| format!("<uri>{}</uri>", escape(u)))
                .unwrap_or_default(),
            escape(rights),
        ));
    }

    fn entry(&mut self, e: &Entry) {
        self.xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<updated>{}</updated>\n",
            escape(&e.title),
            escape(&self.at.name(&e.id)),
            e.updated,
        ));
        let page = self.href(&e.page);
        self.link("alternate", "text/html", &page);
        for (path, kind, bytes) in &e.enclosures {
            let href = self.href(path);
            self.xml.push_str(&format!(
                "<link rel=\"enclosure\" type=\"{kind}\" length=\"{bytes}\" href=\"{}\"/>\n",
                escape(&href)
            ));
        }
        if let Some(summary) = &e.summary {
            self.xml
                .push_str(&format!("<summary>{}</summary>\n", escape(summary)));
        }
        self.xml.push_str("</entry>\n");
    }

    fn finish(mut self, path: String) -> Output {
        self.xml.push_str("</feed>\n");
        Output {
            path,
            bytes: self.xml.into_bytes(),
        }
    }
}

/// The Atom feed of decisions, notices, tenders, hearings and audits in the language of
/// `loc`, newest first (at most 50 entries); `mirror` is the mirror's address on a
/// `--base-url` build.
pub fn atom(council: &Council, loc: &Locale, mirror: Option<&str>) -> Output {
    let site = &council.site;
    let at = Addresses::new(council, mirror);
    let prefix = super::lang_prefix(&site.languages, loc.lang);
    let name = loc.text(&site.name).text;
    let mut entries: Vec<(Date, Entry)> = Vec::new();
    for (i, d) in council
        .decisions
        .iter()
        .flat_map(|d| d.items.iter().take(FEED_ENTRIES))
        .enumerate()
    {
        let page = d.page.as_ref().map_or_else(
            || "decisions.html".to_string(),
            |p| format!("decisions/{p}.html"),
        );
        let key = d.reference.as_deref().map_or_else(
            || format!("{}-{i}", d.date),
            crate::model::decisions::page_name,
        );
        entries.push((
            d.date,
            Entry {
                title: loc.text(&d.title).text,
                id: format!("{prefix}decisions/{key}"),
                updated: timestamp(council, d.date),
                page: format!("{prefix}{page}"),
                summary: non_empty(d.summary.as_ref().map(|s| loc.text(s).text)),
                enclosures: Vec::new(),
            },
        ));
    }
    for n in council.notices.iter().flat_map(|n| &n.items) {
        let key = n.reference.as_deref().map_or_else(
            || format!("{}-{}", n.published, n.line),
            crate::model::decisions::page_name,
        );
        let kind = if n.kind == crate::model::notices::Kind::Other {
            loc.text(&n.kind_text).text
        } else {
            loc.t(n.kind.key())
        };
        entries.push((
            n.published,
            Entry {
                title: prefixed(&kind, &loc.text(&n.title).text),
                id: format!("{prefix}notices/{key}"),
                updated: timestamp(council, n.published),
                page: format!("{prefix}notices.html"),
                summary: non_empty(n.summary.as_ref().map(|s| loc.text(s).text)),
                enclosures: Vec::new(),
            },
        ));
    }
    for t in council.tenders.iter().flat_map(|t| &t.items) {
        let page = crate::model::tenders::page_name(t);
        entries.push((
            t.published,
            Entry {
                title: prefixed(&loc.t("tender"), &loc.text(&t.title).text),
                id: format!("{prefix}tenders/{page}"),
                updated: timestamp(council, t.published),
                page: format!("{prefix}tenders/{page}.html"),
                summary: Some(loc.tf("tender_open_until", &[("date", &loc.date(t.deadline))])),
                enclosures: Vec::new(),
            },
        ));
    }
    for h in council.hearings.iter().flat_map(|h| &h.items) {
        // Named by its day and title, which stay when other rows are added.
        let key = crate::hash::fingerprint(h.title.key(site.default_lang()).as_bytes());
        entries.push((
            h.date,
            Entry {
                title: prefixed(&loc.t(h.kind.key()), &loc.text(&h.title).text),
                id: format!("{prefix}hearings/{}-{}", h.date, &key[..key.len().min(12)]),
                updated: timestamp(council, h.date),
                page: format!("{prefix}hearings.html"),
                summary: non_empty(h.findings.as_ref().map(|s| loc.text(s).text)),
                enclosures: Vec::new(),
            },
        ));
    }
    // Newest first; of one day, decisions before notices, tenders and hearings, each in
    // its file's order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.0));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.first().map_or_else(
        || "2000-01-01T00:00:00Z".to_string(),
        |(d, _)| timestamp(council, *d),
    );
    let path = atom_path(&site.languages, loc.lang);
    let what =
        if council.notices.is_some() || council.tenders.is_some() || council.hearings.is_some() {
            loc.t("feed_notices")
        } else {
            loc.t("decisions")
        };
    let title = format!("{name} — {what}");
    let mut feed = Feed::new(&at, loc.lang, &path, &title, &updated);
    let page = if council.decisions.is_none() && council.notices.is_some() {
        "notices.html"
    } else {
        "decisions.html"
    };
    feed.about(&format!("{prefix}{page}"), &name, &site.licence);
    for (_, e) in &entries {
        feed.entry(e);
    }
    feed.finish(path)
}

/// The most entries a feed holds.
const FEED_ENTRIES: usize = 50;

/// "Kind: title", unless the title already starts with the kind.
fn prefixed(kind: &str, title: &str) -> String {
    if title.to_lowercase().starts_with(&kind.to_lowercase()) {
        title.to_string()
    } else {
        format!("{kind}: {title}")
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// The Atom feed of the datasets in the language of `loc`, the most recently updated
/// first: a dataset appears once it has a day of last update (see `Council::updated`), and
/// comes back to the top when that day changes. Each entry links the dataset's page and
/// offers its downloads.
pub fn data_feed(
    council: &Council,
    loc: &Locale,
    published: &[Published],
    mirror: Option<&str>,
) -> Output {
    let site = &council.site;
    let at = Addresses::new(council, mirror);
    let prefix = super::lang_prefix(&site.languages, loc.lang);
    let name = loc.text(&site.name).text;
    let mut dated: Vec<(Date, &Published)> = published
        .iter()
        .filter_map(|p| Some((*council.updated.get(&p.table.name)?, p)))
        .collect();
    dated.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.table.name.cmp(&b.1.table.name))
    });
    let updated = dated.first().map_or_else(
        || "2000-01-01T00:00:00Z".to_string(),
        |(d, _)| timestamp(council, *d),
    );
    let path = data_feed_path(&site.languages, loc.lang);
    let title = format!("{name} — {}", loc.t("datasets"));
    let mut feed = Feed::new(&at, loc.lang, &path, &title, &updated);
    feed.about(&format!("{prefix}data.html"), &name, &site.licence);
    for (day, p) in dated {
        feed.entry(&Entry {
            title: loc.text(&p.table.title).text,
            id: format!("{prefix}data/{}", p.table.name),
            updated: timestamp(council, day),
            page: format!("{prefix}{}", p.table.page),
            summary: Some(data::about(loc, council, p)),
            enclosures: p
                .downloads
                .iter()
                .map(|d| (d.path.clone(), data::media_type(&d.label), d.bytes))
                .collect(),
        });
    }
    feed.finish(path)
}

/// `sitemap.xml` of the copy being built, listing every page at its address with its
/// versions in the council's other languages (`hreflang`), when that address is known;
/// and `robots.txt` naming it when the council's folder is the root of its host.
pub fn sitemap(council: &Council, outputs: &[Output], mirror: Option<&str>) -> Vec<Output> {
    let at = Addresses::new(council, mirror);
    let Some(base) = at.copy() else {
        return Vec::new();
    };
    let languages = &council.site.languages;
    // Each page by its path inside a language folder, with the languages it exists in.
    let mut pages: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in outputs
        .iter()
        .map(|o| o.path.as_str())
        .filter(|p| p.ends_with(".html"))
    {
        let (lang, inner) = languages
            .iter()
            .skip(1)
            .find_map(|l| Some((l.as_str(), path.strip_prefix(&format!("{l}/"))?)))
            .unwrap_or((languages.first().map_or("", String::as_str), path));
        pages.entry(inner).or_default().push(lang);
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut entries: Vec<(String, String)> = Vec::new();
    for (inner, langs) in &pages {
        let url = |lang: &str| {
            page_url(
                base,
                &format!("{}{inner}", super::lang_prefix(languages, lang)),
            )
        };
        let alternates: String = if langs.len() > 1 {
            langs
                .iter()
                .map(|l| {
                    format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        escape(l),
                        escape(&url(l))
                    )
                })
                .collect()
        } else {
            String::new()
        };
        for lang in langs {
            entries.push((url(lang), alternates.clone()));
        }
    }
    entries.sort();
    for (loc, alternates) in entries {
        xml.push_str(&format!(
            "<url><loc>{}</loc>{alternates}</url>\n",
            escape(&loc)
        ));
    }
    xml.push_str("</urlset>\n");
    let mut out = vec![Output {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }];
    if mirror.is_none() && is_host_root(base) {
        out.push(robots(&[format!("{base}sitemap.xml")]));
    }
    out
}

/// Whether `url` is the root of its host (`https://host/`): only there do crawlers read
/// `robots.txt`.
fn is_host_root(url: &str) -> bool {
    url.split_once("://")
        .is_some_and(|(_, rest)| rest.find('/') == Some(rest.len() - 1))
}

/// `robots.txt`: every crawler welcome, and where the sitemaps are.
pub fn robots(sitemaps: &[String]) -> Output {
    let mut text = String::from("User-agent: *\nAllow: /\n\n");
    for s in sitemaps {
        text.push_str(&format!("Sitemap: {s}\n"));
    }
    Output {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

/// The most addresses in one sitemap, and sitemaps in one sitemap index (sitemaps.org).
pub const SITEMAP_LIMIT: usize = 50_000;

/// The site's own maps on a mirror at `mirror`: `sitemap-pages.xml` of the site `pages`
/// (the index and its lists, and the comparison's first page in each language, by path
/// in the output), `sitemap.xml` indexing it and every council's sitemap, and `robots.txt`
/// naming the index. Past [`SITEMAP_LIMIT`] entries a map is continued in
/// `sitemap-pages-2.xml`, `sitemap-2.xml` and so on: the protocol allows no more in one
/// file, and no index of indexes, so `robots.txt` names every index.
pub fn site_maps(mirror: &str, slugs: &[&str], pages: &[String]) -> Vec<Output> {
    let mut pages: Vec<String> = pages.iter().map(|p| page_url(mirror, p)).collect();
    pages.sort();
    pages.dedup();
    let mut out = Vec::new();
    let mut maps = numbered_lists(&mut out, mirror, "sitemap-pages", "urlset", "url", &pages);
    maps.extend(slugs.iter().map(|s| format!("{mirror}{s}/sitemap.xml")));
    let indexes = numbered_lists(
        &mut out,
        mirror,
        "sitemap",
        "sitemapindex",
        "sitemap",
        &maps,
    );
    out.push(robots(&indexes));
    out
}

/// Writes `locs` into `out` as `<list>` files of [`SITEMAP_LIMIT`] `<item>`s at most,
/// `name.xml`, `name-2.xml` and so on; their addresses on the mirror.
fn numbered_lists(
    out: &mut Vec<Output>,
    mirror: &str,
    name: &str,
    list: &str,
    item: &str,
    locs: &[String],
) -> Vec<String> {
    let mut addresses = Vec::new();
    for (i, chunk) in locs.chunks(SITEMAP_LIMIT).enumerate() {
        let path = numbered(name, i);
        addresses.push(format!("{mirror}{path}"));
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{list} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        );
        for loc in chunk {
            xml.push_str(&format!("<{item}><loc>{}</loc></{item}>\n", escape(loc)));
        }
        xml.push_str(&format!("</{list}>\n"));
        out.push(Output {
            path,
            bytes: xml.into_bytes(),
        });
    }
    addresses
}

/// `name.xml` for the first part of a map, `name-2.xml` for the second, and so on.
fn numbered(name: &str, part: usize) -> String {
    if part == 0 {
        format!("{name}.xml")
    } else {
        format!("{name}-{}.xml", part + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mirror_of_many_councils_splits_its_sitemap_index() {
        let slugs: Vec<String> = (0..SITEMAP_LIMIT + 10).map(|i| format!("gp-{i}")).collect();
        let slugs: Vec<&str> = slugs.iter().map(String::as_str).collect();
        let outputs = vec!["index.html".to_string()];
        let maps = site_maps("https://m.example.org/", &slugs, &outputs);
        let paths: Vec<&str> = maps.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemap-pages.xml",
                "sitemap.xml",
                "sitemap-2.xml",
                "robots.txt"
            ]
        );
        let count = |o: &Output| {
            String::from_utf8_lossy(&o.bytes)
                .matches("<sitemap>")
                .count()
        };
        // The pages' map and 49,999 councils, then the last 11 councils.
        assert_eq!(count(&maps[1]), SITEMAP_LIMIT);
        assert_eq!(count(&maps[2]), 11);
        let robots = String::from_utf8_lossy(&maps[3].bytes).into_owned();
        assert!(robots.contains("Sitemap: https://m.example.org/sitemap.xml\n"));
        assert!(robots.contains("Sitemap: https://m.example.org/sitemap-2.xml\n"));
        // A small mirror keeps one of each.
        let small = site_maps("https://m.example.org/", &slugs[..3], &outputs);
        assert_eq!(small.len(), 3);
    }

    #[test]
    fn feeds_sit_in_the_language_folder() {
        assert_eq!(atom_path(&["ne".into(), "en".into()], "en"), "en/feed.xml");
        assert_eq!(atom_path(&["ne".into(), "en".into()], "ne"), "feed.xml");
        assert_eq!(
            data_feed_path(&["ne".into(), "en".into()], "en"),
            "en/data-feed.xml"
        );
    }

    #[test]
    fn robots_txt_only_at_the_root_of_a_host() {
        assert!(is_host_root("https://sreepur.gazipur.gov.bd/"));
        assert!(!is_host_root("https://example.org/portal/"));
        assert!(!is_host_root("example.org/"));
    }
}
