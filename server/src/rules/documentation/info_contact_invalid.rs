use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::REQUIRED_PROPERTY_MISSING;
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports a definition without `info.contact`, and a contact `email` that is not an
    /// email address.
    ///
    /// ## Why
    /// Certified connectors name who supports them: Microsoft's validator requires the
    /// contact (`The 'contact' property is required. ValuePath: /info`) and rejects a malformed
    /// email (`ContactEmailNotValid`). A custom connector that is never certified needs
    /// neither, so the rule runs only under the certification profile (or when a setting turns
    /// it on).
    ///
    /// ## Example
    /// ```json
    /// "info": { "title": "Contoso Tickets", "version": "1.0", "contact": { "email": "support at contoso" } }
    /// ```
    ///
    /// ## Fix
    /// Add `"contact": { "name": "…", "url": "https://…", "email": "support@…" }` with the
    /// publisher's support details.
    ///
    /// ## Fix safety
    /// No automatic fix: the details are the publisher's.
    RULE {
        id: "info-contact-invalid",
        severity: Info,
        file: Some(FileKind::ApiDefinition),
        summary: "The definition has no contact, or its email is not an address",
        reference: Some(links::CERTIFICATION),
        validator: ["RequiredPropertyMissing", "ContactEmailNotValid"],
        certification: Error,
        default: off,
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let Some(info) = tree
        .get(swagger.root, "info")
        .filter(|&i| tree.is_object(i))
    else {
        return;
    };
    let Some(contact) = tree.get(info, "contact") else {
        sink.at_key(
            file.kind,
            tree,
            info,
            "The definition has no contact (info.contact); the validator requires one for \
             certification",
        )
        .with_validator(REQUIRED_PROPERTY_MISSING);
        return;
    };
    let Some(node) = tree.get(contact, "email") else {
        return;
    };
    let Some(email) = tree.as_str(node) else {
        return;
    };
    if !is_email_address(email) {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!("Contact email '{}' is not an email address", excerpt(email)),
        )
        .with_validator("ContactEmailNotValid");
    }
}

/// Whether `text` reads as one email address: ASCII without spaces, one `@` with text before
/// it, and a domain of dot-separated labels after it.
fn is_email_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    text.is_ascii()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && !local.is_empty()
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses() {
        for valid in ["support@contoso.com", "first.last+tag@mail.contoso.co.uk"] {
            assert!(is_email_address(valid), "{valid}");
        }
        for invalid in [
            "support at contoso",
            "support@contoso",
            "@contoso.com",
            "a@b@c.com",
            "a@contoso..com",
            "é@contoso.com",
            "a b@contoso.com",
            "",
        ] {
            assert!(!is_email_address(invalid), "{invalid}");
        }
    }
}
