package document

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"handout/fonts"
)

// This file reads [fonts]: the TrueType files the worksheet's text is set
// in, in place of the built-in font that [style] font chooses, and the
// fallbacks for the characters the main fonts lack.

// Fonts holds the [fonts] table. A style without a file of its own is set
// in another's (see Chain); with no Regular, the main fonts are the
// built-in ones that [style] font chooses.
type Fonts struct {
	Regular, Bold, Italic, BoldItalic *FontFile // nil when not given
	// Fallback are the fonts for the characters the main font lacks, in
	// order: each character is drawn in the first that has it.
	Fallback []*FontFile
}

// FontFile is a font that [fonts] names: a TrueType file, or, among the
// fallbacks, a built-in family ("sans" or "serif").
type FontFile struct {
	// Path is the file's path relative to the content file's folder,
	// with forward slashes, cleaned, as for images; "" for a built-in
	// family.
	Path string
	// Builtin is the built-in family, when Path is "".
	Builtin fonts.Family
	Pos     Pos // where the file is named, for errors about it
	// Font is the font, once the build has read it (see build.LoadFonts);
	// nil before, and always for a built-in family.
	Font *fonts.Font
}

// String returns how messages name the font: its path, or "sans" or
// "serif".
func (f *FontFile) String() string {
	if f.Path == "" {
		return f.Builtin.String()
	}
	return f.Path
}

// MaxFallbacks is the most fonts [fonts] fallback may name.
const MaxFallbacks = 8

// fontStyleKeys are the keys of [fonts] that name a main font, in the
// order of fonts.Style.
var fontStyleKeys = []string{"regular", "bold", "italic", "bold_italic"}

// fonts reads [fonts]; present says whether the file has one. style is
// the [style] table, read before: [fonts] regular and [style] font both
// say what the text is set in, and may not both be given.
func (d *decoder) fonts(t *table, present bool, style *table) *Fonts {
	if !present {
		t.finish()
		return nil
	}
	f := &Fonts{}
	for i, key := range fontStyleKeys {
		if s, ok := t.rawString(key); ok {
			*f.main(fonts.Style(i)) = t.fontPath(key, keyPath(t.path, key), s, t.keyPos(key), false)
		}
	}
	if f.Regular == nil && !t.has("regular") {
		for _, key := range fontStyleKeys[1:] {
			if t.has(key) {
				t.errorf(key, "[fonts] %s needs regular too: the regular font is the main one, for the text that is neither bold nor italic; add regular = \"fonts/…-Regular.ttf\"", key)
				break
			}
		}
	}
	if t.has("regular") && style.has("font") {
		style.errorf("font", "[style] font and [fonts] regular both say which font the text is set in: leave out [style] font, which chooses between the built-in fonts")
	}
	f.Fallback = t.fallbacks()
	t.finish()
	return f
}

// main returns where the main font of style st is held.
func (f *Fonts) main(st fonts.Style) **FontFile {
	switch st {
	case fonts.Bold:
		return &f.Bold
	case fonts.Italic:
		return &f.Italic
	case fonts.BoldItalic:
		return &f.BoldItalic
	}
	return &f.Regular
}

// fallbacks reads [fonts] fallback, an array of font files or built-in
// families.
func (t *table) fallbacks() []*FontFile {
	arr, _, ok := t.array("fallback", "an array of strings")
	if !ok {
		return nil
	}
	path := keyPath(t.path, "fallback")
	var out []*FontFile
	for i, e := range arr {
		ep := elemPath(path, i)
		at := t.elemPos(ep, "fallback")
		if i == MaxFallbacks {
			t.d.errorf(at, "too many fallback fonts: this is font %d of %d, and [fonts] fallback may name at most %d", i+1, len(arr), MaxFallbacks)
			break
		}
		s, ok := e.(string)
		if !ok {
			t.d.errorf(at, "item %d of \"fallback\" must be a string, not %s", i+1, typeName(e))
			continue
		}
		if n, long := tooLong(s, MaxTextChars); long {
			t.d.errorf(at, "%s", textLimitMessage(fmt.Sprintf("item %d of \"fallback\"", i+1), n))
			continue
		}
		if file := t.fontPath("fallback", ep, s, at, true); file != nil {
			out = append(out, file)
		}
	}
	return out
}

// fontPath reads s, key's value or an item of it, at the index path vpath
// and written at at, as a font file. Among the fallbacks, "sans" and
// "serif" name the built-in families. It returns nil after an error.
func (t *table) fontPath(key, vpath, s string, at Pos, fallback bool) *FontFile {
	for i, name := range fontNames {
		if !strings.EqualFold(strings.TrimSpace(s), name) {
			continue
		}
		if !fallback {
			t.d.errorf(at, "%s = %q names a built-in font, which [style] font chooses: [fonts] %s names a TrueType file, such as %q", key, s, key, fontPaths.example)
			return nil
		}
		return &FontFile{Builtin: fontFamilies[i], Pos: at}
	}
	if t.d.windowsPathAt(vpath, key, s, at, fontPaths) {
		return nil
	}
	if why := localPath(s, fontPaths); why != "" {
		t.d.errorf(at, "font %q %s", s, why)
		return nil
	}
	return &FontFile{Path: path.Clean(s), Pos: at}
}

// A pathKind is what a path names, for the messages about it.
type pathKind struct {
	noun    string // "image"
	thing   string // "the picture"
	folder  string // the usual folder for such files, "images"
	example string // a path such as "images/trotsky.jpg"
}

var (
	imagePaths = pathKind{noun: "image", thing: "the picture", folder: "images", example: "images/trotsky.jpg"}
	fontPaths  = pathKind{noun: "font", thing: "the font file", folder: "fonts", example: "fonts/Lexend-Regular.ttf"}
)

// localPath returns why s cannot be the path of a file of kind k, relative
// to the content file's folder, written with forward slashes, and not
// leading out of that folder; "" if it can.
func localPath(s string, k pathKind) string {
	switch {
	case strings.TrimSpace(s) == "":
		return fmt.Sprintf("must not be empty: give the %s file's path relative to this file, such as %q", k.noun, k.example)
	case strings.Contains(s, "\\"):
		return "must use forward slashes (/) between folders"
	case path.IsAbs(s) || filepath.IsAbs(s) || filepath.VolumeName(s) != "" || driveLetter(s):
		return fmt.Sprintf("is absolute: give it relative to this file's folder, such as %q", k.example)
	case !filepath.IsLocal(filepath.FromSlash(s)):
		return fmt.Sprintf("leads out of this file's folder: %s must be in the folder of its content file or a folder inside it", withArticle(k.noun))
	}
	return ""
}

// Chain returns the fonts text of style st is set in: its main font, then
// the fallbacks, for a document whose [style] font is family and whose
// [fonts] table is f (nil without one). The main font is the style's file,
// or else, for bold italic, the bold file, then the italic one, and for
// every style the regular file; with no regular file, the built-in face of
// family in style st. A built-in fallback is its face in style st. It is
// an error to call Chain before the build has read the font files (see
// build.LoadFonts).
func (f *Fonts) Chain(family fonts.Family, st fonts.Style) (fonts.Chain, error) {
	var c fonts.Chain
	if f == nil || f.Regular == nil {
		font, err := fonts.Face{Family: family, Style: st}.Font()
		if err != nil {
			return nil, err
		}
		c = append(c, font)
	} else {
		main := f.mainFile(st)
		if main.Font == nil {
			return nil, fmt.Errorf("font %q has not been read", main.Path)
		}
		c = append(c, main.Font)
	}
	if f == nil {
		return c, nil
	}
	for _, fb := range f.Fallback {
		font := fb.Font
		if fb.Path == "" {
			var err error
			if font, err = (fonts.Face{Family: fb.Builtin, Style: st}).Font(); err != nil {
				return nil, err
			}
		}
		if font == nil {
			return nil, fmt.Errorf("font %q has not been read", fb.Path)
		}
		c = append(c, font)
	}
	return c, nil
}

// mainFile returns the file of the main font of style st: see Chain. f
// has a regular font.
func (f *Fonts) mainFile(st fonts.Style) *FontFile {
	var order []*FontFile
	switch st {
	case fonts.Bold:
		order = []*FontFile{f.Bold}
	case fonts.Italic:
		order = []*FontFile{f.Italic}
	case fonts.BoldItalic:
		order = []*FontFile{f.BoldItalic, f.Bold, f.Italic}
	}
	for _, file := range order {
		if file != nil {
			return file
		}
	}
	return f.Regular
}

// Files returns the font files f names, main fonts first, then the
// fallbacks, in order, without the built-in families: those the build
// reads. f may be nil.
func (f *Fonts) Files() []*FontFile {
	if f == nil {
		return nil
	}
	var out []*FontFile
	for _, file := range []*FontFile{f.Regular, f.Bold, f.Italic, f.BoldItalic} {
		if file != nil {
			out = append(out, file)
		}
	}
	for _, file := range f.Fallback {
		if file.Path != "" {
			out = append(out, file)
		}
	}
	return out
}
