//! "Generate schema from a sample": the fix that sets a response's `schema` to one inferred from
//! a sample of what the response returns, or from its own example when no sample is given.

use crate::diagnostic::Fix;
use crate::edit::schema_sample::{self, Sample};
use crate::model::swagger::Swagger;
use crate::model::{FileKind, SourceFile};

/// The fix that gives the response at `pointer` (or its `schema`) of the definition `file` the
/// schema of `sample`, or of the response's example. The error says what is wrong with the
/// request, for the user.
pub fn schema_from_sample(
    file: &SourceFile,
    pointer: &str,
    sample: Option<Sample>,
) -> Result<Fix, String> {
    if file.kind != FileKind::ApiDefinition {
        return Err("the file is not the API definition of a connector".to_string());
    }
    let swagger = file
        .tree()
        .and_then(Swagger::new)
        .ok_or_else(|| "the API definition is not a JSON object".to_string())?;
    let response = schema_sample::response_at(&swagger, pointer)?;
    let sample = match sample {
        Some(sample) => sample,
        None => {
            let example = schema_sample::response_example(swagger.tree, response)
                .ok_or("no sample: pass the JSON the response returns as 'sample'")?;
            Sample::from_tree(&file.text, swagger.tree, example)
        }
    };
    let schema = schema_sample::infer(&sample);
    let edit = schema_sample::schema_edit(file.kind, &file.text, swagger.tree, response, &schema);
    Ok(Fix::unsafe_("Generate schema from a sample", vec![edit]))
}
