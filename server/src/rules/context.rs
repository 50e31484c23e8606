//! What a rule works with: the [`Context`] it reads (the connector's index and the fixes one
//! analysis has proposed) and the [`Sink`] it reports into.

use std::cell::{OnceCell, RefCell};

use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::edit::rename::{self, ProposedIds};
use crate::edit::revision;
use crate::model::FileKind;
use crate::model::dynamic::{self, Call};
use crate::model::fields::{self, Field};
use crate::model::index::ConnectorIndex;
use crate::model::swagger::Operation;
use crate::rules::breaking::Compared;
use crate::rules::foundation::structure;
use crate::rules::registry::Rule;
use crate::syntax::json::{JsonTree, NodeId};
use crate::text::TextRange;
use crate::vocabulary::{Loc, SCHEMA_LIKE, schema_like_objects};

/// What a rule reads about one connector (the connector's index, built once per analysis and
/// shared with the editor features), and the state one analysis shares between its rules'
/// fixes.
pub struct Context<'i, 'a> {
    pub index: &'i ConnectorIndex<'a>,
    /// The connector as it was at a base revision (`check --base`, the editor's `baseRef`),
    /// which the `breaking-` rules compare with; `None` when there is no base or the
    /// connector is new there.
    pub base: Option<Base<'i>>,
    /// The new operationIds fixes of this analysis have proposed, so that two fixes applied
    /// together never give two operations the same id (see `rename::unique_operation_id`).
    proposed_operation_ids: RefCell<ProposedIds>,
    /// The structural rules' walk of the definition, made once for all of them.
    structure: OnceCell<Vec<structure::Finding>>,
    /// The definition's schema-like objects, walked once for every rule that reads them.
    schema_like: OnceCell<Vec<(NodeId, Loc)>>,
    /// The fields of each operation of the definition, walked once for every rule that
    /// reads them (dynamic calls, webhooks).
    operation_fields: OnceCell<Vec<Vec<Field<'a>>>>,
    /// The dynamic calls each operation makes, found once for every rule about them.
    dynamic_calls: OnceCell<Vec<Vec<Call<'a>>>>,
    /// The base's operations matched with today's, walked once for the `breaking-` rules.
    compared: OnceCell<Compared<'i, 'a>>,
}

impl<'i, 'a> Context<'i, 'a> {
    pub fn new(index: &'i ConnectorIndex<'a>) -> Self {
        Context {
            index,
            base: None,
            proposed_operation_ids: RefCell::default(),
            structure: OnceCell::new(),
            schema_like: OnceCell::new(),
            operation_fields: OnceCell::new(),
            dynamic_calls: OnceCell::new(),
            compared: OnceCell::new(),
        }
    }

    /// The findings of the structural walk of the definition, walked on first use.
    pub(super) fn structure(
        &self,
        walk: impl FnOnce() -> Vec<structure::Finding>,
    ) -> &[structure::Finding] {
        self.structure.get_or_init(walk)
    }

    /// The definition's parameters, `items`, response headers and schemas whose place is one
    /// of `wanted`, in document order (see [`schema_like_objects`]).
    pub fn objects_at(&self, wanted: &[Loc]) -> Vec<(NodeId, Loc)> {
        debug_assert!(wanted.iter().all(|loc| SCHEMA_LIKE.contains(loc)));
        let Some(swagger) = self.index.swagger() else {
            return Vec::new();
        };
        self.schema_like
            .get_or_init(|| schema_like_objects(swagger))
            .iter()
            .filter(|(_, loc)| wanted.contains(loc))
            .copied()
            .collect()
    }

    /// The fields of every operation of the definition, in the order of
    /// `Swagger::operations` (empty without a definition).
    pub fn operation_fields(&self) -> &[Vec<Field<'a>>] {
        self.operation_fields.get_or_init(|| {
            self.index.swagger().map_or_else(Vec::new, |swagger| {
                swagger
                    .operations
                    .iter()
                    .map(|op| fields::fields(swagger, op))
                    .collect()
            })
        })
    }

    /// The dynamic calls (`x-ms-dynamic-*`) each operation of the definition makes, in the
    /// order of `Swagger::operations` (empty without a definition).
    pub fn dynamic_calls(&self) -> &[Vec<Call<'a>>] {
        self.dynamic_calls.get_or_init(|| {
            self.index.swagger().map_or_else(Vec::new, |swagger| {
                self.operation_fields()
                    .iter()
                    .map(|fields| dynamic::calls(swagger, fields))
                    .collect()
            })
        })
    }

    /// The fix that renames `op` to `new_name` with every reference to it (see
    /// [`rename::rename_fix`]); when the operation exists at the base revision, the rename
    /// breaks the flows that use it, so the fix is unsafe and its title says so.
    pub fn rename_fix(&self, op: &Operation, new_name: &str, safe: bool) -> Option<Fix> {
        let old = self.index.swagger()?.operation_id(op)?;
        let Some(base) = self.published_base(old) else {
            return rename::rename_fix(self.index, op, new_name, safe);
        };
        let mut fix = rename::rename_fix(self.index, op, new_name, false)?;
        fix.title = format!(
            "{} (breaks the flows that use '{}', published at {}: keep the old operation, \
             deprecated, beside the new one instead)",
            fix.title,
            crate::text::excerpt(old),
            crate::text::excerpt(base.label)
        );
        Some(fix)
    }

    /// When `op` exists at the base revision, the rename to `new_name` that keeps it for the
    /// flows that use it (see [`revision::keep_and_add_revision`]).
    pub fn keep_published_fix(&self, op: &Operation, new_name: &str) -> Option<Fix> {
        let old = self.index.swagger()?.operation_id(op)?;
        self.published_base(old)?;
        revision::keep_and_add_revision(self.index, op, new_name)
    }

    /// The base revision, when an operation named `operation_id` exists there.
    fn published_base(&self, operation_id: &str) -> Option<Base<'i>> {
        self.base.filter(|base| {
            base.index
                .swagger()
                .is_some_and(|swagger| swagger.find_operation(operation_id).is_some())
        })
    }

    /// The comparison with the base, made on first use.
    pub(super) fn compared(&self, make: impl FnOnce() -> Compared<'i, 'a>) -> &Compared<'i, 'a> {
        self.compared.get_or_init(make)
    }

    /// `base`, or `base2`, `base3`… when an operation or another fix of this analysis already
    /// has that id.
    pub fn unique_operation_id(&self, base: &str) -> String {
        rename::unique_operation_id(
            self.index,
            &mut self.proposed_operation_ids.borrow_mut(),
            base,
        )
    }
}

/// The connector at a base revision, and how to name that revision in messages.
#[derive(Clone, Copy)]
pub struct Base<'i> {
    pub index: &'i ConnectorIndex<'i>,
    /// The revision as the user named it (`HEAD`, `origin/main`).
    pub label: &'i str,
}

impl<'a> std::ops::Deref for Context<'_, 'a> {
    type Target = ConnectorIndex<'a>;

    fn deref(&self) -> &ConnectorIndex<'a> {
        self.index
    }
}

/// Collects one rule's diagnostics, filling in its id, severity and (for a rule that declares
/// one) its validator code.
pub struct Sink<'r> {
    rule: &'static Rule,
    severity: Severity,
    grading: Grading,
    diagnostics: &'r mut Vec<Diagnostic>,
}

/// Where a rule's severity comes from, which says how far the rule may grade its own findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grading {
    /// The user set this rule's severity: every finding gets it.
    Configured,
    /// The certification profile: a rule lowers what it is unsure of, and keeps at the
    /// profile's severity what certification rejects even though published connectors have it.
    Certification,
    /// The default profile: a rule also lowers what the platform takes from published
    /// connectors.
    Default,
}

impl<'r> Sink<'r> {
    /// A sink for `rule`'s findings, reported at `severity` (which came from `grading`) into
    /// `diagnostics`.
    pub(super) fn new(
        rule: &'static Rule,
        severity: Severity,
        grading: Grading,
        diagnostics: &'r mut Vec<Diagnostic>,
    ) -> Self {
        Sink {
            rule,
            severity,
            grading,
            diagnostics,
        }
    }

    /// Report at a byte range; `pointer` names the JSON place (empty outside JSON).
    pub fn report(
        &mut self,
        file: FileKind,
        range: TextRange,
        pointer: String,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diagnostics.push(Diagnostic {
            rule: self.rule.id,
            severity: self.severity,
            file,
            range,
            pointer,
            message: message.into(),
            related: Vec::new(),
            fixes: Vec::new(),
            prompt: None,
            validator: self.rule.only_validator_code(),
            policy: self.rule.only_policy_code(),
        });
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Report at a JSON value.
    pub fn at_value(
        &mut self,
        file: FileKind,
        tree: &JsonTree,
        node: NodeId,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.report(file, tree.range(node), tree.pointer(node), message)
    }

    /// Report at the key of the member that holds `node` (at the value for array items and
    /// the root).
    pub fn at_key(
        &mut self,
        file: FileKind,
        tree: &JsonTree,
        node: NodeId,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let range = tree
            .member_of(node)
            .map_or(tree.range(node), |member| member.key_range);
        self.report(file, range, tree.pointer(node), message)
    }

    /// The severity diagnostics get unless a rule lowers it for one finding.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether the rule may grade a finding itself (raise or lower it): not when the user set
    /// the rule's severity.
    pub fn may_grade(&self) -> bool {
        self.grading != Grading::Configured
    }

    /// Whether the rule may lower what published connectors get away with: only in the default
    /// profile, since certification holds every connector to the validator.
    pub fn lenient(&self) -> bool {
        self.grading == Grading::Default
    }
}
