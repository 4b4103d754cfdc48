package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// personTemplate is the readable copy of a person's data: a page of its
// own, without the agents' layout, to hand to the person.
var personTemplate = template.Must(template.New("person_export.html").ParseFS(templateFS, "templates/person_export.html"))

// personView is what the readable copy shows.
type personView struct {
	*locale
	Lang   string
	Record *resonanz.PersonRecord
}

// handleExportPerson hands a lead or admin everything held on a person, as
// JSON or as a readable page; the store logs the export.
func (s *Server) handleExportPerson(w http.ResponseWriter, r *http.Request) {
	id, err := s.contactID(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	format := r.PostFormValue("format")
	if format != "json" && format != "html" {
		s.pageError(w, r, resonanz.FieldError("format", "Choose JSON or HTML.").Keyed("privacy.format"))
		return
	}
	rec, err := s.Privacy.ExportPerson(r.Context(), id, userFrom(r.Context()))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if format == "json" {
		err = WritePersonJSON(&buf, rec)
	} else {
		err = writePersonHTML(&buf, rec, s.locale(r))
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	name := fmt.Sprintf("person-%d.%s", id, format)
	w.Header().Set("Content-Type", map[string]string{"json": "application/json", "html": "text/html; charset=utf-8"}[format])
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Write(buf.Bytes())
}

// handleErasePerson erases a person's data once an admin has confirmed it.
func (s *Server) handleErasePerson(w http.ResponseWriter, r *http.Request) {
	s.changeContact(w, r, func(id int64) error {
		if r.PostFormValue("confirm") != "erase" {
			return resonanz.FieldError("confirm", "Tick the box to confirm that this person's data is to be erased.").Keyed("privacy.erase.confirm")
		}
		erasure, err := s.Privacy.ErasePerson(r.Context(), id, userFrom(r.Context()))
		if err == nil && s.Files != nil {
			err = s.Files.Remove(erasure.Files)
		}
		return err
	})
}

// WritePersonJSON writes a person's data as indented JSON.
func WritePersonJSON(w io.Writer, rec *resonanz.PersonRecord) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rec)
}

// WritePersonHTML writes a person's data as a readable page in lang ("de"
// or "en"), times in UTC: the copy the command line hands out.
func WritePersonHTML(w io.Writer, rec *resonanz.PersonRecord, lang string) error {
	texts, err := loadCatalogue(localeFS)
	if err != nil {
		return err
	}
	if texts[lang] == nil {
		lang = defaultLanguage
	}
	return writePersonHTML(w, rec, &locale{lang: lang, texts: texts[lang], zone: time.UTC, logger: slog.New(slog.DiscardHandler)})
}

func writePersonHTML(w io.Writer, rec *resonanz.PersonRecord, loc *locale) error {
	return personTemplate.Execute(w, personView{locale: loc, Lang: loc.lang, Record: rec})
}

// Cell writes one stored value for people: times in the reader's zone,
// nothing for NULL.
func (l *locale) Cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case time.Time:
		return l.Time(v)
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return fmt.Sprint(v)
	}
}
