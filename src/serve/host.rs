//! Which names the preview answers to.
//!
//! A web page on another site can point its own name at 127.0.0.1 (DNS rebinding) and then
//! read the preview as if it were its own. The browser still sends that name in the `Host`
//! header, so the preview answers only requests that name this computer by a loopback
//! address, `localhost`, or the address the connection arrived at (for `--bind`).

use std::net::{IpAddr, SocketAddr};

/// Whether the `Host` header `host` names the preview reached at `local` (the address and
/// port the connection arrived at). The port must be given, except for port 80, where
/// browsers leave it out.
pub fn is_allowed(host: &str, local: SocketAddr) -> bool {
    let port = local.port();
    let name = match host.rsplit_once(':') {
        // `[::1]` alone has a colon inside the brackets, not before a port.
        Some((name, p)) if !p.ends_with(']') => {
            if p.parse::<u16>().ok() != Some(port) || p.starts_with('+') {
                return false;
            }
            name
        }
        _ if port == 80 => host,
        _ => return false,
    };
    names(local.ip())
        .iter()
        .any(|n| n.eq_ignore_ascii_case(name))
}

/// The names a browser may use for the preview at `ip`: as written in a URL.
fn names(ip: IpAddr) -> Vec<String> {
    let mut out = vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "[::1]".to_string(),
    ];
    match ip {
        IpAddr::V4(v4) => out.push(v4.to_string()),
        IpAddr::V6(v6) => {
            out.push(format!("[{v6}]"));
            // A dual-stack socket sees an IPv4 client as `::ffff:a.b.c.d`.
            if let Some(v4) = v6.to_ipv4_mapped() {
                out.push(v4.to_string());
            }
        }
    }
    out
}

/// The plain-text reason sent with a refusal.
pub fn refusal(host: Option<&str>, local: SocketAddr) -> String {
    let port = local.port();
    let mut names = format!("127.0.0.1:{port} or localhost:{port}");
    if local.ip() != IpAddr::from([127, 0, 0, 1]) {
        names = format!("{}, {names}", SocketAddr::new(local.ip(), port));
    }
    match host {
        None => {
            format!("the request has no Host header; khula serve answers only requests for {names}")
        }
        Some(h) => format!("khula serve answers only requests for {names}, not for {h:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(addr: &str) -> SocketAddr {
        addr.parse().unwrap()
    }

    #[test]
    fn loopback_names_with_the_port_are_allowed() {
        let local = at("127.0.0.1:8000");
        for host in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST:8000",
            "[::1]:8000",
        ] {
            assert!(is_allowed(host, local), "{host}");
        }
        for host in [
            "evil.example:8000",
            "localhost.evil.example:8000",
            "127.0.0.1",
            "localhost",
            "127.0.0.1:8001",
            "127.0.0.1:+8000",
            "127.0.0.1:08000x",
            "[::1]",
            "",
            ":8000",
            "127.0.0.1:8000:8000",
        ] {
            assert!(!is_allowed(host, local), "{host}");
        }
    }

    #[test]
    fn the_bare_name_is_allowed_on_port_80_only() {
        let local = at("127.0.0.1:80");
        for host in ["127.0.0.1", "localhost", "[::1]", "localhost:80"] {
            assert!(is_allowed(host, local), "{host}");
        }
        assert!(!is_allowed("evil.example", local));
    }

    #[test]
    fn the_refusal_names_the_addresses_to_use() {
        let local = at("127.0.0.1:8000");
        assert_eq!(
            refusal(Some("evil.example:8000"), local),
            "khula serve answers only requests for 127.0.0.1:8000 or localhost:8000, \
not for \"evil.example:8000\""
        );
        assert!(refusal(None, at("192.168.1.5:80")).contains("192.168.1.5:80, 127.0.0.1:80"));
    }

    #[test]
    fn the_bound_address_is_allowed() {
        let lan = at("192.168.1.5:8000");
        assert!(is_allowed("192.168.1.5:8000", lan));
        assert!(is_allowed("localhost:8000", lan));
        assert!(!is_allowed("192.168.1.6:8000", lan));
        assert!(!is_allowed("laptop.local:8000", lan));
        let v6 = at("[fd00::5]:8000");
        assert!(is_allowed("[fd00::5]:8000", v6));
        assert!(!is_allowed("fd00::5:8000", v6));
        let mapped = at("[::ffff:192.168.1.5]:8000");
        assert!(is_allowed("192.168.1.5:8000", mapped));
    }
}
