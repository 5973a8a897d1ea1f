//! Reads a `multipart/form-data` body back into its parts, for tests that
//! compare parts by name rather than bytes (the boundary is random).

#![allow(dead_code, unreachable_pub)]

/// One part of a multipart body: name, file name, content type, bytes.
pub type Part = (String, Option<String>, Option<String>, Vec<u8>);

/// The boundary of a `multipart/form-data; boundary=...` content type.
pub fn boundary(content_type: &str) -> Option<&str> {
    content_type.split_once("boundary=").map(|(_, boundary)| boundary.trim_matches('"'))
}

/// The parts of a multipart body with this boundary, in order.
pub fn parts(body: &[u8], boundary: &str) -> Vec<Part> {
    let delimiter = format!("--{boundary}");
    let mut out = Vec::new();
    let positions: Vec<usize> =
        body.windows(delimiter.len()).enumerate().filter(|(_, w)| *w == delimiter.as_bytes()).map(|(i, _)| i).collect();
    for pair in positions.windows(2) {
        let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2];
        let head_end = part.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(part.len());
        let head = String::from_utf8_lossy(&part[..head_end]).into_owned();
        let content = part.get(head_end + 4..).unwrap_or_default().to_vec();
        let (mut name, mut file_name, mut content_type) = (String::new(), None, None);
        for line in head.split("\r\n") {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("content-disposition:") {
                for attr in line.split(';').map(str::trim) {
                    if let Some(v) = attr.strip_prefix("name=") {
                        name = v.trim_matches('"').to_owned();
                    } else if let Some(v) = attr.strip_prefix("filename=") {
                        file_name = Some(v.trim_matches('"').to_owned());
                    }
                }
            } else if lower.starts_with("content-type:") {
                content_type = Some(line["content-type:".len()..].trim().to_owned());
            }
        }
        out.push((name, file_name, content_type, content));
    }
    out
}
