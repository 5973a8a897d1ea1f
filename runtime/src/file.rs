//! A file sent as one part of a `multipart/form-data` body.

use std::fmt;

/// A file to upload: its bytes, the file name the server sees, and its
/// content type: the one set with [`content_type`](Self::content_type), else
/// the type of the file name's extension (`readings.csv` is `text/csv`,
/// `export.zip` `application/zip`), else `application/octet-stream`, as the
/// official JS client sends.
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    pub(crate) bytes: Vec<u8>,
    pub(crate) file_name: String,
    pub(crate) content_type: Option<String>,
}

impl FilePart {
    /// A file from its bytes and name.
    pub fn new(bytes: impl Into<Vec<u8>>, file_name: impl Into<String>) -> Self {
        FilePart { bytes: bytes.into(), file_name: file_name.into(), content_type: None }
    }

    /// Sets the content type, such as `application/zip`, instead of the one
    /// of the file name's extension.
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file name.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The contents.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// The size, not the contents, which may be large or private.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}
