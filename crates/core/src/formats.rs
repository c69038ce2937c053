//! The `format` tags of the files and records the app writes, in one place below everything that reads them, so a
//! reader of one kind can tell a file of another kind of this app for what it is.

/// A document file (`Document::format`).
pub const DOCUMENT: &str = "zipin.evaluation";
/// A framework file.
pub const FRAMEWORK: &str = "zipin.framework";
/// A framework kept in the browser's library.
pub const STORED_FRAMEWORK: &str = "zipin.stored-framework";
