package document

// summary reads [summary]. The title defaults to the worksheet's, w's,
// and the name line to its fields when it gives some, else the labels'.
func (d *decoder) summary(t *table, w Worksheet) *Summary {
	s := &Summary{Title: w.Title}
	if t.has("title") {
		s.Title = t.required("title")
	}
	s.Paper = t.paper(2, true)
	fields := w.NameLine
	if fields == nil {
		fields = d.words.nameFields()
	}
	s.NameLine = fields
	if f, ok := t.nameLine("name_line", fields); ok {
		s.NameLine = f
	}
	panels, ok := t.tables("panel", "[[summary.panel]]", panelKeys)
	switch {
	case !ok && !t.has("panel"):
		s.Panels = defaultPanels(d.words)
	case ok && len(panels) == 0:
		t.errorf("panel", "[summary] has no panels: give 1 to %d, or leave out \"panel\" for Causes, Course and Effects", MaxPanels)
	case len(panels) > MaxPanels:
		d.errorf(panels[MaxPanels].pos(), "too many panels: a summary has at most %d", MaxPanels)
	}
	for _, p := range panels {
		s.Panels = append(s.Panels, d.panel(p))
	}
	t.finish()
	return s
}

// defaultPanels returns the panels of a summary that gives none: the
// labels' Causes, Course and Effects.
func defaultPanels(l *Labels) []Panel {
	return []Panel{{Heading: Plain(l.Causes)}, {Heading: Plain(l.Course)}, {Heading: Plain(l.Effects)}}
}

// panel reads one [[summary.panel]].
func (d *decoder) panel(t *table) Panel {
	p := Panel{}
	p.Heading = t.required("heading")
	p.Prompt, _ = t.text("prompt")
	p.Ruling = t.ruling()
	t.finish()
	return p
}
