package document

// summary reads [summary]. The title defaults to the worksheet's.
func (d *decoder) summary(t *table, title Inline) *Summary {
	s := &Summary{Title: title, NameLine: true}
	if t.has("title") {
		s.Title = t.required("title")
	}
	s.Paper = t.paper(2, true)
	if b, ok := t.boolean("name_line"); ok {
		s.NameLine = b
	}
	panels, ok := t.tables("panel", "[[summary.panel]]", panelKeys)
	switch {
	case !ok && !t.has("panel"):
		s.Panels = defaultPanels()
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

// defaultPanels returns the panels of a summary that gives none.
func defaultPanels() []Panel {
	return []Panel{{Heading: Plain("Causes")}, {Heading: Plain("Course")}, {Heading: Plain("Effects")}}
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
