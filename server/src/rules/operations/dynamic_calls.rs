//! What the rules about dynamic calls share: every call of the definition, with the fields of
//! the operation that makes it and of the operation it calls, each operation's fields walked
//! once.

use std::collections::{HashMap, HashSet};

use crate::model::dynamic::{self, Call};
use crate::model::fields::{self, Field};
use crate::model::swagger::{Operation, Swagger};
use crate::text::TextRange;

/// An operation's fields, computed once per rule run.
pub struct Fields<'s, 'a> {
    swagger: &'s Swagger<'a>,
    by_operation: HashMap<usize, Vec<Field<'a>>>,
}

impl<'s, 'a> Fields<'s, 'a> {
    pub fn new(swagger: &'s Swagger<'a>) -> Self {
        Fields {
            swagger,
            by_operation: HashMap::new(),
        }
    }

    pub fn of(&mut self, index: usize) -> &[Field<'a>] {
        let swagger = self.swagger;
        self.by_operation
            .entry(index)
            .or_insert_with(|| fields::fields(swagger, &swagger.operations[index]))
    }
}

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
pub fn for_each_call<'a>(swagger: &Swagger<'a>, mut visit: impl FnMut(&Site<'_, 'a>)) {
    let mut all = Fields::new(swagger);
    // The first operation with each id, as the platform resolves a call.
    let mut index_of: HashMap<&str, usize> = HashMap::new();
    for (index, op) in swagger.operations.iter().enumerate() {
        if let Some(id) = swagger.operation_id(op) {
            index_of.entry(id).or_insert(index);
        }
    }
    for (index, op) in swagger.operations.iter().enumerate() {
        let fields = all.of(index).to_vec();
        let calls = dynamic::calls(swagger, &fields);
        for call in &calls {
            let target_index = call
                .operation_id
                .and_then(|(id, _)| index_of.get(id).copied());
            let target_fields = target_index.map(|i| all.of(i).to_vec());
            let site = Site {
                op,
                fields: &fields,
                call,
                target: target_index
                    .zip(target_fields.as_deref())
                    .map(|(i, f)| (&swagger.operations[i], f)),
            };
            visit(&site);
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
