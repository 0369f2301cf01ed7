package document

// labelSets are the built-in labels, by a language's primary subtag: the
// words a teacher of that language writes on a worksheet and a test, as
// classrooms use them (German tests number their "Aufgabe"s and have a
// "Wortspeicher", Italian ones come in "Fila A" and "Fila B", Polish ones
// end with a "Klucz odpowiedzi"). Each set has every label; the marks'
// forms are those the language's plural rule uses (see Plural).
//
// French sets a no-break space (U+00A0) before a colon, as French
// typography does.
var labelSets = map[string]*Labels{
	"en": {
		Notes: "Notes:", Task: "Task",
		Name: "Name", Class: "Class", Date: "Date",
		Marks: Plural{One: "mark", Other: "marks"},
		Total: "Total", Question: "Question", MarksRow: "Marks", Score: "Score",
		AnswerKey: "Answer key", Answers: "(answers)", WordBank: "Word bank", Version: "Version",
		Page:   "Page {page} of {pages}",
		Causes: "Causes", Course: "Course", Effects: "Effects",
		Blank: "blank", Correct: "correct answer",
		Colon: ": ",
	},
	"fr": {
		Notes: "Notes\u00a0:", Task: "Consigne",
		Name: "Nom", Class: "Classe", Date: "Date",
		Marks: Plural{One: "point", Other: "points"}, // "0 point", "1 point", "2 points"
		Total: "Total", Question: "Question", MarksRow: "Barème", Score: "Note",
		AnswerKey: "Corrigé", Answers: "(corrigé)", WordBank: "Banque de mots", Version: "Sujet",
		Page:   "Page {page} sur {pages}",
		Causes: "Causes", Course: "Déroulement", Effects: "Conséquences",
		Blank: "blanc", Correct: "bonne réponse",
		Colon: "\u00a0: ",
	},
	"de": {
		Notes: "Notizen:", Task: "Aufgabe",
		Name: "Name", Class: "Klasse", Date: "Datum",
		Marks: Plural{One: "Punkt", Other: "Punkte"},
		Total: "Gesamt", Question: "Aufgabe", MarksRow: "Punkte", Score: "Erreicht",
		AnswerKey: "Lösungen", Answers: "(Lösungen)", WordBank: "Wortspeicher", Version: "Gruppe",
		Page:   "Seite {page} von {pages}",
		Causes: "Ursachen", Course: "Verlauf", Effects: "Folgen",
		Blank: "Lücke", Correct: "richtige Antwort",
		Colon: ": ",
	},
	"es": {
		Notes: "Notas:", Task: "Actividad",
		Name: "Nombre", Class: "Curso", Date: "Fecha",
		Marks: Plural{One: "punto", Other: "puntos"},
		Total: "Total", Question: "Pregunta", MarksRow: "Puntuación", Score: "Nota",
		AnswerKey: "Soluciones", Answers: "(soluciones)", WordBank: "Banco de palabras", Version: "Modelo",
		Page:   "Página {page} de {pages}",
		Causes: "Causas", Course: "Desarrollo", Effects: "Consecuencias",
		Blank: "espacio en blanco", Correct: "respuesta correcta",
		Colon: ": ",
	},
	"it": {
		Notes: "Appunti:", Task: "Attività",
		Name: "Nome", Class: "Classe", Date: "Data",
		Marks: Plural{One: "punto", Other: "punti"},
		Total: "Totale", Question: "Domanda", MarksRow: "Punteggio", Score: "Punti ottenuti",
		AnswerKey: "Soluzioni", Answers: "(soluzioni)", WordBank: "Parole da inserire", Version: "Fila",
		Page:   "Pagina {page} di {pages}",
		Causes: "Cause", Course: "Svolgimento", Effects: "Conseguenze",
		Blank: "spazio vuoto", Correct: "risposta corretta",
		Colon: ": ",
	},
	"pt": {
		Notes: "Notas:", Task: "Tarefa",
		Name: "Nome", Class: "Turma", Date: "Data",
		Marks: Plural{One: "ponto", Other: "pontos"}, // pt: "0 ponto"; pt-PT: "0 pontos"
		Total: "Total", Question: "Questão", MarksRow: "Pontuação", Score: "Nota",
		AnswerKey: "Respostas", Answers: "(respostas)", WordBank: "Banco de palavras", Version: "Versão",
		Page:   "Página {page} de {pages}",
		Causes: "Causas", Course: "Desenvolvimento", Effects: "Consequências",
		Blank: "espaço em branco", Correct: "resposta correta",
		Colon: ": ",
	},
	"nl": {
		Notes: "Aantekeningen:", Task: "Opdracht",
		Name: "Naam", Class: "Klas", Date: "Datum",
		Marks: Plural{One: "punt", Other: "punten"},
		Total: "Totaal", Question: "Vraag", MarksRow: "Punten", Score: "Behaald",
		AnswerKey: "Antwoorden", Answers: "(antwoorden)", WordBank: "Woordenbank", Version: "Versie",
		Page:   "Pagina {page} van {pages}",
		Causes: "Oorzaken", Course: "Verloop", Effects: "Gevolgen",
		Blank: "open plek", Correct: "juist antwoord",
		Colon: ": ",
	},
	"pl": {
		Notes: "Notatki:", Task: "Zadanie",
		Name: "Imię i nazwisko", Class: "Klasa", Date: "Data",
		// "1 punkt", "2 punkty", "5 punktów", "22 punkty"; Other is for
		// fractions, which marks never are.
		Marks: Plural{One: "punkt", Few: "punkty", Many: "punktów", Other: "punktów"},
		Total: "Razem", Question: "Zadanie", MarksRow: "Punkty", Score: "Wynik",
		AnswerKey: "Klucz odpowiedzi", Answers: "(klucz odpowiedzi)", WordBank: "Bank słów", Version: "Grupa",
		Page:   "Strona {page} z {pages}",
		Causes: "Przyczyny", Course: "Przebieg", Effects: "Skutki",
		Blank: "luka", Correct: "poprawna odpowiedź",
		Colon: ": ",
	},
	"cy": {
		Notes: "Nodiadau:", Task: "Tasg",
		Name: "Enw", Class: "Dosbarth", Date: "Dyddiad",
		// A noun after a number is singular in Welsh, and softened after
		// two: "1 marc", "2 farc" (dau farc), "3 marc", "6 marc".
		Marks: Plural{Zero: "marc", One: "marc", Two: "farc", Few: "marc", Many: "marc", Other: "marc"},
		Total: "Cyfanswm", Question: "Cwestiwn", MarksRow: "Marciau", Score: "Sgôr",
		AnswerKey: "Atebion", Answers: "(atebion)", WordBank: "Banc geiriau", Version: "Fersiwn",
		Page:   "Tudalen {page} o {pages}",
		Causes: "Achosion", Course: "Datblygiad", Effects: "Effeithiau",
		Blank: "bwlch", Correct: "ateb cywir",
		Colon: ": ",
	},
}
