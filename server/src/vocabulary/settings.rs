//! The keys of settings.json, which paconn reads to find and upload the connector's files.

use super::{Key, Kind, Source, key, v};
use crate::links::{self};

pub(super) const SETTINGS: &[Key] = &[
    key(
        "apiDefinition",
        Kind::String,
        "The path of the Swagger definition, relative to the folder paconn runs in.",
    )
    .source(Source::FileName)
    .link(links::PACONN),
    key(
        "apiProperties",
        Kind::String,
        "The path of apiProperties.json.",
    )
    .source(Source::FileName)
    .link(links::PACONN),
    key("icon", Kind::String, "The path of the icon (PNG).")
        .source(Source::FileName)
        .link(links::PACONN),
    key(
        "script",
        Kind::String,
        "The path of the custom code file. paconn reads it, although Microsoft's settings \
         schema does not list it.",
    )
    .source(Source::FileName)
    .link(links::PACONN)
    .limits("The script must finish within 5 seconds and be at most 1 MB."),
    key(
        "connectorId",
        Kind::String,
        "The id of the connector to update or download.",
    )
    .link(links::PACONN),
    key(
        "environment",
        Kind::String,
        "The Power Platform environment id (a GUID; the default environment is \
         `Default-<guid>`).",
    )
    .link(links::PACONN),
    key("powerAppsUrl", Kind::String, "The Power Apps API endpoint.")
        .values(&[v("https://api.powerapps.com", "The public cloud endpoint.")])
        .link(links::PACONN),
    key(
        "powerAppsApiVersion",
        Kind::String,
        "The Power Apps API version.",
    )
    .values(&[v("2016-11-01", "The only version in use.")])
    .link(links::PACONN),
    key("flowUrl", Kind::String, "The Power Automate API endpoint.")
        .values(&[v(
            "https://api.flow.microsoft.com",
            "The public cloud endpoint.",
        )])
        .link(links::PACONN),
    key(
        "flowApiVersion",
        Kind::String,
        "The Power Automate API version.",
    )
    .values(&[v("2016-11-01", "The only version in use.")])
    .link(links::PACONN),
    key(
        "$schema",
        Kind::String,
        "The JSON schema an editor may use for this file.",
    )
    .link(links::PACONN),
];
