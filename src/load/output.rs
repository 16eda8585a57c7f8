//! What the previous build left in the output folder and the next build reads: the
//! councils' build records, the site record and the offline bundles. Each is optional: a
//! file that is missing or cannot be read is simply not reused.

use crate::fs;
use std::path::Path;

/// The text of `out/<slug>/<file>` (a council's build record), if it can be read.
pub fn council_file(out: &Path, slug: &str, file: &str) -> Option<String> {
    fs::read_text(&out.join(slug).join(file), Path::new(file)).ok()
}

/// The text of `out/<file>` (the site record), if it can be read.
pub fn site_file(out: &Path, file: &str) -> Option<String> {
    fs::read_text(&out.join(file), Path::new(file)).ok()
}

/// The bytes of the council's offline bundle `out/<slug>/<name>`, if it can be read.
pub fn bundle(out: &Path, slug: &str, name: &str) -> Option<Vec<u8>> {
    fs::read_bytes(&out.join(slug).join(name), Path::new(name)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_missing_is_not_reused() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("a")).unwrap();
        std::fs::write(out.path().join("a/.rec.json"), "{}").unwrap();
        std::fs::write(out.path().join("a/a-portal.zip"), b"PK").unwrap();
        assert_eq!(
            council_file(out.path(), "a", ".rec.json").as_deref(),
            Some("{}")
        );
        assert_eq!(council_file(out.path(), "b", ".rec.json"), None);
        assert_eq!(site_file(out.path(), ".site.json"), None);
        assert_eq!(
            bundle(out.path(), "a", "a-portal.zip").as_deref(),
            Some(&b"PK"[..])
        );
        assert_eq!(bundle(out.path(), "b", "b-portal.zip"), None);
    }
}
