package build

import (
	"bytes"
	"io"
	"os"

	"handout/document"
)

// ReadContent reads the content file name, refusing one of more than
// document.MaxFileBytes: it checks the size before reading, and reads no
// further than the limit, in case the file grows meanwhile. A file too
// large is a document.Errors that names the file and the limit.
func ReadContent(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Mode().IsRegular() && st.Size() > document.MaxFileBytes {
		return nil, document.FileSizeError(name, st.Size())
	}
	return ReadLimited(name, f, st.Size())
}

// ReadLimited reads r, the content file name, to its end, or to one byte
// past document.MaxFileBytes, which is an error that names the file and
// the limit. hint is the size expected, 0 when unknown.
func ReadLimited(name string, r io.Reader, hint int64) ([]byte, error) {
	var buf bytes.Buffer
	if hint > 0 && hint <= document.MaxFileBytes {
		buf.Grow(int(hint) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, document.MaxFileBytes+1)); err != nil {
		return nil, err
	}
	if buf.Len() > document.MaxFileBytes {
		return nil, document.FileSizeError(name, int64(buf.Len()))
	}
	return buf.Bytes(), nil
}
