//! The policy templates of apiProperties.json's `policyTemplateInstances`, with their
//! parameters and the keys of an instance.

use super::values::*;
use super::{EnumValue, Key, Kind, Source, key, v};
use crate::links::{self};

const POLICY_SECTIONS: &[EnumValue] = &[
    v(
        "Request",
        "Applied to the request, before it is sent to the service.",
    ),
    v(
        "Response",
        "Applied to the response, before it reaches the flow.",
    ),
    v("Failure", "Applied to an error response."),
];

pub(super) const POLICY_INSTANCE: &[Key] = &[
    key(
        "templateId",
        Kind::String,
        "Which policy template this instance uses.",
    )
    .source(Source::PolicyTemplate)
    .link(links::POLICIES),
    key("title", Kind::String, "A name for this policy instance.").link(links::POLICIES),
    key(
        "type",
        Kind::String,
        "`PollingTrigger` for a `pollingtrigger` instance.",
    )
    .values(&[v(
        "PollingTrigger",
        "The instance turns an operation into a polling trigger.",
    )])
    .link(links::POLICIES),
    key(
        "parameters",
        Kind::Object,
        "The template's parameters (`x-ms-apimTemplateParameter.<name>`), the operations \
         it applies to and the section of the pipeline.",
    )
    .link(links::POLICIES),
];

const OPERATION_NAME: Key = key(
    "x-ms-apimTemplate-operationName",
    Kind::Array,
    "The operationIds the policy applies to. Leave it out to apply the policy to every \
     operation.",
)
.source(Source::OperationId)
.link(links::POLICIES);

const POLICY_SECTION: Key = key(
    "x-ms-apimTemplate-policySection",
    Kind::String,
    "Where in the pipeline the policy runs.",
)
.values(POLICY_SECTIONS)
.link(links::POLICIES);

pub(super) const POLICY_PARAMETERS: &[Key] = &[OPERATION_NAME, POLICY_SECTION];

/// One parameter of a policy template (the part after `x-ms-apimTemplateParameter.`).
#[derive(Clone, Copy, Debug)]
pub struct PolicyParam {
    pub name: &'static str,
    pub required: bool,
    pub doc: &'static str,
    pub values: &'static [EnumValue],
}

pub(super) const fn req(name: &'static str, doc: &'static str) -> PolicyParam {
    PolicyParam {
        name,
        required: true,
        doc,
        values: &[],
    }
}

pub(super) const fn opt(name: &'static str, doc: &'static str) -> PolicyParam {
    PolicyParam {
        name,
        required: false,
        doc,
        values: &[],
    }
}

const EXISTS_ACTION: &[EnumValue] = &[
    v("override", "Replace the existing value."),
    v("skip", "Keep the existing value."),
    v("append", "Add the value after the existing one."),
];

const HTTP_METHODS: &[EnumValue] = &[
    v("GET", "GET"),
    v("POST", "POST"),
    v("PUT", "PUT"),
    v("PATCH", "PATCH"),
    v("DELETE", "DELETE"),
    v(
        "@Request.OriginalHTTPMethod",
        "Keep the method of the original request.",
    ),
];

/// A policy template of `policyTemplateInstances`.
#[derive(Clone, Copy, Debug)]
pub struct PolicyTemplate {
    pub id: &'static str,
    pub doc: &'static str,
    pub link: &'static str,
    pub params: &'static [PolicyParam],
}

macro_rules! policy_link {
    ($id:literal) => {
        concat!(
            "https://learn.microsoft.com/en-us/connectors/custom-connectors/policy-templates/",
            $id,
            "/",
            $id
        )
    };
}

pub const POLICY_TEMPLATES: &[PolicyTemplate] = &[
    PolicyTemplate {
        id: "setheader",
        doc: "Adds or replaces an HTTP header of the request or the response.",
        link: policy_link!("setheader"),
        params: &[
            req("name", "The header name."),
            req(
                "value",
                "The header value; may use `@connectionParameters('name')`.",
            ),
            PolicyParam {
                values: EXISTS_ACTION,
                ..opt("existsAction", "What to do when the header is already set.")
            },
        ],
    },
    PolicyTemplate {
        id: "setqueryparameter",
        doc: "Adds or replaces a query parameter of the request.",
        link: policy_link!("setqueryparameter"),
        params: &[
            req("name", "The query parameter name."),
            req(
                "value",
                "The value; may use `@connectionParameters('name')`.",
            ),
            PolicyParam {
                values: EXISTS_ACTION,
                ..opt(
                    "existsAction",
                    "What to do when the parameter is already set.",
                )
            },
        ],
    },
    PolicyTemplate {
        id: "dynamichosturl",
        doc: "Sends the request to a host computed per call, for example a tenant \
              sub-domain taken from a connection parameter.",
        link: policy_link!("dynamichosturl"),
        params: &[req(
            "urlTemplate",
            "The new base URL; may use `@connectionParameters('x')`, `@headers('h')`, \
             `@queryParameters('q')`.",
        )],
    },
    PolicyTemplate {
        id: "routerequesttoendpoint",
        doc: "Sends the request to another backend path (and optionally method); a common \
              way to give two operations the same backend path.",
        link: policy_link!("routerequesttoendpoint"),
        params: &[
            req(
                "newPath",
                "The backend path; may contain `{parameter}` placeholders.",
            ),
            PolicyParam {
                values: HTTP_METHODS,
                ..opt("httpMethod", "The HTTP method to use.")
            },
        ],
    },
    PolicyTemplate {
        id: "setproperty",
        doc: "Sets a property of the request or response body.",
        link: policy_link!("setproperty"),
        params: &[
            req(
                "newPropertyParentPathTemplate",
                "The object that receives the property.",
            ),
            req("newPropertySubPathTemplate", "The name of the property."),
            req(
                "propertyValuePathTemplate",
                "The value, or the path it is read from.",
            ),
        ],
    },
    PolicyTemplate {
        id: "setvaluefromurl",
        doc: "Sets a header or query value from the response of another call.",
        link: policy_link!("setvaluefromurl"),
        params: &[
            req("parameterTemplate", "The header or query parameter to set."),
            req("parameterValueUrl", "The URL called to get the value."),
            req(
                "parameterValuePathTemplate",
                "The path to the value in that response.",
            ),
            PolicyParam {
                values: HTTP_METHODS,
                ..opt("httpMethod", "The method of that call.")
            },
        ],
    },
    PolicyTemplate {
        id: "pollingtrigger",
        doc: "Turns an operation into a polling trigger; the instance needs \
              `\"type\": \"PollingTrigger\"`.",
        link: policy_link!("pollingtrigger"),
        params: &[
            req(
                "triggerConfig",
                "An object; `x-ms-triggerConfig-nextLink` says how to poll next.",
            ),
            req(
                "triggerDataPath",
                "The path to the new items in the response.",
            ),
        ],
    },
    PolicyTemplate {
        id: "updatenextlink",
        doc: "Rewrites the next-page link of a paged response so that it goes through the \
              connector; pair it with `x-ms-pageable`.",
        link: policy_link!("updatenextlink"),
        params: &[
            req(
                "nextLinkPropertyName",
                "The property that holds the next link.",
            ),
            opt(
                "nextLinkParentPropertyPath",
                "The object that holds that property.",
            ),
        ],
    },
    PolicyTemplate {
        id: "stringreplace",
        doc: "Replaces text inside a property.",
        link: policy_link!("stringreplace"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("sourceString", "The text to find."),
            req("replacementString", "The replacement."),
            req("newPropertyPath", "Where the result is written."),
        ],
    },
    PolicyTemplate {
        id: "stringtoarray",
        doc: "Splits a string property into an array.",
        link: policy_link!("stringtoarray"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("delimiterList", "The separators."),
            req("childPropertyName", "The name of each item's field."),
            req("newPropertyPath", "Where the array is written."),
        ],
    },
    PolicyTemplate {
        id: "convertarraytoobject",
        doc: "Turns an array into an object keyed by one field of its items.",
        link: policy_link!("convertarraytoobject"),
        params: &[
            req("propertyParentPath", "The object that holds the array."),
            opt("propertySubPath", "The array inside that object."),
            req("keyWithinCollectionPath", "The field used as the key."),
            req("newPropertyPath", "Where the object is written."),
            PolicyParam {
                values: TRUE_FALSE_STRINGS,
                ..opt("retainKey", "Keep the key field inside each value.")
            },
        ],
    },
    PolicyTemplate {
        id: "convertobjecttoarray",
        doc: "Turns an object into an array of key/value items.",
        link: policy_link!("convertobjecttoarray"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The object inside that object."),
            req("newPropertyPath", "Where the array is written."),
            opt("keyName", "The name of the key field of each item."),
            opt("valueName", "The name of the value field of each item."),
        ],
    },
    PolicyTemplate {
        id: "encodepropertyvalue",
        doc: "Encodes the value of a property.",
        link: policy_link!("encodepropertyvalue"),
        params: &[
            req("propertyParentPath", "The object that holds the property."),
            opt("propertySubPath", "The property inside that object."),
            req("newPropertyPath", "Where the encoded value is written."),
        ],
    },
];

/// The policy template with this id (the platform matches ids regardless of case).
pub fn policy_template(id: &str) -> Option<&'static PolicyTemplate> {
    POLICY_TEMPLATES
        .iter()
        .find(|t| t.id.eq_ignore_ascii_case(id))
}

/// The prefix of policy template parameter keys.
pub const POLICY_PARAM_PREFIX: &str = "x-ms-apimTemplateParameter.";
