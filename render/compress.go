package render

import (
	"bytes"
	"compress/zlib"
	"io"
	"sync"
)

// compressLevel is the Flate level of every stream render compresses.
const compressLevel = zlib.BestSpeed

// compressors are zlib writers kept for reuse. A new one allocates and
// clears over a megabyte, more than the work of compressing a page, and
// fpdf makes a new one for every stream it compresses.
var compressors = sync.Pool{New: func() any {
	zw, err := zlib.NewWriterLevel(io.Discard, compressLevel)
	if err != nil {
		panic(err) // only for a bad level, a constant
	}
	return zw
}}

// deflate returns data compressed in the zlib format, as the FlateDecode
// filter reads it (PDF 32000-1:2008, 7.4.4).
func deflate(data []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	zw := compressors.Get().(*zlib.Writer)
	zw.Reset(&buf)
	// Writes to a bytes.Buffer do not fail.
	_, _ = zw.Write(data)
	_ = zw.Close()
	zw.Reset(io.Discard) // not to keep buf alive in the pool
	compressors.Put(zw)
	return buf.Bytes()
}

// compressStreams is the output pass that compresses every stream that
// is not compressed, that is has no /Filter, except XMP metadata
// (/Type /Metadata), which is kept readable to tools that do not read
// PDF, as XMP asks.
func compressStreams(d *doc, _ *job) error {
	for _, o := range d.objs {
		if !o.isStream || bytes.Contains(o.value, []byte("/Filter")) || bytes.Contains(o.value, []byte("/Type /Metadata")) {
			continue
		}
		v, err := addEntries(o.value, "/Filter /FlateDecode")
		if err != nil {
			return err
		}
		o.value, o.data = v, deflate(o.data)
	}
	return nil
}
