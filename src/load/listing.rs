//! The files a council publishes as they are (`documents/…`, `media/…`): read for the
//! portal once the model has checked which they are.

use crate::diagnostics::Diagnostic;
use crate::fs;
use crate::load::CouncilDir;

/// Reads the files at `paths` (normalised paths inside the council folder, already checked
/// by the model), each with its bytes or the error reading it gave.
pub fn read_files(
    dir: &CouncilDir,
    paths: Vec<String>,
) -> Vec<(String, Result<Vec<u8>, Diagnostic>)> {
    paths
        .into_iter()
        .map(|rel| {
            let bytes = fs::read_bytes(&dir.dir.join(&rel), &dir.shown.join(&rel));
            (rel, bytes)
        })
        .collect()
}
