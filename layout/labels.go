package layout

import "strconv"

// labels are the words handout prints by itself, on a worksheet, a
// question paper and its answer key, kept in one place so that they can
// become a label set for the worksheet's language. (The document gives a
// few more: a task's label, "Task", and the summary's default panels.)
type labels struct {
	mark, marks string   // the unit of marks, for one and for more: "[1 mark]", "[4 marks]"
	total       string   // before the total of the marks, "Total: 40 marks"; the grading table's last column
	question    string   // the grading table's row of question numbers
	marksRow    string   // its row of the questions' marks
	score       string   // its empty row for the scores
	answerKey   string   // on the first page of the answer key
	answers     string   // after the title in the answer key's PDF title: "(answers)"
	notes       string   // before a notes block's prompt: "Notes:"
	nameLine    []string // the labels of the name line: "Name", "Class", "Date"
	wordBank    string   // heading a section's word bank
}

// english is the labels in English.
var english = labels{
	mark: "mark", marks: "marks", total: "Total",
	question: "Question", marksRow: "Marks", score: "Score",
	answerKey: "Answer key", answers: "(answers)", notes: "Notes:",
	nameLine: []string{"Name", "Class", "Date"}, wordBank: "Word bank",
}

// marksOf returns n marks in words: "1 mark", "4 marks".
func (l *labels) marksOf(n int) string {
	if n == 1 {
		return "1 " + l.mark
	}
	return strconv.Itoa(n) + " " + l.marks
}

// bracketed returns the marks printed beside a question or part:
// "[1 mark]", "[4 marks]".
func (l *labels) bracketed(n int) string { return "[" + l.marksOf(n) + "]" }

// totalOf returns the line of the title block that gives the total:
// "Total: 40 marks".
func (l *labels) totalOf(n int) string { return l.total + ": " + l.marksOf(n) }
