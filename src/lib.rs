//! Khula builds accessible, low-bandwidth static open-data portals for local governments.
//!
//! The pipeline, one module per stage: [`load`] finds and reads council folders, [`model`]
//! validates them into typed data (one module per kind of dataset), [`render`] turns the
//! model into pages in memory, and [`write`] publishes them without ever leaving a
//! half-written portal, with a [`record`] of what each council was built from. [`build`]
//! runs the stages; [`cli`] is the command line.

pub mod build;
pub mod calendar;
pub mod cli;
pub mod diagnostics;
pub mod fix;
pub mod fs;
pub mod hash;
pub mod load;
pub mod model;
pub mod new;
pub mod numbers;
pub mod record;
pub mod render;
pub mod serve;
pub mod text;
pub mod write;
