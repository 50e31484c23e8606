use std::net::IpAddr;

use crate::diagnostic::Severity;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a `host` that names no production service: `localhost` (or a name under
    /// `.localhost`), a loopback address, or any IP address, with or without a port. A
    /// connector whose apiProperties.json lists the `gateway` capability is not checked: its
    /// requests go through an on-premises data gateway, where `localhost` is the service.
    ///
    /// ## Why
    /// Requests leave from Microsoft's cloud, where `localhost` is not your machine: without
    /// a gateway, a connector on a loopback host fails every request (an error). An IP
    /// address may answer, but certification asks for the production service's host name
    /// (certification policy 5000.2.6.4), and an address changes without notice.
    ///
    /// ## Example
    /// ```json
    /// { "host": "localhost:5001" }
    /// ```
    ///
    /// ## Fix
    /// Put the production host name in `host` (or add the `gateway` capability, when the
    /// service is on premises). No automatic fix.
    ///
    /// ## Fix safety
    /// No automatic fix: only the publisher knows the production host.
    RULE {
        id: "host-not-production",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "host is localhost or an IP address, not the production service",
        reference: Some(links::CERTIFICATION),
        policy: ["5000.2.6.4"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(node) = tree.get(swagger.root, "host") else {
        return;
    };
    let Some(host) = tree.as_str(node) else {
        return;
    };
    let Some(kind) = HostKind::of(host) else {
        return;
    };
    if ctx
        .api_properties()
        .is_some_and(|properties| properties.has_capability("gateway"))
    {
        return;
    }
    let message = match kind {
        HostKind::Loopback => format!(
            "host '{}' is this machine: requests come from Microsoft's cloud and never reach \
             it (add the gateway capability for an on-premises service)",
            excerpt(host)
        ),
        HostKind::Address => format!(
            "host '{}' is an IP address: certification asks for the production service's \
             host name",
            excerpt(host)
        ),
    };
    let grades = sink.may_grade();
    let diagnostic = sink.at_value(file.kind, tree, node, message);
    if kind == HostKind::Loopback && grades {
        diagnostic.severity = Severity::Error;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HostKind {
    Loopback,
    Address,
}

impl HostKind {
    /// What `host` (a host name or address, with an optional port) names, when it is no
    /// production host name.
    fn of(host: &str) -> Option<HostKind> {
        let name = match host.strip_prefix('[') {
            Some(rest) => rest.split_once(']').map_or(rest, |(address, _)| address),
            None => match host.rsplit_once(':') {
                Some((name, port))
                    if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) =>
                {
                    name
                }
                _ => host,
            },
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") {
            return Some(HostKind::Loopback);
        }
        let address: IpAddr = name.parse().ok()?;
        Some(match address.is_loopback() || address.is_unspecified() {
            true => HostKind::Loopback,
            false => HostKind::Address,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::HostKind::{self, *};

    #[test]
    fn loopback_names_and_addresses_are_told_from_host_names() {
        for (host, kind) in [
            ("localhost", Some(Loopback)),
            ("LOCALHOST:4433", Some(Loopback)),
            ("api.localhost", Some(Loopback)),
            ("127.0.0.1:8080", Some(Loopback)),
            ("0.0.0.0", Some(Loopback)),
            ("[::1]:5001", Some(Loopback)),
            ("::1", Some(Loopback)),
            ("10.1.2.3", Some(Address)),
            ("52.1.2.3:443", Some(Address)),
            ("[2001:db8::1]", Some(Address)),
            ("api.contoso.com", None),
            ("api.contoso.com:8443", None),
            ("localhost.contoso.com", None),
            ("10.1.2.3.nip.example", None),
            ("", None),
        ] {
            assert_eq!(HostKind::of(host), kind, "{host}");
        }
    }
}
