package store

import (
	"database/sql"
	"encoding/json"
	"strconv"
	"time"

	"github.com/resonanz/resonanz"
)

// paramsText writes the params of a stored event as a JSON object; none is "".
func paramsText(p resonanz.Params) string {
	if len(p) == 0 {
		return ""
	}
	b, _ := json.Marshal(p) // a map of strings always marshals
	return string(b)
}

// paramsColumn scans a params column; "" (rows from before params) is nil.
type paramsColumn resonanz.Params

func (p *paramsColumn) Scan(v any) error {
	var s sql.NullString
	if err := s.Scan(v); err != nil || s.String == "" {
		*p = nil
		return err
	}
	return json.Unmarshal([]byte(s.String), (*map[string]string)(p))
}

// timeParam writes a moment for params: RFC 3339 in UTC.
func timeParam(ms int64) string { return fromMillis(ms).UTC().Format(time.RFC3339) }

// centsParam writes an amount in cents for params.
func centsParam(cents int64) string { return strconv.FormatInt(cents, 10) }
