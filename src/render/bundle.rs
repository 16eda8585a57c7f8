//! The offline bundle: the whole council portal in one zip file, to copy onto a USB stick
//! or a phone. Entries are sorted and dated 1980-01-01, so the same portal always gives
//! byte-for-byte the same file.

use super::Output;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// File name of a council's bundle inside its folder.
pub fn name(slug: &str) -> String {
    format!("{slug}-portal.zip")
}

/// Zips `outputs` under a folder named `slug`. Files that are already compressed are stored.
pub fn zip(slug: &str, outputs: &[Output]) -> Vec<u8> {
    let mut sorted: Vec<&Output> = outputs.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for o in sorted {
        let packed = [".zip", ".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp"]
            .iter()
            .any(|ext| o.path.to_ascii_lowercase().ends_with(ext));
        let options = SimpleFileOptions::default()
            .compression_method(if packed {
                CompressionMethod::Stored
            } else {
                CompressionMethod::Deflated
            })
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        if writer
            .start_file(format!("{slug}/{}", o.path), options)
            .is_err()
        {
            continue;
        }
        let _ = writer.write_all(&o.bytes);
    }
    writer.finish().map(Cursor::into_inner).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproducible_and_sorted() {
        let a = Output {
            path: "b.html".into(),
            bytes: b"<p>b</p>".to_vec(),
        };
        let b = Output {
            path: "a.html".into(),
            bytes: b"<p>a</p>".to_vec(),
        };
        let one = zip("x", &[a.clone(), b.clone()]);
        let two = zip("x", &[b, a]);
        assert_eq!(one, two);
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name().unwrap(), "x/a.html");
    }
}
