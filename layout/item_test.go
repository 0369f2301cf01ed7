package layout

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"handout/fonts"
)

// TestTranslate checks that Translate moves every item type that this
// package declares (every type with an isItem method), bounds and all, and
// that the moved copy shares nothing that can be changed with the item:
// the flow, printing and impose all move items with it.
func TestTranslate(t *testing.T) {
	sans, err := fonts.Face{Family: fonts.Sans}.Font()
	if err != nil {
		t.Fatal(err)
	}
	items := map[string]Item{
		"Text":  Text{X: 10, Y: 20, Font: sans, Size: 11, Text: "x", Width: 6},
		"Rule":  Rule{X0: 10, Y0: 20, X1: 50, Y1: 20, Width: 0.9, Dash: []float64{0, 3.6}, Round: true},
		"Gap":   Gap{X: 10, Y: 20, W: 85, LineY: 21.8, LineWidth: 0.6, Font: sans, Size: 11, Text: "___"},
		"Box":   Box{X: 10, Y: 20, W: 30, H: 40, Fill: paint(tint), Stroke: paint(accent), LineWidth: 0.8},
		"Link":  Link{X: 10, Y: 20, W: 30, H: 12, URL: "https://example.org"},
		"Image": Image{X: 10, Y: 20, W: 30, H: 40, Ref: "a.png"},
	}
	found := itemTypes(t)
	if len(found) == 0 {
		t.Fatal("found no item types")
	}
	for _, name := range found {
		it, ok := items[name]
		if !ok {
			t.Errorf("the item type %s has no case here: add one", name)
			continue
		}
		moved := it.Translate(3, -5)
		x0, y0, x1, y1 := it.Bounds()
		mx0, my0, mx1, my1 := moved.Bounds()
		near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
		if !near(mx0, x0+3) || !near(mx1, x1+3) || !near(my0, y0-5) || !near(my1, y1-5) {
			t.Errorf("%s: bounds %v,%v-%v,%v moved by 3,-5 are %v,%v-%v,%v", name, x0, y0, x1, y1, mx0, my0, mx1, my1)
		}
		before := dumpItem(moved)
		switch v := it.(type) {
		case Rule:
			v.Dash[1] = 99
		case Box:
			v.Fill.R, v.Stroke.G = 99, 99
		}
		if after := dumpItem(moved); after != before {
			t.Errorf("%s: changing the item changed its moved copy:\n%s\nto:\n%s", name, before, after)
		}
	}
}

// itemTypes returns the names of the receivers of isItem methods in this
// package.
func itemTypes(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "isItem" && fn.Recv != nil {
				if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok {
					names = append(names, id.Name)
				}
			}
		}
	}
	return names
}
