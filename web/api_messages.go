package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/resonanz/resonanz"
)

// API limits: a request body and the number of messages in one batch.
const (
	maxBodyBytes = 16 << 20
	maxBatch     = 1000
)

// wireMessage is an incoming message as JSON; time stays a string so that a
// bad value is reported by field name.
type wireMessage struct {
	Channel    string          `json:"channel"`
	ExternalID string          `json:"external_id"`
	Author     resonanz.Author `json:"author"`
	Text       string          `json:"text"`
	Time       string          `json:"time"`
	Visibility string          `json:"visibility"`
	ReplyTo    string          `json:"reply_to"`
}

// itemResult is the outcome of one message in a batch.
type itemResult struct {
	Index  int    `json:"index"`
	Status string `json:"status"` // created, duplicate, rejected
	resonanz.IngestResult
	Error *apiError `json:"error,omitempty"`
}

// handlePostMessages accepts one message (a JSON object) or a batch (a JSON
// array). In a batch, bad items are rejected one by one and the good ones stored.
func (s *Server) handlePostMessages(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]any{"error": &apiError{Code: resonanz.EINVALID, Field: "body",
			Message: "The request body is larger than 16 MiB; send smaller batches."}})
		return
	} else if err != nil {
		s.jsonError(w, r, resonanz.FieldError("body", "The request body could not be read."))
		return
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		s.postBatch(w, r, body)
		return
	}
	m, err := decodeMessage(body, s.Now())
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	results, err := s.Messages.Ingest(r.Context(), []resonanz.IncomingMessage{m})
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	status := http.StatusCreated
	if results[0].Duplicate {
		status = http.StatusOK
	}
	writeJSON(w, status, results[0])
}

func (s *Server) postBatch(w http.ResponseWriter, r *http.Request, body []byte) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		s.jsonError(w, r, resonanz.FieldError("body", "The body is not a JSON array of messages: %s", jsonProblem(err)))
		return
	} else if len(raws) == 0 || len(raws) > maxBatch {
		s.jsonError(w, r, resonanz.FieldError("body", "A batch holds 1 to %d messages, not %d.", maxBatch, len(raws)))
		return
	}
	results, now := make([]itemResult, len(raws)), s.Now()
	var good []resonanz.IncomingMessage
	var goodIndex []int
	for i, raw := range raws {
		results[i] = itemResult{Index: i, Status: "rejected"}
		m, err := decodeMessage(raw, now)
		if err != nil {
			results[i].Error = toAPIError(err)
			continue
		}
		good, goodIndex = append(good, m), append(goodIndex, i)
	}
	if len(good) > 0 {
		stored, err := s.Messages.Ingest(r.Context(), good)
		if err != nil {
			s.jsonError(w, r, err)
			return
		}
		for j, res := range stored {
			i := goodIndex[j]
			results[i].IngestResult, results[i].Status = res, "created"
			if res.Duplicate {
				results[i].Status = "duplicate"
			}
		}
	}
	counts := map[string]int{"created": 0, "duplicate": 0, "rejected": 0}
	for _, res := range results {
		counts[res.Status]++
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results, "created": counts["created"],
		"duplicates": counts["duplicate"], "rejected": counts["rejected"]})
}

// decodeMessage parses and validates one message, naming the field at fault;
// now is the server's clock, for the times messages may carry.
func decodeMessage(raw []byte, now time.Time) (resonanz.IncomingMessage, error) {
	var m resonanz.IncomingMessage
	if !utf8.Valid(raw) {
		field := invalidUTF8Field(raw)
		if field == "" { // found by FuzzDecodeMessage: a key "" holding invalid UTF-8
			field = "body"
		}
		return m, resonanz.FieldError(field, "The value is not valid UTF-8.")
	}
	var wm wireMessage
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wm); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return m, resonanz.FieldError(typeErr.Field, "%s must be a JSON %s.", typeErr.Field, jsonKind(typeErr.Field))
		}
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			name = strings.Trim(name, `"`)
			field := name
			if field == "" { // found by FuzzDecodeMessage: {"":""} named no field
				field = "body"
			}
			return m, resonanz.FieldError(field, "Unknown field %q.", name)
		}
		return m, resonanz.FieldError("body", "The message is not valid JSON: %s", jsonProblem(err))
	} else if dec.More() {
		return m, resonanz.FieldError("body", "Send one JSON object, or an array for a batch.")
	}
	m = resonanz.IncomingMessage{Channel: wm.Channel, ExternalID: wm.ExternalID, Author: wm.Author, Text: wm.Text,
		Visibility: wm.Visibility, ReplyTo: wm.ReplyTo}
	if wm.Time != "" {
		t, err := time.Parse(time.RFC3339Nano, wm.Time)
		if err != nil {
			return m, resonanz.FieldError("time", "time must be an RFC 3339 timestamp like 2026-11-23T10:00:00Z.")
		}
		if err := resonanz.CheckMessageTime(t, now); err != nil {
			return m, err
		}
		m.Time = t
	}
	return m, m.Validate()
}

// invalidUTF8Field finds the (possibly nested) field whose value holds invalid UTF-8.
func invalidUTF8Field(raw []byte) string {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil {
		return "body"
	}
	for name, value := range fields {
		if !utf8.Valid(value) {
			if sub := invalidUTF8Field(value); sub != "body" {
				return name + "." + sub
			}
			return name
		}
	}
	return "body"
}

func jsonKind(field string) string {
	if field == "author" {
		return "object"
	}
	return "string"
}

// jsonProblem describes a JSON syntax error without echoing customer text.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return "syntax error at byte " + strconv.FormatInt(syn.Offset, 10) + "."
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "the JSON ends too early."
	}
	return "it could not be decoded."
}
