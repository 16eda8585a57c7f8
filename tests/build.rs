//! Whole-site tests: build fixture councils with the real binary and check what readers get.

mod common;
use common::*;
use std::path::Path;

#[test]
fn messy_amounts_are_summed_and_missing_figures_shown_as_dash() {
    let (_tmp, out) = build(&fixture("messy"));
    // English page: Latin digits, lakh grouping (Nepal).
    let doc = html(&out.join("messy-nagar/en/budget.html"));
    let figures = texts(&doc, "section[aria-labelledby=exp] dd");
    assert!(
        figures[0].starts_with("2,47,91,856.50"),
        "allocated: {figures:?}"
    );
    assert!(
        figures[1].starts_with('—'),
        "revised not reported anywhere: {figures:?}"
    );
    assert!(figures[2].starts_with("1,00,50,500"), "spent: {figures:?}");
    // Rate over the three lines that reported spending: 10,050,500 / 12,446,178.
    assert_eq!(figures[3], "80.8%");
    let notes = texts(&doc, "p.note").join(" | ");
    assert!(notes.contains("1 of 4 lines not reported"), "{notes}");
    // The programme table shows the empty spent cell as a dash, not 0.
    let rows = texts(&doc, "#sectors tbody tr");
    let health = rows.iter().find(|r| r.starts_with("Health")).unwrap();
    assert!(health.contains('—'), "{health}");
    assert!(!health.contains(" 0 "), "{health}");
    // Nepali page: Devanagari digits with lakh grouping.
    let ne = html(&out.join("messy-nagar/budget.html"));
    let ne_figures = texts(&ne, "section[aria-labelledby=exp] dd");
    assert!(
        ne_figures[0].starts_with("२,४७,९१,८५६.५०"),
        "{ne_figures:?}"
    );
}

#[test]
fn every_internal_link_resolves_from_file_urls() {
    for case in ["messy", "contract"] {
        let (_tmp, out) = build(&fixture(case));
        let broken = broken_links(&out);
        assert!(broken.is_empty(), "{case}: broken links {broken:#?}");
    }
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_tmp, out) = build(&content);
    let broken = broken_links(&out);
    assert!(
        broken.is_empty(),
        "sample content: broken links {broken:#?}"
    );
}

#[test]
fn no_root_absolute_links_or_remote_loads() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for dir in [fixture("hostile"), fixture("messy"), content] {
        let (_tmp, out) = build(&dir);
        for page in files(&out, "html") {
            let text = read(&page);
            for bad in ["href=\"/", "src=\"/", "src=\"http", "@import", "url("] {
                assert!(!text.contains(bad), "{} contains {bad}", page.display());
            }
            // The only script element allowed is JSON-LD data, which browsers never run.
            let scripts = text.matches("<script").count();
            let data = text
                .matches("<script type=\"application/ld+json\">")
                .count();
            assert_eq!(scripts, data, "{} has an executable script", page.display());
        }
    }
}

#[test]
fn hostile_content_is_data_never_markup() {
    let (_tmp, out) = build(&fixture("hostile"));
    let pages = files(&out, "html");
    assert!(pages.len() >= 8, "{pages:?}");
    for page in &pages {
        let doc = html(page);
        let name = page.display();
        // The one style element is the printed page's running head and foot: an @page rule
        // whose texts are CSS strings the content cannot leave.
        for el in doc.select(&sel("head style")) {
            let css: String = el.text().collect();
            assert!(is_print_frame(&css), "{name}: style element {css:?}");
        }
        for el in doc.select(&sel("script[type=\"application/ld+json\"]")) {
            let body: String = el.text().collect();
            assert!(!body.contains('<'), "{name}: JSON-LD carries markup");
            serde_json::from_str::<serde_json::Value>(&body).expect("JSON-LD parses");
        }
        for tag in [
            "script:not([type=\"application/ld+json\"])",
            "iframe",
            "object",
            "embed",
            "form",
            "input",
            "body style",
            "head style:not([media=\"print\"])",
            "meta[http-equiv]",
        ] {
            assert_eq!(
                doc.select(&sel(tag)).count(),
                0,
                "{name}: <{tag}> from content"
            );
        }
        for el in doc.select(&sel("*")) {
            for (attr, value) in el.value().attrs() {
                assert!(
                    !attr.starts_with("on"),
                    "{name}: {attr}= on <{}>",
                    el.value().name()
                );
                let v = value.trim().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:"), "{name}: {attr}={value}");
            }
            if el.value().name() == "img" {
                let src = el.value().attr("src").unwrap_or("");
                assert!(
                    !src.contains("tracker.example"),
                    "{name}: remote image {src}"
                );
            }
        }
    }
    // The text is still there for readers, escaped.
    let home = read(&out.join("evil/index.html"));
    assert!(
        home.contains("&lt;script&gt;alert('name')&lt;/script&gt; Council")
            || home.contains("&lt;script&gt;alert(&#39;name&#39;)"),
        "escaped name missing"
    );
}

#[test]
fn sample_councils_build_with_every_page_kind() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_tmp, out) = build(&content);
    for slug in ["dhangadhi", "sreepur", "gulberg-town"] {
        for page in [
            "index.html",
            "profile.html",
            "budget.html",
            "tax-rates.html",
            "decisions.html",
        ] {
            assert!(out.join(slug).join(page).is_file(), "{slug}/{page}");
            assert!(
                out.join(slug).join("en").join(page).is_file(),
                "{slug}/en/{page}"
            );
        }
        // Sample data is announced on every page.
        for page in files(&out.join(slug), "html") {
            assert_eq!(
                html(&page).select(&sel("p.sample")).count(),
                1,
                "{}",
                page.display()
            );
        }
    }
    let index = html(&out.join("index.html"));
    let groups = texts(&index, "h2");
    for country in ["Nepal", "Bangladesh", "Pakistan"] {
        assert!(groups.iter().any(|g| g.starts_with(country)), "{groups:?}");
    }
    let links: Vec<String> = index
        .select(&sel(".councils a"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links.len(), 3, "{links:?}");
    // Real census figures reach the home page, in Nepali digits.
    let home = html(&out.join("dhangadhi/index.html"));
    assert!(
        texts(&home, ".figures dd")
            .iter()
            .any(|t| t.starts_with("२,०४,७८८"))
    );
    let decisions = html(&out.join("dhangadhi/decisions.html"));
    assert_eq!(decisions.root_element().value().attr("lang"), Some("ne"));
}

#[test]
fn contract_council_builds_unchanged() {
    let (_tmp, out) = build(&fixture("contract"));
    assert!(out.join("dhangadhi/index.html").is_file());
    assert!(out.join("index.html").is_file());
    let doc = html(&out.join("dhangadhi/en/decisions/2080-001.html"));
    assert_eq!(texts(&doc, "h1"), vec!["Annual programme approved"]);
    let canonical = doc.select(&sel("link[rel=canonical]")).next().unwrap();
    assert_eq!(
        canonical.value().attr("href"),
        Some("https://example.gov.np/en/decisions/2080-001.html")
    );
}

#[test]
fn check_writes_nothing_and_reports_success() {
    let tmp = tempfile::tempdir().unwrap();
    let run = khula(
        tmp.path(),
        &["check", "--content", fixture("messy").to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("checked 1 council"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let run = khula(tmp.path(), &["build", "--content", "does-not-exist"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("does-not-exist"));
    assert_eq!(khula(tmp.path(), &["frobnicate"]).code, 2);
    let help = khula(tmp.path(), &["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("khula build"), "{}", help.stdout);
}

#[test]
fn counts_agree_and_help_says_where_the_format_is() {
    let tmp = tempfile::tempdir().unwrap();
    let help = khula(tmp.path(), &["--help"]);
    assert!(
        help.stdout
            .contains("docs/content-format.md of the Khula source"),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.contains("write numbers without commas"),
        "{}",
        help.stdout
    );
    let new_help = khula(tmp.path(), &["new", "--help"]);
    assert!(
        new_help.stdout.contains("Cannot be used with --from"),
        "{}",
        new_help.stdout
    );
    // One error: "fix it", not "fix them".
    let one = khula(
        tmp.path(),
        &[
            "check",
            "--content",
            fixture("invalid").join("not-utf8").to_str().unwrap(),
        ],
    );
    assert_eq!(
        one.stderr.lines().last(),
        Some("1 error found; fix it and check again"),
        "{}",
        one.stderr
    );
    // The build summary says what the megabytes are.
    let content = tmp.path().join("content");
    copy_tree(
        &fixture("contract").join("dhangadhi"),
        &content.join("dhangadhi"),
    );
    // One service in its category: "1 service".
    std::fs::write(
        content.join("dhangadhi/services.csv"),
        "category,service\nVital registration,Birth registration\n",
    )
    .unwrap();
    let out = tmp.path().join("sites");
    let run = build_into(tmp.path(), &content, &out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let summary = run.stderr.lines().last().unwrap_or("");
    assert!(
        summary.starts_with("built 1 council: ")
            && summary.contains(" pages, portals of ")
            && summary.contains(" MB in all; "),
        "{summary}"
    );
    let services = read(&out.join("dhangadhi/en/services.html"));
    assert!(services.contains("1 service<"), "{services}");
    assert!(!services.contains("1 services"), "{services}");
}

/// Copies the contract council into `root/content/<slug>` with `theme: <theme>` added.
fn council_with_theme(root: &Path, slug: &str, theme: &str) {
    let from = fixture("contract").join("dhangadhi");
    let to = root.join("content").join(slug);
    copy_tree(&from, &to);
    let site = to.join("site.yaml");
    let text = read(&site);
    std::fs::write(&site, format!("{text}\ntheme: {theme}\n")).unwrap();
}

/// The main menu comes from `menu.html`, once per depth and current entry; a theme may
/// replace it, and a theme's own `base.html` that writes the menu from `layout.nav`, as
/// themes did before `menu.html`, still gets every entry with the current one marked.
#[test]
fn themes_replace_the_menu_or_write_it_from_layout_nav() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    council_with_theme(root, "plain-menu", "plain-menu");
    council_with_theme(root, "own-base", "own-base");
    let themes = root.join("themes");
    std::fs::create_dir_all(themes.join("plain-menu/templates")).unwrap();
    std::fs::write(
        themes.join("plain-menu/templates/menu.html"),
        "<nav class=\"main\" id=\"plain\"><ul>{% for item in nav %}<li{% if item.current %} class=\"here\"{% endif %}><a href=\"{{ item.href }}\">{{ item.label.text }}</a></li>{% endfor %}</ul></nav>\n",
    )
    .unwrap();
    std::fs::create_dir_all(themes.join("own-base/templates")).unwrap();
    let base = include_str!("../themes/default/templates/base.html").replace(
        "{{ layout.menu | safe }}",
        "<nav class=\"main\" id=\"own\"><ul>{% for item in layout.nav %}<li><a href=\"{{ item.href }}\"{% if item.current %} aria-current=\"page\"{% endif %}>{{ item.label | tx }}</a></li>{% endfor %}</ul></nav>\n",
    );
    assert_ne!(base, include_str!("../themes/default/templates/base.html"));
    std::fs::write(themes.join("own-base/templates/base.html"), base).unwrap();
    let (_out_tmp, out) = build(&root.join("content"));

    let default_menu = |slug: &str, page: &str| {
        let doc = html(&out.join(slug).join(page));
        let hrefs: Vec<String> = doc
            .select(&sel("nav.main a"))
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        (doc, hrefs)
    };
    // The replaced menu, at the root and one folder down, with the right entry current.
    let (doc, hrefs) = default_menu("plain-menu", "budget.html");
    assert_eq!(doc.select(&sel("nav#plain")).count(), 1);
    assert!(hrefs.contains(&"budget.html".to_string()), "{hrefs:?}");
    assert_eq!(texts(&doc, "nav#plain li.here"), vec!["बजेट"]);
    let (doc, hrefs) = default_menu("plain-menu", "en/decisions/2080-001.html");
    assert!(hrefs.contains(&"../budget.html".to_string()), "{hrefs:?}");
    assert_eq!(texts(&doc, "nav#plain li.here"), vec!["Decisions"]);
    assert_eq!(doc.select(&sel("nav#plain svg")).count(), 0);
    // The theme's own base.html gets the same entries from layout.nav.
    let (doc, own) = default_menu("own-base", "en/decisions/2080-001.html");
    assert_eq!(doc.select(&sel("nav#own")).count(), 1);
    assert_eq!(own, hrefs);
    let current: Vec<String> = doc
        .select(&sel("nav#own a[aria-current=page]"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(current, vec!["Decisions"]);
}

/// A council's theme is part of what decides its pages: after a template of the theme
/// changes, building into the same folder again shows the change on every page that uses it.
#[test]
fn an_edited_theme_template_shows_on_the_next_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    council_with_theme(root, "dhangadhi", "my-theme");
    let templates = root.join("themes/my-theme/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let budget = |marker: &str| common::write_marked_budget_template(&templates, marker);
    let build_again = || {
        let run = khula(root, &["build", "--content", "content", "--out", "sites"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    };
    let marker = |page: &str| texts(&html(&root.join("sites/dhangadhi").join(page)), "#marker");
    budget("first");
    build_again();
    assert_eq!(marker("budget.html"), ["first"]);
    budget("second");
    build_again();
    assert_eq!(marker("budget.html"), ["second"]);
    assert_eq!(marker("en/budget.html"), ["second"]);
}

/// `@page{@top-left{content:"…"}@bottom-right{content:counter(page) " / " counter(pages)}…}`
/// and nothing else: every string's quotes, backslashes and angle brackets escaped.
fn is_print_frame(css: &str) -> bool {
    let Some(mut rest) = css.strip_prefix("@page{").and_then(|r| r.strip_suffix('}')) else {
        return false;
    };
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix('@') else {
            return false;
        };
        let Some((name, body)) = after.split_once("{content:") else {
            return false;
        };
        if !["top-left", "top-right", "bottom-left", "bottom-right"].contains(&name) {
            return false;
        }
        let counter = "counter(page) \" / \" counter(pages)}";
        if let Some(r) = body.strip_prefix(counter) {
            rest = r;
            continue;
        }
        let Some(string) = body.strip_prefix('"') else {
            return false;
        };
        let Some(end) = string.find('"') else {
            return false;
        };
        let (text, tail) = string.split_at(end);
        if text.contains(['\\', '<', '>'])
            && !text.split('\\').skip(1).all(|e| {
                e.split_once(' ').is_some_and(|(hex, _)| {
                    !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit())
                })
            })
        {
            return false;
        }
        if text.contains(['<', '>']) {
            return false;
        }
        let Some(r) = tail.strip_prefix("\"}") else {
            return false;
        };
        rest = r;
    }
    true
}
