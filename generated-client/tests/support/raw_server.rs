//! A raw HTTP/1.1 server on 127.0.0.1 for table-driven tests: it records
//! every request exactly as it arrived (method, raw target, headers in
//! order, body bytes) and answers each with the response the test set
//! last, then closes the connection. Unlike wiremock it matches nothing and
//! normalizes nothing, so a test sees the bytes the client sent, and it
//! costs one task per connection, so thousands of calls replay quickly.

#![allow(dead_code, unreachable_pub)]

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(status: u16, body: &serde_json::Value) -> Self {
        Reply { status, content_type: Some("application/json".into()), body: body.to_string().into_bytes() }
    }

    pub fn empty(status: u16) -> Self {
        Reply { status, content_type: None, body: Vec::new() }
    }
}

/// One request as it arrived.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// The request target as sent (path and query, percent-encoding kept).
    pub target: String,
    /// Header names as sent, in arrival order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn path(&self) -> &str {
        self.target.split_once('?').map_or(&self.target, |(path, _)| path)
    }

    pub fn raw_query(&self) -> &str {
        self.target.split_once('?').map_or("", |(_, query)| query)
    }

    /// The query pairs, percent- and `+`-decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.raw_query();
        if query.is_empty() {
            return Vec::new();
        }
        query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(key), percent_decode(value))
            })
            .collect()
    }

    /// The value of the header `name` (case-insensitive); the first one.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// `%XX` and `+` decoded, as form encoding writes a query.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[derive(Default)]
struct State {
    reply: Option<Reply>,
    received: Vec<Received>,
}

/// The server; dropping it stops accepting.
pub struct RawServer {
    pub base: String,
    state: Arc<Mutex<State>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl RawServer {
    pub async fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().expect("local address"));
        let state = Arc::new(Mutex::new(State::default()));
        let shared = state.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let state = shared.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, state).await;
                });
            }
        });
        RawServer { base, state, task }
    }

    /// Sets the answer to every request from now on, and forgets what was
    /// received.
    pub fn answer(&self, reply: Reply) {
        let mut state = self.state.lock().unwrap();
        state.reply = Some(reply);
        state.received.clear();
    }

    /// What was received since the last [`answer`](Self::answer).
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }
}

async fn serve(mut stream: TcpStream, state: Arc<Mutex<State>>) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let mut chunk = [0u8; 8192];
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect();
    let header = |name: &str| headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    let mut body = buffer[head_end + 4..].to_vec();
    if let Some(length) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        while body.len() < length {
            let mut chunk = [0u8; 8192];
            let n = stream.read(&mut chunk).await?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
        body.truncate(length);
    } else if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        body = read_chunked(&mut stream, body).await?;
    }
    let reply = {
        let mut state = state.lock().unwrap();
        state.received.push(Received { method, target, headers, body });
        state.reply.clone().unwrap_or_else(|| Reply::empty(500))
    };
    let mut out = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", reply.status);
    if let Some(content_type) = &reply.content_type {
        out.push_str(&format!("Content-Type: {content_type}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&reply.body);
    stream.write_all(&bytes).await?;
    stream.shutdown().await
}

/// Reads a chunked body, of which `already` was read with the head.
async fn read_chunked(stream: &mut TcpStream, mut data: Vec<u8>) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        // Enough bytes for the next size line?
        let Some(line_end) = data.windows(2).position(|w| w == b"\r\n") else {
            read_more(stream, &mut data).await?;
            continue;
        };
        let size_text = String::from_utf8_lossy(&data[..line_end]).into_owned();
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("0").trim(), 16).unwrap_or(0);
        let need = line_end + 2 + size + 2;
        while data.len() < need {
            read_more(stream, &mut data).await?;
        }
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(&data[line_end + 2..line_end + 2 + size]);
        data.drain(..need);
    }
}

async fn read_more(stream: &mut TcpStream, data: &mut Vec<u8>) -> std::io::Result<()> {
    let mut chunk = [0u8; 8192];
    let n = stream.read(&mut chunk).await?;
    if n == 0 {
        return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "body cut short"));
    }
    data.extend_from_slice(&chunk[..n]);
    Ok(())
}
