//! Machine-readable news: an Atom feed of decisions per council and language, and a
//! sitemap of every page when the council has an official address (`base_url`).

use super::Output;
use super::locale::Strings;
use crate::calendar::Date;
use crate::model::Council;
use crate::text::escape_markup as escape;

/// Where the feed of `lang` lives inside the council folder.
pub fn atom_path(languages: &[String], lang: &str) -> String {
    if languages.first().is_some_and(|l| l == lang) {
        "feed.xml".to_string()
    } else {
        format!("{lang}/feed.xml")
    }
}

fn timestamp(council: &Council, d: Date) -> String {
    let g = council.site.calendar.to_gregorian(d).unwrap_or(d);
    format!("{g}T00:00:00Z")
}

/// An identifier for feed entries: the official address when there is one, else a tag URI.
fn entry_id(council: &Council, lang: &str, rest: &str) -> String {
    match &council.site.base_url {
        Some(base) => {
            let prefix = super::lang_prefix(&council.site.languages, lang);
            format!("{base}{prefix}{rest}")
        }
        None => format!("tag:{}.khula.invalid,2000:{lang}/{rest}", council.slug),
    }
}

/// The Atom feed of decisions in `lang`, newest first (at most 50 entries).
pub fn atom(council: &Council, lang: &str, strings: &Strings) -> Output {
    let site = &council.site;
    let default = site.default_lang();
    let t = |key: &str| strings.get(key).cloned().unwrap_or_else(|| key.to_string());
    let name = site.name.get(lang, default).text;
    let items: Vec<_> = council
        .decisions
        .iter()
        .flat_map(|d| d.items.iter().take(50))
        .collect();
    let updated = items.first().map_or_else(
        || "2000-01-01T00:00:00Z".to_string(),
        |d| timestamp(council, d.date),
    );
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(lang)
    ));
    xml.push_str(&format!(
        "<title>{} — {}</title>\n",
        escape(&name),
        escape(&t("decisions"))
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n",
        escape(&entry_id(council, lang, "feed.xml"))
    ));
    xml.push_str(&format!("<updated>{updated}</updated>\n"));
    xml.push_str("<link rel=\"self\" type=\"application/atom+xml\" href=\"feed.xml\"/>\n");
    xml.push_str("<link rel=\"alternate\" type=\"text/html\" href=\"decisions.html\"/>\n");
    xml.push_str(&format!(
        "<author><name>{}</name></author>\n",
        escape(&name)
    ));
    xml.push_str(&format!("<rights>{}</rights>\n", escape(&site.licence)));
    for (i, d) in items.iter().enumerate() {
        let page = d.page.as_ref().map_or_else(
            || "decisions.html".to_string(),
            |p| format!("decisions/{p}.html"),
        );
        let key = d.reference.as_deref().map_or_else(
            || format!("{}-{i}", d.date),
            crate::model::decisions::page_name,
        );
        let title = d.title.get(lang, default).text;
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", escape(&title)));
        xml.push_str(&format!(
            "<id>{}</id>\n",
            escape(&entry_id(council, lang, &format!("decisions/{key}")))
        ));
        xml.push_str(&format!(
            "<updated>{}</updated>\n",
            timestamp(council, d.date)
        ));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&page)
        ));
        let summary = d
            .summary
            .as_ref()
            .map(|s| s.get(lang, default).text)
            .unwrap_or_else(|| title.clone());
        xml.push_str(&format!("<summary>{}</summary>\n", escape(&summary)));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    Output {
        path: atom_path(&site.languages, lang),
        bytes: xml.into_bytes(),
    }
}

/// `sitemap.xml` listing every page, when the council has an official address.
pub fn sitemap(council: &Council, outputs: &[Output]) -> Option<Output> {
    let base = council.site.base_url.as_ref()?;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&str> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .filter(|p| p.ends_with(".html"))
        .collect();
    pages.sort_unstable();
    for page in pages {
        let path = page.strip_suffix("index.html").unwrap_or(page);
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&format!("{base}{path}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(Output {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_without_an_official_address_are_tag_uris() {
        assert_eq!(atom_path(&["ne".into(), "en".into()], "en"), "en/feed.xml");
        assert_eq!(atom_path(&["ne".into(), "en".into()], "ne"), "feed.xml");
    }
}
