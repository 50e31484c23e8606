use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::documentation::REQUIRED_PROPERTY_MISSING;
use crate::rules::registry::declare_rule;
use crate::text::{TextRange, excerpt};
use crate::vocabulary::{CONNECTOR_CATEGORIES, MAX_CONNECTOR_CATEGORIES, METADATA_NAMES};

declare_rule! {
    /// ## What it does
    /// Reports a definition without `x-ms-connector-metadata`, metadata that lacks the
    /// `Website`, `Privacy policy` or `Categories` entry (or leaves its value empty), and
    /// `Categories` that name a category not on Microsoft's list or more than two.
    ///
    /// ## Why
    /// The metadata is the connector's listing: its website, privacy policy and catalogue
    /// categories. Microsoft's validator requires it for certification (`The
    /// 'x-ms-connector-metadata' property is required.`, `The connector metadata property
    /// 'Categories' is required.`, `ConnectorMetadataPropertiesMissing`) and checks the
    /// categories (`InvalidConnectorCategory`, `TooManyConnectorCategories`). A custom
    /// connector that is never certified needs none of it, so the rule runs only under the
    /// certification profile (or when a setting turns it on).
    ///
    /// ## Example
    /// ```json
    /// "x-ms-connector-metadata": [
    ///   { "propertyName": "Website", "propertyValue": "https://contoso.com" },
    ///   { "propertyName": "Categories", "propertyValue": "Tickets;Productivity;Collaboration" }
    /// ]
    /// ```
    ///
    /// ## Fix
    /// Add the missing entries (`Privacy policy` above) and list at most two categories from
    /// the certification page (AI, Business Management, …, Website), separated by `;`.
    ///
    /// ## Fix safety
    /// No automatic fix: the URLs and categories are the publisher's.
    RULE {
        id: "connector-metadata-invalid",
        severity: Info,
        file: Some(FileKind::ApiDefinition),
        summary: "x-ms-connector-metadata is missing, incomplete or has invalid categories",
        reference: Some(links::CERTIFICATION),
        validator: [
            "RequiredPropertyMissing",
            "ConnectorMetadataPropertiesMissing",
            "InvalidConnectorCategory",
            "TooManyConnectorCategories",
        ],
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
    if !tree.is_object(swagger.root) {
        return;
    }
    let Some(metadata) = tree.get(swagger.root, "x-ms-connector-metadata") else {
        // At the opening brace: the whole object may be the whole file.
        let start = tree.range(swagger.root).start;
        sink.report(
            file.kind,
            TextRange::new(start, start + 1),
            String::new(),
            "The definition has no x-ms-connector-metadata (Website, Privacy policy, \
             Categories); the validator requires it for certification",
        )
        .with_validator(REQUIRED_PROPERTY_MISSING);
        return;
    };
    if !tree.is_array(metadata) {
        return;
    }
    let entries: Vec<(&str, Option<_>)> = tree
        .items(metadata)
        .iter()
        .filter_map(|&entry| {
            let name = tree.get_str(entry, "propertyName")?;
            Some((name, tree.get(entry, "propertyValue")))
        })
        .collect();
    for required in METADATA_NAMES.iter().map(|name| name.value) {
        let value = entries
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(required))
            .and_then(|(_, value)| *value);
        let text = value.and_then(|node| tree.as_str(node));
        match (value, text) {
            (Some(_), Some(text)) if !text.trim().is_empty() => {
                if required == "Categories" {
                    check_categories(ctx, sink, value.expect("present"), text);
                }
            }
            (Some(node), _) => {
                sink.at_value(
                    file.kind,
                    tree,
                    node,
                    format!("The connector metadata '{required}' is empty"),
                )
                .with_validator("ConnectorMetadataPropertiesMissing");
            }
            (None, _) => {
                sink.at_key(
                    file.kind,
                    tree,
                    metadata,
                    format!(
                        "x-ms-connector-metadata has no '{required}' entry; the validator \
                         requires it for certification"
                    ),
                )
                .with_validator("ConnectorMetadataPropertiesMissing");
            }
        }
    }
}

fn check_categories(ctx: &Context, sink: &mut Sink, node: crate::syntax::json::NodeId, text: &str) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    let tree = swagger.tree;
    let categories: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let unknown: Vec<&str> = categories
        .iter()
        .copied()
        .filter(|c| {
            !CONNECTOR_CATEGORIES
                .iter()
                .any(|known| known.eq_ignore_ascii_case(c))
        })
        .collect();
    if !unknown.is_empty() {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "'{}' {} not a connector category; the categories are {}",
                excerpt(&unknown.join("', '")),
                if unknown.len() > 1 { "are" } else { "is" },
                CONNECTOR_CATEGORIES.join(", ")
            ),
        )
        .with_validator("InvalidConnectorCategory");
    }
    if categories.len() > MAX_CONNECTOR_CATEGORIES {
        sink.at_value(
            file.kind,
            tree,
            node,
            format!(
                "The connector lists {} categories; at most {MAX_CONNECTOR_CATEGORIES} are \
                 allowed",
                categories.len()
            ),
        )
        .with_validator("TooManyConnectorCategories");
    }
}
