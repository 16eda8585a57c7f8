//! HTTP/1.1 on the wire: read one request head, write one response, close.
//!
//! The preview serves files and one long-poll to a browser on the same computer, so one
//! request per connection (`Connection: close`) is all it needs. Every read and write is
//! bounded in size and time: a client that sends endless headers, sends nothing, or stops
//! reading a large document costs one worker for a while, never memory or the whole server.

use std::fs::File;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The most bytes a request line and its headers may take together. Browsers send 1–8 KiB;
/// common servers stop at 8–64 KiB.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// The most header lines a request may have.
pub const MAX_HEADERS: usize = 100;
/// How long a client has to send its whole head. Browsers open spare connections and send
/// nothing on them; this frees the worker they hold.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to read one [`CHUNK`] of a response: a client that has
/// stopped reading is disconnected after this long.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Responses are read from memory or disk and written in pieces of this size.
const CHUNK: usize = 64 * 1024;
/// After refusing a request, how much of the rest of it is read and dropped, and for how
/// long, so that the client sees the answer instead of a reset connection.
const LINGER_BYTES: u64 = 4 * 1024 * 1024;
const LINGER_TIME: Duration = Duration::from_secs(2);

/// The parts of a request head that the preview uses.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    pub method: String,
    /// The request target as sent: a path starting with `/`, perhaps with `?query`.
    pub target: String,
    /// The `Host` header, if there was exactly one.
    pub host: Option<String>,
    /// The request announced a body (which is never read).
    pub has_body: bool,
}

/// Why no [`Head`] could be read.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The client closed the connection or it failed; nothing can be answered.
    Gone,
    /// The head did not arrive within [`HEAD_TIMEOUT`].
    TimedOut,
    /// More than [`MAX_HEAD_BYTES`] or [`MAX_HEADERS`].
    TooLarge,
    /// Not an HTTP/1.x request; the reason is shown to the client.
    Malformed(&'static str),
    /// HTTP/2 or later in plain text.
    Version,
}

impl Refusal {
    /// The response for the client, if one can be sent.
    pub fn response(&self) -> Option<Response> {
        match self {
            Refusal::Gone => None,
            Refusal::TimedOut => Some(Response::text(408, "the request took too long to arrive")),
            Refusal::TooLarge => Some(Response::text(
                431,
                &format!(
                    "the request headers are too large (at most {} KiB and {MAX_HEADERS} lines)",
                    MAX_HEAD_BYTES / 1024
                ),
            )),
            Refusal::Malformed(why) => Some(Response::text(400, why)),
            Refusal::Version => Some(Response::text(505, "only HTTP/1.0 and 1.1 are served")),
        }
    }
}

/// Reads one request head from `stream`, at most [`MAX_HEAD_BYTES`] of it, within
/// [`HEAD_TIMEOUT`]. Bytes after the head (a body) stay unread.
pub fn read_head(mut stream: &TcpStream) -> Result<Head, Refusal> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Refusal::TimedOut);
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Gone),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Refusal::TimedOut);
            }
            Err(_) => return Err(Refusal::Gone),
        };
        buf.extend_from_slice(&chunk[..n]);
        match head_end(&buf) {
            Some(end) if end <= MAX_HEAD_BYTES => return parse_head(&buf[..end]),
            Some(_) => return Err(Refusal::TooLarge),
            None if buf.len() > MAX_HEAD_BYTES => return Err(Refusal::TooLarge),
            None => {}
        }
    }
}

/// Where the head ends in `buf`: just after the empty line that follows the request line
/// and headers. Empty lines before the request line do not count (RFC 9112, 2.2).
fn head_end(buf: &[u8]) -> Option<usize> {
    let mut line_start = 0;
    let mut seen_text = false;
    for (i, &b) in buf.iter().enumerate() {
        if b != b'\n' {
            continue;
        }
        let line = &buf[line_start..i];
        let empty = line.is_empty() || line == b"\r";
        if empty && seen_text {
            return Some(i + 1);
        }
        seen_text |= !empty;
        line_start = i + 1;
    }
    None
}

/// Parses a complete head (as found by [`head_end`]).
fn parse_head(head: &[u8]) -> Result<Head, Refusal> {
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .skip_while(|l| l.is_empty());
    let request_line = lines.next().unwrap_or_default();
    let (method, target, version) = parse_request_line(request_line)?;
    if version != "HTTP/1.0" && version != "HTTP/1.1" {
        return Err(Refusal::Version);
    }
    let mut head = Head {
        method,
        target,
        host: None,
        has_body: false,
    };
    let mut hosts = 0;
    let mut count = 0;
    for line in lines.take_while(|l| !l.is_empty()) {
        count += 1;
        if count > MAX_HEADERS {
            return Err(Refusal::TooLarge);
        }
        if line.starts_with(b" ") || line.starts_with(b"\t") {
            return Err(Refusal::Malformed("folded header lines are not accepted"));
        }
        let colon = line
            .iter()
            .position(|&b| b == b':')
            .ok_or(Refusal::Malformed("a header line has no colon"))?;
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&b| is_token(b)) {
            return Err(Refusal::Malformed("a header name is not valid"));
        }
        let value = String::from_utf8_lossy(&line[colon + 1..])
            .trim_matches([' ', '\t'])
            .to_string();
        if name.eq_ignore_ascii_case(b"host") {
            hosts += 1;
            head.host = Some(value);
        } else if name.eq_ignore_ascii_case(b"content-length") {
            head.has_body |= value != "0";
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") {
            head.has_body = true;
        }
    }
    if hosts > 1 {
        return Err(Refusal::Malformed("more than one Host header"));
    }
    Ok(head)
}

/// `METHOD SP target SP HTTP/x.y`; the target must be a path (origin form).
fn parse_request_line(line: &[u8]) -> Result<(String, String, String), Refusal> {
    let bad = Refusal::Malformed("the request line is not `METHOD /path HTTP/1.1`");
    let text = std::str::from_utf8(line).map_err(|_| Refusal::Malformed("not ASCII"))?;
    let parts: Vec<&str> = text.split(' ').collect();
    let [method, target, version] = parts[..] else {
        return Err(bad);
    };
    if method.is_empty() || !method.bytes().all(is_token) || !version.starts_with("HTTP/") {
        return Err(bad);
    }
    // Only visible ASCII, so that nothing taken from the path can break a response header.
    if !target.starts_with('/') || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad);
    }
    Ok((method.to_string(), target.to_string(), version.to_string()))
}

/// The characters of an HTTP token (RFC 9110, 5.6.2).
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// What to send: a status, headers and a body held in memory or read from a file.
pub struct Response {
    pub status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

enum Body {
    Bytes(Vec<u8>),
    /// An open file and the length announced for it.
    File(File, u64),
}

impl Response {
    pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::Bytes(body),
        }
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::bytes(
            status,
            "text/plain; charset=utf-8",
            format!("{body}\n").into_bytes(),
        )
    }

    /// Streams `file` rather than reading it whole: documents can be large.
    pub fn file(file: File, content_type: &str) -> io::Result<Response> {
        let len = file.metadata()?.len();
        Ok(Response {
            status: 200,
            headers: vec![("Content-Type", content_type.to_string())],
            body: Body::File(file, len),
        })
    }

    pub fn with(mut self, name: &'static str, value: &str) -> Response {
        self.headers.push((name, value.to_string()));
        self
    }

    /// Writes the response to `stream` (only the head when `head_only`, for `HEAD`).
    /// The client gets [`WRITE_TIMEOUT`] to take each [`CHUNK`] of it.
    pub fn send(self, stream: &TcpStream, head_only: bool) -> io::Result<()> {
        let len = match &self.body {
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, len) => *len,
        };
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nDate: {}\r\n",
            self.status,
            reason(self.status),
            http_date(SystemTime::now())
        );
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {len}\r\nConnection: close\r\n\r\n"
        ));
        let body: Box<dyn Read> = match self.body {
            _ if head_only => Box::new(io::empty()),
            Body::Bytes(bytes) => Box::new(io::Cursor::new(bytes)),
            // Never more than announced, should the file grow meanwhile.
            Body::File(file, len) => Box::new(file.take(len)),
        };
        let mut reader = io::Cursor::new(head.into_bytes()).chain(body);
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            write_within(stream, &chunk[..n], WRITE_TIMEOUT)?;
        }
    }
}

/// Writes all of `buf` within `limit` in all. A timeout on each write alone is not enough:
/// a client that has stopped reading still takes a few bytes now and then, and each write
/// that moves a few bytes starts its timeout again.
fn write_within(mut stream: &TcpStream, buf: &[u8], limit: Duration) -> io::Result<()> {
    let deadline = Instant::now() + limit;
    let mut rest = buf;
    while !rest.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(rest) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => rest = &rest[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Closes the sending side, then reads and drops what the client is still sending (a
/// refused head or an unread body), within limits. Closing a socket with unread input
/// resets the connection, and the client would lose the answer already sent.
pub fn linger(mut stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let deadline = Instant::now() + LINGER_TIME;
    let mut dropped = 0u64;
    let mut chunk = [0u8; 16 * 1024];
    while dropped < LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => dropped += n as u64,
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110, 5.6.7).
fn http_date(now: SystemTime) -> String {
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        .min(i64::MAX as u64) as i64;
    let date = crate::calendar::days_to_gregorian(secs.div_euclid(86_400));
    let time = secs.rem_euclid(86_400);
    let day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        [usize::from(crate::calendar::weekday(date) % 7)];
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][usize::from(date.month.clamp(1, 12) - 1)];
    format!(
        "{day}, {:02} {month} {} {:02}:{:02}:{:02} GMT",
        date.day,
        date.year,
        time / 3600,
        time / 60 % 60,
        time % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Head, Refusal> {
        let bytes = text.as_bytes();
        parse_head(&bytes[..head_end(bytes).expect("a complete head")])
    }

    #[test]
    fn a_browser_request_is_read() {
        let head = parse(
            "GET /dhangadhi/?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nAccept: */*\r\n\r\nrest",
        )
        .unwrap();
        assert_eq!(
            head,
            Head {
                method: "GET".into(),
                target: "/dhangadhi/?x=1".into(),
                host: Some("127.0.0.1:8000".into()),
                has_body: false,
            }
        );
        // Bare LF line ends and an empty line before the request line are accepted.
        let lf = parse("\r\nHEAD / HTTP/1.0\nhost:  localhost:80 \n\n").unwrap();
        assert_eq!(lf.method, "HEAD");
        assert_eq!(lf.host.as_deref(), Some("localhost:80"));
        let body = parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").unwrap();
        assert!(body.has_body && body.host.is_none());
    }

    #[test]
    fn the_head_ends_at_the_first_empty_line() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
        assert_eq!(head_end(b"\r\n\r\nGET / HTTP/1.1\r\n"), None);
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\nX"), Some(18));
    }

    #[test]
    fn malformed_requests_are_refused() {
        for (text, want) in [
            ("GET / HTTP/2.0\r\n\r\n", Refusal::Version),
            ("GET /  HTTP/1.1\r\n\r\n", Refusal::Malformed("")),
            (
                "GET http://evil.example/ HTTP/1.1\r\n\r\n",
                Refusal::Malformed(""),
            ),
            ("GET /\x01 HTTP/1.1\r\n\r\n", Refusal::Malformed("")),
            (
                "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
                Refusal::Malformed(""),
            ),
            ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", Refusal::Malformed("")),
            ("GET / HTTP/1.1\r\nno colon\r\n\r\n", Refusal::Malformed("")),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                Refusal::Malformed(""),
            ),
        ] {
            let got = parse(text).unwrap_err();
            match want {
                Refusal::Malformed(_) => assert!(matches!(got, Refusal::Malformed(_)), "{text:?}"),
                want => assert_eq!(got, want, "{text:?}"),
            }
        }
    }

    #[test]
    fn too_many_headers_are_refused() {
        let mut text = "GET / HTTP/1.1\r\n".to_string();
        for i in 0..MAX_HEADERS {
            text.push_str(&format!("X-{i}: {i}\r\n"));
        }
        assert!(parse(&format!("{text}\r\n")).is_ok());
        text.push_str("X-last: 1\r\n");
        assert_eq!(parse(&format!("{text}\r\n")), Err(Refusal::TooLarge));
    }

    #[test]
    fn a_client_that_stops_reading_is_given_up() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        // More than the socket buffers of both sides hold; the client reads nothing.
        let big = vec![b'x'; 128 * 1024 * 1024];
        let err = write_within(&server, &big, Duration::from_millis(300)).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ),
            "{err}"
        );
        drop(client);
    }

    #[test]
    fn dates_are_http_dates() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(http_date(t), "Sun, 06 Nov 1994 08:49:37 GMT");
        assert_eq!(http_date(UNIX_EPOCH), "Thu, 01 Jan 1970 00:00:00 GMT");
    }
}
