package layout

// The words handout prints of its own, in English, in one place, so that
// they can be translated. (The document gives a few more: a task's label,
// "Task", and the summary's default panels.)
var (
	wordNotes     = "Notes:" // before a notes block's prompt
	wordsNameLine = []string{"Name", "Class", "Date"}
	wordAnswers   = "(answers)" // after the title, in the answer key's PDF title
	wordWordBank  = "Word bank" // heading a section's word bank
)
