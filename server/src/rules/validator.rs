//! The codes of Microsoft's Swagger Validator (the page "Fix Swagger Validator errors" of the
//! connector certification docs), declared once: each code's group on that page, and whether
//! a rule reports it (rules name their codes in `declare_rule!`), or why none does yet.

use crate::rules::{RULES, Rule};

/// The groups of codes, as Microsoft's page names its tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Operations,
    Arrays,
    NotSupported,
    Parameters,
    Properties,
    Response,
    Security,
    Webhooks,
    Metadata,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Operations => "Operations",
            Group::Arrays => "Arrays",
            Group::NotSupported => "Not supported",
            Group::Parameters => "Parameters",
            Group::Properties => "Properties",
            Group::Response => "Response",
            Group::Security => "Security",
            Group::Webhooks => "Webhooks",
            Group::Metadata => "Metadata",
        }
    }
}

/// Whether connector-ls checks a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Exactly one rule reports it.
    Checked,
    /// Several rules report it, each for part of the validator's check (each with its own
    /// fix).
    Shared,
    /// No rule reports it yet: work to do, listed in docs/rules.md.
    NotYet,
    /// It cannot be checked offline, for this reason.
    Offline(&'static str),
}

impl Status {
    /// Why no rule reports the code, for a code no rule reports.
    pub fn reason(self) -> Option<&'static str> {
        match self {
            Status::Checked | Status::Shared => None,
            Status::NotYet => Some("not implemented yet"),
            Status::Offline(reason) => Some(reason),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidatorCode {
    pub code: &'static str,
    pub group: Group,
    pub status: Status,
}

const fn code(group: Group, code: &'static str, status: Status) -> ValidatorCode {
    ValidatorCode {
        code,
        group,
        status,
    }
}

use Group::*;
use Status::*;

/// Every code of Microsoft's page (174), group by group, alphabetically within a group.
pub static CODES: [ValidatorCode; 174] = [
    // Operations
    code(
        Operations,
        "ApiAnnotationExtensionReplacementInfoForNonDeprecatedOperations",
        Checked,
    ),
    code(
        Operations,
        "ApiAnnotationExtensionReplacementInfoMissingApiProperty",
        Checked,
    ),
    code(
        Operations,
        "ApiAnnotationExtensionReplacementInfoMissingOperationIdProperty",
        Checked,
    ),
    code(Operations, "ArrayDuplicateValue", Checked),
    code(
        Operations,
        "BodyOrFormDataParameterInFetchOperationNotAllowed",
        Checked,
    ),
    code(Operations, "ConnectionIdParameterNotAllowed", Checked),
    code(Operations, "ConsumesMissing", Checked),
    code(Operations, "DuplicateEnumValuesInExtension", Checked),
    code(Operations, "DuplicateOperationPath", Checked),
    code(
        Operations,
        "DynamicExtensionDefinitionNotAllowedInParameter",
        Checked,
    ),
    code(
        Operations,
        "DynamicListExtensionRequiredForAmbiguousReferences",
        Checked,
    ),
    code(
        Operations,
        "DynamicListExtensionRequiredForNonParameterReferences",
        Checked,
    ),
    code(
        Operations,
        "DynamicPropertiesExtensionRequiredForAmbiguousReferences",
        Checked,
    ),
    code(
        Operations,
        "DynamicPropertiesExtensionRequiredForNonParameterReferences",
        Checked,
    ),
    code(
        Operations,
        "DynamicPropertiesExtensionRequiredForPropertiesValuePath",
        Checked,
    ),
    code(
        Operations,
        "DynamicPropertiesItemValuePathMismatch",
        Checked,
    ),
    code(Operations, "DynamicTreeExtensionMissing", Checked),
    code(Operations, "InvalidEnumValue", Checked),
    code(Operations, "InvalidEnumValuesExtensionValue", Checked),
    code(Operations, "InvalidFormDataParameterName", Checked),
    code(Operations, "InvalidNextLinkNameValue", Checked),
    code(Operations, "InvokedOperationShouldProduceArray", Checked),
    code(Operations, "InvokedOperationShouldProduceProperty", Checked),
    code(
        Operations,
        "MimeTypeNotCompatibleWithRequestContentSchemaType",
        Checked,
    ),
    code(
        Operations,
        "NotificationExtensionNotSupportedInWebhookOperation",
        Checked,
    ),
    code(
        Operations,
        "NotificationExtensionSupportedForTriggerOnly",
        Checked,
    ),
    code(Operations, "NotificationOperationMustBeWebhook", Checked),
    code(Operations, "OperationFamilyHasDuplicateRevisions", Checked),
    code(
        Operations,
        "OperationFamilyHasManyActiveOperations",
        Checked,
    ),
    code(
        Operations,
        "OperationFamilyHasManyActiveProductionOperations",
        Checked,
    ),
    code(Operations, "OperationFamilyHasManyEmptyRevisions", Checked),
    code(Operations, "OperationHasManyResponsesWithSchema", Checked),
    code(Operations, "OperationIdNotFound", Checked),
    code(Operations, "OperationIdNotUnique", Checked),
    code(Operations, "OperationIdRequired", Checked),
    code(Operations, "OperationIdSanitized", Shared),
    code(Operations, "OperationIdShouldEndWithRevision", Checked),
    code(
        Operations,
        "OperationIdTooLong",
        Offline(
            "the page does not publish the limit, and no validator output quoting it was found",
        ),
    ),
    code(Operations, "OperationMissingPathParameter", Checked),
    code(Operations, "OperationMissingRequiredProperty", Checked),
    code(
        Operations,
        "OperationMustHaveNotificationContentExtension",
        Checked,
    ),
    code(Operations, "OperationMustHaveResponse", Checked),
    code(Operations, "OperationParameterNameIsAmbiguous", Checked),
    code(Operations, "OperationParameterNameNotFound", Checked),
    code(Operations, "OperationParameterRequiredMismatch", Checked),
    code(Operations, "OperationParameterStaticTypeMismatch", Checked),
    code(Operations, "OperationParameterTypeMismatch", Checked),
    code(Operations, "OperationParametersAreNotUnique", Checked),
    code(
        Operations,
        "OperationParametersContainDuplicateParameter",
        Checked,
    ),
    code(
        Operations,
        "OperationParametersContainMultipleBodyParameters",
        Checked,
    ),
    code(
        Operations,
        "OperationPathContainsUnsupportedCharacters",
        Checked,
    ),
    code(
        Operations,
        "OperationPathMayNotContainQueryOrFragment",
        Checked,
    ),
    code(Operations, "OperationPathMustStartWithSlash", Checked),
    code(Operations, "OperationPathTemplateNotValid", Checked),
    code(Operations, "OperationPathVariablesContainDefaults", Checked),
    code(Operations, "OperationRevisionEmpty", Checked),
    code(Operations, "OperationSchemaCountExceedsMaxAllowed", Checked),
    code(Operations, "OperationShouldHaveSuccessfulResponse", Checked),
    code(Operations, "OperationStatusAheadOfConnector", Checked),
    code(Operations, "OperationSummaryTooLong", Checked),
    code(Operations, "PartialDuplicateOperationPath", Checked),
    code(Operations, "PathParameterMustBeRequired", Checked),
    code(Operations, "PathParameterNotDefinedInTemplate", Checked),
    code(
        Operations,
        "PathParametersContainDuplicateParameter",
        Checked,
    ),
    code(
        Operations,
        "PathParametersContainMultipleBodyParameters",
        Checked,
    ),
    code(Operations, "PathRedefined", Checked),
    code(Operations, "RestrictedCharactersInSummary", Checked),
    code(
        Operations,
        "SelectedItemValuePathNotAllowedInThisPosition",
        Checked,
    ),
    code(
        Operations,
        "StringBinaryNotSupportedForFormUrlEncoded",
        Checked,
    ),
    code(Operations, "TotalOperationsCountExceedsMaxAllowed", Checked),
    code(Operations, "UnrecognizedTypeFormat", Checked),
    code(
        Operations,
        "WebhookOperationsMissingNotificationUrlProperty",
        Checked,
    ),
    // Arrays
    code(Arrays, "ArrayHasNoItems", Checked),
    code(Arrays, "RequiredPropertyArrayEmpty", Checked),
    code(Arrays, "SchemesArrayEmpty", Checked),
    // NotSupported
    code(NotSupported, "CollectionFormatValueNotSupported", Checked),
    code(NotSupported, "MimeTypeNotSupported", Checked),
    code(NotSupported, "PathItemRefNotSuppored", Checked),
    code(NotSupported, "SwaggerKeywordNotSupported", Checked),
    // Parameters
    code(Parameters, "FileParameterMustBeInFormData", Checked),
    code(Parameters, "ParameterListContainsFormDataAndBody", Checked),
    code(Parameters, "ParameterRefLoopNotAllowed", Checked),
    code(Parameters, "ParameterReferenceNotFound", Checked),
    code(Parameters, "ParameterReferenceNotValid", Checked),
    code(
        Parameters,
        "ParamtersWithSameNameMustHaveSameTypeAndVisibility",
        Offline("the page does not say which operations form a fetch and subscribe pair"),
    ),
    code(Parameters, "PathParameterMissingEncoding", Checked),
    code(Parameters, "QueryParameterEncodingNotSupported", Checked),
    code(
        Parameters,
        "ReservedParameterIsUsed",
        Offline("the page does not list the reserved names nor where they are reserved"),
    ),
    code(Parameters, "ResponseRefLoopNotAllowed", Checked),
    code(Parameters, "SourcePropertyInternal", Checked),
    // Properties
    code(Properties, "AdditionalPropertyNotAllowed", Checked),
    code(
        Properties,
        "AdditionalPropertyNotAllowedAdjacentToRef",
        Checked,
    ),
    code(Properties, "BasePathNotValid", Checked),
    code(Properties, "BodyParameterPropertyNotValid", Checked),
    code(Properties, "ConnectorMetadataPropertiesMissing", Checked),
    code(Properties, "ContactEmailNotValid", Checked),
    code(Properties, "DefaultValueMustMatchType", Checked),
    code(Properties, "EnumMustContainAtLeastOneElement", Checked),
    code(Properties, "ExtensionNameNotValid", Shared),
    code(Properties, "FilterFunctionsPropertyEmpty", Checked),
    code(Properties, "FilterFunctionsPropertyHasDuplicates", Checked),
    code(Properties, "FilterFunctionsPropertyInInputSchema", Checked),
    code(Properties, "FilterFunctionsPropertyInvalidValue", Checked),
    code(Properties, "HostNameNotValid", Checked),
    code(Properties, "InternalPropertyWithDefaultOptional", Checked),
    code(Properties, "InvalidConnectorCategory", Checked),
    code(Properties, "InvalidStringBinaryProperty", Checked),
    code(Properties, "JsonTypeIncorrect", Checked),
    code(Properties, "JsonValueNotInEnum", Checked),
    code(Properties, "MimeTypeNotValid", Checked),
    code(Properties, "MissingEnumValuesDisplayName", Checked),
    code(Properties, "MultipleOfMustBeGreaterThanZero", Checked),
    code(
        Properties,
        "OneOfPropertiesRequired",
        Offline("the page does not say which sets of properties it checks"),
    ),
    code(
        Properties,
        "ProductionStatusOnBetaService",
        Offline(
            "whether the backend service is in beta is Microsoft's record of the service, \
             written in none of the connector's files",
        ),
    ),
    code(Properties, "PropertyMustBeRequired", Checked),
    code(Properties, "RequiredPropertyDefinitionMissing", Checked),
    code(Properties, "RequiredPropertyMissing", Shared),
    code(Properties, "RequiredPropertyNotOnObject", Checked),
    code(
        Properties,
        "RequiredReadOnlyPropertyNotAllowedAsInput",
        Checked,
    ),
    code(Properties, "SchemeNotValid", Checked),
    code(Properties, "SecuritySchemePropertyNotValid", Checked),
    code(Properties, "SecuritySchemePropertyRequired", Checked),
    code(Properties, "SpecificationVersionIncorrect", Checked),
    code(Properties, "TagRedefined", Checked),
    code(Properties, "TooManyConnectorCategories", Checked),
    code(Properties, "UrlNotValid", Checked),
    // Response
    code(Response, "BodyParameterSchemaRequired", Checked),
    code(Response, "BodySchemaCountExceedsMaxAllowed", Checked),
    code(Response, "DefaultResponseHasSchema", Checked),
    code(
        Response,
        "InvalidCustomEditorExtensionDictionaryValue",
        Checked,
    ),
    code(Response, "JsonPointerNotValid", Checked),
    code(Response, "NonBodyParameterSchemaNotValid", Checked),
    code(Response, "RequiredLoopInSchemaNotAllowed", Checked),
    code(
        Response,
        "ResponseExampleMustBeProducedByOperation",
        Checked,
    ),
    code(Response, "ResponseHeadersAreNotUnique", Checked),
    code(Response, "ResponseMustBeDefaultOrHttpStatusCode", Checked),
    code(Response, "ResponseReferenceNotFound", Checked),
    code(Response, "ResponseReferenceNotValid", Checked),
    code(Response, "SchemaDefinitionSetIncorrectly", Checked),
    code(Response, "SchemaRefLoopNotAllowed", Checked),
    code(Response, "SchemaReferenceNotFound", Checked),
    code(Response, "SchemaReferenceNotValid", Checked),
    code(Response, "SchemaTooDeep", Checked),
    code(Response, "SchemaTypeFileNotValid", Checked),
    code(Response, "SchemeNotSupported", Checked),
    code(Response, "TotalSchemaCountExceedsMaxAllowed", Checked),
    // Security
    code(
        Security,
        "OAuthSecurityRequirementValueMustBeScopeName",
        Checked,
    ),
    code(Security, "SecurityRequirementMustBeDefined", Checked),
    code(Security, "SecurityRequirementMustHaveEmptyValue", Checked),
    code(Security, "SecurityRequirementMustHaveValue", Checked),
    // Webhooks
    code(Webhooks, "NotificationUrlNotAllowedInThisPosition", Checked),
    code(Webhooks, "NotificationUrlNotInternal", Checked),
    code(Webhooks, "NotificationUrlNotRequired", Checked),
    code(Webhooks, "NotificationUrlNotString", Checked),
    // Metadata
    code(
        Metadata,
        "AllowEmptyValueOnlyValidForQueryFormData",
        Checked,
    ),
    code(
        Metadata,
        "DiscriminatorMustBeARequiredStringProperty",
        Checked,
    ),
    code(Metadata, "ExclusiveMaximumRequiresMaximum", Checked),
    code(Metadata, "ExclusiveMinimumRequiresMinimum", Checked),
    code(Metadata, "FieldLengthExceeded", Checked),
    code(Metadata, "FieldLengthNotInRange", Checked),
    code(Metadata, "MaxItemsMustBeGreaterThanOrEqualToZero", Checked),
    code(Metadata, "MaxLengthMustBeGreaterThanOrEqualToZero", Checked),
    code(
        Metadata,
        "MaxPropertiesMustBeGreaterThanOrEqualToZero",
        Checked,
    ),
    code(Metadata, "MinItemsMustBeGreaterThanOrEqualToZero", Checked),
    code(
        Metadata,
        "MinItemsShouldBeLessThanOrEqualToMaxItems",
        Checked,
    ),
    code(Metadata, "MinLengthMustBeGreaterThanOrEqualToZero", Checked),
    code(
        Metadata,
        "MinLengthShouldBeLessThanOrEqualToMaxLength",
        Checked,
    ),
    code(
        Metadata,
        "MinPropertiesMustBeGreaterThanOrEqualToZero",
        Checked,
    ),
    code(Metadata, "MinimumShouldBeLessThanOrEqualToMaximum", Checked),
    code(Metadata, "PatternShouldBeValidRegularExpression", Checked),
    code(Metadata, "RequiredValueEmpty", Checked),
    code(Metadata, "ValueContainsRestrictedWords", Shared),
    code(Metadata, "ValueMustBeInEnglish", Checked),
    code(Metadata, "ValueMustEndWithAlphanumeric", Checked),
];

/// The names Microsoft's change validator (ValidateChange, which compares an update with the
/// published connector) gives breaking changes. The `breaking-` rules declare them where
/// rules declare validator codes, so that every report and `explain` carry them alike.
pub static CHANGES: [&str; 8] = [
    "AuthenticationMethodRemoved",
    "ConnectionParametersRemoved",
    "InputFieldDeleted",
    "InputFieldVisibilityChangedToInternal",
    "OperationDeleted",
    "OperationHidden",
    "OutputFieldDeleted",
    "OutputFieldTypeChanged",
];

/// The change name `name` (matched without regard to case).
pub fn find_change(name: &str) -> Option<&'static str> {
    CHANGES
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(name))
}

/// Which of Microsoft's validators gives `code`, for reports: "Swagger Validator" or "change
/// validator".
pub fn tool_of(code: &str) -> &'static str {
    if CHANGES.contains(&code) {
        "change validator"
    } else {
        "Swagger Validator"
    }
}

/// The code named `name` (matched without regard to case, as people type it).
pub fn find_code(name: &str) -> Option<&'static ValidatorCode> {
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(name))
}

/// The rules that report `code`.
pub fn rules_reporting(code: &str) -> Vec<&'static Rule> {
    RULES
        .iter()
        .copied()
        .filter(|rule| rule.validator.contains(&code))
        .collect()
}

/// The codes no rule reports yet.
pub fn not_yet() -> impl Iterator<Item = &'static ValidatorCode> {
    CODES.iter().filter(|c| c.status == Status::NotYet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_reported_by_its_rules_or_has_a_reason() {
        let mut seen = std::collections::HashSet::new();
        for entry in &CODES {
            assert!(seen.insert(entry.code), "{} is listed twice", entry.code);
            let rules: Vec<&str> = rules_reporting(entry.code).iter().map(|r| r.id).collect();
            match entry.status {
                Status::Checked => assert_eq!(rules.len(), 1, "{}: {rules:?}", entry.code),
                Status::Shared => assert!(rules.len() > 1, "{}: {rules:?}", entry.code),
                Status::NotYet | Status::Offline(_) => {
                    assert!(
                        rules.is_empty(),
                        "{} has a reason but {rules:?} report it",
                        entry.code
                    )
                }
            }
        }
        for rule in RULES.iter() {
            for code in rule.validator {
                assert!(
                    find_code(code).is_some_and(|c| c.code == *code) || CHANGES.contains(code),
                    "{}: unknown code {code}",
                    rule.id
                );
            }
        }
        // The work left, counted (docs/rules.md shows the same list).
        let left: Vec<&str> = not_yet().map(|c| c.code).collect();
        println!(
            "{} codes not implemented yet: {}",
            left.len(),
            left.join(", ")
        );
        assert_eq!(CODES.len(), 174);
        for change in CHANGES {
            assert!(
                find_code(change).is_none(),
                "{change} is also a validator code"
            );
            assert_eq!(rules_reporting(change).len(), 1, "{change}");
        }
    }

    #[test]
    fn codes_are_found_by_name_in_any_case() {
        assert_eq!(
            find_code("operationidrequired").map(|c| c.code),
            Some("OperationIdRequired")
        );
        assert_eq!(find_code("NoSuchCode"), None);
    }
}
