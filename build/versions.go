package build

import (
	"fmt"

	"handout/document"
	"handout/layout"
)

// versions returns how many versions of d's question paper a build with
// opt makes, as its print settings ask ([print] versions, or
// --versions), or 0 for none: the paper itself is made instead. It makes
// no more than there are different versions of the paper (see
// layout.Versions), and none when there is only one, since versions that
// are the same paper would mislead: it then returns a warning (its File
// left for the caller) that says what was asked for and what is made.
func versions(d *document.Document, opt Options) (int, *document.Error) {
	asked := opt.Print.Over(d.Print).Versions
	if asked < document.MinVersions || len(d.Sections) == 0 {
		return 0, nil
	}
	n := min(asked, layout.Versions(d))
	if n == asked {
		return n, nil
	}
	w := &document.Error{Msg: versionsFlag(asked)}
	if opt.Print.Versions == nil {
		w.Line, w.Column = d.Print.VersionsPos.Line, d.Print.VersionsPos.Column
		w.Msg = fmt.Sprintf("versions = %d", asked)
	}
	if n < document.MinVersions {
		w.Msg += ": nothing in this worksheet is shuffled (no question has choices, no matching exercise has three pairs or more, " +
			"and shuffle_questions is off or no two questions are next to each other), so it is made once, without versions"
		return 0, w
	}
	w.Msg += fmt.Sprintf(": this paper can be shuffled in only %d different ways, so only versions A to %s are made", n, versionLetter(n))
	return n, w
}
