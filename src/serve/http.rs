//! Answering one request: map the URL to a file inside the output folder, pick its content
//! type, and decorate HTML pages with the reload script and the problems banner.
//!
//! The decoration happens only in the response; the files on disk stay exactly as `build`
//! would write them, with no script.

use super::watch::Status;
use super::wire::Response;
use std::path::{Path, PathBuf};

/// Where the pages' script asks whether a rebuild has happened.
pub const WAIT_PATH: &str = "/__khula/wait";
/// The current build number, as plain text, for scripts and tests.
pub const VERSION_PATH: &str = "/__khula/version";

/// The response to a `method` request for `path` (query removed), given the last build.
pub fn answer(method: &str, path: &str, out: &Path, now: &Status) -> Response {
    if method != "GET" && method != "HEAD" {
        return Response::text(405, "only GET and HEAD are served").with("Allow", "GET, HEAD");
    }
    if path == VERSION_PATH {
        return version(now.version);
    }
    let banner = now.problems.as_deref().map(banner);
    let html = |code: u16, page: &str| {
        let body = decorate(page, now.version, banner.as_deref());
        Response::bytes(code, "text/html; charset=utf-8", body.into_bytes())
    };
    let response = match resolve(out, path) {
        Target::File(file) if is_html(&file) => match crate::fs::read_bytes(&file, &file) {
            Ok(bytes) => html(200, &String::from_utf8_lossy(&bytes)),
            Err(_) => html(404, &not_found_page(path)),
        },
        Target::File(file) => {
            match std::fs::File::open(&file).and_then(|f| Response::file(f, content_type(&file))) {
                Ok(response) => response,
                Err(_) => html(404, &not_found_page(path)),
            }
        }
        // `resolve` builds the address from the request path, which holds visible ASCII only.
        Target::Redirect(to) => {
            Response::text(301, &format!("moved to {to}")).with("Location", &to)
        }
        Target::NotFound => html(404, &not_found_page(path)),
        Target::Refused => Response::text(403, "this address is outside the preview"),
    };
    response
        .with("Cache-Control", "no-store")
        .with("X-Content-Type-Options", "nosniff")
}

/// The build number, for [`VERSION_PATH`] and [`WAIT_PATH`].
pub fn version(version: u64) -> Response {
    Response::text(200, &version.to_string()).with("Cache-Control", "no-store")
}

/// What a URL path refers to inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    /// A folder asked for without its trailing slash: send the reader to `path/`, so that
    /// the page's relative links resolve.
    Redirect(String),
    NotFound,
    /// The path tries to leave the output folder, or cannot be a file name.
    Refused,
}

/// Resolves the path part of a request URL (query already removed) against `root`.
pub fn resolve(root: &Path, url_path: &str) -> Target {
    let Some(decoded) = crate::text::percent_decode(url_path) else {
        return Target::Refused;
    };
    let mut path = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => continue,
            ".." => return Target::Refused,
            s if s.contains(['\\', '\0', ':']) => return Target::Refused,
            // Hidden files, such as a staging folder, are never published.
            s if s.starts_with('.') => return Target::NotFound,
            s => path.push(s),
        }
    }
    // A link inside the output may not lead outside it either.
    let inside = match (path.canonicalize(), root.canonicalize()) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        _ => return Target::NotFound,
    };
    if !inside {
        return Target::Refused;
    }
    if path.is_dir() {
        if !url_path.ends_with('/') {
            // One leading slash, so the address cannot name another host (`//host/`).
            return Target::Redirect(format!("/{}/", url_path.trim_start_matches('/')));
        }
        path.push("index.html");
    }
    if path.is_file() {
        Target::File(path)
    } else {
        Target::NotFound
    }
}

/// The `Content-Type` for a file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "geojson" => "application/geo+json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    }
}

pub fn is_html(path: &Path) -> bool {
    content_type(path).starts_with("text/html")
}

/// Escapes text for HTML element content and attribute values.
pub use crate::text::escape_markup as escape;

/// The banner shown at the top of every page while the last rebuild has failed.
/// `problems` is plain text; it is escaped here.
pub fn banner(problems: &str) -> String {
    format!(
        "<div id=\"khula-serve-problems\" role=\"alert\" style=\"all:initial;display:block;\
box-sizing:border-box;margin:0;padding:1em;background:#fff3cd;color:#1a1a1a;\
border-bottom:4px solid #b00020;font:16px/1.4 system-ui,sans-serif\">\
<strong style=\"display:block;font-size:1.1em\">The last change could not be built. \
This preview shows the last version that built; fix the problems below and save again.</strong>\
<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:.5em 0 0;\
font:14px/1.4 ui-monospace,monospace;color:#1a1a1a\">{}</pre></div>",
        escape(problems)
    )
}

/// The reload script: it waits on [`WAIT_PATH`] and reloads when the build number changes,
/// keeping the reader's scroll position.
pub fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v={version},k=\"khula-serve-scroll\";\
try{{var s=sessionStorage.getItem(k);if(s!==null){{sessionStorage.removeItem(k);\
window.scrollTo(0,+s)}}}}catch(e){{}}\
function w(){{fetch(\"{WAIT_PATH}?since=\"+v,{{cache:\"no-store\"}})\
.then(function(r){{if(!r.ok)throw r;return r.text()}})\
.then(function(t){{if(+t!==v){{try{{sessionStorage.setItem(k,String(window.scrollY))}}\
catch(e){{}}location.reload()}}else{{w()}}}},function(){{setTimeout(w,1000)}})}}w()}})();\
</script>"
    )
}

/// Adds the banner (if any) after `<body…>` and the reload script before `</body>`.
pub fn decorate(html: &str, version: u64, banner_html: Option<&str>) -> String {
    let lower = html.to_ascii_lowercase();
    let script = reload_script(version);
    let banner_html = banner_html.unwrap_or("");
    let body_open = lower
        .find("<body")
        .and_then(|start| lower[start..].find('>').map(|end| start + end + 1));
    let body_close = lower
        .rfind("</body>")
        .filter(|&c| body_open.is_none_or(|o| c >= o));
    let mut out = String::with_capacity(html.len() + script.len() + banner_html.len());
    match (body_open, body_close) {
        (Some(open), Some(close)) => {
            out.push_str(&html[..open]);
            out.push_str(banner_html);
            out.push_str(&html[open..close]);
            out.push_str(&script);
            out.push_str(&html[close..]);
        }
        (Some(open), None) => {
            out.push_str(&html[..open]);
            out.push_str(banner_html);
            out.push_str(&html[open..]);
            out.push_str(&script);
        }
        (None, _) => {
            out.push_str(banner_html);
            out.push_str(html);
            out.push_str(&script);
        }
    }
    out
}

/// The page for a URL that matches no file.
pub fn not_found_page(url_path: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Not found</title></head>\n<body style=\"font:16px/1.5 system-ui,sans-serif;\
margin:2em auto;max-width:40em;padding:0 1em\">\n<h1>Not found</h1>\n\
<p>There is no page at <code>{}</code> in this preview.</p>\n\
<p><a href=\"/\">Go to the list of councils</a></p>\n</body></html>\n",
        escape(url_path)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_files_folders_and_refusals() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("dhangadhi/en")).unwrap();
        std::fs::write(root.join("index.html"), "i").unwrap();
        std::fs::write(root.join("dhangadhi/index.html"), "d").unwrap();
        std::fs::write(root.join("dhangadhi/en/budget.html"), "b").unwrap();
        assert_eq!(resolve(root, "/"), Target::File(root.join("index.html")));
        assert_eq!(
            resolve(root, "/dhangadhi/"),
            Target::File(root.join("dhangadhi/index.html"))
        );
        assert_eq!(
            resolve(root, "/dhangadhi"),
            Target::Redirect("/dhangadhi/".into())
        );
        assert_eq!(
            resolve(root, "/dhangadhi/en/%62udget.html"),
            Target::File(root.join("dhangadhi/en/budget.html"))
        );
        assert_eq!(
            resolve(root, "//dhangadhi"),
            Target::Redirect("/dhangadhi/".into())
        );
        assert_eq!(resolve(root, "/nothing.html"), Target::NotFound);
        assert_eq!(resolve(root, "/dhangadhi/en/"), Target::NotFound);
        assert_eq!(resolve(root, "/../etc/passwd"), Target::Refused);
        assert_eq!(resolve(root, "/%2e%2e/%2e%2e/etc/passwd"), Target::Refused);
        assert_eq!(resolve(root, "/dhangadhi/..%5c..%5cx"), Target::Refused);
        assert_eq!(resolve(root, "/%zz"), Target::Refused);
        assert_eq!(resolve(root, "/.hidden"), Target::NotFound);
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_output_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("s.txt")).unwrap();
        assert_eq!(resolve(&root, "/s.txt"), Target::Refused);
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(
            content_type(Path::new("a/b.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("b.pdf")), "application/pdf");
        assert_eq!(content_type(Path::new("b.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("b.csv")), "text/csv; charset=utf-8");
        assert_eq!(content_type(Path::new("b.jpeg")), "image/jpeg");
        assert_eq!(content_type(Path::new("b")), "application/octet-stream");
    }

    #[test]
    fn decorate_adds_banner_after_body_and_script_before_its_end() {
        let html = "<html><BODY class=\"x\"><p>hi</p></body></html>";
        let out = decorate(html, 7, Some("<div>B</div>"));
        assert!(
            out.starts_with("<html><BODY class=\"x\"><div>B</div><p>hi</p><script>"),
            "{out}"
        );
        assert!(out.ends_with("</script></body></html>"), "{out}");
        assert!(out.contains("var v=7,"), "{out}");
        let bare = decorate("<p>x</p>", 1, None);
        assert!(bare.starts_with("<p>x</p><script>"), "{bare}");
    }

    #[test]
    fn banner_escapes_the_problems() {
        let b = banner("budget.csv:2:5: \"<b>\" is not an amount & more");
        assert!(b.contains("budget.csv:2:5: &quot;&lt;b&gt;&quot; is not an amount &amp; more"));
        assert!(!b.contains("<b>"));
    }
}
