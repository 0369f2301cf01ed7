package document

import "fmt"

// array returns key's value, an array: present is false without the key,
// and ok false without it or after reporting a value of another type than
// want, such as "an array of strings".
func (t *table) array(key, want string) (arr []any, present, ok bool) {
	v, present := t.get(key)
	if !present {
		return nil, false, false
	}
	arr, ok = v.([]any)
	if !ok {
		t.typeError(key, want, v)
	}
	return arr, true, ok
}

// textList returns key's array of printed one-line texts, none empty, with
// their markup parsed; owner, such as "a task", may have at most most of
// them.
func (t *table) textList(key string, most int, owner string) ([]Inline, bool) {
	out, _, ok := t.textListAt(key, most, owner)
	return out, ok
}

// textListAt is textList, also returning where each text is written.
func (t *table) textListAt(key string, most int, owner string) ([]Inline, []Pos, bool) {
	arr, _, ok := t.array(key, "an array of strings")
	if !ok {
		return nil, nil, false
	}
	path := keyPath(t.path, key)
	var (
		out []Inline
		pos []Pos
	)
	for i, e := range arr {
		ep := elemPath(path, i)
		at := t.elemPos(ep, key)
		if i == most {
			t.d.errorf(at, "too many items: this is item %d of %d in %q, and %s may have at most %d", i+1, len(arr), key, owner, most)
			break
		}
		s, ok := e.(string)
		if !ok {
			t.d.errorf(at, "item %d of %q must be a string, not %s", i+1, key, typeName(e))
			continue
		}
		if n, long := tooLong(s, MaxTextChars); long {
			t.d.errorf(at, "%s", textLimitMessage(fmt.Sprintf("item %d of %q", i+1, key), n))
			continue
		}
		v := t.d.newValue(ep, s, func() Pos { return at }, true)
		v.noGaps = gapFree[key]
		line := oneLine(v.text)
		if line == "" {
			t.d.errorf(at, "item %d of %q is empty", i+1, key)
			continue
		}
		out = append(out, t.d.inline(v, line, 0, false))
		pos = append(pos, at)
	}
	return out, pos, true
}

// subTable returns a reader for the table at key, and whether there is
// one. When there is none it returns a reader for an empty table.
func (t *table) subTable(key, name string, allowed []string) (*table, bool) {
	path := keyPath(t.path, key)
	v, present := t.get(key)
	m, ok := v.(map[string]any)
	if present && !ok {
		t.shapeError(key, "a table", name, v)
	}
	return t.d.newTable(path, name, m, allowed), ok
}

// tables returns readers for the array of tables at key, and whether there
// is one.
func (t *table) tables(key, name string, allowed []string) ([]*table, bool) {
	v, present := t.get(key)
	if !present {
		return nil, false
	}
	ms, ok := tableArray(v)
	if !ok {
		t.shapeError(key, "an array of tables", name, v)
		return nil, false
	}
	path := keyPath(t.path, key)
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = t.d.newTable(elemPath(path, i), name, m, allowed)
	}
	return out, true
}

// tableArray returns v as a list of tables, if it is an array of tables
// written either as [[headers]] or inline.
func tableArray(v any) ([]map[string]any, bool) {
	switch a := v.(type) {
	case []map[string]any:
		return a, true
	case []any:
		out := make([]map[string]any, len(a))
		for i, e := range a {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, false
			}
			out[i] = m
		}
		return out, true
	}
	return nil, false
}
