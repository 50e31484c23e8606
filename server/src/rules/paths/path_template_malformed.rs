use crate::diagnostic::{Edit, Fix};
use crate::edit::names::json_string;
use crate::links;
use crate::model::FileKind;
use crate::rules::context::{Context, Sink};
use crate::rules::paths::{MAX_FINDINGS_PER_PATH, template_range};
use crate::rules::registry::declare_rule;
use crate::text::excerpt;

declare_rule! {
    /// ## What it does
    /// Reports path keys whose `{variable}` syntax is broken: a `{` that is not closed before
    /// the next `/`, `{` or the end, a `}` without `{`, an empty `{}`, and a variable that
    /// declares a default value (`{id=1}`), and the wildcard `*` outside a variable. A path is
    /// reported at most 5 times; the fifth finding says how many more problems it has, so that
    /// output stays linear in the input.
    ///
    /// ## Why
    /// Microsoft's validator rejects such paths (`OperationPathTemplateNotValid`,
    /// `OperationPathVariablesContainDefaults`, `OperationPathContainsUnsupportedCharacters`:
    /// "The operation path cannot contain wildcard character '*'", in no published connector:
    /// the platform routes on exact segments). A broken variable is not substituted, so the
    /// braces end up in the request URL, and the matching parameter is reported as missing.
    ///
    /// ## Example
    /// ```json
    /// "paths": { "/items/{itemId": { … }, "/items/{itemId=1}/tags": { … } }
    /// ```
    ///
    /// ## Fix
    /// Close an unclosed `{` at the end of its segment, or drop the `=default` part (both
    /// unsafe: check the parameter names). Set defaults on the parameter with `default`.
    ///
    /// ## Fix safety
    /// Unsafe. The repaired template names a parameter, and which name was meant needs a person.
    RULE {
        id: "path-template-malformed",
        severity: Error,
        file: Some(FileKind::ApiDefinition),
        summary: "A path has unbalanced braces or a variable with a default",
        reference: Some(links::VALIDATOR_RULES),
        validator: [
            "OperationPathTemplateNotValid",
            "OperationPathVariablesContainDefaults",
            "OperationPathContainsUnsupportedCharacters",
        ],
        check: check,
    }
}

/// One problem in a template: where (byte span), what, its validator code, and the repaired
/// template if any.
struct Problem {
    span: std::ops::Range<usize>,
    code: &'static str,
    message: String,
    repaired: Option<String>,
}

/// The validator's code for every problem but a default in a variable.
const NOT_VALID: &str = "OperationPathTemplateNotValid";

fn check(ctx: &Context, sink: &mut Sink) {
    let Some((file, swagger)) = &ctx.definition else {
        return;
    };
    for item in &swagger.paths {
        let (problems, unreported) = problems(item.template);
        let last = problems.len().saturating_sub(1);
        for (index, mut problem) in problems.into_iter().enumerate() {
            if index == last && unreported > 0 {
                problem.message.push_str(&format!(
                    " ({unreported} more problems in this path are not reported)"
                ));
            }
            let range = template_range(&file.text, item, problem.span);
            let diagnostic = sink
                .report(
                    file.kind,
                    range,
                    swagger.tree.pointer(item.node),
                    problem.message,
                )
                .with_validator(problem.code);
            let Some(repaired) = problem.repaired else {
                continue;
            };
            if swagger.has_path(&repaired) {
                continue;
            }
            diagnostic.with_fix(Fix::unsafe_(
                format!("Change the path to '{}'", excerpt(&repaired)),
                vec![Edit::replace(
                    file.kind,
                    item.key_range,
                    json_string(&repaired),
                )],
            ));
        }
    }
}

/// The first [`MAX_FINDINGS_PER_PATH`] problems of a template, and how many more there are.
fn problems(template: &str) -> (Vec<Problem>, usize) {
    let mut problems = Vec::new();
    let mut unreported = 0;
    let shown = excerpt(template);
    let bytes = template.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let full = problems.len() == MAX_FINDINGS_PER_PATH;
        // Only what is reported is described: a repaired template is as long as the path.
        let mut found = |problem: &dyn Fn() -> Problem| {
            if full {
                unreported += 1;
            } else {
                problems.push(problem());
            }
        };
        match bytes[at] {
            b'}' => {
                found(&|| Problem {
                    span: at..at + 1,
                    code: NOT_VALID,
                    message: format!("Path '{shown}' has a '}}' without a matching '{{'"),
                    repaired: None,
                });
                at += 1;
            }
            b'{' => {
                let end = template[at + 1..]
                    .find(['{', '}', '/'])
                    .map_or(bytes.len(), |i| at + 1 + i);
                if end == bytes.len() || bytes[end] != b'}' {
                    found(&|| {
                        let name = &template[at + 1..end];
                        let repaired = (!name.is_empty()
                            && !name.contains(['=', '?', '#'])
                            && (end == bytes.len() || bytes[end] == b'/'))
                            .then(|| format!("{}}}{}", &template[..end], &template[end..]));
                        Problem {
                            span: at..end,
                            code: NOT_VALID,
                            message: format!(
                                "Path '{shown}' has an unbalanced '{{': '{}' is not closed",
                                excerpt(&template[at..end])
                            ),
                            repaired,
                        }
                    });
                    at = end;
                    continue;
                }
                let name = &template[at + 1..end];
                if name.trim().is_empty() {
                    found(&|| Problem {
                        span: at..end + 1,
                        code: NOT_VALID,
                        message: format!("Path '{shown}' has an empty variable '{{}}'"),
                        repaired: None,
                    });
                } else if let Some(eq) = name.find('=') {
                    found(&|| Problem {
                        span: at..end + 1,
                        code: "OperationPathVariablesContainDefaults",
                        message: format!(
                            "Path variable '{{{}}}' in '{shown}' cannot declare a default; \
                             set 'default' on the parameter instead",
                            excerpt(name)
                        ),
                        repaired: (eq > 0)
                            .then(|| format!("{}{}", &template[..at + 1 + eq], &template[end..])),
                    });
                }
                at = end + 1;
            }
            b'*' => {
                found(&|| Problem {
                    span: at..at + 1,
                    code: "OperationPathContainsUnsupportedCharacters",
                    message: format!(
                        "Path '{shown}' contains the wildcard '*'; the platform routes on exact \
                         segments (use a path variable)"
                    ),
                    repaired: None,
                });
                at += 1;
            }
            _ => at += 1,
        }
    }
    (problems, unreported)
}

#[cfg(test)]
mod tests {
    use super::{MAX_FINDINGS_PER_PATH, problems};

    #[test]
    fn finds_each_kind_of_problem() {
        let found: Vec<_> = problems("/a/{id/b}/{}/{x=1}/{ok}/{last")
            .0
            .into_iter()
            .map(|p| (p.span, p.repaired))
            .collect();
        assert_eq!(
            found,
            [
                (3..6, Some("/a/{id}/b}/{}/{x=1}/{ok}/{last".to_string())),
                (8..9, None),
                (10..12, None),
                (13..18, Some("/a/{id/b}/{}/{x}/{ok}/{last".to_string())),
                (24..29, Some("/a/{id/b}/{}/{x=1}/{ok}/{last}".to_string())),
            ]
        );
        assert!(problems("/a/{id}/b({x})='{y}'").0.is_empty());
        let wildcard = problems("/files/*/content").0;
        assert_eq!(wildcard.len(), 1);
        assert_eq!(
            (wildcard[0].span.clone(), wildcard[0].code),
            (7..8, "OperationPathContainsUnsupportedCharacters")
        );
    }

    /// n unclosed braces in one path: a bounded number of findings, each of bounded size.
    #[test]
    fn a_path_of_many_broken_braces_gives_bounded_findings() {
        let size = |n: usize| {
            let (found, unreported) = problems(&format!("/{}", "{".repeat(n)));
            assert_eq!(found.len() + unreported, n);
            let bytes: usize = found
                .iter()
                .map(|p| p.message.len() + p.repaired.as_ref().map_or(0, String::len))
                .sum();
            (found.len(), bytes)
        };
        let (small, large) = (size(1000), size(4000));
        assert_eq!(small.0, MAX_FINDINGS_PER_PATH);
        assert_eq!(large.0, MAX_FINDINGS_PER_PATH);
        assert_eq!(small.1, large.1, "messages quote a bounded excerpt");
    }
}
