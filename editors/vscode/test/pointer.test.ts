import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";

import {
  GENERATE_SCHEMA,
  argumentWithoutSample,
  responseChoices,
  responsePointerAt,
  sampleProblem,
  toPointer,
} from "../src/pointer";

const definition = fs.readFileSync(
  path.resolve(__dirname, "../../../../fixtures/examples/todo-broken/apiDefinition.swagger.json"),
  "utf8",
);

function offsetOf(needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = definition.indexOf(needle, at + 1);
    assert.ok(at >= 0, needle);
  }
  return at;
}

describe("toPointer", () => {
  it("escapes ~ and / as RFC 6901 says", () => {
    assert.equal(toPointer(["paths", "/lists/{listId}", "get"]), "/paths/~1lists~1{listId}/get");
    assert.equal(toPointer(["a~b", 0]), "/a~0b/0");
  });
});

describe("responsePointerAt", () => {
  it("finds the response around the cursor, at any depth", () => {
    const pointer = "/paths/~1lists~1{listId}~1tasks/get/responses/200";
    assert.equal(responsePointerAt(definition, offsetOf('"OK"')), pointer);
    assert.equal(responsePointerAt(definition, offsetOf('"200"') + 2), pointer);
    assert.equal(
      responsePointerAt(definition, offsetOf('"$ref"') + 3),
      "/paths/~1lists/get/responses/200",
    );
  });

  it("gives nothing outside a response", () => {
    assert.equal(responsePointerAt(definition, offsetOf('"List Tasks"')), undefined);
    assert.equal(responsePointerAt(definition, 0), undefined);
    assert.equal(responsePointerAt(definition, offsetOf('"TaskList"')), undefined);
  });

  it("finds shared responses", () => {
    const text = '{"responses": {"NotFound": {"description": "x"}}}';
    assert.equal(responsePointerAt(text, text.indexOf('"x"')), "/responses/NotFound");
  });
});

describe("responseChoices", () => {
  it("lists every response with its method, path and code", () => {
    assert.deepEqual(responseChoices(definition), [
      { label: "GET /lists/{listId}/tasks  200", pointer: "/paths/~1lists~1{listId}~1tasks/get/responses/200", hasSchema: false },
      { label: "DELETE /lists/{listId}/tasks/{taskId}  204", pointer: "/paths/~1lists~1{listId}~1tasks~1{taskId}/delete/responses/204", hasSchema: false },
      { label: "GET /lists  200", pointer: "/paths/~1lists/get/responses/200", hasSchema: true },
    ]);
  });

  it("skips path-level keys that are not methods", () => {
    const text = '{"paths": {"/a": {"parameters": [], "x-ms-notification": {}, "post": {"responses": {"default": {}}}}}}';
    assert.deepEqual(responseChoices(text).map((c) => c.pointer), ["/paths/~1a/post/responses/default"]);
  });
});

describe("sampleProblem", () => {
  it("accepts JSON and explains what is not", () => {
    assert.equal(sampleProblem('{"id": 1, "tags": ["a"]}'), undefined);
    assert.equal(sampleProblem("[]"), undefined);
    assert.match(sampleProblem("") ?? "", /Paste a JSON sample/);
    assert.match(sampleProblem("{id: 1}") ?? "", /^Not JSON: /);
  });
});

describe("argumentWithoutSample", () => {
  const uri = "file:///c/apiDefinition.swagger.json";
  const pointer = "/paths/~1items/get/responses/200";

  it("takes the server's code action command, which has no sample", () => {
    assert.deepEqual(argumentWithoutSample(GENERATE_SCHEMA, [{ uri, pointer }]), { uri, pointer });
  });

  it("leaves complete calls and other commands alone", () => {
    assert.equal(argumentWithoutSample(GENERATE_SCHEMA, [{ uri, pointer, sample: "{}" }]), undefined);
    assert.equal(argumentWithoutSample("other.command", [{ uri, pointer }]), undefined);
    assert.equal(argumentWithoutSample(GENERATE_SCHEMA, []), undefined);
    assert.equal(argumentWithoutSample(GENERATE_SCHEMA, [{ uri }]), undefined);
  });
});
