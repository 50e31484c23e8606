//! The certification policy codes (`5000.2.2.1`…) of Microsoft's page "Fix certification
//! policy errors", declared once: what each names, the place in the connector it is about (for
//! `locate`, since a policy report gives no JSON pointer), and whether a rule reports it
//! (rules name their codes in `declare_rule!`) or why none can. Only the codes whose meaning
//! the page gives are listed; no code is invented.

use crate::model::FileKind;
use crate::rules::{RULES, Rule};

/// Whether connector-ls checks a policy code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// One or more rules report it.
    Checked,
    /// It is about something that is not in the connector's folder, for this reason.
    Offline(&'static str),
}

/// The place a policy is about: a file, and a JSON pointer in it (empty for the whole file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Subject {
    pub file: FileKind,
    pub pointer: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyCode {
    pub code: &'static str,
    /// What the policy asks, in a few words.
    pub requirement: &'static str,
    pub subject: Option<Subject>,
    pub status: Status,
}

const PACKAGE: Status = Status::Offline(
    "it is about the submission package (the solution zip uploaded to Partner Center), not \
     the connector's files",
);
const SUBMISSION: Status =
    Status::Offline("it is about the offer entered in Partner Center, not the connector's files");

const fn at(file: FileKind, pointer: &'static str) -> Option<Subject> {
    Some(Subject { file, pointer })
}

const fn policy(
    code: &'static str,
    requirement: &'static str,
    subject: Option<Subject>,
    status: Status,
) -> PolicyCode {
    PolicyCode {
        code,
        requirement,
        subject,
        status,
    }
}

use FileKind::{ApiDefinition, ApiProperties, Icon, Readme};
use Status::Checked;

/// The codes, in the page's order.
pub static POLICIES: [PolicyCode; 26] = [
    policy(
        "5000.1.1.1",
        "the package contains an icon",
        at(Icon, ""),
        PACKAGE,
    ),
    policy(
        "5000.1.1.2",
        "the package contains a readme file",
        at(Readme, ""),
        PACKAGE,
    ),
    policy(
        "5000.1.1.3",
        "the package contains the API definition",
        at(ApiDefinition, ""),
        PACKAGE,
    ),
    policy(
        "5000.1.1.4",
        "the package contains no malware",
        None,
        PACKAGE,
    ),
    policy(
        "5000.1.1.5",
        "the package has its three files",
        None,
        PACKAGE,
    ),
    policy(
        "5000.1.1.6",
        "the package contains the flow and connector solutions",
        None,
        PACKAGE,
    ),
    policy(
        "5000.2.1.1",
        "iconBrandColor is a valid colour, not #ffffff or #007ee5",
        at(ApiProperties, "/properties/iconBrandColor"),
        Checked,
    ),
    policy(
        "5000.2.1.2",
        "the icon is under 1 MB",
        at(Icon, ""),
        Checked,
    ),
    policy(
        "5000.2.1.3",
        "the icon is a PNG file",
        at(Icon, ""),
        Checked,
    ),
    policy(
        "5000.2.1.4",
        "the icon is square, 100 to 230 pixels a side",
        at(Icon, ""),
        Checked,
    ),
    policy(
        "5000.2.2.1",
        "the title is at most 30 characters",
        at(ApiDefinition, "/info/title"),
        Checked,
    ),
    policy(
        "5000.2.2.2",
        "the title has no restricted word (API, Connector, product names)",
        at(ApiDefinition, "/info/title"),
        Checked,
    ),
    policy(
        "5000.2.2.3",
        "the title ends with a letter or digit",
        at(ApiDefinition, "/info/title"),
        Checked,
    ),
    policy(
        "5000.2.2.5",
        "the title is unique among connectors",
        at(ApiDefinition, "/info/title"),
        Checked,
    ),
    policy(
        "5000.2.3.1",
        "the description is in English",
        at(ApiDefinition, "/info/description"),
        Checked,
    ),
    policy(
        "5000.2.3.4",
        "the description is 30 to 500 characters",
        at(ApiDefinition, "/info/description"),
        Checked,
    ),
    policy(
        "5000.2.3.5",
        "the description has no restricted word (product names)",
        at(ApiDefinition, "/info/description"),
        Checked,
    ),
    policy(
        "5000.2.4.2",
        "a default response has no schema",
        at(ApiDefinition, "/paths"),
        Checked,
    ),
    policy(
        "5000.2.4.4",
        "a response declares its schema, unless it is dynamic",
        at(ApiDefinition, "/paths"),
        Checked,
    ),
    policy(
        "5000.2.6.3",
        "the definition is Swagger (OpenAPI) 2.0",
        at(ApiDefinition, "/swagger"),
        Checked,
    ),
    policy(
        "5000.2.6.4",
        "host is the production service, not localhost or an IP address",
        at(ApiDefinition, "/host"),
        Checked,
    ),
    policy(
        "5000.3.1.2",
        "the package's address (SAS URI) is valid long enough",
        None,
        SUBMISSION,
    ),
    policy(
        "5000.3.1.3",
        "the offer's website address is valid",
        None,
        SUBMISSION,
    ),
    policy(
        "5000.3.1.4",
        "the offer's support email is valid",
        None,
        SUBMISSION,
    ),
    policy(
        "5000.3.1.5",
        "the offer's privacy policy address is valid",
        None,
        SUBMISSION,
    ),
    policy(
        "5000.3.1.6",
        "the service uses HTTPS with TLS 1.2 or later",
        None,
        Status::Offline("it is about how the service answers, which only a request can show"),
    ),
];

/// The policy code `code`, as a report writes it.
pub fn find_policy(code: &str) -> Option<&'static PolicyCode> {
    POLICIES.iter().find(|p| p.code == code)
}

/// The rules that report the policy code `code`.
pub fn rules_reporting_policy(code: &str) -> Vec<&'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|rule| rule.policy.contains(&code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_checked_policy_has_a_rule_and_every_declared_code_is_listed() {
        let mut seen = std::collections::HashSet::new();
        for entry in &POLICIES {
            assert!(seen.insert(entry.code), "{} is listed twice", entry.code);
            let rules = rules_reporting_policy(entry.code);
            match entry.status {
                Status::Checked => assert!(!rules.is_empty(), "no rule reports {}", entry.code),
                Status::Offline(_) => assert!(
                    rules.is_empty(),
                    "{} is reported by {}, but listed as offline",
                    entry.code,
                    rules[0].id
                ),
            }
        }
        for rule in RULES.iter() {
            for code in rule.policy {
                assert!(
                    find_policy(code).is_some(),
                    "{} declares {code}, which is not a listed policy code",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn a_rule_with_a_policy_code_runs_under_certification() {
        use crate::rules::Profile;
        for rule in RULES.iter().filter(|rule| !rule.policy.is_empty()) {
            assert!(rule.runs_in(Profile::Certification), "{}", rule.id);
        }
    }
}
