use crate::diagnostic::{Edit, Fix, Severity};
use crate::edit::names::{closest, did_you_mean};
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::registry::declare_rule;
use crate::syntax::json::Member;
use crate::text::excerpt;
use crate::vocabulary::{POLICY_PARAM_PREFIX, policy_template};

declare_rule! {
    /// ## What it does
    /// Checks the parameters of each policy template instance against its template: every
    /// required parameter is there, and every `x-ms-apimTemplateParameter.<name>` is one the
    /// template has.
    ///
    /// ## Why
    /// The platform applies a template with its parameters; without a required one (a
    /// `setheader` without `name`) the policy cannot do its work, and a parameter the
    /// template does not have (`urltemplate` for `urlTemplate`) is ignored without a word. No
    /// published connector has either, over 301 connectors with policies. A required
    /// parameter given under a misspelt name is one finding, at that name.
    ///
    /// ## Example
    /// ```json
    /// { "templateId": "dynamichosturl",
    ///   "parameters": { "x-ms-apimTemplateParameter.urltemplate": "https://@connectionParameters('host')" } }
    /// ```
    ///
    /// ## Fix
    /// Rename a misspelt parameter to the template's (offered when one is close), or add the
    /// missing one.
    ///
    /// ## Fix safety
    /// The rename is unsafe: the policy starts doing what the parameter says, which it does
    /// not do today.
    RULE {
        id: "policy-template-parameter-invalid",
        severity: Error,
        file: Some(FileKind::ApiProperties),
        summary: "A policy template instance lacks a required parameter or has one its template does not",
        reference: Some(links::POLICIES),
        check: check,
    }
}

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((_, properties)) = &ctx.properties else {
        return;
    };
    let tree = properties.tree;
    for &instance in properties.policy_instances() {
        let Some(template) = tree
            .get_str(instance, "templateId")
            .and_then(policy_template)
        else {
            continue;
        };
        let Some(parameters) = tree
            .get(instance, "parameters")
            .filter(|&p| tree.is_object(p))
        else {
            continue;
        };
        let names = template.params.iter().map(|p| p.name);
        let given: Vec<(&str, &Member)> = tree
            .members(parameters)
            .iter()
            .filter_map(|m| Some((m.key.strip_prefix(POLICY_PARAM_PREFIX)?, m)))
            .collect();
        let is_given = |name: &str| given.iter().any(|(given, _)| *given == name);
        let mut misspelt_required = Vec::new();
        for (name, member) in &given {
            if template.params.iter().any(|p| p.name == *name) {
                continue;
            }
            let suggestion = closest(name, names.clone());
            let required = template
                .params
                .iter()
                .find(|p| Some(p.name) == suggestion && p.required && !is_given(p.name));
            let message = format!(
                "The policy template '{}' has no parameter '{}': the platform ignores it{}{}",
                template.id,
                excerpt(name),
                did_you_mean(suggestion),
                match required {
                    Some(_) => ", and the required one is missing",
                    None => "",
                }
            );
            let lower = sink.may_grade() && required.is_none();
            let diagnostic = sink.report(
                FileKind::ApiProperties,
                member.key_range,
                tree.pointer(member.value),
                message,
            );
            if lower {
                diagnostic.severity = Severity::Warning;
            }
            if let Some(suggestion) = suggestion {
                let key = format!("\"{POLICY_PARAM_PREFIX}{suggestion}\"");
                diagnostic.with_fix(Fix::unsafe_(
                    format!("Rename to '{POLICY_PARAM_PREFIX}{suggestion}'"),
                    vec![Edit::replace(
                        FileKind::ApiProperties,
                        member.key_range,
                        key,
                    )],
                ));
            }
            misspelt_required.extend(required.map(|p| p.name));
        }
        for param in template.params.iter().filter(|p| p.required) {
            if is_given(param.name) || misspelt_required.contains(&param.name) {
                continue;
            }
            let what = param.doc.split(';').next().unwrap_or_default();
            let message = format!(
                "The policy template '{}' needs its parameter '{POLICY_PARAM_PREFIX}{}' ({}), which this instance does not give",
                template.id,
                param.name,
                what.trim_end_matches('.').to_lowercase()
            );
            sink.at_key(FileKind::ApiProperties, tree, parameters, message);
        }
    }
}
