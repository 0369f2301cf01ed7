// Package schema holds the JSON Schema (draft-07) of handout's content
// format, with which editors complete and check content files: Even Better
// TOML and taplo read it from a "#:schema" line at the top of a file (see
// docs/format.md, "Editor support"). document's tests keep it in step with
// the decoder.
package schema

import _ "embed"

// JSON is the schema, handout.schema.json in this folder.
//
//go:embed handout.schema.json
var JSON []byte

// Name is the schema's file name; handout init writes it to
// schema/handout.schema.json beside the content folder.
const Name = "handout.schema.json"
