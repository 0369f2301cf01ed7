package pdfua

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A mark is an open marked-content sequence.
type mark struct {
	tag    string
	mcid   int  // -1 if it has none
	pos    int  // the offset of its BMC or BDC
	inText bool // opened inside BT ... ET
}

// A walker reads one content stream, following the form XObjects it
// draws.
type walker struct {
	c       *checker
	st      *stream
	res     types.Dict
	marks   []mark // open sequences; the first base came with the Do that drew a form
	base    int
	drawing []int // the form XObjects it is drawn in, outermost first
	inText  bool  // between BT and ET
	inPath  bool  // a path is being built but not yet painted
	font    *fontInfo
	loose   []string
	nLoose  int
}

// Operators that paint content (ISO 32000-1 tables 59, 77, 107, 87, 92):
// text, paths, shadings, images. Form XObjects are followed instead.
var painting = map[string]string{
	"Tj": "text", "TJ": "text", "'": "text", `"`: "text",
	"S": "path", "s": "path", "f": "path", "F": "path", "f*": "path",
	"B": "path", "B*": "path", "b": "path", "b*": "path",
	"sh": "shading", "BI": "inline image",
}

// Path construction operators (ISO 32000-1 table 59).
var building = map[string]bool{"m": true, "l": true, "c": true, "v": true, "y": true, "h": true, "re": true}

// walk reads content, a stream of st drawn with resources res inside the
// open sequences marks and inside the form XObjects drawing (by object
// number), and reports what is wrong with its marked content.
func (c *checker) walk(st *stream, res types.Dict, content string, marks []mark, drawing []int) {
	w := &walker{c: c, st: st, res: res, marks: marks, base: len(marks), drawing: drawing}
	if err := scan(content, w.op); err != nil {
		c.report(ruleMarkedContent, st.page.num, st.what, "the content cannot be read: %v", err)
		return
	}
	if open := w.marks[w.base:]; len(open) > 0 {
		c.report(ruleMarkedContent, st.page.num, st.what, "%s not closed by EMC at the end, the first %s", count(len(open), "marked-content sequence is", "marked-content sequences are"), open[0])
	}
	if w.nLoose > 0 {
		more := ""
		if w.nLoose > len(w.loose) {
			more = fmt.Sprintf(", and %d more", w.nLoose-len(w.loose))
		}
		c.report(ruleContentTagged, st.page.num, st.what, "%s neither tagged (inside marked content with an MCID) nor an Artifact: %s%s",
			count(w.nLoose, "piece of content is", "pieces of content are"), strings.Join(w.loose, ", "), more)
	}
}

// count returns "1 thing is" or "3 things are".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// String describes m for messages, such as "/P <</MCID 3>> at byte 120".
func (m mark) String() string {
	if m.mcid >= 0 {
		return fmt.Sprintf("/%s <</MCID %d>> at byte %d", m.tag, m.mcid, m.pos)
	}
	return fmt.Sprintf("/%s at byte %d", m.tag, m.pos)
}

// op takes one operator.
func (w *walker) op(o op) error {
	switch {
	case o.name == "BT":
		w.inText = true
	case o.name == "ET":
		for _, m := range w.marks[w.base:] {
			if m.inText {
				w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the sequence %s, begun inside a text object, is still open at its ET (byte %d): BMC/BDC ... EMC and BT ... ET must nest", m, o.pos)
				break
			}
		}
		w.inText = false
	case o.name == "BMC" || o.name == "BDC":
		w.begin(o)
	case o.name == "EMC":
		w.end(o)
	case o.name == "Tf":
		w.setFont(o)
	case o.name == "Do":
		w.do(o)
	case building[o.name]:
		w.inPath = true
	case o.name == "n":
		w.inPath = false
	case painting[o.name] != "":
		w.inPath = false
		w.content(o, painting[o.name])
	}
	return nil
}

// begin opens a marked-content sequence.
func (w *walker) begin(o op) {
	w.between(o)
	m := mark{mcid: -1, pos: o.pos, inText: w.inText}
	if len(o.args) > 0 {
		if n, ok := o.args[0].(types.Name); ok {
			m.tag = string(n)
		}
	}
	if o.name == "BDC" && len(o.args) > 1 {
		props := w.properties(o.args[1], o.pos)
		if n, ok := props["MCID"].(types.Integer); ok && n >= 0 {
			m.mcid = int(n)
		}
		if lang, ok := w.c.text(props, "Lang"); ok && !langTag.MatchString(lang) {
			w.c.report(ruleLang, w.st.page.num, w.st.what, "the /Lang %q of %s is not a language tag", lang, m)
		}
	}
	tagged, artifact := w.inside()
	switch {
	case m.tag == "Artifact" && tagged != nil:
		w.c.reportAs(ruleArtifactNesting, "01-003", w.st.page.num, w.st.what, "the artifact /%s at byte %d is inside the tagged sequence %s", m.tag, o.pos, tagged)
	case m.mcid >= 0 && artifact != nil:
		w.c.reportAs(ruleArtifactNesting, "01-004", w.st.page.num, w.st.what, "the tagged sequence %s is inside the artifact %s", m, artifact)
	}
	if m.mcid >= 0 {
		if at, dup := w.st.mcids[m.mcid]; dup {
			w.c.report(ruleParentTree, w.st.page.num, w.st.what, "MCID %d is used twice, at bytes %d and %d: an MCID identifies one sequence of its content stream", m.mcid, at, o.pos)
		} else {
			w.st.mcids[m.mcid] = o.pos
		}
	}
	w.marks = append(w.marks, m)
}

// properties returns a BDC's property list: the dictionary itself or the
// one it names in the resources' /Properties.
func (w *walker) properties(o types.Object, pos int) types.Dict {
	switch v := o.(type) {
	case types.Dict:
		return v
	case types.Name:
		if d := w.c.dict(w.c.dict(w.res["Properties"])[string(v)]); d != nil {
			return d
		}
		w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the BDC at byte %d names the property list /%s, which the resources' /Properties do not have", pos, v)
	}
	return nil
}

// end closes a marked-content sequence.
func (w *walker) end(o op) {
	w.between(o)
	if len(w.marks) == w.base {
		w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the EMC at byte %d closes no BMC or BDC", o.pos)
		return
	}
	m := w.marks[len(w.marks)-1]
	w.marks = w.marks[:len(w.marks)-1]
	if m.inText != w.inText {
		w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the sequence %s and its EMC (byte %d) are on either side of a BT or ET: BMC/BDC ... EMC and BT ... ET must nest", m, o.pos)
	}
}

// between reports a marked-content operator inside a path object.
func (w *walker) between(o op) {
	if w.inPath {
		w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the %s at byte %d is inside a path being built: marked-content operators go between graphics objects", o.name, o.pos)
	}
}

// inside returns the innermost open tagged sequence (with an MCID) and
// the innermost open Artifact, each nil if there is none.
func (w *walker) inside() (tagged, artifact *mark) {
	for i := len(w.marks) - 1; i >= 0; i-- {
		m := &w.marks[i]
		if m.mcid >= 0 && tagged == nil {
			tagged = m
		}
		if m.tag == "Artifact" && artifact == nil {
			artifact = m
		}
	}
	return tagged, artifact
}

// content takes one piece of content of the given kind.
func (w *walker) content(o op, kind string) {
	text := ""
	if kind == "text" && len(o.args) > 0 {
		text = w.text(o.args[len(o.args)-1])
	}
	tagged, artifact := w.inside()
	if tagged != nil || artifact != nil {
		return
	}
	w.nLoose++
	if len(w.loose) < 3 {
		if text != "" {
			kind += " " + text
		}
		w.loose = append(w.loose, fmt.Sprintf("%s (%s at byte %d)", kind, o.name, o.pos))
	}
}

// text returns the start of the text a text-showing operand shows, quoted,
// as the font's ToUnicode CMap gives it; codes it cannot give are in hex.
func (w *walker) text(o types.Object) string {
	var strs []types.Object
	if a, ok := o.(types.Array); ok {
		strs = a
	} else {
		strs = []types.Object{o}
	}
	var s strings.Builder
	for _, o := range strs {
		if b, err := hexBytes(o); err == nil {
			s.WriteString(w.font.decode(b, w.st.page.num))
		}
	}
	r := []rune(s.String())
	if len(r) > 30 {
		return fmt.Sprintf("%q...", string(r[:30]))
	}
	return fmt.Sprintf("%q", string(r))
}

// setFont takes a Tf: the font it selects is checked, and shows the text
// that follows.
func (w *walker) setFont(o op) {
	w.font = nil
	if len(o.args) < 1 {
		return
	}
	n, ok := o.args[0].(types.Name)
	if !ok {
		return
	}
	w.font = w.c.font(w.c.dict(w.res["Font"])[string(n)], string(n), w.st)
}

// do follows a Do: an image is content, a form XObject's content is read
// as if drawn here.
func (w *walker) do(o op) {
	if len(o.args) < 1 {
		return
	}
	n, _ := o.args[0].(types.Name)
	ref := w.c.dict(w.res["XObject"])[string(n)]
	sd, ok := w.c.deref(ref).(types.StreamDict)
	if !ok {
		w.c.report(ruleMarkedContent, w.st.page.num, w.st.what, "the Do at byte %d draws /%s, which the resources' /XObject do not have", o.pos, n)
		return
	}
	switch w.c.name(sd.Dict, "Subtype") {
	case "Image":
		w.content(o, "image /"+string(n))
	case "Form":
		w.form(o, ref, sd)
	}
}

// form reads the content of the form XObject sd, drawn by o.
func (w *walker) form(o op, ref types.Object, sd types.StreamDict) {
	num := objNum(ref)
	f := w.c.forms[num]
	if f == nil {
		r, _ := ref.(types.IndirectRef)
		f = &form{ref: r, d: sd.Dict}
		f.stream = stream{what: "form XObject " + refName(ref), page: w.st.page, key: w.c.intEntry(sd.Dict, "StructParents"), mcids: map[int]int{}}
		w.c.forms[num] = f
	}
	f.uses++
	tagged, _ := w.inside()
	f.inTag = f.inTag || tagged != nil
	if sd.Dict["Ref"] != nil {
		w.c.reportAs(ruleXObject, "30-001", w.st.page.num, f.stream.what, "is a reference XObject (it has /Ref)")
	}
	switch {
	case slices.Contains(w.drawing, num):
		w.c.report(ruleXObject, w.st.page.num, f.stream.what, "draws itself, directly or through other forms")
		return
	case len(w.drawing) >= maxDepth:
		w.c.report(ruleXObject, w.st.page.num, f.stream.what, "form XObjects are drawn inside each other more than %d deep", maxDepth)
		return
	case w.c.formWalks >= maxFormWalks:
		if w.c.formWalks == maxFormWalks {
			w.c.report(ruleXObject, w.st.page.num, f.stream.what, "more than %d form XObjects are drawn; the checker reads no more of them", maxFormWalks)
		}
		w.c.formWalks++
		return
	}
	w.c.formWalks++
	if err := decode(&sd); err != nil {
		w.c.report(ruleMarkedContent, w.st.page.num, f.stream.what, "the content cannot be decoded: %v", err)
		return
	}
	res := w.c.dict(sd.Dict["Resources"])
	if res == nil {
		res = w.res
	}
	st := &f.stream
	if f.walked {
		// Its MCIDs are recorded already; read it again only for its
		// content, in this place's open sequences.
		st = &stream{what: f.stream.what, page: w.st.page, mcids: map[int]int{}}
	}
	f.walked = true
	w.c.walk(st, res, string(sd.Content), append([]mark(nil), w.marks...), append(slices.Clone(w.drawing), num))
}
