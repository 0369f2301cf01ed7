package impose

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handout/layout"
)

// TestEveryItemType finds every item type that package layout declares
// (every type with an isItem method) and checks that move knows it, so
// that a new item type cannot be dropped or left in place unnoticed.
func TestEveryItemType(t *testing.T) {
	known := map[string]layout.Item{
		"Text": layout.Text{}, "Rule": layout.Rule{}, "Box": layout.Box{},
		"Link": layout.Link{}, "Image": layout.Image{},
	}
	found := itemTypes(t, filepath.Join("..", "layout"))
	if len(found) == 0 {
		t.Fatal("found no item types in ../layout")
	}
	for _, name := range found {
		it, ok := known[name]
		if !ok {
			t.Errorf("layout has the item type %s, which impose does not know: add it to move, and here", name)
			continue
		}
		if _, ok := move(it, 1); !ok {
			t.Errorf("move does not move a %s", name)
		}
	}
}

// itemTypes returns the names of the receivers of isItem methods in the
// package in dir.
func itemTypes(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Name.Name == "isItem" && fn.Recv != nil {
				names = append(names, receiver(fn.Recv.List[0].Type))
			}
		}
	}
	return names
}

// receiver returns the type name of a receiver, T or *T.
func receiver(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		return "*" + receiver(s.X)
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "?"
}
