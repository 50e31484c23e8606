//! A `url` (of the contact, the license or an `externalDocs`) that is not an absolute URL.

use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::NodeId;
use crate::text::excerpt;
use crate::vocabulary::Loc;

declare_rule! {
    /// ## What it does
    /// Reports a `url` of `info.contact`, `info.license` or an `externalDocs` object (of the
    /// root, a tag, an operation or a schema) that is not an absolute URL: no scheme
    /// (`www.contoso.com`) or an `http`/`https` URL without a host.
    ///
    /// ## Why
    /// Microsoft's validator rejects it (`UrlNotValid`: "The 'url' property must be a valid
    /// absolute URL."); a relative link opens nowhere from the connector's documentation. Not
    /// one `url` of the published connectors fails. The Website and Privacy policy entries of
    /// `x-ms-connector-metadata` are not checked here: five certified connectors list
    /// `www.in-d.ai` or `Not Available` there, so the validator does not read them as URLs.
    /// The platform does not use these links, so a warning by default, an error under the
    /// certification profile.
    ///
    /// ## Example
    /// ```json
    /// "contact": { "name": "Contoso Support", "url": "www.contoso.com/support" }
    /// ```
    ///
    /// ## Fix
    /// Write the whole URL, with its scheme: `https://www.contoso.com/support`.
    ///
    /// ## Fix safety
    /// No automatic fix: whether the site answers on `https` is for a person to check.
    RULE {
        id: "url-invalid",
        severity: Warning,
        file: Some(FileKind::ApiDefinition),
        summary: "A contact, license or externalDocs 'url' is not an absolute URL",
        reference: Some(links::VALIDATOR_RULES),
        validator: ["UrlNotValid"],
        certification: Error,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let info = tree.get(swagger.root, "info");
    let mut holders: Vec<(NodeId, &str)> = Vec::new();
    for (key, what) in [("contact", "contact"), ("license", "license")] {
        if let Some(holder) = info.and_then(|info| tree.get(info, key)) {
            holders.push((holder, what));
        }
    }
    let tags = tree
        .get(swagger.root, "tags")
        .map(|list| tree.items(list).to_vec())
        .unwrap_or_default();
    let schemas = ctx.objects_at(&[Loc::Schema]).into_iter().map(|(s, _)| s);
    let documented = std::iter::once(swagger.root)
        .chain(tags)
        .chain(swagger.operations.iter().map(|op| op.node))
        .chain(schemas);
    for owner in documented {
        if let Some(docs) = tree.get(owner, "externalDocs") {
            holders.push((docs, "externalDocs"));
        }
    }
    for (holder, what) in holders {
        let Some(url) = tree.get(holder, "url") else {
            continue;
        };
        // A url that is not a string is `value-invalid`'s (JsonTypeIncorrect).
        let Some(text) = tree.as_str(url) else {
            continue;
        };
        if is_absolute_url(text) {
            continue;
        }
        let shown = excerpt(text);
        sink.at_value(
            file.kind,
            tree,
            url,
            format!("The {what} url '{shown}' is not an absolute URL (like 'https://…')"),
        );
    }
}

/// Whether `text` is an absolute URL: a scheme (`https:`), and for the web schemes a host
/// after `//`. Surrounding whitespace is ignored, as the validator's URL parser ignores it.
fn is_absolute_url(text: &str) -> bool {
    let text = text.trim();
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return false;
    }
    if !["http", "https", "ftp"]
        .iter()
        .any(|web| scheme.eq_ignore_ascii_case(web))
    {
        return !rest.is_empty();
    }
    rest.strip_prefix("//").is_some_and(|after| {
        let host = after.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !host.contains(char::is_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::is_absolute_url;

    #[test]
    fn absolute_urls_have_a_scheme_and_a_host() {
        assert!(is_absolute_url("https://contoso.com"));
        assert!(is_absolute_url(" https://contoso.com/a b "));
        assert!(is_absolute_url("mailto:support@contoso.com"));
        assert!(!is_absolute_url("www.contoso.com"));
        assert!(!is_absolute_url("https://"));
        assert!(!is_absolute_url("https:/contoso.com"));
        assert!(!is_absolute_url("/support"));
        assert!(!is_absolute_url(""));
    }
}
