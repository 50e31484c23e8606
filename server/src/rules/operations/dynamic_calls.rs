//! What the rules about dynamic calls share: every call of the definition, with the fields of
//! the operation that makes it and of the operation it calls, each operation's fields and
//! calls found once per analysis.

use std::collections::{HashMap, HashSet};

use crate::model::dynamic::Call;
use crate::model::fields::Field;
use crate::model::swagger::Operation;
use crate::rules::context::Context;
use crate::text::TextRange;

/// One call, where it is made and what it calls.
pub struct Site<'c, 'a> {
    /// The operation that makes the call.
    pub op: &'c Operation,
    pub fields: &'c [Field<'a>],
    pub call: &'c Call<'a>,
    /// The operation called, when its id names one, and its fields.
    pub target: Option<(&'c Operation, &'c [Field<'a>])>,
}

/// Run `visit` on every dynamic call of the definition.
pub fn for_each_call<'a>(ctx: &Context<'_, 'a>, mut visit: impl FnMut(&Site<'_, 'a>)) {
    let Some(swagger) = ctx.swagger() else { return };
    let all = ctx.operation_fields();
    // The first operation with each id, as the platform resolves a call.
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (index, op) in swagger.operations.iter().enumerate() {
        if let Some(id) = swagger.operation_id(op) {
            index_of.entry(id).or_insert(index);
        }
    }
    for ((op, fields), calls) in swagger.operations.iter().zip(all).zip(ctx.dynamic_calls()) {
        for call in calls {
            let target = call
                .operation_id
                .and_then(|(id, _)| index_of.get(id).copied())
                .map(|i| (&swagger.operations[i], all[i].as_slice()));
            visit(&Site {
                op,
                fields,
                call,
                target,
            });
        }
    }
}

/// The places already reported, so that a call written once in a shared definition and made
/// by several operations is reported once.
#[derive(Default)]
pub struct Reported(HashSet<(TextRange, String)>);

impl Reported {
    /// Whether `range` is reported for the first time for `what` (a validator code, or a
    /// name when one place stands for several findings).
    pub fn first(&mut self, range: TextRange, what: &str) -> bool {
        self.0.insert((range, what.to_string()))
    }
}
